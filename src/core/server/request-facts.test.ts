import type http from 'node:http';
import { describe, expect, it } from 'vitest';
import { mask, maskedHeadersJson } from './request-facts';

/** What the log stored before the JSON was written out: a masked copy, serialised. */
function viaCopy(h: http.IncomingHttpHeaders): string {
  const out: Record<string, string> = {};
  for (const k in h) {
    const v = h[k];
    if (v === undefined) continue;
    const s = Array.isArray(v) ? v.join(', ') : v;
    out[k] =
      k === 'authorization' || k === 'cookie' || k === 'proxy-authorization' || k === 'x-api-key'
        ? mask(s)
        : k === 'x-mpdesk-source-key'
          ? '****'
          : s;
  }
  return JSON.stringify(out);
}

describe('maskedHeadersJson', () => {
  it('writes what JSON.stringify of the masked headers wrote, key order included', () => {
    const cases: http.IncomingHttpHeaders[] = [
      {},
      { host: '127.0.0.1:8080', 'content-type': 'text/xml', 'content-length': '490' },
      { authorization: 'Bearer abcdefgh', cookie: 'a=1', 'x-mpdesk-source-key': 'k'.repeat(32) },
      { 'set-cookie': ['a=1', 'b=2'], 'x-quote': 'say "hi"\\ \u0001 \u2028 中文', empty: '' },
      // Integer-like names come first in an object's key order, in the copy's and in the headers'.
      { zeta: 'z', '123': 'n', alpha: 'a', '7': 's' },
      { skipped: undefined, kept: 'yes' },
    ];
    for (const h of cases) expect(maskedHeadersJson(h)).toBe(viaCopy(h));
  });

  it('never stores a credential or the source key in clear', () => {
    const json = maskedHeadersJson({ authorization: 'Bearer secret-token', 'x-mpdesk-source-key': 'sk' });
    expect(json).not.toContain('secret-token');
    expect(JSON.parse(json)).toEqual({ authorization: 'Be****en', 'x-mpdesk-source-key': '****' });
  });
});
