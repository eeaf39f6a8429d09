import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src/core/dispatch';
import type { ComponentPlatformDto } from '../../src/shared/api/areas/component';
import type { TokenStatusDto } from '../../src/shared/api/areas/tokens';
import { startCoreWithSandbox } from '../helpers/sandbox';
import { tempDir } from '../helpers/temp-dir';
import { accountInput } from '../helpers/test-core';

const REAL_SECRET = 'RealAppSecret' + 'x'.repeat(19);
const REAL_COMPONENT_SECRET = 'RealComponentSecret' + 'y'.repeat(13);

/** Every byte of the sandbox's files (database, WAL, shared memory). */
function sandboxBytes(dataDir: string): string {
  return fs
    .readdirSync(dataDir)
    .filter((f) => f.startsWith('sandbox.sqlite'))
    .map((f) => fs.readFileSync(path.join(dataDir, f)).toString('latin1'))
    .join('');
}

type Started = Awaited<ReturnType<typeof startCoreWithSandbox>>;
async function call<T>(s: Started, method: string, input?: unknown): Promise<T> {
  const r = await dispatch(s.core.handlers, method, input, { transport: 'internal' });
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as T;
}

/**
 * Issue 18, item 4: an account pointed at the sandbox had its real AppSecret copied into
 * sandbox.sqlite (mode 0644), and so did a sandbox platform's secret. The sandbox now keeps secrets
 * of its own, which the account uses through the sealed secret store.
 */
describe('the sandbox keeps its own secrets', () => {
  it('never stores a real AppSecret or component secret, and they still work against it', async () => {
    const dataDir = tempDir();
    const s = await startCoreWithSandbox({ dataDir });
    const real = await call<{ id: string; appId: string }>(s, 'accounts.create', {
      ...accountInput({
        appId: 'wx00000000000000ab',
        appSecret: REAL_SECRET,
        mode: 'plain',
        callbackSlug: 'r',
      }),
      apiBase: 'sandbox',
    });
    const status = await call<TokenStatusDto>(s, 'tokens.refresh', { accountId: real.id });
    expect(status.hasToken).toBe(true);
    const platform = await call<ComponentPlatformDto>(s, 'component.configure', {
      name: 'p',
      componentAppId: 'wxc0ffee0123456789',
      appSecret: REAL_COMPONENT_SECRET,
      token: 'componentToken42',
      encodingAESKey: 'ComponentKey0123456789abcdefghijklmnopqrstu',
      apiBase: 'sandbox',
    });
    await call(s, 'component.pushTicket', { id: platform.id });
    expect(
      (await call<ComponentPlatformDto>(s, 'component.refreshToken', { id: platform.id })).componentToken
        .hasToken,
    ).toBe(true);
    const apps = s.platform.db.prepare('SELECT secret FROM apps').all() as { secret: string }[];
    expect(apps.map((a) => a.secret)).not.toContain(REAL_SECRET);
    await s.core.stop();
    const bytes = sandboxBytes(dataDir);
    expect(bytes).not.toContain(REAL_SECRET);
    expect(bytes).not.toContain(REAL_COMPONENT_SECRET);
  });

  it('scrubs a real secret an older version left in sandbox.sqlite', async () => {
    const dataDir = tempDir();
    const first = await startCoreWithSandbox({ dataDir });
    // What the old code did: the account's own secret, copied in.
    first.platform.ensureApp({ appid: 'wx00000000000000cd', secret: REAL_SECRET, name: 'old' });
    first.platform.createComponent('wxc0ffee0123456789', REAL_COMPONENT_SECRET);
    await first.core.stop();
    expect(sandboxBytes(dataDir)).toContain(REAL_SECRET);
    const again = await startCoreWithSandbox({ dataDir });
    await again.core.stop();
    const bytes = sandboxBytes(dataDir);
    expect(bytes).not.toContain(REAL_SECRET);
    expect(bytes).not.toContain(REAL_COMPONENT_SECRET);
  });
});

describe('data files are the owner’s alone', () => {
  it.skipIf(process.platform === 'win32')(
    'makes the data folder 0700 and every file in it 0600, old ones too',
    async () => {
      const dataDir = tempDir();
      fs.chmodSync(dataDir, 0o755);
      fs.writeFileSync(path.join(dataDir, 'notes.txt'), 'left by an older version', { mode: 0o644 });
      const s = await startCoreWithSandbox({ dataDir });
      await call(s, 'accounts.create', accountInput({ appId: 'wx00000000000000ef', callbackSlug: 'm' }));
      const modes = () =>
        Object.fromEntries(
          fs
            .readdirSync(dataDir)
            .map((f) => [f, (fs.statSync(path.join(dataDir, f)).mode & 0o777).toString(8)]),
        );
      const running = modes();
      for (const f of [
        'mpdesk.sqlite',
        'mpdesk.sqlite-wal',
        'mpdesk.sqlite-shm',
        'sandbox.sqlite',
        'secret.key',
      ])
        expect([f, running[f]]).toEqual([f, '600']);
      for (const [f, m] of Object.entries(running)) expect([f, m]).toEqual([f, '600']);
      expect((fs.statSync(dataDir).mode & 0o777).toString(8)).toBe('700');
      await s.core.stop();
    },
  );
});
