import { describe, expect, it } from 'vitest';
import { explainErrcode, ipFrom40164, knownErrcodes, TOKEN_INVALID_CODES } from './errcodes';
import { WechatApiError } from './wechat-error';

describe('errcode table', () => {
  // docs/wechat-protocol.md §6.1 (every row), plus menu §7, OAuth §8, customer service §10, component §11.
  const REQUIRED = [
    -1, 40001, 40002, 40003, 40013, 40014, 40029, 40030, 40125, 40163, 40164, 41001, 42001, 42002, 42003,
    42007, 43004, 45008, 45009, 45011, 45015, 45047, 45072, 45080, 45081, 48001, 48004, 50001, 50002, 61005,
    61006, 61023, 61024, 89503, 40015, 40016, 40017, 40018, 40019, 40020, 40023, 40024, 40025, 40026, 40027,
    40054, 40055, 46003, 65316, 40032, 40008, 44004,
  ];

  it('explains every code a client must handle, in 中文 and English', () => {
    const known = new Set(knownErrcodes());
    for (const code of REQUIRED) {
      expect(known.has(code), `errcode ${code}`).toBe(true);
      const e = explainErrcode(code);
      expect(e.zh.length, `zh ${code}`).toBeGreaterThan(0);
      expect(e.en.length, `en ${code}`).toBeGreaterThan(0);
    }
  });

  it('gives fix hints for the codes the token manager refuses to retry', () => {
    for (const code of [40164, 40125, 45009, 48001]) {
      expect(explainErrcode(code).hintZh).not.toBe('');
      expect(explainErrcode(code).hintEn).not.toBe('');
    }
  });

  it('falls back for an unknown code', () => {
    expect(explainErrcode(99999)).toMatchObject({ errcode: 99999, en: expect.stringContaining('not in') });
  });

  it('retries exactly the §6.2 token codes', () => {
    expect([...TOKEN_INVALID_CODES].sort()).toEqual([40001, 40014, 42001]);
  });

  it('reads the IP out of a 40164 errmsg and puts it in the error', () => {
    const msg = 'invalid ip 47.100.1.2 ipv6 ::ffff:47.100.1.2, not in whitelist rid: 6597b34f-1c2d';
    expect(ipFrom40164(msg)).toBe('47.100.1.2');
    const e = new WechatApiError(40164, msg, '/cgi-bin/token');
    expect(e.ip).toBe('47.100.1.2');
    expect(e.message).toContain('WeChat saw 47.100.1.2');
    expect(e.toBody()).toMatchObject({ code: 'wechat_error', details: { errcode: 40164, ip: '47.100.1.2' } });
  });
});
