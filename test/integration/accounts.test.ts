import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/core/dispatch';
import { tempDir } from '../helpers/temp-dir';
import { accountInput, createTestCore, type TestCore } from '../helpers/test-core';

const cores: TestCore[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.stop();
});
function core(dataDir?: string) {
  const c = createTestCore({ dataDir });
  cores.push(c);
  return c;
}
const call = (c: TestCore, m: string, input?: unknown) =>
  dispatch(c.handlers, m, input, { transport: 'internal' });

describe('accounts', () => {
  it('create returns the account with its id and callback path, secrets only as isSet', async () => {
    const c = core();
    const input = accountInput({ callbackSlug: 'shop' });
    const r = await call(c, 'accounts.create', input);
    expect(r.ok).toBe(true);
    const acc = (r as { value: Record<string, unknown> }).value;
    expect(acc).toMatchObject({
      name: '测试号',
      appId: input.appId,
      mode: 'safe',
      callbackPath: '/wx/shop',
      appSecret: { isSet: true },
      token: { isSet: true },
      encodingAESKey: { isSet: true },
      isSandbox: false,
    });
    expect(typeof acc.id).toBe('string');
    const json = JSON.stringify(await call(c, 'accounts.list'));
    for (const secret of [input.appSecret, input.token, input.encodingAESKey])
      expect(json).not.toContain(secret);
  });

  it('secrets are sealed at rest: the database file never holds them in clear', async () => {
    const dir = tempDir();
    const c = core(dir);
    const input = accountInput();
    await call(c, 'accounts.create', input);
    const rows = c.db.prepare('SELECT ciphertext FROM secrets').all() as { ciphertext: Buffer }[];
    expect(rows).toHaveLength(3);
    for (const r of rows)
      for (const s of [input.appSecret, input.token, input.encodingAESKey]) {
        expect(r.ciphertext.includes(Buffer.from(s))).toBe(false);
      }
  });

  it('everything survives a restart on the same data dir', async () => {
    const dir = tempDir();
    const c1 = core(dir);
    const created = await call(c1, 'accounts.create', accountInput());
    await call(c1, 'settings.update', { language: 'en', replyDeadlineMs: 3000 });
    await c1.stop();
    const c2 = core(dir);
    const list = await call(c2, 'accounts.list');
    expect(list).toEqual({ ok: true, value: [(created as { value: unknown }).value] });
    expect(await call(c2, 'settings.get')).toMatchObject({
      value: { language: 'en', replyDeadlineMs: 3000, theme: 'system' },
    });
    expect(c2.services.accounts.credentials((created as { value: { id: string } }).value.id).token).toBe(
      'tokenABC123',
    );
  });

  it('update keeps omitted secrets and replaces given ones', async () => {
    const c = core();
    const { value } = (await call(c, 'accounts.create', accountInput())) as { value: { id: string } };
    const r = await call(c, 'accounts.update', { id: value.id, name: '新名字', token: 'newToken99' });
    expect(r).toMatchObject({ ok: true, value: { name: '新名字' } });
    const cred = c.services.accounts.credentials(value.id);
    expect(cred.token).toBe('newToken99');
    expect(cred.appSecret).toBe(accountInput().appSecret);
  });

  it('safe mode without an EncodingAESKey is refused, naming the field', async () => {
    const c = core();
    const r = await call(c, 'accounts.create', accountInput({ encodingAESKey: undefined }));
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', issues: [{ path: 'encodingAESKey' }] },
    });
    const plain = await call(
      c,
      'accounts.create',
      accountInput({ encodingAESKey: undefined, mode: 'plain' }),
    );
    expect(plain.ok).toBe(true);
    const id = (plain as { value: { id: string } }).value.id;
    const toSafe = await call(c, 'accounts.update', { id, mode: 'safe' });
    expect(toSafe).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', issues: [{ path: 'encodingAESKey' }] },
    });
  });

  it('two accounts cannot share a callback path', async () => {
    const c = core();
    await call(c, 'accounts.create', accountInput({ callbackSlug: 'same' }));
    const r = await call(
      c,
      'accounts.create',
      accountInput({ callbackSlug: 'same', appId: 'wxaaaaaaaaaaaaaaaa' }),
    );
    expect(r).toMatchObject({ ok: false, error: { code: 'conflict', issues: [{ path: 'callbackSlug' }] } });
  });

  it('delete removes the account and its secrets; unknown ids are not_found', async () => {
    const c = core();
    const { value } = (await call(c, 'accounts.create', accountInput())) as { value: { id: string } };
    expect(await call(c, 'accounts.delete', { id: value.id })).toEqual({ ok: true, value: { id: value.id } });
    expect(c.db.prepare("SELECT count(*) FROM secrets WHERE name LIKE 'account:%'").pluck().get()).toBe(0);
    expect(await call(c, 'accounts.delete', { id: value.id })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('changes are announced as events', async () => {
    const c = core();
    const seen: string[] = [];
    c.events.subscribe((e) => seen.push(e.name));
    await call(c, 'accounts.create', accountInput());
    await call(c, 'settings.update', { theme: 'dark' });
    expect(seen).toEqual(expect.arrayContaining(['accounts.changed', 'settings.changed']));
  });
});
