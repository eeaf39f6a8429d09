import type * as NgrokModule from '@ngrok/ngrok';
import { TunnelFailure } from './tunnel-port';

/**
 * The small slice of @ngrok/ngrok that MPDesk uses, behind an interface so tests can put a fake
 * session in its place (test/fakes/fake-ngrok.ts). Only the failure path of the real library can be
 * exercised on our offline machines (docs/architecture.md §9).
 */
export interface NgrokConnectOptions {
  authtoken: string;
  /** ngrok's agent connect address; undefined = the global default. */
  serverAddr?: string;
  clientVersion: string;
  /** Called when an established session loses its connection to ngrok. */
  onDisconnect(error: string): void;
}

export interface NgrokListenOptions {
  /** A reserved/static domain, or undefined for a random URL. */
  domain?: string;
  /** Local URL to forward to, e.g. `http://127.0.0.1:17391`. */
  forwardTo: string;
}

export interface NgrokListener {
  url(): string | null;
  close(): Promise<void>;
}

export interface NgrokSession {
  listen(opts: NgrokListenOptions): Promise<NgrokListener>;
  close(): Promise<void>;
}

export interface NgrokSessionFactory {
  connect(opts: NgrokConnectOptions): Promise<NgrokSession>;
}

/** The real thing. The native module loads on first use, so core starts without it. */
export const realNgrok: NgrokSessionFactory = {
  async connect(opts) {
    let ngrok: typeof NgrokModule;
    try {
      ngrok = await import('@ngrok/ngrok');
    } catch (e) {
      // No prebuilt binary for this platform, or it was left out of the package.
      throw new TunnelFailure('ngrok_unavailable', (e as Error).message);
    }
    let established = false;
    const builder = new ngrok.SessionBuilder()
      .authtoken(opts.authtoken)
      .clientInfo('mpdesk', opts.clientVersion)
      .handleDisconnection((_addr, error) => {
        if (established) opts.onDisconnect(error);
        // true lets the library keep its own retry loop until we close the session; false would
        // make it throw an uncaught error and take the process down.
        return true;
      });
    if (opts.serverAddr) builder.serverAddr(opts.serverAddr);
    const session = await builder.connect();
    established = true;
    return {
      async listen({ domain, forwardTo }) {
        const endpoint = session.httpEndpoint();
        if (domain) endpoint.domain(domain);
        const listener = await endpoint.listenAndForward(forwardTo);
        return { url: () => listener.url(), close: () => listener.close() };
      },
      close: () => session.close(),
    };
  },
};
