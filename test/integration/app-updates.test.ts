import { afterEach, describe, expect, it } from 'vitest';
import type { UpdateStatus } from '../../src/shared/api/areas/app';
import { createTestCore } from '../helpers/test-core';
import type { Core } from '../../src/core/create-core';
import { dispatch } from '../../src/core/dispatch';
import type { UpdatesPort } from '../../src/core/services/app-updates';

let core: Core | undefined;
afterEach(async () => {
  await core?.stop();
  core = undefined;
});
const call = (method: string) => dispatch(core!.handlers, method, undefined, { transport: 'http' });

describe('app updates in the contract', () => {
  it('headless mode says updates are for the desktop app, and installs nothing', async () => {
    core = createTestCore();
    expect(await call('app.updates')).toEqual({
      ok: true,
      value: {
        state: 'unsupported',
        currentVersion: '0.0.0-test',
        feedUrl: null,
        availableVersion: null,
        percent: null,
        checkedAt: null,
        error: null,
      },
    });
    expect(await call('app.checkForUpdates')).toMatchObject({ ok: true, value: { state: 'unsupported' } });
    expect(await call('app.installUpdate')).toMatchObject({
      ok: false,
      error: { code: 'unavailable', message: expect.stringContaining('Updates are for the desktop app') },
    });
  });

  it("serves the desktop updater's status and forwards its changes as app.updateChanged", async () => {
    let notify: (s: UpdateStatus) => void = () => {};
    const s: UpdateStatus = {
      state: 'idle',
      currentVersion: '2.0.0',
      feedUrl: 'https://dl.example.com/mpdesk',
      availableVersion: null,
      percent: null,
      checkedAt: null,
      error: null,
    };
    const port: UpdatesPort = {
      status: () => s,
      check: async () => ({ ...s, state: 'up-to-date' }),
      install: () => s,
      onChange: (l) => (notify = l),
    };
    core = createTestCore({ config: { updates: port } });
    const seen: unknown[] = [];
    core.events.subscribe((e) => e.name === 'app.updateChanged' && seen.push(e.payload));
    expect(await call('app.updates')).toMatchObject({ ok: true, value: { state: 'idle' } });
    expect(await call('app.checkForUpdates')).toMatchObject({ ok: true, value: { state: 'up-to-date' } });
    notify({ ...s, state: 'ready', availableVersion: '2.1.0' });
    expect(seen).toEqual([{ ...s, state: 'ready', availableVersion: '2.1.0' }]);
  });
});
