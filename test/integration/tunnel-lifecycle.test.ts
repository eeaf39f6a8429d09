import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/core/dispatch';
import { systemRuntime, type Runtime } from '../../src/core/runtime';
import type { TunnelStatus } from '../../src/shared/api/areas/tunnel';
import type { MethodName } from '../../src/shared/api/contract';
import { FakeNgrok, ManualTimers } from '../fakes/fake-ngrok';
import { tempDir } from '../helpers/temp-dir';
import { accountInput, createTestCore, type TestCore } from '../helpers/test-core';
import { firstOf, itemAt } from '../helpers/indexed';

const AUTHTOKEN = '2abcDEFghiJKLmnoPQRstu_vwxYZ0123456789abcdEFG';
const NOW = 1_800_000_000_000;
const runtime: Runtime = { clock: { now: () => NOW }, random: systemRuntime.random };
const BACKOFF = { initialMs: 1000, maxMs: 8000, factor: 2, jitter: 0 };

const cores: TestCore[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.stop();
});

interface Rig {
  core: TestCore;
  ngrok: FakeNgrok;
  timers: ManualTimers;
  events: TunnelStatus[];
  dataDir: string;
  call(method: MethodName, input?: unknown): Promise<unknown>;
  /** Resolves with the first tunnel status (current or future) that matches. */
  until(pred: (s: TunnelStatus) => boolean): Promise<TunnelStatus>;
}

async function rig(opts: { dataDir?: string; ngrok?: FakeNgrok } = {}): Promise<Rig> {
  const ngrok = opts.ngrok ?? new FakeNgrok();
  const timers = new ManualTimers();
  const dataDir = opts.dataDir ?? tempDir();
  const core = createTestCore({
    dataDir,
    overrides: { runtime, tunnel: { ngrok, timers, backoff: BACKOFF } },
  });
  cores.push(core);
  const events: TunnelStatus[] = [];
  const waiters: { pred: (s: TunnelStatus) => boolean; resolve: (s: TunnelStatus) => void }[] = [];
  core.events.subscribe((e) => {
    if (e.name !== 'tunnel.changed') return;
    events.push(e.payload);
    for (const w of [...waiters]) {
      if (w.pred(e.payload)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(e.payload);
      }
    }
  });
  const call = async (method: MethodName, input?: unknown) => {
    const r = await dispatch(core.handlers, method, input, { transport: 'internal' });
    if (!r.ok) throw Object.assign(new Error(r.error.message), r.error);
    return r.value;
  };
  const until = (pred: (s: TunnelStatus) => boolean) => {
    const now = core.services.tunnel.status();
    if (pred(now)) return Promise.resolve(now);
    return new Promise<TunnelStatus>((resolve) => waiters.push({ pred, resolve }));
  };
  await core.start();
  return { core, ngrok, timers, events, dataDir, call, until };
}

const ngrokConfig = { provider: 'ngrok', ngrokAuthtoken: AUTHTOKEN };

describe('tunnel lifecycle (fake ngrok session)', () => {
  it('goes connecting → online, forwards only to the callback listener, and stops idempotently', async () => {
    const r = await rig();
    r.ngrok.nextUrls('https://a1b2.ngrok-free.app');
    const acc = r.core.services.accounts.create(accountInput({ callbackSlug: 'demo' }));
    await r.call('tunnel.configure', ngrokConfig);
    const s = (await r.call('tunnel.start')) as TunnelStatus;

    expect(s.state).toBe('online');
    expect(s.publicUrl).toBe('https://a1b2.ngrok-free.app');
    const callback = r.core.status().callbackListener!.url;
    expect(s.forwardsTo).toBe(callback);
    expect(firstOf(firstOf(r.ngrok.sessions).listeners).opts.forwardTo).toBe(callback);
    expect(firstOf(r.ngrok.connects).serverAddr).toBeUndefined();
    expect(s.urls.filter((u) => u.accountId === acc.id)).toEqual([
      {
        accountId: acc.id,
        accountName: acc.name,
        serverUrl: 'https://a1b2.ngrok-free.app/wx/demo',
        oauthDomain: 'a1b2.ngrok-free.app',
        oauthRedirectUri: 'https://a1b2.ngrok-free.app/oauth/demo/callback',
        mpVerifyUrls: [],
      },
    ]);
    expect(s.config.ngrok.authtoken).toEqual({ isSet: true });
    expect(r.events.map((e) => e.state)).toEqual(expect.arrayContaining(['connecting', 'online']));
    expect(r.events.findIndex((e) => e.state === 'connecting')).toBeLessThan(
      r.events.findIndex((e) => e.state === 'online'),
    );
    expect(JSON.stringify(r.events)).not.toContain(AUTHTOKEN);

    const stopped = (await r.call('tunnel.stop')) as TunnelStatus;
    expect(stopped.state).toBe('stopped');
    expect(stopped.publicUrl).toBeNull();
    expect(firstOf(r.ngrok.sessions).closed).toBe(true);
    expect(firstOf(firstOf(r.ngrok.sessions).listeners).closed).toBe(true);
    await expect(r.call('tunnel.stop')).resolves.toMatchObject({ state: 'stopped' });
  });

  it('goes offline with a typed reason on a network failure and reconnects with exponential backoff', async () => {
    const fail = { fail: 'failed to connect session: failed to establish tcp connection' };
    const r = await rig({ ngrok: new FakeNgrok().script(fail, fail, fail, 'ok') });
    await r.call('tunnel.configure', ngrokConfig);

    const first = (await r.call('tunnel.start')) as TunnelStatus;
    expect(first).toMatchObject({ state: 'offline', attempt: 1, nextRetryAt: NOW + 1000 });
    expect(first.offline).toMatchObject({ reason: 'no_network', retrying: true });
    expect(first.offline!.message.zh).toMatch(/ngrok/);
    expect(first.offline!.fix.en).toMatch(/keeps retrying/);
    expect(r.timers.delays).toEqual([1000]);

    r.timers.fireAll();
    await r.until((s) => s.state === 'offline' && s.attempt === 2);
    expect(r.timers.delays).toEqual([2000]);
    r.timers.fireAll();
    await r.until((s) => s.state === 'offline' && s.attempt === 3);
    expect(r.timers.delays).toEqual([4000]);
    r.timers.fireAll();
    const online = await r.until((s) => s.state === 'online');
    expect(online).toMatchObject({ attempt: 0, offline: null, nextRetryAt: null });
    expect(r.ngrok.connects).toHaveLength(4);
    expect(r.timers.delays).toEqual([]);
  });

  it('does not retry a rejected authtoken, and never shows it', async () => {
    const message = `authentication failed: The authtoken you specified is properly formed, but it is invalid.\nYour authtoken: ${AUTHTOKEN}\n\nERR_NGROK_107`;
    const r = await rig({ ngrok: new FakeNgrok().script({ fail: message }) });
    await r.call('tunnel.configure', ngrokConfig);
    const s = (await r.call('tunnel.start')) as TunnelStatus;
    expect(s.state).toBe('offline');
    expect(s.offline).toMatchObject({
      reason: 'authtoken_invalid',
      providerCode: 'ERR_NGROK_107',
      retrying: false,
    });
    expect(s.offline!.detail).toContain('2a****FG');
    expect(s.nextRetryAt).toBeNull();
    expect(r.timers.delays).toEqual([]);
    expect(JSON.stringify(r.events)).not.toContain(AUTHTOKEN);
    expect(JSON.stringify(await r.call('tunnel.status'))).not.toContain(AUTHTOKEN);
  });

  it('says when the authtoken is missing without calling ngrok', async () => {
    const r = await rig();
    await r.call('tunnel.configure', { provider: 'ngrok' });
    const s = (await r.call('tunnel.start')) as TunnelStatus;
    expect(s.offline).toMatchObject({ reason: 'authtoken_missing', retrying: false });
    expect(r.ngrok.connects).toHaveLength(0);
  });

  it('reports a domain that is not reserved, passes domain and region to ngrok, and closes the session', async () => {
    const ngrok = new FakeNgrok();
    ngrok.listenFailures.push(
      `failed to start tunnel: The domain 'mine.ngrok.app' is not reserved by your account.\n\nERR_NGROK_7118`,
    );
    const r = await rig({ ngrok });
    await r.call('tunnel.configure', { ...ngrokConfig, ngrokDomain: 'Mine.ngrok.app', ngrokRegion: 'ap' });
    const s = (await r.call('tunnel.start')) as TunnelStatus;
    expect(s.offline).toMatchObject({ reason: 'domain_not_reserved', retrying: false });
    expect(firstOf(ngrok.connects).serverAddr).toBe('connect.ap.ngrok-agent.com:443');
    expect(firstOf(ngrok.sessions).closed).toBe(true);

    const ok = (await r.call('tunnel.start')) as TunnelStatus;
    expect(ok.publicUrl).toBe('https://mine.ngrok.app');
    expect(firstOf(itemAt(ngrok.sessions, 1).listeners).opts.domain).toBe('mine.ngrok.app');
  });

  it('reconnects after a drop and announces a rotated URL loudly with urlChangedFrom', async () => {
    const r = await rig({
      ngrok: new FakeNgrok().nextUrls('https://old.ngrok-free.app', 'https://new.ngrok-free.app'),
    });
    await r.call('tunnel.configure', ngrokConfig);
    const first = (await r.call('tunnel.start')) as TunnelStatus;
    expect(first.urlChangedFrom).toBeNull();

    r.ngrok.live!.disconnect('session closed: connection reset by peer');
    const dropped = await r.until((s) => s.state === 'offline');
    expect(dropped.offline).toMatchObject({ reason: 'disconnected', retrying: true });
    expect(dropped.offline!.detail).toContain('connection reset');
    expect(r.timers.delays).toEqual([1000]);

    r.timers.fireAll();
    const back = await r.until((s) => s.state === 'online');
    expect(firstOf(r.ngrok.sessions).closed).toBe(true);
    expect(r.ngrok.sessions).toHaveLength(2);
    expect(back.publicUrl).toBe('https://new.ngrok-free.app');
    expect(back.urlChangedFrom).toBe('https://old.ngrok-free.app');
    expect(back.urlChange).toMatchObject({
      from: 'https://old.ngrok-free.app',
      to: 'https://new.ngrok-free.app',
      at: NOW,
    });
    expect(back.urlChange!.message.zh).toContain('公众号后台');
    expect(back.urlChange!.message.en).toContain('still points at the old one');
    // The mp backend still holds the old URL until the user says otherwise.
    expect(back.lastPublicUrl).toBe('https://old.ngrok-free.app');
  });

  it('follows MP_verify files as they are uploaded and deleted: the per-account URLs change at once', async () => {
    const r = await rig();
    const acc = r.core.services.accounts.create(accountInput({ callbackSlug: 'shop' }));
    await r.call('tunnel.configure', { provider: 'external', externalBaseUrl: 'https://wx.example.com' });
    await r.call('tunnel.start');
    const verifyUrls = () => r.events.at(-1)!.urls.find((u) => u.accountId === acc.id)!.mpVerifyUrls;
    const fileName = 'MP_verify_AbCdEfGh12345678.txt';
    await r.call('upstream.setVerifyFile', { accountId: acc.id, fileName, content: 'AbCdEfGh12345678' });
    await r.until((s) => s.urls.some((u) => u.mpVerifyUrls.length > 0));
    expect(verifyUrls()).toEqual([`https://wx.example.com/${fileName}`]);
    await r.call('upstream.deleteVerifyFile', { accountId: acc.id, fileName });
    await r.until((s) => s.urls.every((u) => u.mpVerifyUrls.length === 0));
    expect(verifyUrls()).toEqual([]);
  });

  it('keeps the URL-change alarm across stop/start until the user acknowledges it', async () => {
    const r = await rig({
      ngrok: new FakeNgrok().nextUrls(
        'https://old.ngrok-free.app',
        'https://new.ngrok-free.app',
        'https://new.ngrok-free.app',
        'https://newer.ngrok-free.app',
      ),
    });
    await r.call('tunnel.configure', ngrokConfig);
    await r.call('tunnel.start');
    await r.call('tunnel.stop');
    const second = (await r.call('tunnel.start')) as TunnelStatus;
    expect(second.urlChange).toMatchObject({
      from: 'https://old.ngrok-free.app',
      to: 'https://new.ngrok-free.app',
    });

    // Stopping and starting again on the same new URL used to forget the alarm.
    await r.call('tunnel.stop');
    const third = (await r.call('tunnel.start')) as TunnelStatus;
    expect(third.publicUrl).toBe('https://new.ngrok-free.app');
    expect(third.urlChange).toMatchObject({
      from: 'https://old.ngrok-free.app',
      to: 'https://new.ngrok-free.app',
    });

    const acked = (await r.call('tunnel.acknowledgeUrlChange')) as TunnelStatus;
    expect(acked.urlChange).toBeNull();
    expect(acked.lastPublicUrl).toBe('https://new.ngrok-free.app');
    expect(r.events.at(-1)!.urlChange).toBeNull();

    await r.call('tunnel.stop');
    const fourth = (await r.call('tunnel.start')) as TunnelStatus;
    expect(fourth.urlChange).toMatchObject({
      from: 'https://new.ngrok-free.app',
      to: 'https://newer.ngrok-free.app',
    });
  });

  it('notices a rotated URL across restarts and starts on launch when asked', async () => {
    const dataDir = tempDir();
    const a = await rig({ dataDir, ngrok: new FakeNgrok().nextUrls('https://first.ngrok-free.app') });
    await a.call('tunnel.configure', { ...ngrokConfig, startOnLaunch: true });
    await a.call('tunnel.start');
    await a.core.stop();

    const b = await rig({ dataDir, ngrok: new FakeNgrok().nextUrls('https://second.ngrok-free.app') });
    const s = await b.until((x) => x.state === 'online');
    expect(s.publicUrl).toBe('https://second.ngrok-free.app');
    expect(s.urlChangedFrom).toBe('https://first.ngrok-free.app');
  });

  it('applies new settings to a running tunnel at once', async () => {
    const r = await rig();
    await r.call('tunnel.configure', ngrokConfig);
    await r.call('tunnel.start');
    const s = (await r.call('tunnel.configure', { ngrokDomain: 'fixed.ngrok-free.app' })) as TunnelStatus;
    expect(s.publicUrl).toBe('https://fixed.ngrok-free.app');
    expect(firstOf(r.ngrok.sessions).closed).toBe(true);
    expect(r.ngrok.sessions).toHaveLength(2);
  });

  it('makes a late session from a stopped attempt harmless', async () => {
    const r = await rig({ ngrok: new FakeNgrok().script({ hang: true }) });
    await r.call('tunnel.configure', ngrokConfig);
    const starting = r.call('tunnel.start');
    await r.until((s) => s.state === 'connecting');
    await r.call('tunnel.stop');
    r.ngrok.release();
    await starting;
    expect(r.core.services.tunnel.status().state).toBe('stopped');
    expect(firstOf(r.ngrok.sessions).closed).toBe(true);
  });

  it('gives up on a black-holed network after the connect timeout, and closes a session that comes late', async () => {
    const r = await rig({ ngrok: new FakeNgrok().script({ hang: true }) });
    await r.call('tunnel.configure', ngrokConfig);
    const starting = r.call('tunnel.start') as Promise<TunnelStatus>;
    await r.until((s) => s.state === 'connecting');
    expect(r.timers.delays).toEqual([15_000]);
    r.timers.fireAll();
    const s = await starting;
    expect(s.offline).toMatchObject({
      reason: 'no_network',
      retrying: true,
      detail: 'ngrok did not answer within 15 s',
    });
    const lateClosed = new Promise<void>((ok) => (r.ngrok.onClose = () => ok()));
    r.ngrok.release();
    await lateClosed;
    expect(r.ngrok.sessions).toHaveLength(1);
    expect(firstOf(r.ngrok.sessions).closed).toBe(true);
    r.timers.fireAll(); // the retry
    await r.until((x) => x.state === 'online');
    expect(itemAt(r.ngrok.sessions, 1).closed).toBe(false);
  });

  it('stops the tunnel first when core stops, while the callback listener still runs', async () => {
    const r = await rig();
    let listenerAtClose: unknown = 'not closed';
    r.ngrok.onClose = () => (listenerAtClose = r.core.status().callbackListener);
    await r.call('tunnel.configure', ngrokConfig);
    await r.call('tunnel.start');
    await r.core.stop();
    expect(listenerAtClose).not.toBeNull();
    expect(listenerAtClose).not.toBe('not closed');
  });

  it('serves an external base URL as is, and says why when there is none', async () => {
    const r = await rig();
    const none = (await r.call('tunnel.start')) as TunnelStatus;
    expect(none).toMatchObject({
      provider: 'none',
      state: 'offline',
      offline: { reason: 'no_provider', retrying: false },
    });

    await r.call('tunnel.configure', { provider: 'external' });
    expect(await r.call('tunnel.start')).toMatchObject({
      state: 'offline',
      offline: { reason: 'not_configured' },
    });

    const s = (await r.call('tunnel.configure', {
      externalBaseUrl: 'https://wx.example.com/mpdesk/',
    })) as TunnelStatus;
    expect(s).toMatchObject({ state: 'online', publicUrl: 'https://wx.example.com/mpdesk' });
    expect(s.config.external.baseUrl).toBe('https://wx.example.com/mpdesk');
    const shop = r.core.services.accounts.create(accountInput({ callbackSlug: 'shop' }));
    const after = await r.until((x) => x.urls.some((u) => u.accountId === shop.id));
    expect(after.urls.find((u) => u.accountId === shop.id)).toMatchObject({
      serverUrl: 'https://wx.example.com/mpdesk/wx/shop',
      oauthDomain: 'wx.example.com/mpdesk',
    });
  });

  it('validates the settings at the boundary', async () => {
    const r = await rig();
    await expect(
      r.call('tunnel.configure', { externalBaseUrl: 'ftp://x.example.com' }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      issues: [expect.objectContaining({ path: 'externalBaseUrl', key: 'validation.publicBaseUrl' })],
    });
    await expect(r.call('tunnel.configure', { ngrokAuthtoken: 'short' })).rejects.toMatchObject({
      issues: [expect.objectContaining({ key: 'validation.ngrokAuthtoken' })],
    });
    await expect(r.call('tunnel.configure', { ngrokDomain: 'https://x.ngrok.app' })).rejects.toMatchObject({
      issues: [expect.objectContaining({ key: 'validation.hostname' })],
    });
    await expect(r.call('tunnel.configure', { target: 'http://127.0.0.1:17390' })).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });
});
