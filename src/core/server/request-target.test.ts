import { describe, expect, it } from 'vitest';
import { requestTarget } from './request-target';

const viaUrl = (raw: string) => {
  let u: URL;
  try {
    u = new URL(raw, 'http://callback.local');
  } catch {
    return undefined;
  }
  return { pathname: u.pathname, search: u.search, params: [...u.searchParams] };
};
const viaTarget = (raw: string) => {
  const t = requestTarget(raw);
  return t && { pathname: t.pathname, search: t.search, params: [...t.searchParams] };
};

describe('requestTarget', () => {
  it('splits a WeChat request line without URL parsing, and gives what URL gives', () => {
    const raw =
      '/wx/plain?signature=b9014b77ccec3e9ad463dde95ccb806c9b47ec21&timestamp=1700020009&nonce=20009&openid=oFAN_69';
    expect(requestTarget(raw)).not.toBeInstanceOf(URL);
    expect(viaTarget(raw)).toEqual(viaUrl(raw));
  });

  it('leaves whatever URL would change to URL: escapes, dot segments, encoded characters, fragments', () => {
    const cases = [
      '/wx/a?echostr=a+b%2Fc%3D&x=',
      '/wx/%61?x=1',
      '/wx/a/%2e%2e/b',
      '/wx/./a',
      '/wx/a/..',
      '/wx/a?x y',
      '/wx/a?q="1"&r=\'2\'',
      '/wx/a?<b>',
      '/wx/a?x=1#frag',
      '/wx/a#frag',
      '/wx/a?',
      '/wx/a??b',
      '/wx/a?é=中',
      '/wx/中文?x=1',
      '/wx/a?x=[1]{2}|^`',
      '/wx/a\\b?c',
      '/wx//a?x=%zz',
      '//host/wx/a?x=1',
      '//',
      '/',
      '/health',
      '/MP_verify_abc.txt',
      '/oauth/callback/s?code=CODE&state=a%20b',
    ];
    for (const raw of cases) expect(viaTarget(raw), raw).toEqual(viaUrl(raw));
  });

  it('agrees with URL on random request lines', () => {
    // Half the lines mostly from characters the split keeps, so both paths are well exercised.
    const mostlyKept = 'aZ09_-~./?&=%+:@!$()*,;[]{}|^/./';
    const anything = 'aZ09_-~./?&=%+#:@!$()*,;[]{}|^`\'"<> \\é中\t';
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    let split = 0;
    for (let i = 0; i < 4000; i++) {
      const alphabet = i % 2 === 0 ? mostlyKept : anything;
      let raw = '/';
      for (let n = next() % 24; n > 0; n--) raw += alphabet.charAt(next() % alphabet.length);
      expect(viaTarget(raw), JSON.stringify(raw)).toEqual(viaUrl(raw));
      if (!(requestTarget(raw) instanceof URL)) split++;
    }
    expect(split).toBeGreaterThan(500);
  });

  it('answers undefined for what is not a URL', () => {
    expect(requestTarget('http://[::1')).toBeUndefined();
  });
});
