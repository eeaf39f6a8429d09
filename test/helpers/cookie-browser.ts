import http from 'node:http';

/**
 * A browser as far as cookies and redirects go, over real HTTP (node:http, one hop at a time; fetch
 * would send Sec-Fetch-Mode: cors on every request, which no page load carries): a cookie
 * jar per host (host-only cookies, Max-Age honoured as 0 = delete), and every hop recorded so a test
 * sees each 302 on the way. `rewrite` lets a test stand in for what a phone knows (which WeChat user
 * it is) when a hop reaches the sandbox's authorize page.
 */
export interface Hop {
  url: string;
  status: number;
  location: string | null;
  setCookies: string[];
  body: string;
  headers: http.IncomingHttpHeaders;
}

export class CookieBrowser {
  readonly jar = new Map<string, Map<string, string>>();

  constructor(
    private readonly opts: {
      headers?: Record<string, string>;
      rewrite?: (url: URL) => URL;
    } = {},
  ) {}

  cookies(url: string): Map<string, string> {
    const host = new URL(url).host;
    let m = this.jar.get(host);
    if (!m) this.jar.set(host, (m = new Map()));
    return m;
  }

  setCookie(url: string, name: string, value: string): void {
    this.cookies(url).set(name, value);
  }

  /** One request, cookies sent and stored. */
  async request(
    url: string,
    init: { method?: string; headers?: Record<string, string>; body?: string } = {},
  ): Promise<Hop> {
    const jar = this.cookies(url);
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await send(
      url,
      init.method ?? 'GET',
      {
        ...this.opts.headers,
        ...init.headers,
        ...(cookie ? { cookie } : {}),
      },
      init.body,
    );
    const setCookies = res.headers['set-cookie'] ?? [];
    for (const sc of setCookies) {
      // split always yields at least one part, so the default never stands in for a real pair
      const [pair = '', ...attrs] = sc.split(';').map((p) => p.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const maxAge = attrs.find((a) => /^max-age=/i.test(a));
      if (maxAge && Number(maxAge.split('=')[1]) <= 0) jar.delete(name);
      else jar.set(name, pair.slice(eq + 1));
    }
    return {
      url,
      status: res.status,
      location: res.headers.location ?? null,
      setCookies,
      body: res.body,
      headers: res.headers,
    };
  }

  /** A page load: follows redirects (relative ones too) until an answer that is not one; every hop. */
  async go(url: string, init: { headers?: Record<string, string> } = {}, max = 12): Promise<Hop[]> {
    const hops: Hop[] = [];
    let next = new URL(url);
    for (let i = 0; i < max; i++) {
      const target = this.opts.rewrite ? this.opts.rewrite(next) : next;
      const hop = await this.request(target.toString(), {
        headers: { 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document', ...init.headers },
      });
      hops.push(hop);
      if (hop.status < 300 || hop.status >= 400 || !hop.location) return hops;
      next = new URL(hop.location, target);
    }
    throw new Error(`more than ${max} redirects from ${url}`);
  }
}

function send(
  url: string,
  method: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}
