import { afterAll, describe, expect, it, vi } from 'vitest';
import { methods } from '../shared/api/contract';
import { CALL_CHANNEL, EVENT_CHANNEL } from '../shared/api/channels';
import { createTestCore } from '../../test/helpers/test-core';
import { forwardEvents, registerIpc } from './ipc-bridge';

// Electron's binary cannot load here (docs/architecture.md §9); the bridge only needs its ipcMain shape.
vi.mock('electron', () => ({}));

const APP = 'file:///opt/mpdesk/out/renderer/index.html';
const core = createTestCore();
afterAll(() => core.stop());

function fakeIpc() {
  const handlers = new Map<string, (...a: unknown[]) => unknown>();
  return {
    handle: (ch: string, fn: (...a: unknown[]) => unknown) => handlers.set(ch, fn),
    removeHandler: (ch: string) => handlers.delete(ch),
    handlers,
  };
}
const frame = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } });

describe('IPC bridge', () => {
  const ipc = fakeIpc();
  const unregister = registerIpc(ipc as never, core, APP);
  const invoke = ipc.handlers.get(CALL_CHANNEL)!;

  it('registers one call channel that serves every contract method', async () => {
    expect([...ipc.handlers.keys()]).toEqual([CALL_CHANNEL]);
    for (const name of Object.keys(methods)) {
      const r = (await invoke(frame(`${APP}#/x`), name, { definitelyNotAField: 1 })) as {
        ok: boolean;
        error?: { code: string };
      };
      // Reaching validation proves the method is routed; an unrouted one would be not_found.
      expect(r.error?.code, name).toBe('invalid_input');
    }
    expect(await invoke(frame(APP), 'app.status', undefined)).toMatchObject({
      ok: true,
      value: { shell: 'headless' },
    });
  });

  it('rejects calls from a foreign page or a subframe', async () => {
    expect(await invoke(frame('https://evil.example/'), 'accounts.list', undefined)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await invoke(frame(APP, { url: APP }), 'accounts.list', undefined)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await invoke({ senderFrame: null }, 'accounts.list', undefined)).toMatchObject({ ok: false });
    expect(await invoke(frame(APP), 42, undefined)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });

  it('forwards core events to the window until it is destroyed', () => {
    const sent: unknown[] = [];
    let destroyed: (() => void) | undefined;
    const contents = {
      isDestroyed: () => false,
      send: (ch: string, e: unknown) => sent.push([ch, e]),
      once: (_: string, fn: () => void) => (destroyed = fn),
    };
    forwardEvents(core, contents as never);
    core.events.emit('settings.changed', core.services.settings.get());
    expect(sent).toHaveLength(1);
    expect((sent[0] as unknown[])[0]).toBe(EVENT_CHANNEL);
    destroyed!();
    core.events.emit('settings.changed', core.services.settings.get());
    expect(sent).toHaveLength(1);
  });

  it('unregisters cleanly', () => {
    unregister();
    expect(ipc.handlers.size).toBe(0);
  });
});
