import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/core/dispatch';
import type { DoctorCheck, DoctorCheckId, DoctorReport } from '../../src/shared/api/areas/doctor';
import type { MethodName } from '../../src/shared/api/contract';
import { FakeNgrok } from '../fakes/fake-ngrok';
import { startReverseProxy, type ProxyMode, type ReverseProxy } from '../fakes/reverse-proxy';
import { accountInput, createTestCore, type TestCore } from '../helpers/test-core';
import { firstOf } from '../helpers/indexed';

/**
 * The setup doctor end to end: real core, real callback listener, and a reverse proxy on another
 * port standing in for the tunnel (the external adapter points at it), in each of its moods.
 */
const TOKEN = 'tokenABC123';
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Rig {
  core: TestCore;
  proxy: ReverseProxy;
  accountId: string;
  call(method: MethodName, input?: unknown): Promise<unknown>;
  run(): Promise<DoctorReport>;
}

async function rig(
  mode: ProxyMode = { kind: 'pass' },
  opts: { deadlineMs?: number; replyDeadlineMs?: number } = {},
): Promise<Rig> {
  const core = createTestCore({ overrides: { doctor: { deadlineMs: opts.deadlineMs } } });
  await core.start();
  cleanups.push(() => core.stop());
  const proxy = await startReverseProxy(core.status().callbackListener!.url, mode);
  cleanups.push(() => proxy.close());
  const call = async (method: MethodName, input?: unknown) => {
    const r = await dispatch(core.handlers, method, input, { transport: 'internal' });
    if (!r.ok) throw Object.assign(new Error(r.error.message), r.error);
    return r.value;
  };
  const account = core.services.accounts.create(
    accountInput({ callbackSlug: 'shop', token: TOKEN, encodingAESKey: AES_KEY }),
  );
  if (opts.replyDeadlineMs) await call('settings.update', { replyDeadlineMs: opts.replyDeadlineMs });
  await call('tunnel.configure', { provider: 'external', externalBaseUrl: proxy.url });
  await call('tunnel.start');
  return {
    core,
    proxy,
    accountId: account.id,
    call,
    run: () => call('doctor.run', { accountId: account.id }) as Promise<DoctorReport>,
  };
}

function byId(report: DoctorReport): Record<DoctorCheckId, DoctorCheck> {
  return Object.fromEntries(report.checks.map((c) => [c.id, c])) as Record<DoctorCheckId, DoctorCheck>;
}

function statuses(report: DoctorReport): Record<string, string> {
  return Object.fromEntries(report.checks.map((c) => [c.id, c.status]));
}

describe('doctor through a pass-through proxy', () => {
  it('passes every check that a local proxy can pass, through the proxy, and keeps the report', async () => {
    const r = await rig();
    const completed: DoctorReport[] = [];
    const progress: string[] = [];
    r.core.events.subscribe((e) => {
      if (e.name === 'doctor.completed') completed.push(e.payload);
      if (e.name === 'doctor.progress')
        progress.push(`${e.payload.done}/${e.payload.total} ${e.payload.check.id}`);
    });
    const report = await r.run();

    expect(statuses(report)).toEqual({
      tunnel_online: 'pass',
      public_reach: 'pass',
      echo_exact: 'pass',
      signature_enforced: 'pass',
      public_port: 'fail', // the stand-in listens on a random port, not 80/443
      round_trip: 'pass',
      token_format: 'pass',
      aes_key_format: 'pass',
      paste_values: 'info',
      oauth_domain: 'fail', // 127.0.0.1 is an IP
      browser_interstitial: 'pass',
      mp_verify: 'skip',
      // The account's API host is api.weixin.qq.com: unreachable offline, compared where online.
      clock: expect.stringMatching(/^(skip|pass|warn)$/),
    });
    const c = byId(report);
    expect(c.public_reach.saw.en).toMatch(/reached MPDesk/);
    expect(c.public_reach.facts).toMatchObject({ status: 200, intact: true, via: '1.1 test-proxy' });
    expect(c.echo_exact.saw.zh).toContain('echostr');
    expect(c.public_port.fix!.en).toMatch(/80.*443/);
    expect(c.round_trip.facts).toMatchObject({ samples: 3, deadlineMs: 5000, replyDeadlineMs: 4500 });
    // Every public request went through the stand-in, not a local shortcut.
    expect(r.proxy.requests.filter((q) => q.path.startsWith('/wx/shop?'))).toHaveLength(4);
    expect(r.proxy.requests.filter((q) => q.path.startsWith('/__mpdesk/probe/'))).toHaveLength(2);
    // Logged as the doctor's (a single-use probe ticket each), so its deliberately bad signature is
    // not taken for WeChat's.
    const sources = r.core.db
      .prepare("SELECT source FROM callback_log WHERE path = '/wx/shop'")
      .pluck()
      .all();
    expect(sources).toHaveLength(4);
    expect(new Set(sources)).toEqual(new Set(['doctor']));

    expect(report.overall).toBe('fail');
    expect(report.readyToSubmit).toBe(false);
    expect(report.urls).toMatchObject({ serverUrl: `${r.proxy.url}/wx/shop` });
    expect(report.paste).toEqual({
      serverUrl: `${r.proxy.url}/wx/shop`,
      tokenHint: 'to****23',
      encodingAESKeyHint: 'ab****FG',
      mode: 'safe',
      modeLabel: { zh: '安全模式（推荐）', en: 'Safe (安全模式, recommended)' },
    });
    for (const check of report.checks) {
      expect(check.title.zh && check.title.en && check.saw.zh && check.saw.en).toBeTruthy();
      if (check.status === 'fail') expect(check.fix?.zh && check.fix?.en).toBeTruthy();
    }
    const json = JSON.stringify(report);
    expect(json).not.toContain(TOKEN);
    expect(json).not.toContain(AES_KEY);

    expect(completed).toEqual([report]);
    expect(progress).toEqual(report.checks.map((c, i) => `${i + 1}/13 ${c.id}`));
    expect(await r.call('doctor.last', { accountId: r.accountId })).toEqual({ report });
  });

  it('finds the MP_verify file through the public URL, and notices a changed one', async () => {
    const r = await rig();
    await r.call('upstream.setVerifyFile', {
      accountId: r.accountId,
      fileName: 'MP_verify_AbCdEfGh12345678.txt',
      content: 'AbCdEfGh12345678',
    });
    const good = byId(await r.run());
    expect(good.mp_verify.status).toBe('pass');
    expect(r.proxy.requests.some((q) => q.path === '/MP_verify_AbCdEfGh12345678.txt')).toBe(true);

    await r.proxy.setMode({
      kind: 'rewrite',
      rewrite: (body, path) =>
        path.startsWith('/MP_verify_') ? Buffer.concat([body, Buffer.from('\n')]) : body,
    });
    const bad = byId(await r.run());
    expect(bad.mp_verify.status).toBe('fail');
    expect(bad.mp_verify.saw.en).toMatch(/MP_verify_AbCdEfGh12345678\.txt: .*whitespace/);
  });

  it('reports an unknown account as not_found and has no report before the first run', async () => {
    const r = await rig();
    await expect(r.call('doctor.run', { accountId: 'nope' })).rejects.toMatchObject({ code: 'not_found' });
    expect(await r.call('doctor.last', { accountId: r.accountId })).toEqual({ report: null });
  });
});

describe('doctor through a proxy that shows browsers an interstitial', () => {
  it("detects ngrok's free-plan warning page with a browser User-Agent and gives the remedy", async () => {
    const r = await rig({ kind: 'interstitial', flavour: 'ngrok' });
    const c = byId(await r.run());
    expect(c.echo_exact.status).toBe('pass'); // WeChat's own callbacks are not browsers
    expect(c.browser_interstitial.status).toBe('fail');
    expect(c.browser_interstitial.saw.en).toContain('ERR_NGROK_6024');
    expect(c.browser_interstitial.fix!.en).toMatch(/paid ngrok plan|external URL/);
    expect(c.browser_interstitial.facts).toMatchObject({ reachedMpdesk: false, html: true });
    expect(r.proxy.requests.some((q) => /MicroMessenger/.test(q.userAgent))).toBe(true);
  });

  it('names any other page put in front of browsers', async () => {
    const r = await rig({ kind: 'interstitial', flavour: 'generic' });
    const c = byId(await r.run());
    expect(c.browser_interstitial.status).toBe('fail');
    expect(c.browser_interstitial.saw.en).toMatch(/never reached MPDesk/);
    expect(c.browser_interstitial.fix!.en).toMatch(/OAuth pages inside WeChat/);
  });
});

describe('doctor through a proxy that rewrites bodies', () => {
  const onWx = (f: (b: Buffer) => Buffer) => (body: Buffer, path: string) =>
    path.startsWith('/wx/') ? f(body) : body;
  it.each([
    ['a UTF-8 BOM', (b: Buffer) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), b]), /UTF-8 BOM/],
    [
      'a trailing newline',
      (b: Buffer) => Buffer.concat([b, Buffer.from('\r\n')]),
      /extra whitespace: 0 leading and 2 trailing/,
    ],
    ['quotes', (b: Buffer) => Buffer.from(JSON.stringify(b.toString())), /in quotes/],
    [
      'an HTML page',
      () => Buffer.from('<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head></html>'),
      /HTML page came back \(“502 Bad Gateway”\)/,
    ],
    ['extra text', (b: Buffer) => Buffer.concat([b, Buffer.from('<!-- cdn -->')]), /plus other text/],
  ])('fails echo_exact and says the body has %s', async (_what, f, saw) => {
    const r = await rig({ kind: 'rewrite', rewrite: onWx(f) });
    const report = await r.run();
    const c = byId(report);
    expect(c.public_reach.status).toBe('pass');
    expect(c.echo_exact.status).toBe('fail');
    expect(c.echo_exact.saw.en).toMatch(saw);
    expect(c.echo_exact.fix!.en).toMatch(/rewrote it/);
    expect(c.signature_enforced.status).toBe('skip');
    expect(report.readyToSubmit).toBe(false);
  });

  it('notices that the response was altered on the way back even when the request arrived', async () => {
    const r = await rig({ kind: 'rewrite', rewrite: (b) => Buffer.concat([b, Buffer.from('\n')]) });
    const c = byId(await r.run());
    expect(c.public_reach.status).toBe('pass');
    expect(c.public_reach.facts).toMatchObject({ intact: false });
    expect(c.public_reach.saw.en).toMatch(/altered on the way back/);
  });
});

describe('doctor through a slow proxy', () => {
  it('warns when the round trip eats into the reply budget, with a suggested deadline', async () => {
    // Margins wide enough for a busy machine: 300 ms + 1800 ms > 2000 ms, and far from the 1000 ms failure line.
    const r = await rig({ kind: 'slow', delayMs: 300 }, { deadlineMs: 2000, replyDeadlineMs: 1800 });
    const c = byId(await r.run());
    expect(c.echo_exact.status).toBe('pass');
    expect(c.round_trip.status).toBe('warn');
    expect(c.round_trip.facts!.worstMs).toBeGreaterThanOrEqual(300);
    expect(c.round_trip.facts).toMatchObject({ samples: 3, deadlineMs: 2000, replyDeadlineMs: 1800 });
    const suggested = c.round_trip.facts!.suggestedReplyDeadlineMs as number;
    expect(suggested).toBeGreaterThanOrEqual(500);
    expect(suggested).toBeLessThanOrEqual(1500);
    expect(c.round_trip.fix!.en).toContain(`about ${suggested} ms`);
  });

  it('fails when the tunnel alone takes more than half of the deadline', async () => {
    const r = await rig({ kind: 'slow', delayMs: 600 }, { deadlineMs: 1000 });
    const c = byId(await r.run());
    expect(c.round_trip.status).toBe('fail');
    expect(c.round_trip.fix!.en).toMatch(/more than half/);
  });

  it('fails to reach when nothing comes back within the deadline', async () => {
    const r = await rig({ kind: 'slow', delayMs: 1500 }, { deadlineMs: 700 });
    const report = await r.run();
    const c = byId(report);
    expect(c.public_reach.status).toBe('fail');
    expect(c.public_reach.saw.en).toMatch(/did not answer within/);
    expect(c.echo_exact.status).toBe('skip');
    expect(c.round_trip.status).toBe('skip');
  });
});

describe('doctor through a proxy that is down', () => {
  it('fails to reach with "refused", says where to point the proxy, and skips what depends on it', async () => {
    const r = await rig({ kind: 'down' });
    const report = await r.run();
    const c = byId(report);
    expect(c.tunnel_online.status).toBe('pass');
    expect(c.public_reach.status).toBe('fail');
    expect(c.public_reach.facts).toMatchObject({ error: 'refused' });
    expect(c.public_reach.saw.en).toMatch(/refused/);
    expect(c.public_reach.fix!.en).toContain(r.core.status().callbackListener!.url);
    for (const id of ['echo_exact', 'signature_enforced', 'round_trip', 'browser_interstitial'] as const) {
      expect(c[id].status).toBe('skip');
    }
    expect(c.token_format.status).toBe('pass');
    expect(report.readyToSubmit).toBe(false);
  });
});

describe('doctor against the wrong server or no tunnel', () => {
  it('fails when the public URL answers but never reaches this MPDesk', async () => {
    const other = http.createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>Welcome to nginx!</h1>'),
    );
    await new Promise<void>((ok) => other.listen(0, '127.0.0.1', ok));
    cleanups.push(() => new Promise((ok) => other.close(() => ok())));
    const r = await rig();
    await r.call('tunnel.configure', {
      externalBaseUrl: `http://127.0.0.1:${(other.address() as AddressInfo).port}`,
    });
    const c = byId(await r.run());
    expect(c.public_reach.status).toBe('fail');
    expect(c.public_reach.saw.en).toMatch(/Something answered \(HTTP 200.*Welcome to nginx.*not this MPDesk/);
    expect(c.echo_exact.status).toBe('skip');
  });

  it('says when the public host does not resolve, and what to check', async () => {
    // A resolver that knows no names: the doctor's own dispatcher, so nothing leaves the machine.
    const asked: string[] = [];
    const noDns = new Agent({
      connect: {
        lookup: (host: string, _o: unknown, cb: (e: Error) => void) => {
          asked.push(host);
          cb(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' }));
        },
      } as never,
    });
    cleanups.push(() => noDns.close());
    const core = createTestCore({ overrides: { doctor: { dispatcher: noDns } } });
    await core.start();
    cleanups.push(() => core.stop());
    const account = core.services.accounts.create(accountInput({ callbackSlug: 'dns' }));
    await core.services.tunnel.configure({ provider: 'external', externalBaseUrl: 'https://wx.example.com' });
    await core.services.tunnel.start();
    const c = byId(await core.services.doctor.run(account.id));
    expect(c.public_reach.status).toBe('fail');
    expect(c.public_reach.facts).toMatchObject({ error: 'dns' });
    expect(c.public_reach.saw.en).toBe('Host wx.example.com not found (DNS lookup failed).');
    expect(c.public_reach.fix!.en).toMatch(/DNS record/);
    expect(c.public_port.status).toBe('pass');
    expect(asked).toContain('wx.example.com');
  });

  it('fails tunnel_online with the reason and fix when there is no tunnel, and still checks the secrets', async () => {
    const r = await rig();
    await r.call('tunnel.configure', { provider: 'none' });
    await r.call('tunnel.start');
    const report = await r.run();
    const c = byId(report);
    expect(c.tunnel_online.status).toBe('fail');
    expect(c.tunnel_online.fix!.en).toMatch(/Choose ngrok/);
    expect(c.tunnel_online.fixAt).toBe('tunnel_settings');
    expect(c.public_reach.status).toBe('skip');
    expect(c.token_format.status).toBe('pass');
    expect(c.paste_values.saw.en).toContain('(shown once the tunnel is online)');
    expect(report.urls).toBeNull();
    expect(report.readyToSubmit).toBe(false);
  });

  it('without a tunnel, runs the signature and echo checks against the local listener and says what the rest need', async () => {
    const r = await rig();
    await r.call('tunnel.configure', { provider: 'none' });
    await r.call('tunnel.stop');
    const report = await r.run();
    const c = byId(report);
    expect(statuses(report)).toMatchObject({
      tunnel_online: 'fail',
      public_reach: 'skip',
      echo_exact: 'pass',
      signature_enforced: 'pass',
      public_port: 'skip',
      round_trip: 'skip',
      token_format: 'pass',
      aes_key_format: 'pass',
      oauth_domain: 'skip',
      browser_interstitial: 'skip',
    });
    expect(c.echo_exact.facts).toMatchObject({ target: 'local', status: 200 });
    expect(c.echo_exact.saw.zh).toMatch(/^本机回调监听器：/);
    expect(c.signature_enforced.saw.en).toMatch(/^On the local callback listener: .*refused/);
    for (const id of ['public_reach', 'public_port', 'round_trip', 'oauth_domain'] as const) {
      expect(c[id].saw.en).toMatch(/Needs a public URL.*Settings → Tunnel/);
      expect(c[id].fixAt).toBe('tunnel_settings');
    }
    // Nothing went through the stand-in proxy: the local checks called the listener itself.
    expect(r.proxy.requests).toHaveLength(0);
  });
});

describe('doctor through a (fake) ngrok session', () => {
  it('reaches MPDesk through whatever the ngrok listener forwards to', async () => {
    const proxies: ReverseProxy[] = [];
    const ngrok = new FakeNgrok(async ({ forwardTo }) => {
      const p = await startReverseProxy(forwardTo);
      proxies.push(p);
      return p.url;
    });
    const core = createTestCore({ overrides: { tunnel: { ngrok } } });
    await core.start();
    cleanups.push(async () => {
      await core.stop();
      for (const p of proxies) await p.close();
    });
    const account = core.services.accounts.create(accountInput({ callbackSlug: 'viangrok' }));
    await core.handlers['tunnel.configure'](
      { provider: 'ngrok', ngrokAuthtoken: '2abcDEFghiJKLmnoPQRstu_vwxYZ' },
      { transport: 'internal' },
    );
    await core.handlers['tunnel.start'](undefined, { transport: 'internal' });
    const c = byId(await core.services.doctor.run(account.id));
    expect(c.public_reach.status).toBe('pass');
    expect(c.echo_exact.status).toBe('pass');
    expect(firstOf(proxies).requests.length).toBeGreaterThan(0);
  });
});
