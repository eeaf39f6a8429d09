import { afterEach, describe, expect, it } from 'vitest';
import { systemRuntime } from '../../src/core/runtime';
import type { CallbackEntryDto } from '../../src/shared/api/areas/callbacks';
import type { Settings } from '../../src/shared/api/areas/settings';
import { startHarness, text, type Harness } from '../helpers/callback-harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const nowS = (offsetMs = 0) => Math.floor((Date.now() + offsetMs) / 1000);

/** A clock the test moves: the listener's window and the dedupe memory both read it. */
function movableClock() {
  let offset = 0;
  return {
    runtime: { ...systemRuntime, clock: { now: () => Date.now() + offset } },
    advance: (ms: number) => (offset += ms),
    nowS: () => Math.floor((Date.now() + offset) / 1000),
  };
}

/**
 * Issue 18, item 6: a correctly signed request from 2014 used to be accepted with any body (plain
 * mode signs only token, timestamp and nonce), so one captured request could be replayed forever.
 */
describe('the timestamp window', () => {
  it('refuses a signed POST whose timestamp is years old or minutes ahead, and says why', async () => {
    h = await startHarness();
    for (const [timestamp, words] of [
      ['1410685589', /old/],
      [String(nowS(10 * 60_000)), /ahead/],
    ] as const) {
      const m = h.build(text('captured'), { timestamp });
      const r = await h.raw('POST', `/wx/acct${m.search}`, m.body);
      expect(r.status).toBe(403);
      const e = await h.call<CallbackEntryDto>('callbacks.get', { id: r.logId });
      expect(e).toMatchObject({ outcome: 'rejected', reason: 'stale_timestamp', msgType: null });
      expect(e.detail).toMatch(words);
      expect(e.detail).toMatch(/300 s/);
    }
    // Inside the window (WeChat's retries, a clock a few minutes off) it is accepted.
    const ok = h.build(text('recent'), { timestamp: String(nowS(-200_000)) });
    expect((await h.raw('POST', `/wx/acct${ok.search}`, ok.body)).status).toBe(200);
  });

  it('refuses old encrypted requests too, and a timestamp that is not a number', async () => {
    h = await startHarness({ mode: 'safe' });
    const old = h.build(text('old and encrypted'), { timestamp: '1458300676' });
    expect((await h.raw('POST', `/wx/acct${old.search}`, old.body)).status).toBe(403);
    const nan = h.build(text('nan'), { timestamp: 'soon' });
    const r = await h.raw('POST', `/wx/acct${nan.search}`, nan.body);
    expect(r.status).toBe(403);
    expect((await h.call<CallbackEntryDto>('callbacks.get', { id: r.logId })).detail).toMatch(/not a number/);
  });

  it('is a setting that cannot be shorter than the dedupe memory', async () => {
    h = await startHarness();
    expect((await h.call<Settings>('settings.get')).callbackTimestampWindowS).toBe(300);
    await expect(h.call('settings.update', { callbackTimestampWindowS: 60 })).rejects.toMatchObject({
      body: { code: 'invalid_input' },
    });
    await h.call('settings.update', { callbackTimestampWindowS: 7200 });
    const hourOld = h.build(text('an hour old'), { timestamp: String(nowS(-3600_000)) });
    expect((await h.raw('POST', `/wx/acct${hourOld.search}`, hourOld.body)).status).toBe(200);
  });

  it('remembers deliveries for as long as the window accepts them, so a resend inside it is a duplicate', async () => {
    const c = movableClock();
    h = await startHarness({ runtime: c.runtime });
    // A sender whose clock runs 290 s ahead of ours: accepted now, and for 590 s from now.
    const m = h.build(text('captured once'), { timestamp: String(c.nowS() + 290) });
    const first = await h.raw('POST', `/wx/acct${m.search}`, m.body);
    expect(first.status).toBe(200);
    c.advance(580_000);
    const again = await h.raw('POST', `/wx/acct${m.search}`, m.body);
    expect(again.status).toBe(200);
    expect(await h.call<CallbackEntryDto>('callbacks.get', { id: again.logId })).toMatchObject({
      dedupe: 'retry',
      exchangeId: first.logId,
      reason: 'retry_replayed',
    });
    // Past the window the same bytes are refused outright.
    c.advance(20_000);
    expect((await h.raw('POST', `/wx/acct${m.search}`, m.body)).status).toBe(403);
  });

  it('lets MPDesk replay an entry of any age: the replay is signed again with a fresh timestamp', async () => {
    const c = movableClock();
    h = await startHarness({ runtime: c.runtime });
    const first = await h.send(text('replay me later'));
    c.advance(3 * 24 * 3600_000);
    const replay = await h.call<{ status: number; logId: number }>('callbacks.replay', {
      id: first.logId,
      asRetry: true,
    });
    expect(replay.status).toBe(200);
    const row = await h.call<CallbackEntryDto>('callbacks.get', { id: replay.logId });
    expect(row).toMatchObject({ source: 'replay', dedupe: 'retry', exchangeId: first.logId });
    expect(Math.abs(Number(row.query.timestamp) - c.nowS())).toBeLessThan(5);
    const edited = await h.call<{ status: number }>('callbacks.replayEdited', {
      id: first.logId,
      xml: (await h.call<CallbackEntryDto>('callbacks.get', { id: first.logId })).rawBody,
    });
    expect(edited.status).toBe(200);
  });

  it('replays an entry whose signature was wrong as it was: still refused', async () => {
    h = await startHarness();
    const m = h.build(text('bad'));
    const forged = m.search.replace(/signature=[0-9a-f]{40}/, `signature=${'0'.repeat(40)}`);
    const r = await h.raw('POST', `/wx/acct${forged}`, m.body);
    expect(r.status).toBe(401);
    expect((await h.call<{ status: number }>('callbacks.replay', { id: r.logId })).status).toBe(401);
  });
});
