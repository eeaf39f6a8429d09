import type http from 'node:http';
import type { RequestHandler } from '../http';
import type { Duplex } from 'node:stream';
import { requestTarget, type RequestTarget } from './request-target';

/**
 * The callback listener's router (docs/architecture.md §3). Routes are added by the pipeline modules;
 * this file only dispatches and keeps unknown paths a clear 404 (never a crash).
 */
export type RouteHandler = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: RequestTarget,
) => void | Promise<void>;

export type UpgradeHandler = (
  req: http.IncomingMessage,
  socket: Duplex,
  head: Buffer,
  url: RequestTarget,
) => void | Promise<void>;

export interface CallbackRoute {
  /** Matches the pathname; returns false when the route does not apply. */
  match(pathname: string): boolean;
  handle: RouteHandler;
  /** An HTTP upgrade (WebSocket) on a matching path; routes without one refuse upgrades. */
  upgrade?: UpgradeHandler;
}

export function createCallbackRouter(routes: CallbackRoute[]): RequestHandler {
  return (req, res) => {
    const url = requestTarget(req.url ?? '/');
    if (!url) {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('bad request line');
      return;
    }
    const route = routes.find((r) => r.match(url.pathname));
    if (!route) {
      if (url.pathname === '/' || url.pathname === '/health') {
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('MPDesk callback listener\n');
        return;
      }
      res
        .writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
        .end(`no route for ${url.pathname}\n`);
      return;
    }
    // Called directly, not from a microtask: a hop per request cost two promises and a closure.
    // A throw or a rejection reaches the listener's guard (http-listener.ts): a 500 for this
    // request, never the process.
    return route.handle(req, res, url);
  };
}

/**
 * The listener's `upgrade` requests (WebSocket handshakes): the first matching route that takes
 * upgrades answers; otherwise the socket gets a plain 404 and is closed. Never a crash.
 */
export function createUpgradeRouter(
  routes: CallbackRoute[],
): (req: http.IncomingMessage, socket: Duplex, head: Buffer) => void {
  return (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    const url = requestTarget(req.url ?? '/');
    const route = url ? routes.find((r) => r.upgrade && r.match(url.pathname)) : undefined;
    if (!url || !route?.upgrade) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const refuse = (e: unknown) => {
      console.error('[callback] upgrade failed', e);
      socket.destroy();
    };
    try {
      void Promise.resolve(route.upgrade(req, socket, head, url)).catch(refuse);
    } catch (e) {
      refuse(e);
    }
  };
}
