import { afterEach, describe, expect, it } from 'vitest';
import type { CallbackEntryDto, CallbacksPage } from '../../src/shared/api/areas/callbacks';
import { computeSignature } from '../../src/core/wechat';
import type { SimulatorExchange } from '../../src/shared/api/areas/simulator';
import { startHarness, text, type Harness } from '../helpers/callback-harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

/**
 * Issue 18, item 8: `x-mpdesk-source` from the network used to mark a request as simulator or
 * replay traffic (and `x-mpdesk-replay-of` tie it to any old exchange). Only MPDesk's own requests,
 * which carry the process's key, may set a source; the key never reaches the log.
 */
describe('who may mark a request as MPDesk’s own', () => {
  it('ignores x-mpdesk-source and x-mpdesk-replay-of from the network', async () => {
    h = await startHarness();
    const first = await h.send(text('first'));
    for (const source of ['simulator', 'replay']) {
      const m = h.build(text(`forged ${source}`));
      const r = await h.raw('POST', `/wx/acct${m.search}`, m.body, {
        'content-type': 'text/xml',
        'x-mpdesk-source': source,
        'x-mpdesk-replay-of': String(first.logId),
        'x-mpdesk-source-key': 'guessed-key-0123456789',
      });
      expect(r.status).toBe(200);
      const e = await h.call<CallbackEntryDto>('callbacks.get', { id: r.logId });
      expect(e.source).toBe('wechat');
      expect(e.dedupe).toBe('first');
    }
    // Unsigned, where WeChat always signs: not WeChat's either, whatever its header says.
    const push = await h.raw('POST', '/component/nope/events', '<xml/>', { 'x-mpdesk-source': 'simulator' });
    expect((await h.call<CallbackEntryDto>('callbacks.get', { id: push.logId })).source).toBe('other');
  });

  it('marks the simulator’s and the replays’ requests, and never logs their key', async () => {
    h = await startHarness();
    const sim = await h.call<SimulatorExchange>('simulator.send', {
      accountId: h.account.id,
      message: { MsgType: 'text', Content: 'from the simulator' },
    });
    const simRow = await h.call<CallbackEntryDto>('callbacks.get', { id: sim.logId! });
    expect(simRow.source).toBe('simulator');
    const replay = await h.call<{ logId: number }>('callbacks.replay', { id: sim.logId! });
    const replayRow = await h.call<CallbackEntryDto>('callbacks.get', { id: replay.logId });
    expect(replayRow).toMatchObject({ source: 'replay', dedupe: 'none', exchangeId: null });
    const retry = await h.call<{ logId: number }>('callbacks.replay', { id: sim.logId!, asRetry: true });
    const retryRow = await h.call<CallbackEntryDto>('callbacks.get', { id: retry.logId });
    expect(retryRow).toMatchObject({ source: 'replay', dedupe: 'retry', exchangeId: sim.logId });
    for (const row of [simRow, replayRow, retryRow]) {
      expect(row.headers['x-mpdesk-source-key']).toBe('****');
    }
  });

  it('logs a browser’s own requests as not WeChat, and lists only WeChat’s GETs as verifications (issue 19)', async () => {
    h = await startHarness({ account: { token: 'tokenABC123' } });
    const ts = String(Math.floor(Date.now() / 1000));
    const sig = computeSignature('tokenABC123', ts, '77');
    const verified = await h.raw('GET', `/wx/acct?signature=${sig}&timestamp=${ts}&nonce=77&echostr=e`);
    expect(verified.body).toBe('e');
    const bad = await h.raw('GET', `/wx/acct?signature=${'0'.repeat(40)}&timestamp=${ts}&nonce=77&echostr=e`);
    const strangers = [
      await h.raw('GET', '/favicon.ico'),
      await h.raw('GET', '/robots.txt'),
      await h.raw('GET', '/wx/acct'),
      await h.raw('POST', '/wx/acct', '<xml/>'),
      await h.raw('GET', '/component/nope/authorized?auth_code=abc'),
    ];
    // A fan's browser landing from WeChat's authorize page: web traffic MPDesk serves, not WeChat's.
    const oauthLanding = await h.raw('GET', '/oauth/acct/callback?code=c0de&state=s');
    const source = async (id: number) => (await h!.call<CallbackEntryDto>('callbacks.get', { id })).source;
    expect(await source(verified.logId)).toBe('wechat');
    // A wrong signature is WeChat's format with a wrong Token: still a verification attempt.
    expect(await source(bad.logId)).toBe('wechat');
    for (const r of strangers) expect(await source(r.logId)).toBe('other');
    expect(await source(oauthLanding.logId)).toBe('web');
    const list = await h.call<CallbacksPage>('callbacks.list', { verification: true });
    expect(list.items.map((e) => e.id).sort()).toEqual([verified.logId, bad.logId].sort());
  });
});
