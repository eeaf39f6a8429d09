import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The baseline the callback benches divide by: bare node:http answering a fixed `success`, reading
 * the body to its end but neither parsing, checking nor storing anything.
 */
export async function bareServer(): Promise<{ url: string; served(): number; close(): Promise<void> }> {
  const body = Buffer.from('success');
  let served = 0;
  const server = http.createServer({ keepAliveTimeout: 5000 }, (req, res) => {
    served++;
    req.resume();
    req.on('end', () =>
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': body.length }).end(body),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    served: () => served,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
