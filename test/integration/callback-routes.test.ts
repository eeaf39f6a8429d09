import { afterEach, describe, expect, it } from 'vitest';
import { computeSignature } from '../../src/core/wechat';
import { startHarness, text, TOKEN, type Harness } from '../helpers/callback-harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const sig = (ts: string, nonce: string) => computeSignature(TOKEN, ts, nonce);

describe('callback listener routes', () => {
  it('echoes echostr byte-exact on a good GET signature and logs it', async () => {
    h = await startHarness();
    const echostr = 'a+b%2Fc 7';
    const q = `?signature=${sig('1410685589', '42')}&timestamp=1410685589&nonce=42&echostr=a+b%252Fc%207`;
    const r = await h.raw('GET', `/wx/acct${q}`);
    expect(r.status).toBe(200);
    expect(r.body).toBe(echostr);
    const e = await h.call<{ reason: string }>('callbacks.get', { id: r.logId });
    expect(e.reason).toBe('verified');
  });

  it('rejects a GET with a wrong signature with 401 and logs why', async () => {
    h = await startHarness();
    const r = await h.raw('GET', `/wx/acct?signature=${'0'.repeat(40)}&timestamp=1&nonce=2&echostr=x`);
    expect(r.status).toBe(401);
    expect(r.body).not.toContain('x\n');
    const e = await h.call('callbacks.get', { id: r.logId });
    expect(e).toMatchObject({ status: 401, outcome: 'rejected', reason: 'bad_signature' });
  });

  it('answers 404 for an unknown account, 405 for other methods, 413 past 1 MiB, 400 for malformed XML', async () => {
    h = await startHarness();
    const good = h.build(text('hi'));
    const unknown = await h.raw('POST', `/wx/nobody${good.search}`, good.body);
    expect(unknown.status).toBe(404);
    const put = await h.raw('PUT', `/wx/acct${good.search}`, good.body);
    expect(put.status).toBe(405);
    expect(put.headers.allow).toBe('GET, POST');
    const big = await h.raw('POST', `/wx/acct${good.search}`, Buffer.alloc((1 << 20) + 1, 'a'));
    expect(big.status).toBe(413);
    const bad = await h.raw('POST', `/wx/acct${good.search}`, '<xml><ToUserName>broken');
    expect(bad.status).toBe(400);
    const empty = await h.raw('POST', `/wx/acct${good.search}`, '');
    expect(empty.status).toBe(400);
    const dtd = await h.raw(
      'POST',
      `/wx/acct${good.search}`,
      '<!DOCTYPE x [<!ENTITY a "b">]><xml><a>&a;</a></xml>',
    );
    expect(dtd.status).toBe(400);
    const stray = await h.raw('GET', '/wp-login.php');
    expect(stray.status).toBe(404);
    const reasons = await Promise.all(
      [unknown, put, big, bad, empty, dtd, stray].map(
        async (r) => (await h!.call<{ reason: string }>('callbacks.get', { id: r.logId })).reason,
      ),
    );
    expect(reasons).toEqual([
      'unknown_account',
      'method_not_allowed',
      'body_too_large',
      'bad_request',
      'empty_body',
      'bad_request',
      'not_found',
    ]);
    // None of it stopped the listener.
    const ok = await h.send(text('still there'));
    expect(ok.status).toBe(200);
  });

  it('accepts any Content-Type on POST and answers success without a rule', async () => {
    h = await startHarness();
    for (const ct of ['text/xml', 'application/xml', 'application/json', '']) {
      const m = h.build(text(`ct ${ct}`));
      const r = await h.raw('POST', `/wx/acct${m.search}`, m.body, ct ? { 'content-type': ct } : {});
      expect(r.status).toBe(200);
      expect(r.body).toBe('success');
    }
  });

  it('serves MP_verify files configured per account, verbatim', async () => {
    h = await startHarness();
    await h.call('upstream.setVerifyFile', {
      accountId: h.account.id,
      fileName: 'MP_verify_AbCdEf0123456789.txt',
      content: 'AbCdEf0123456789',
    });
    const r = await h.raw('GET', '/MP_verify_AbCdEf0123456789.txt');
    expect(r.status).toBe(200);
    expect(r.body).toBe('AbCdEf0123456789');
    const missing = await h.raw('GET', '/MP_verify_0000000000000000.txt');
    expect(missing.status).toBe(404);
    const e = await h.call('callbacks.get', { id: r.logId });
    expect(e).toMatchObject({ reason: 'verify_file', accountId: h.account.id });
  });
});
