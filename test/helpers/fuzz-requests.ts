import fc from 'fast-check';
import { computeMsgSignature } from '../../src/core/wechat';
import { methods } from '../../src/shared/api/contract';
import { buildWechatRequest, eventXml, nowTimestamp, textMessageXml, type WechatMode } from './wechat-side';
import { itemAt } from './indexed';

/**
 * Generated raw HTTP requests for the listeners' fuzz suite (test/integration/listeners.fuzz.test.ts):
 * WeChat's callbacks signed as WeChat signs them and then mutated, malformed request targets, and
 * console-API calls with bad bodies, shapes and credentials. A case is the bytes sent, built when
 * fast-check generates it (so timestamps are current), and where it goes.
 */
export interface FuzzCase {
  listener: 'callback' | 'console';
  /** Request line and headers, CRLF-joined, without the blank line. */
  head: string;
  body: Buffer;
  label: string;
}

export interface FuzzTargets {
  /** Account slugs by mode, with the credentials WeChat would sign with. */
  accounts: { mode: WechatMode; slug: string; token: string; appId: string; aesKey: string }[];
  component: { id: string; appId: string; token: string; aesKey: string };
  consoleHost: string;
  callbackHost: string;
  consoleToken: string;
}

const NOISE = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 24 }),
  fc.constantFrom(
    '%',
    '%zz',
    '%ff',
    '%c0%af',
    '%00',
    '&',
    '=',
    '+',
    '<![CDATA[',
    ']]>',
    '<xml>',
    '\u0000',
    '😀',
  ),
);

/** Query values as a proxy or an attacker might send them: percent-escapes raw, not re-encoded. */
const RAW_VALUE = fc.oneof(
  NOISE,
  fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), maxLength: 40 }),
  fc.constant(''),
);

type Mutation =
  | { kind: 'none' }
  | { kind: 'flip'; at: number; byte: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'param'; name: string; value: string | null }
  | { kind: 'resign'; at: number; text: string }
  | { kind: 'method'; method: string }
  | { kind: 'stale'; seconds: number }
  | { kind: 'chunked' };

const MUTATION: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 2, arbitrary: fc.constant({ kind: 'none' as const }) },
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: NOISE }),
  fc.record({
    kind: fc.constant('param' as const),
    name: fc.constantFrom('signature', 'timestamp', 'nonce', 'encrypt_type', 'msg_signature', 'openid', 'x'),
    value: fc.option(RAW_VALUE),
  }),
  fc.record({ kind: fc.constant('resign' as const), at: fc.nat(), text: fc.string({ maxLength: 4 }) }),
  fc.record({
    kind: fc.constant('method' as const),
    method: fc.constantFrom('GET', 'PUT', 'HEAD', 'DELETE', 'OPTIONS'),
  }),
  fc.record({ kind: fc.constant('stale' as const), seconds: fc.integer({ min: 301, max: 400_000_000 }) }),
  fc.constant({ kind: 'chunked' as const }),
);

const MESSAGE = fc.oneof(
  fc.string({ maxLength: 60 }).map((content) => textMessageXml({ to: 'gh_1', from: 'oFuzz', content })),
  fc
    .constantFrom('subscribe', 'CLICK', 'SCAN', 'LOCATION')
    .map((event) => eventXml({ to: 'gh_1', from: 'oFuzz', event, extra: '<EventKey>k</EventKey>' })),
  fc.constant(
    '<xml><AppId>wxc0ffee0123456789</AppId><CreateTime>1</CreateTime><InfoType>component_verify_ticket</InfoType><ComponentVerifyTicket>t</ComponentVerifyTicket></xml>',
  ),
);

/** A source address per case (the tunnel's X-Forwarded-For hop): most cases are not rate-limited. */
const SOURCE = fc.oneof(
  { weight: 9, arbitrary: fc.tuple(fc.nat(255), fc.nat(255)).map(([a, b]) => `10.77.${a}.${b}`) },
  { weight: 1, arbitrary: fc.constant('192.0.2.1') },
);

function head(method: string, target: string, host: string, headers: Record<string, string>): string {
  return [
    `${method} ${target} HTTP/1.1`,
    `Host: ${host}`,
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ].join('\r\n');
}

function withBody(
  method: string,
  target: string,
  host: string,
  headers: Record<string, string>,
  body: Buffer,
): FuzzCase['head'] {
  return head(method, target, host, { ...headers, 'Content-Length': String(body.length) });
}

/** A signed callback (an account in each mode, or a component push), then one mutation. */
export function signedCallback(t: FuzzTargets): fc.Arbitrary<FuzzCase> {
  return fc
    .record({ who: fc.nat(t.accounts.length), xml: MESSAGE, m: MUTATION, from: SOURCE, nonce: fc.nat() })
    .map(({ who, xml, m, from, nonce }) => {
      const component = who === t.accounts.length;
      const acct = component ? { mode: 'safe' as const, ...t.component, slug: '' } : itemAt(t.accounts, who);
      const timestamp = m.kind === 'stale' ? String(Number(nowTimestamp()) - m.seconds) : nowTimestamp();
      const req = buildWechatRequest(
        { token: acct.token, appId: acct.appId, aesKey: acct.aesKey, mode: acct.mode },
        xml,
        { timestamp, nonce: String(nonce), openid: component ? null : undefined },
      );
      const path = component ? `/component/${t.component.id}/events` : `/wx/${acct.slug}`;
      const q: Record<string, string> = { ...req.params };
      let body = Buffer.from(req.body);
      let method = 'POST';
      let chunked = false;
      switch (m.kind) {
        case 'flip':
          if (body.length) {
            const i = m.at % body.length;
            body[i] = body.readUInt8(i) ^ m.byte;
          }
          break;
        case 'truncate':
          body = body.subarray(0, m.at % (body.length + 1));
          break;
        case 'insert': {
          const at = m.at % (body.length + 1);
          body = Buffer.concat([body.subarray(0, at), Buffer.from(m.text), body.subarray(at)]);
          break;
        }
        case 'param':
          if (m.value === null) delete q[m.name];
          else q[m.name] = m.value;
          break;
        case 'resign': {
          const enc = /<Encrypt><!\[CDATA\[([^\]]*)\]\]>/.exec(req.body)?.[1];
          if (enc) {
            const at = m.at % (enc.length + 1);
            const next = enc.slice(0, at) + m.text + enc.slice(at + 1);
            body = Buffer.from(req.body.replace(enc, next));
            q.msg_signature = computeMsgSignature(acct.token, timestamp, String(nonce), next);
          }
          break;
        }
        case 'method':
          method = m.method;
          break;
        case 'chunked':
          chunked = true;
          break;
      }
      // Values go in raw: a mutated one may hold '%', '&' or bytes no encoder would produce.
      const search = Object.entries(q)
        .map(([k, v]) => `${k}=${/[^\x21-\x7e]/.test(v) ? encodeURIComponent(v) : v}`)
        .join('&');
      const headers = { 'Content-Type': 'text/xml', 'X-Forwarded-For': from };
      const target = `${path}?${search}`;
      if (chunked) {
        const framed = Buffer.concat([
          Buffer.from(`${body.length.toString(16)}\r\n`),
          body,
          Buffer.from('\r\n0\r\n\r\n'),
        ]);
        return {
          listener: 'callback',
          head: head(method, target, t.callbackHost, { ...headers, 'Transfer-Encoding': 'chunked' }),
          body: framed,
          label: `${path} ${m.kind}`,
        };
      }
      return {
        listener: 'callback',
        head: withBody(method, target, t.callbackHost, headers, body),
        body,
        label: `${path} ${m.kind}`,
      };
    });
}

/** A request target no browser or WeChat would send, on either listener. */
export function malformedTarget(t: FuzzTargets): fc.Arbitrary<FuzzCase> {
  const segment = fc.oneof(
    fc.constantFrom(
      'wx',
      'acct',
      'component',
      'assets',
      'api',
      'call',
      'oauth',
      '..',
      '.',
      '',
      'MP_verify_0123456789abcdef.txt',
    ),
    NOISE.map((s) => s.replace(/[\s\x00-\x1f]/g, '')),
  );
  const target = fc.oneof(
    fc.array(segment, { maxLength: 6 }).map((p) => `/${p.join('/')}`),
    fc
      .tuple(fc.array(segment, { maxLength: 3 }), fc.array(RAW_VALUE, { maxLength: 4 }))
      .map(
        ([p, v]) =>
          `/${p.join('/')}?${v.map((x, i) => `k${i}=${x.replace(/[\s\x00-\x1f]/g, '')}`).join('&')}`,
      ),
    fc.constantFrom(
      '/%ff',
      '/%',
      '/%c0%af',
      '/assets/%zz',
      '//',
      '//:80',
      '/a%00b',
      '*',
      'http://x/y',
      `/${'a'.repeat(8000)}`,
    ),
    // Not a URL at all: spaces and control bytes on the request line (the parser's 400).
    fc.string({ unit: 'binary', maxLength: 20 }).map((s) => `/${s}`),
  );
  return fc
    .record({
      listener: fc.constantFrom('callback' as const, 'console' as const),
      method: fc.constantFrom('GET', 'POST', 'HEAD', 'PUT'),
      target,
      from: SOURCE,
    })
    .map(({ listener, method, target: tgt, from }) => {
      const host = listener === 'callback' ? t.callbackHost : t.consoleHost;
      const body = Buffer.from(method === 'POST' || method === 'PUT' ? '<xml/>' : '');
      return {
        listener,
        head: withBody(method, tgt, host, { 'X-Forwarded-For': from }, body),
        body,
        label: `${listener} ${method} ${tgt.slice(0, 60)}`,
      };
    });
}

/** Contract methods the fuzz may call: all but those that start or stop the tunnel. */
const METHOD_NAMES = Object.keys(methods).filter((m) => !m.startsWith('tunnel.'));

/** A console-API call: any method or none, any body, right or wrong credentials and origin. */
export function consoleCall(t: FuzzTargets): fc.Arbitrary<FuzzCase> {
  const body = fc.oneof(
    // About 1 in 450 is over the 5 MiB limit: a few per run.
    { weight: 200, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? '') },
    { weight: 100, arbitrary: fc.string({ maxLength: 80 }) },
    {
      weight: 100,
      arbitrary: fc
        .record({ id: fc.string(), accountId: fc.string() }, { requiredKeys: [] })
        .map((v) => JSON.stringify(v)),
    },
    {
      weight: 50,
      arbitrary: fc.constantFrom('', '{', '[]', 'null', '{"__proto__":{"x":1}}', '"x"', '1e999'),
    },
    { weight: 1, arbitrary: fc.constant('x'.repeat(5 * 1024 * 1024 + 1)) },
  );
  const auth = fc.oneof(
    { weight: 6, arbitrary: fc.constant(`Bearer ${t.consoleToken}`) },
    fc.constantFrom(
      undefined,
      'Bearer',
      'Bearer wrong-token-0123456789ab',
      `Basic ${t.consoleToken}`,
      `bearer ${t.consoleToken}`,
    ),
  );
  const host = fc.oneof(
    { weight: 6, arbitrary: fc.constant(t.consoleHost) },
    fc.constantFrom('evil.example', 'localhost:1', ''),
  );
  const origin = fc.oneof(
    { weight: 6, arbitrary: fc.constant(undefined) },
    fc.constantFrom(`http://${t.consoleHost}`, 'http://evil.example', 'null', 'file://'),
  );
  const method = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...METHOD_NAMES) },
    fc.string({ maxLength: 20 }).map((s) => encodeURIComponent(s)),
  );
  return fc
    .record({ method, body, auth, host, origin, verb: fc.constantFrom('POST', 'POST', 'POST', 'GET', 'PUT') })
    .map((c) => {
      const b = Buffer.from(c.body);
      const headers: Record<string, string> = { 'Content-Type': 'application/json' };
      if (c.auth !== undefined) headers.Authorization = c.auth;
      if (c.origin !== undefined) headers.Origin = c.origin;
      return {
        listener: 'console',
        head: withBody(c.verb, `/api/call/${c.method}`, c.host, headers, b),
        body: b,
        label: `console ${c.verb} ${c.method}`,
      };
    });
}
