import { afterEach, describe, expect, it } from 'vitest';
import { systemRuntime } from '../../src/core/runtime';
import type { CallbackEntryDto } from '../../src/shared/api/areas/callbacks';
import { startHarness, text, type Harness } from '../helpers/callback-harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const rule = (accountId: string) => ({
  accountId,
  name: 'hi',
  trigger: { kind: 'keyword', match: 'exact', pattern: 'hi' },
  replies: [{ type: 'text', content: 'hello back' }],
});

describe('callback modes', () => {
  it('plain: replies plain XML; an encrypted request is a mode mismatch', async () => {
    h = await startHarness({ mode: 'plain' });
    await h.call('rules.save', rule(h.account.id));
    const r = await h.send(text('hi'));
    expect(r.status).toBe(200);
    const reply = h.read(r.body);
    expect(reply).toMatchObject({
      kind: 'plain',
      fields: { Content: 'hello back', MsgType: 'text', ToUserName: 'oFAN_0001' },
    });
    const enc = await h.send(text('hi'), { mode: 'safe' });
    expect(enc.status).toBe(400);
    expect(await h.call('callbacks.get', { id: enc.logId })).toMatchObject({ reason: 'mode_mismatch' });
  });

  it('compatible: accepts both; encrypted requests get encrypted replies', async () => {
    h = await startHarness({ mode: 'compatible' });
    await h.call('rules.save', rule(h.account.id));
    const plain = await h.send(text('hi'), { mode: 'plain' });
    expect(h.read(plain.body, 'plain')).toMatchObject({ kind: 'plain', fields: { Content: 'hello back' } });
    const enc = await h.send(text('hi'), { mode: 'compatible' });
    expect(enc.status).toBe(200);
    expect(h.read(enc.body)).toMatchObject({ kind: 'encrypted', fields: { Content: 'hello back' } });
  });

  it('safe: decrypts, logs plain and encrypted forms, rejects plain and bad signatures', async () => {
    h = await startHarness({ mode: 'safe' });
    await h.call('rules.save', rule(h.account.id));
    const r = await h.send(text('hi'));
    expect(r.status).toBe(200);
    expect(h.read(r.body)).toMatchObject({ kind: 'encrypted', fields: { Content: 'hello back' } });
    const e = await h.call<CallbackEntryDto>('callbacks.get', { id: r.logId });
    expect(e.decryptedXml).toContain('<Content><![CDATA[hi]]></Content>');
    expect(e.rawBody).toContain('<Encrypt>');
    expect(e.replyPlain).toContain('hello back');
    expect(e.replyBody).toContain('<MsgSignature>');
    expect(e).toMatchObject({ reason: 'replied', dedupe: 'first', msgType: 'text', openid: 'oFAN_0001' });
    expect(Object.keys(e.timings)).toEqual(
      expect.arrayContaining(['read', 'verify', 'decrypt', 'parse', 'handle', 'build', 'encrypt']),
    );

    const plain = await h.send(text('hi'), { mode: 'plain' });
    expect(plain.status).toBe(400);
    // The record and write stages end after the commit; they join the entry with a later batch.
    await h.logged(plain.logId);
    const timed = await h.call<CallbackEntryDto>('callbacks.get', { id: r.logId });
    expect(Object.keys(timed.timings)).toEqual(expect.arrayContaining(['record', 'write']));
    const m = h.build(text('hi'));
    const tampered = m.search.replace(/msg_signature=[0-9a-f]{4}/, 'msg_signature=0000');
    const bad = await h.raw('POST', `/wx/acct${tampered}`, m.body);
    expect(bad.status).toBe(401);
    const garbled = m.body.replace(/<Encrypt><!\[CDATA\[(.{8})/, '<Encrypt><![CDATA[AAAAAAAA');
    const dec = await h.raw('POST', `/wx/acct${m.search}`, garbled);
    // The msg_signature covers <Encrypt>, so a tampered ciphertext fails the signature first.
    expect(dec.status).toBe(401);
    const reasons = [];
    for (const x of [plain, bad, dec])
      reasons.push((await h.call<CallbackEntryDto>('callbacks.get', { id: x.logId })).reason);
    expect(reasons).toEqual(['mode_mismatch', 'bad_signature', 'bad_signature']);
  });

  it('safe: a request encrypted with another key fails decryption with a typed reason', async () => {
    h = await startHarness({ mode: 'safe' });
    // Same Token, different EncodingAESKey: signatures hold, decryption does not.
    await h.call('accounts.update', {
      id: h.account.id,
      encodingAESKey: 'ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut',
    });
    const r = await h.send(text('hi'));
    expect(r.status).toBe(400);
    expect(await h.call('callbacks.get', { id: r.logId })).toMatchObject({ reason: 'decrypt_failed' });
  });

  it('accepts the published safe-mode request of vector V1 (docs/wechat-protocol.md §13)', async () => {
    // The vector was signed in March 2016: the listener's clock stands there, inside its window.
    const signedAt = 1458300676_000;
    h = await startHarness({
      mode: 'safe',
      runtime: { ...systemRuntime, clock: { now: () => signedAt } },
      account: {
        appId: 'wxb11529c136998cb6',
        token: 'pamtest',
        encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
      },
    });
    const encrypt =
      'rTNFcsut4LfGuAFKEUVVpwcaCOTJzOd9twZdIW910jb3k+iicx2uvhttIZ3Qg9Qgty3BEF2xbOrz6boTfb30dMomcgrkTqdFPwnhqbk+kIQ7rZiwny9D7NUrTgA5kpX3KsZvrXzUZyP2x9YOlxbgm572lmxKvM7HAQQhIQ/p6HBmoY30bGXFK0BtIu1pW9TjhOYrLQoU18nWYjWqDA1ynkmOytpv7QRI1P1+0NoxL0q2zO1DgeSvnE8CZGo/o5Ap/WHK5W2RAsinpzN4/LjPnmB6U01I5XCoJoC0GK/yMZycd2Oh8Nq6+wBkC1U85oy0ktOY4nLvsQMLrourmMGdZHuTbqpeJ8Ao/5PRYJ+WBvRUwPfGKBL2+2IKZF49vAJqkcGWSHGE76ZN2erXeuNazf/o9o3lIE3q739o4c8t9QGPe31GT2Go/rOz1BsrASwvauNulCh+++yz+CQzBIuikA==';
    const q =
      '?signature=62ec41eb19c7dce895f002d79b70ddbb5acf314e&timestamp=1458300676&nonce=260774613&openid=asdasdasdsadasd&encrypt_type=aes&msg_signature=4f3ad57b6989f09f4eb392acce4f9e93942ed890';
    const body = `<xml>\n    <ToUserName><![CDATA[asdasdasd]]></ToUserName>\n    <Encrypt><![CDATA[${encrypt}]]></Encrypt>\n</xml>\n`;
    const r = await h.raw('POST', `/wx/acct${q}`, body);
    expect(r.status).toBe(200);
    const e = await h.call<CallbackEntryDto>('callbacks.get', { id: r.logId });
    expect(e.parsed).toMatchObject({
      fromUserName: 'asdasdasdsadasd',
      content: 'hello',
      createTime: 1234567898,
    });
  });
});
