import net from 'node:net';

/**
 * One HTTP response as it came off the socket; `status` 0 when the server closed without one, -1
 * when it neither answered nor closed in time.
 */
export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * An HTTP/1.1 client over one keep-alive socket that sends request bytes exactly as given (fetch and
 * undici normalise URLs, so `/%ff` or a bare `%` never reaches a server through them). Requests go one
 * at a time; a server that closes the connection gets a fresh one for the next request.
 */
export class RawHttp {
  private socket?: net.Socket;
  private buf = Buffer.alloc(0);
  private wake?: () => void;
  private closed = true;

  constructor(
    private readonly port: number,
    private readonly host = '127.0.0.1',
    /** A server that neither answers nor closes within this gets status -1 and a closed socket. */
    private readonly timeoutMs = 10_000,
  ) {}

  /** `head` is everything up to the blank line, without it (request line and headers, CRLF-joined). */
  async send(head: string | Buffer, body: Buffer | string = ''): Promise<RawResponse> {
    if (this.closed) await this.connect();
    const b = typeof body === 'string' ? Buffer.from(body) : body;
    const h = Buffer.from(head);
    this.socket!.write(Buffer.concat([h, Buffer.from('\r\n\r\n'), b]));
    return this.read(h.subarray(0, 5).toString('latin1') === 'HEAD ');
  }

  /** A request with the usual headers; `target` goes on the request line untouched. */
  request(
    method: string,
    target: string,
    opts: { host?: string; headers?: Record<string, string>; body?: Buffer | string } = {},
  ): Promise<RawResponse> {
    const body = opts.body === undefined ? undefined : Buffer.from(opts.body);
    const lines = [`${method} ${target} HTTP/1.1`, `Host: ${opts.host ?? `${this.host}:${this.port}`}`];
    for (const [k, v] of Object.entries(opts.headers ?? {})) lines.push(`${k}: ${v}`);
    if (body) lines.push(`Content-Length: ${body.length}`);
    return this.send(lines.join('\r\n'), body ?? '');
  }

  close(): void {
    this.socket?.destroy();
    this.closed = true;
  }

  private connect(): Promise<void> {
    this.buf = Buffer.alloc(0);
    return new Promise((resolve, reject) => {
      const s = net.connect(this.port, this.host, () => {
        this.closed = false;
        resolve();
      });
      s.on('data', (c: Buffer) => {
        this.buf = Buffer.concat([this.buf, c]);
        this.wake?.();
      });
      s.on('error', () => undefined);
      s.on('close', () => {
        this.closed = true;
        this.wake?.();
      });
      s.once('error', reject);
      this.socket = s;
    });
  }

  private deadline = 0;

  private async waitFor<T>(parse: () => T | undefined): Promise<T | undefined> {
    for (;;) {
      const v = parse();
      if (v !== undefined) return v;
      if (this.closed) return undefined;
      const left = this.deadline - Date.now();
      if (left <= 0) {
        this.timedOut = true;
        this.close();
        return undefined;
      }
      await new Promise<void>((r) => {
        const timer = setTimeout(r, left);
        this.wake = () => {
          clearTimeout(timer);
          r();
        };
      });
    }
  }

  private timedOut = false;

  private async read(head: boolean): Promise<RawResponse> {
    this.deadline = Date.now() + this.timeoutMs;
    this.timedOut = false;
    const headEnd = await this.waitFor(() => {
      const i = this.buf.indexOf('\r\n\r\n');
      return i < 0 ? undefined : i;
    });
    if (headEnd === undefined) return { status: this.timedOut ? -1 : 0, headers: {}, body: this.buf };
    const [statusLine = '', ...lines] = this.buf.subarray(0, headEnd).toString('latin1').split('\r\n');
    const headers: Record<string, string> = {};
    for (const l of lines) {
      const c = l.indexOf(':');
      if (c > 0) headers[l.slice(0, c).trim().toLowerCase()] = l.slice(c + 1).trim();
    }
    const status = Number(statusLine.split(' ')[1]);
    this.buf = this.buf.subarray(headEnd + 4);
    let body: Buffer;
    if (head || status === 204 || status === 304 || (status >= 100 && status < 200)) {
      // No body follows, whatever the headers say.
      body = Buffer.alloc(0);
    } else if (headers['content-length'] !== undefined) {
      const n = Number(headers['content-length']);
      await this.waitFor(() => (this.buf.length >= n ? true : undefined));
      body = this.buf.subarray(0, n);
      this.buf = this.buf.subarray(n);
    } else if (/chunked/i.test(headers['transfer-encoding'] ?? '')) {
      body = (await this.waitFor(() => this.chunked())) ?? Buffer.alloc(0);
    } else {
      await this.waitFor(() => undefined);
      body = this.buf;
      this.buf = Buffer.alloc(0);
    }
    if (/close/i.test(headers.connection ?? '')) this.close();
    return { status, headers, body };
  }

  /** A whole chunked body if it has arrived (and consumes it), else undefined. */
  private chunked(): Buffer | undefined {
    const parts: Buffer[] = [];
    let at = 0;
    for (;;) {
      const eol = this.buf.indexOf('\r\n', at);
      if (eol < 0) return undefined;
      const size = parseInt(this.buf.subarray(at, eol).toString('latin1'), 16);
      if (this.buf.length < eol + 2 + size + 2) return undefined;
      if (size === 0) {
        this.buf = this.buf.subarray(eol + 4);
        return Buffer.concat(parts);
      }
      parts.push(this.buf.subarray(eol + 2, eol + 2 + size));
      at = eol + 2 + size + 2;
    }
  }
}
