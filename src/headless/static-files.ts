import fs from 'node:fs';
import path from 'node:path';
import type http from 'node:http';
import { APP_CSP } from '../shared/app-csp';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** The path's percent-escapes decoded, or undefined when they are malformed or decode to a NUL. */
function decodedPath(pathname: string): string | undefined {
  let p: string;
  try {
    p = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  return p.includes('\0') ? undefined : p;
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * Serves the built renderer; unknown paths get index.html so hash routes survive a reload. A path
 * whose escapes are malformed (`/%ff`, `/%`) is a 400: a browser never sends one, and
 * decodeURIComponent throws on it.
 */
export function serveStatic(root: string, pathname: string, res: http.ServerResponse): void {
  const decoded = decodedPath(pathname);
  if (decoded === undefined) {
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('malformed path\n');
    return;
  }
  const rel = decoded.replace(/^\/+/, '') || 'index.html';
  let file = path.resolve(root, rel);
  if (!file.startsWith(path.resolve(root) + path.sep)) {
    res.writeHead(403).end();
    return;
  }
  if (!isFile(file)) file = path.join(root, 'index.html');
  if (!fs.existsSync(file)) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`The console UI is not built (${root} is missing). Run "npm run build" first.\n`);
    return;
  }
  const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
  const immutable = file.includes(`${path.sep}assets${path.sep}`);
  res.writeHead(200, {
    'content-type': type,
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    // The Electron window's policy too: nothing loads from outside the app.
    'content-security-policy': APP_CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  // A file that vanished or cannot be read after the check ends this response, not the process.
  fs.createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}
