import { afterEach, describe, expect, it } from 'vitest';
import type { CallbackEntryDto, CallbacksPage } from '../../src/shared/api/areas/callbacks';
import { FakeUpstream } from '../fakes/upstream-server';
import { startHarness, text, type Harness, stopAll, upstreamReplyXml } from '../helpers/callback-harness';

let h: Harness | undefined;
let up: FakeUpstream | undefined;
afterEach(async () => {
  await stopAll(h, up);
  h = up = undefined;
});

async function forwarding(
  order: string,
  opts: { timeoutMs?: number; account?: Record<string, unknown> } = {},
) {
  up = await new FakeUpstream().start();
  h = await startHarness({ mode: 'plain', account: opts.account });
  await h.call('upstream.set', {
    accountId: h.account.id,
    enabled: true,
    url: up.url,
    order,
    timeoutMs: opts.timeoutMs ?? 3000,
  });
  return { h, up };
}

const entry = (id: number) => h!.call<CallbackEntryDto>('callbacks.get', { id });

/**
 * Issue 22, part 2: a developer server that fails is a failure of its own (upstream_failed, red,
 * found by the errors filter), and the entry says what WeChat got meanwhile and why.
 */
describe('a failing developer server', () => {
  it.each([
    ['an HTTP 415', () => ({ status: 415, body: 'Unsupported Media Type' }), /upstream answered HTTP 415/],
    ['a JSON body', () => ({ body: '{"errcode":0,"errmsg":"ok"}' }), /upstream reply failed the lint/],
  ])('%s is upstream_failed, and WeChat gets success (upstream-only)', async (_what, reply, error) => {
    const { h, up } = await forwarding('upstream-only');
    up.reply = reply;
    const r = await h.send(text('to my server'));
    expect(r.status).toBe(200);
    expect(r.body).toBe('success');
    const e = await entry(r.logId);
    expect(e).toMatchObject({
      status: 200,
      outcome: 'error',
      reason: 'upstream_failed',
      replyPlain: 'success',
    });
    expect(e.upstream?.error).toMatch(error);
    expect(e.detail).toMatch(error);
    expect(e.detail).toContain('WeChat got "success" (forwarding order upstream-only');
    const errors = await h.call<CallbacksPage>('callbacks.list', { errorsOnly: true });
    expect(errors.items.map((i) => i.id)).toContain(r.logId);
  });

  it('a timeout with upstream-first: the rules answer, and the entry is still the server’s failure', async () => {
    const { h, up } = await forwarding('upstream-first', { timeoutMs: 150 });
    await h.call('rules.save', {
      accountId: h.account.id,
      name: 'fallback',
      trigger: { kind: 'default' },
      replies: [{ type: 'text', content: 'the rules stand in' }],
    });
    up.reply = () => 'hang';
    const r = await h.send(text('slow server'));
    expect(h.read(r.body)).toMatchObject({ fields: { Content: 'the rules stand in' } });
    const e = await entry(r.logId);
    expect(e).toMatchObject({ outcome: 'error', reason: 'upstream_failed' });
    expect(e.detail).toMatch(/did not answer within 150 ms/);
    expect(e.detail).toMatch(/WeChat got the reply of rule:\S+ instead \(forwarding order upstream-first/);
    up.release();
  });

  it('a refused connection (rules-first, no rule matched) is upstream_failed with the error', async () => {
    const { h, up } = await forwarding('rules-first');
    await up.stop();
    const r = await h.send(text('anyone there?'));
    expect(r.body).toBe('success');
    const e = await entry(r.logId);
    expect(e).toMatchObject({ outcome: 'error', reason: 'upstream_failed' });
    expect(e.detail).toMatch(/upstream unreachable: ECONNREFUSED/);
    expect(e.detail).toContain('no rule had matched');
  });

  it('a server that answers success or a valid reply is no failure', async () => {
    const { h, up } = await forwarding('upstream-only');
    up.reply = () => ({ body: 'success' });
    const ok = await entry((await h.send(text('ack'))).logId);
    expect(ok).toMatchObject({ outcome: 'ok', reason: 'acknowledged' });
    up.reply = () => ({ body: upstreamReplyXml('hi') });
    const replied = await entry((await h.send(text('reply'))).logId);
    expect(replied).toMatchObject({ outcome: 'ok', reason: 'upstream_replied' });
  });

  it('forwarding on a plain account without an EncodingAESKey answers, never 500', async () => {
    const { h, up } = await forwarding('upstream-only', { account: { encodingAESKey: undefined } });
    expect(h.account.encodingAESKey.isSet).toBe(false);
    up.reply = () => ({ body: upstreamReplyXml('no key needed') });
    const r = await h.send(text('plain and keyless'));
    expect(r.status).toBe(200);
    expect(r.body).toBe(upstreamReplyXml('no key needed'));
    // An encrypted envelope is no answer to a plain request: refused by the lint, not a crash.
    up.reply = () => ({ body: '<xml><Encrypt><![CDATA[abc]]></Encrypt></xml>' });
    const enc = await h.send(text('envelope?'));
    expect(enc.status).toBe(200);
    expect(await entry(enc.logId)).toMatchObject({ outcome: 'error', reason: 'upstream_failed' });
  });
});
