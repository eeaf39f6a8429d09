import { afterEach, describe, expect, it } from 'vitest';
import type { CallbackEntryDto, CallbackSummaryDto } from '../../src/shared/api/areas/callbacks';
import type { Page } from '../../src/shared/api/areas/common';
import type { ConversationDto } from '../../src/shared/api/areas/conversations';
import type { SimulatorExchange } from '../../src/shared/api/areas/simulator';
import { startHarness, text, type Harness } from '../helpers/callback-harness';
import { tempDir } from '../helpers/temp-dir';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

describe('simulator, replays and the log', () => {
  it('simulator.send builds a signed, encrypted request, posts it over HTTP and returns the exchange', async () => {
    h = await startHarness({ mode: 'safe' });
    await h.call('rules.save', {
      accountId: h.account.id,
      name: 'greet',
      trigger: { kind: 'subscribe' },
      replies: [{ type: 'text', content: 'thanks for following' }],
    });
    const x = await h.call<SimulatorExchange>('simulator.send', {
      accountId: h.account.id,
      message: { MsgType: 'event', Event: 'subscribe', FromUserName: 'oSIM' },
    });
    expect(x.request.url).toMatch(
      /\/wx\/acct\?signature=[0-9a-f]{40}&timestamp=\d+&nonce=\d+&openid=oSIM&encrypt_type=aes&msg_signature=[0-9a-f]{40}$/,
    );
    expect(x.request.body).toContain('<Encrypt>');
    expect(x.response.status).toBe(200);
    expect(x.reply).toMatchObject({ MsgType: 'text', Content: 'thanks for following', ToUserName: 'oSIM' });
    const e = await h.call<CallbackEntryDto>('callbacks.get', { id: x.logId! });
    expect(e).toMatchObject({ source: 'simulator', reason: 'replied', event: 'subscribe' });
  });

  it('callbacks.replay resends the same bytes as a new delivery; replayEdited re-signs an edited message', async () => {
    h = await startHarness({ mode: 'safe' });
    await h.call('rules.save', {
      accountId: h.account.id,
      name: 'echo',
      trigger: { kind: 'keyword', match: 'contains', pattern: '' + 'e' },
      replies: [{ type: 'text', content: 'got it' }],
    });
    const r = await h.send(text('replay me'));
    const again = await h.call<{ status: number; body: string; logId: number }>('callbacks.replay', {
      id: r.logId,
    });
    expect(again.status).toBe(200);
    // The rule ran again: a reply of its own (a fresh envelope), saying the same.
    expect(again.body).not.toBe(r.body);
    expect(h.read(again.body)).toMatchObject({ fields: { Content: 'got it' } });
    const replayed = await h.call<CallbackEntryDto>('callbacks.get', { id: again.logId });
    expect(replayed).toMatchObject({ source: 'replay', dedupe: 'none', reason: 'replied', delivery: 1 });
    expect(replayed.rawBody).toBe((await h.call<CallbackEntryDto>('callbacks.get', { id: r.logId })).rawBody);

    const original = await h.call<CallbackEntryDto>('callbacks.get', { id: r.logId });
    const edited = original
      .decryptedXml!.replace('replay me', 'edited text')
      .replace(/<MsgId>\d+<\/MsgId>/, '<MsgId>6999999999999999999</MsgId>');
    const ed = await h.call<{ status: number; body: string; logId: number }>('callbacks.replayEdited', {
      id: r.logId,
      xml: edited,
    });
    expect(ed.status).toBe(200);
    expect(h.read(ed.body)).toMatchObject({ fields: { Content: 'got it' } });
    const edEntry = await h.call<CallbackEntryDto>('callbacks.get', { id: ed.logId });
    expect(edEntry.decryptedXml).toContain('edited text');
    // A replay is a delivery of its own: it neither claims nor joins an exchange.
    expect(edEntry).toMatchObject({ source: 'replay', dedupe: 'none' });
  });

  it('lists, filters and searches the log, pushes batched events with sequence numbers, and keeps conversations', async () => {
    h = await startHarness();
    const ids: number[] = [];
    for (const c of ['alpha', 'beta', 'gamma']) ids.push((await h.send(text(c))).logId);
    const bad = await h.raw('GET', '/wx/acct?signature=x&timestamp=1&nonce=1&echostr=e');
    await h.logged(bad.logId);
    const batches = h.events.filter((e) => e.name === 'callbacks.logged');
    const seqs = batches.flatMap((b) =>
      (b.payload as { entries: CallbackSummaryDto[] }).entries.map((e) => e.id),
    );
    expect(seqs).toEqual([...ids, bad.logId]);
    expect(batches.length).toBeLessThanOrEqual(4);

    const all = await h.call<Page<CallbackSummaryDto>>('callbacks.list', { limit: 2 });
    expect(all.items.map((e) => e.id)).toEqual([bad.logId, ids[2]]);
    const next = await h.call<Page<CallbackSummaryDto>>('callbacks.list', {
      limit: 2,
      cursor: all.nextCursor,
    });
    expect(next.items.map((e) => e.id)).toEqual([ids[1], ids[0]]);
    const search = await h.call<Page<CallbackSummaryDto>>('callbacks.list', { search: 'beta' });
    expect(search.items.map((e) => e.id)).toEqual([ids[1]]);
    const rejected = await h.call<Page<CallbackSummaryDto>>('callbacks.list', {
      outcome: 'rejected',
      accountId: h.account.id,
    });
    expect(rejected.items.map((e) => e.reason)).toEqual(['bad_signature']);

    const convos = await h.call<Page<ConversationDto>>('conversations.list', { accountId: h.account.id });
    expect(convos.items).toMatchObject([{ openid: 'oFAN_0001', messageCount: 3, lastSummary: 'gamma' }]);
  });

  it('masks secret-bearing query values and headers in the log', async () => {
    h = await startHarness();
    const r = await h.raw(
      'GET',
      '/wx/acct?signature=x&timestamp=1&nonce=2&echostr=e&access_token=SECRETTOKEN123',
      undefined,
      {
        authorization: 'Bearer SUPERSECRET',
      },
    );
    const e = await h.call<CallbackEntryDto>('callbacks.get', { id: r.logId });
    expect(JSON.stringify(e)).not.toContain('SECRETTOKEN123');
    expect(JSON.stringify(e)).not.toContain('SUPERSECRET');
    expect(e.query.access_token).toBe('SE****23');
  });

  it('purges log entries older than the retention setting (swept at start and hourly)', async () => {
    const dataDir = tempDir();
    h = await startHarness({ dataDir });
    const r = await h.send(text('old'));
    const keep = await h.send(text('new'));
    const fans = () => h!.call<Page<ConversationDto>>('conversations.list', { accountId: h!.account.id });
    expect((await fans()).items).toMatchObject([{ messageCount: 2 }]);
    h.core.db.prepare('UPDATE callback_log SET at = at - ? WHERE id = ?').run(40 * 86_400_000, r.logId);
    await h.call('settings.update', { callbackLogRetentionDays: 30 });
    await h.stop();
    h = await startHarness({ dataDir });
    const items = (await h.call<Page<CallbackSummaryDto>>('callbacks.list', {})).items.map((e) => e.id);
    expect(items).toEqual([keep.logId]);
    // The fan's conversation is read from the log, so it loses the purged message too.
    expect((await fans()).items).toMatchObject([{ messageCount: 1, lastSummary: 'new' }]);
    // Ids keep growing after a purge: they are the log's sequence numbers.
    expect((await h.send(text('newer'))).logId).toBeGreaterThan(keep.logId);
  });
});
