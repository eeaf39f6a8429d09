import { afterEach, describe, expect, it } from 'vitest';
import type { CallbackEntryDto } from '../../src/shared/api/areas/callbacks';
import { FakeUpstream } from '../fakes/upstream-server';
import { FAN, GH, startHarness, text, type Harness, stopAll } from '../helpers/callback-harness';

let h: Harness | undefined;
let up: FakeUpstream | undefined;
afterEach(async () => {
  await stopAll(h, up);
  h = up = undefined;
});

const rule = (accountId: string) => ({
  accountId,
  name: 'hi',
  trigger: { kind: 'keyword', match: 'exact', pattern: 'hi' },
  replies: [{ type: 'text', content: 'hello back' }],
});

const lintOf = async (id: number) => (await h!.call<CallbackEntryDto>('callbacks.get', { id })).replyLint;

/** callbacks.get carries core's reply lint (core/wechat/reply-lint.ts) as codes and params. */
describe('callbacks.get replyLint', () => {
  it('an encrypted reply is judged by what it carries, not as a message without MsgType', async () => {
    h = await startHarness({ mode: 'safe' });
    await h.call('rules.save', rule(h.account.id));
    const r = await h.send(text('hi'));
    const e = await h.call<CallbackEntryDto>('callbacks.get', { id: r.logId });
    expect(e.replyBody).toContain('<Encrypt>');
    expect(e.replyLint).toEqual({ kind: 'reply', encrypted: true, msgType: 'text', findings: [] });

    // Without the account's keys (deleted since), the plaintext the log kept stands in.
    await h.call('accounts.delete', { id: h.account.id });
    expect(await lintOf(r.logId)).toEqual({ kind: 'reply', encrypted: true, msgType: 'text', findings: [] });
  });

  it('acknowledgements, and requests with nothing to answer', async () => {
    h = await startHarness({ mode: 'plain' });
    const ack = await h.send(text('no rule for this'));
    expect(await lintOf(ack.logId)).toMatchObject({ kind: 'ack', encrypted: false, findings: [] });
    const bad = await h.raw('POST', '/wx/acct?signature=x&timestamp=1&nonce=2', '<xml/>');
    expect(bad.status).toBeGreaterThanOrEqual(400);
    expect(await lintOf(bad.logId)).toBeNull();
    // Refused before its message was read: no message, so no reply to judge either.
    const mismatch = await h.send(text('hi'), { mode: 'safe' });
    expect(mismatch.status).toBe(400);
    expect(await lintOf(mismatch.logId)).toBeNull();
  });

  it("a relayed upstream reply's warnings come as codes with their params", async () => {
    up = await new FakeUpstream().start();
    h = await startHarness({ mode: 'plain' });
    await h.call('upstream.set', {
      accountId: h.account.id,
      enabled: true,
      url: up.url,
      order: 'upstream-first',
    });
    up.reply = () => ({
      body:
        `<xml><ToUserName><![CDATA[${FAN}]]></ToUserName><FromUserName><![CDATA[${GH}]]></FromUserName>` +
        `<CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[]]></Content>` +
        `<Extra>1</Extra></xml>`,
    });
    const r = await h.send(text('to the upstream'));
    expect(r.status).toBe(200);
    expect(await lintOf(r.logId)).toEqual({
      kind: 'reply',
      encrypted: false,
      msgType: 'text',
      findings: [
        { severity: 'warning', code: 'empty_content', field: 'Content', params: {} },
        {
          severity: 'warning',
          code: 'unknown_field',
          field: 'Extra',
          params: { name: 'Extra', type: 'text' },
        },
      ],
    });
  });
});
