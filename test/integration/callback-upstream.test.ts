import { afterEach, describe, expect, it } from 'vitest';
import type { CallbackEntryDto } from '../../src/shared/api/areas/callbacks';
import { FakeUpstream } from '../fakes/upstream-server';
import { startHarness, text, type Harness, stopAll, upstreamReplyXml } from '../helpers/callback-harness';
import { firstOf } from '../helpers/indexed';

let h: Harness | undefined;
let up: FakeUpstream | undefined;
afterEach(async () => {
  await stopAll(h, up);
  h = up = undefined;
});

const fallbackRule = (accountId: string) => ({
  accountId,
  name: 'fallback',
  trigger: { kind: 'default' },
  replies: [{ type: 'text', content: 'from rules' }],
});

async function setup(mode: 'plain' | 'safe', order: string, timeoutMs = 3000) {
  up = await new FakeUpstream().start();
  h = await startHarness({ mode });
  await h.call('upstream.set', { accountId: h.account.id, enabled: true, url: up.url, order, timeoutMs });
  return { h, up };
}

describe('upstream forwarding', () => {
  it('forwards the original request as WeChat signed it and relays the reply as-is, logging both legs', async () => {
    const { h, up } = await setup('plain', 'rules-first');
    up.reply = () => ({ body: upstreamReplyXml('from my server') });
    const m = h.build(text('forward me'));
    const r = await h.raw('POST', `/wx/acct${m.search}`, m.body, { 'content-type': 'text/xml' });
    expect(r.status).toBe(200);
    expect(r.body).toBe(upstreamReplyXml('from my server'));
    expect(up.hits).toHaveLength(1);
    expect(firstOf(up.hits).url).toBe(`/wechat${m.search}`);
    expect(firstOf(up.hits).body).toBe(m.body);
    expect(firstOf(up.hits).headers['content-type']).toBe('text/xml');
    const e = await h.call<CallbackEntryDto>('callbacks.get', { id: r.logId });
    expect(e).toMatchObject({ matched: 'upstream', reason: 'upstream_replied' });
    expect(e.upstream).toMatchObject({
      status: 200,
      relayed: true,
      error: null,
      body: upstreamReplyXml('from my server'),
    });
  });

  it('safe mode: relays an encrypted upstream reply untouched, and encrypts a plain one (noted in the log)', async () => {
    const { h, up } = await setup('safe', 'upstream-only');
    up.reply = () => ({ body: upstreamReplyXml('plain from upstream') });
    const r = await h.send(text('x'));
    expect(h.read(r.body)).toMatchObject({ kind: 'encrypted', fields: { Content: 'plain from upstream' } });
    const e = await h.call<CallbackEntryDto>('callbacks.get', { id: r.logId });
    expect(e.upstream?.note).toMatch(/MPDesk encrypted it/);

    const enc = await h.send(text('y'));
    const envelope = enc.body;
    up.reply = () => ({ body: envelope });
    const relayed = await h.send(text('z'));
    expect(relayed.body).toBe(envelope);
  });

  it('a slow upstream times out and the rules answer (upstream-first)', async () => {
    const { h, up } = await setup('plain', 'upstream-first', 200);
    await h.call('rules.save', fallbackRule(h.account.id));
    up.reply = () => 'hang';
    const r = await h.send(text('slow'));
    expect(h.read(r.body)).toMatchObject({ fields: { Content: 'from rules' } });
    const e = await h.call<CallbackEntryDto>('callbacks.get', { id: r.logId });
    expect(e.upstream?.error).toBe('upstream did not answer within 200 ms');
    expect(e.matched).toMatch(/^rule:/);
    expect(e).toMatchObject({ outcome: 'error', reason: 'upstream_failed' });
    up.release();
  });

  it('a failing upstream (HTTP 500) is a logged failure; WeChat gets success (rules-first, no rule)', async () => {
    const { h, up } = await setup('plain', 'rules-first');
    up.reply = () => ({ status: 500, body: 'Traceback (most recent call last)' });
    const r = await h.send(text('boom'));
    expect(r.body).toBe('success');
    const e = await h.call<CallbackEntryDto>('callbacks.get', { id: r.logId });
    expect(e.upstream).toMatchObject({ status: 500, relayed: false, error: 'upstream answered HTTP 500' });
    expect(e).toMatchObject({ status: 200, outcome: 'error', reason: 'upstream_failed' });
  });

  it('an unreachable upstream is logged as such', async () => {
    const s = await setup('plain', 'rules-first');
    await s.up.stop();
    const r = await s.h.send(text('anyone?'));
    expect(r.body).toBe('success');
    const e = await s.h.call<CallbackEntryDto>('callbacks.get', { id: r.logId });
    expect(e.upstream?.error).toMatch(/^upstream unreachable: ECONNREFUSED/);
    up = undefined;
  });

  it('a malformed upstream reply fails the lint and is not relayed; the rules answer instead', async () => {
    const { h, up } = await setup('plain', 'upstream-first');
    await h.call('rules.save', fallbackRule(h.account.id));
    for (const bad of [
      '<html>Internal error</html>',
      '{"msg":"json"}',
      upstreamReplyXml('wrong fan', 'oSOMEONE_ELSE'),
    ]) {
      up.reply = () => ({ body: bad });
      const r = await h.send(text('lint me'));
      expect(h.read(r.body)).toMatchObject({ fields: { Content: 'from rules' } });
      const e = await h.call<CallbackEntryDto>('callbacks.get', { id: r.logId });
      expect(e.upstream).toMatchObject({ relayed: false, body: bad });
      expect(e.upstream?.error).toMatch(/upstream reply/);
    }
  });

  it('rules-first: a matching rule answers without forwarding', async () => {
    const { h, up } = await setup('plain', 'rules-first');
    await h.call('rules.save', fallbackRule(h.account.id));
    const r = await h.send(text('rules win'));
    expect(h.read(r.body)).toMatchObject({ fields: { Content: 'from rules' } });
    expect(up.hits).toHaveLength(0);
  });
});
