import { describe, expect, it } from 'vitest';
import { normalizeOrigin, parseLanding, type LandingProblem } from './landing';

const opts = {
  allowlist: ['https://h5.example.com', 'http://127.0.0.1:8080/'],
  publicOrigin: 'https://abc.ngrok.app',
};
const problem = (raw: string) => {
  const v = parseLanding(raw, opts);
  return v.ok ? null : v.problem;
};

describe('landing pages: never an open redirect', () => {
  it('takes paths of the app behind MPDesk as they are', () => {
    for (const [raw, location] of [
      ['/', '/'],
      ['/grades', '/grades'],
      ['/grades?term=2&x=%2F', '/grades?term=2&x=%2F'],
      ['/a/b/#top', '/a/b/#top'],
      ['/files/a%2Fb', '/files/a%2Fb'],
      ['/中文', '/%E4%B8%AD%E6%96%87'],
    ] as const)
      expect(parseLanding(raw, opts), raw).toEqual({ ok: true, landing: { kind: 'path', location } });
  });

  it('takes an absolute URL on MPDesk’s own public origin as a path', () => {
    expect(parseLanding('https://ABC.ngrok.app/grades?x=1', opts)).toEqual({
      ok: true,
      landing: { kind: 'path', location: '/grades?x=1' },
    });
  });

  it('takes URLs on the allowlist (origin: scheme, host and port), with a ticket', () => {
    expect(parseLanding('https://h5.example.com/me?x=1', opts)).toEqual({
      ok: true,
      landing: { kind: 'external', url: 'https://h5.example.com/me?x=1', origin: 'https://h5.example.com' },
    });
    expect(parseLanding('HTTPS://H5.EXAMPLE.COM:443/', opts)).toMatchObject({ ok: true });
    expect(parseLanding('http://127.0.0.1:8080/cb', opts)).toMatchObject({ ok: true });
  });

  it('refuses every form a browser would take to another host', () => {
    const cases: [string, LandingProblem][] = [
      ['', 'empty'],
      ['/' + 'a'.repeat(2048), 'too_long'],
      ['//evil.com', 'other_host'],
      ['///evil.com', 'other_host'],
      ['/\\evil.com', 'backslash'],
      ['\\\\evil.com', 'backslash'],
      ['/%5Cevil.com', 'backslash'],
      ['/%2F%2Fevil.com', 'other_host'],
      ['/%2f/evil.com', 'other_host'],
      ['/.//evil.com', 'other_host'],
      ['/./evil', 'other_host'],
      ['/a/../../evil', 'other_host'],
      ['/%2e%2e/%2e%2e/evil', 'other_host'],
      ['/\t/evil.com', 'control_chars'],
      ['/ /evil.com', 'control_chars'],
      ['/%09/evil.com', 'control_chars'],
      ['/ok\r\nSet-Cookie: x=1', 'control_chars'],
      ['/%0d%0aSet-Cookie:x=1', 'control_chars'],
      ['/%E0%A4%A', 'bad_escape'],
      ['javascript:alert(1)', 'scheme'],
      ['data:text/html,<script>alert(1)</script>', 'scheme'],
      ['https:evil.com', 'scheme'],
      ['https:/evil.com', 'scheme'],
      ['ftp://h5.example.com/', 'scheme'],
      ['evil.com/path', 'scheme'],
      ['https://h5.example.com@evil.com/', 'userinfo'],
      ['https://user:pw@h5.example.com/', 'userinfo'],
      ['https://h5.example.com\\@evil.com', 'backslash'],
      ['https://evil.com#@h5.example.com', 'not_allowed'],
      ['https://evil.com?@h5.example.com', 'not_allowed'],
      ['https://h5.example.com.evil.com/', 'not_allowed'],
      ['https://evil-h5.example.com/', 'not_allowed'],
      ['http://h5.example.com/', 'not_allowed'],
      ['https://h5.example.com:8443/', 'not_allowed'],
      ['http://127.0.0.1:8081/', 'not_allowed'],
      ['https://abc.ngrok.app//evil.com', 'other_host'],
    ];
    for (const [raw, expected] of cases) expect(problem(raw), JSON.stringify(raw)).toBe(expected);
  });

  it('allowlist entries are origins; anything else is not one', () => {
    expect(normalizeOrigin(' https://H5.example.com/ ')).toBe('https://h5.example.com');
    expect(normalizeOrigin('http://localhost:3000')).toBe('http://localhost:3000');
    expect(normalizeOrigin('https://x.com:443')).toBe('https://x.com');
    for (const bad of [
      'https://x.com/path',
      'https://x.com?q',
      'https://u@x.com',
      'x.com',
      'ftp://x.com',
      '',
    ])
      expect(normalizeOrigin(bad), bad).toBeNull();
  });
});
