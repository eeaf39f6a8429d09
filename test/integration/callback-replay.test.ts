import { afterEach, describe, expect, it } from 'vitest';
import type { CallbackEntryDto } from '../../src/shared/api/areas/callbacks';
import { FakeUpstream } from '../fakes/upstream-server';
import { startHarness, text, type Harness, stopAll } from '../helpers/callback-harness';
import { firstOf, itemAt } from '../helpers/indexed';

let h: Harness | undefined;
let up: FakeUpstream | undefined;
afterEach(async () => {
  await stopAll(h, up);
  h = up = undefined;
});

type Replayed = { status: number; body: string; logId: number };

/**
 * Issue 22, part 2: `callbacks.replay` is a new delivery that runs the rules and forwarding again,
 * as ngrok's replay re-runs your app; `asRetry` sends it as WeChat's retry instead, which dedupe
 * answers without running anything (an idempotency test).
 */
describe('callbacks.replay', () => {
  async function forwardingAccount() {
    up = await new FakeUpstream().start();
    h = await startHarness({ mode: 'safe' });
    await h.call('upstream.set', {
      accountId: h.account.id,
      enabled: true,
      url: up.url,
      order: 'upstream-first',
      timeoutMs: 3000,
    });
    await h.call('rules.save', {
      accountId: h.account.id,
      name: 'hello rule',
      trigger: { kind: 'default' },
      replies: [{ type: 'text', content: 'from the rules' }],
    });
    return { h, up };
  }

  it('is a new delivery by default: forwarding and the rules run again, and the entry says it is a replay', async () => {
    const { h, up } = await forwardingAccount();
    const first = await h.send(text('replay me'));
    expect(up.hits).toHaveLength(1);
    const again = await h.call<Replayed>('callbacks.replay', { id: first.logId });
    expect(again.status).toBe(200);
    // The developer's server got the message again, signed afresh.
    expect(up.hits).toHaveLength(2);
    expect(itemAt(up.hits, 1).body).toBe(firstOf(up.hits).body);
    expect(itemAt(up.hits, 1).url).not.toBe(firstOf(up.hits).url);
    // It answered success, so the rules did (upstream-first), with a reply of their own.
    expect(again.body).not.toBe(first.body);
    expect(h.read(again.body)).toMatchObject({ fields: { Content: 'from the rules' } });
    const e = await h.call<CallbackEntryDto>('callbacks.get', { id: again.logId });
    expect(e).toMatchObject({
      source: 'replay',
      reason: 'replied',
      outcome: 'ok',
      dedupe: 'none',
      exchangeId: null,
      delivery: 1,
    });
    expect(e.matched).toMatch(/^rule:/);
    expect(e.detail).toContain(`a replay of #${first.logId}, sent as a new delivery`);
    // Its reply check opens the envelope: a text reply, not "MsgType missing".
    expect(e.replyLint).toMatchObject({ kind: 'reply', encrypted: true, msgType: 'text', findings: [] });
  });

  it('asRetry: dedupe answers with the first reply and nothing runs again', async () => {
    const { h, up } = await forwardingAccount();
    const first = await h.send(text('idempotent?'));
    const retry = await h.call<Replayed>('callbacks.replay', { id: first.logId, asRetry: true });
    expect(retry.body).toBe(first.body);
    expect(up.hits).toHaveLength(1);
    const e = await h.call<CallbackEntryDto>('callbacks.get', { id: retry.logId });
    expect(e).toMatchObject({
      source: 'replay',
      outcome: 'duplicate',
      reason: 'retry_replayed',
      dedupe: 'retry',
      exchangeId: first.logId,
      delivery: 2,
    });
    // The retry's row keeps the reply as built, so its check reads what the envelope carries.
    const firstEntry = await h.call<CallbackEntryDto>('callbacks.get', { id: first.logId });
    expect(e.replyPlain).toBe(firstEntry.replyPlain);
    expect(e.replyLint).toMatchObject({ kind: 'reply', encrypted: true, msgType: 'text' });
    expect(e.replyLint?.findings.map((f) => f.code)).not.toContain('missing');
  });

  it('a replay of a replay, and an edited replay, each run as deliveries of their own', async () => {
    const { h, up } = await forwardingAccount();
    const first = await h.send(text('again and again'));
    const second = await h.call<Replayed>('callbacks.replay', { id: first.logId });
    const third = await h.call<Replayed>('callbacks.replay', { id: second.logId });
    expect(up.hits).toHaveLength(3);
    const e = await h.call<CallbackEntryDto>('callbacks.get', { id: third.logId });
    expect(e.detail).toContain(`a replay of #${second.logId}`);
    // A real WeChat retry of the first delivery is still answered by dedupe: replays did not take its exchange.
    const original = await h.call<CallbackEntryDto>('callbacks.get', { id: first.logId });
    expect(original).toMatchObject({ dedupe: 'first', exchangeId: first.logId });
  });

  it('a retry’s reply check reads what the envelope carries even once the account and its keys are gone', async () => {
    h = await startHarness({ mode: 'safe' });
    await h.call('rules.save', {
      accountId: h.account.id,
      name: 'hello rule',
      trigger: { kind: 'default' },
      replies: [{ type: 'text', content: 'from the rules' }],
    });
    const first = await h.send(text('keys go away'));
    const retry = await h.call<Replayed>('callbacks.replay', { id: first.logId, asRetry: true });
    await h.call('accounts.delete', { id: h.account.id });
    const e = await h.call<CallbackEntryDto>('callbacks.get', { id: retry.logId });
    expect(e.replyLint).toMatchObject({ kind: 'reply', encrypted: true, msgType: 'text', findings: [] });
  });
});
