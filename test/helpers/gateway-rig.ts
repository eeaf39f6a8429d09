import { afterEach } from 'vitest';
import { dispatch } from '../../src/core/dispatch';
import { systemRuntime } from '../../src/core/runtime';
import type { GatewayConfigDto } from '../../src/shared/api/areas/oauth-gateway';
import type { MethodName } from '../../src/shared/api/contract';
import { startReverseProxy, type ReverseProxy } from '../fakes/reverse-proxy';
import { startWebApp } from '../fakes/web-app';
import { CookieBrowser } from './cookie-browser';
import { firstN } from './indexed';
import { ManualClock, startCoreWithSandbox } from './sandbox';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

export type GatewayRig = Awaited<ReturnType<typeof gatewayRig>>;

/**
 * The gateway end to end in one process: a real core with its sandbox platform, the developer's web
 * app (test/fakes/web-app.ts) behind MPDesk, and a reverse proxy on another port standing in for
 * the tunnel (the external-URL provider points at it), so every browser request goes through the
 * public URL as a phone's would.
 */
export async function gatewayRig(config: Partial<GatewayConfigDto> = {}) {
  const clock = new ManualClock(Date.now());
  const sandboxClock = new ManualClock(Date.now());
  const s = await startCoreWithSandbox({
    sandboxClock,
    overrides: { runtime: { clock, random: systemRuntime.random } },
  });
  const app = await startWebApp();
  cleanups.push(() => app.stop());
  const listener = s.core.status().callbackListener!.url;
  const tunnel: ReverseProxy = await startReverseProxy(listener);
  cleanups.push(() => tunnel.close());
  const call = async <T = unknown>(method: MethodName, input?: unknown): Promise<T> => {
    const r = await dispatch(s.core.handlers, method, input, { transport: 'internal' });
    if (!r.ok) throw Object.assign(new Error(r.error.message), { error: r.error });
    return r.value as T;
  };
  const callErr = async (method: MethodName, input?: unknown) => {
    const r = await dispatch(s.core.handlers, method, input, { transport: 'internal' });
    if (r.ok) throw new Error(`${method} unexpectedly succeeded`);
    return r.error;
  };
  await call('tunnel.configure', { provider: 'external', externalBaseUrl: tunnel.url });
  await call('tunnel.start');
  await call('oauth.configureGateway', {
    upstreamUrl: app.url,
    accountId: s.account.id,
    protectedPrefixes: ['/grades', '/api', '/ws'],
    landingAllowlist: [],
    seedProfiles: true,
    ...config,
  });
  const fans = firstN(s.platform.fans(s.account.appId, 3), 3);
  const sandboxOrigin = new URL(s.platform.url!).origin;

  /** A phone of `openid` (the sandbox knows who it is) that allows, or denies, snsapi_userinfo. */
  const phone = (openid: string, o: { consent?: 'allow' | 'deny'; lang?: string } = {}) =>
    new CookieBrowser({
      headers: { accept: 'text/html,application/xhtml+xml', 'accept-language': o.lang ?? 'en-US,en;q=0.9' },
      rewrite: (u) => {
        // An https public URL ends TLS at the tunnel's edge: the stand-in takes the same request in http.
        if (u.protocol === 'https:') return new URL(u.href.replace('https://', 'http://'));
        if (u.origin !== sandboxOrigin || u.pathname !== '/connect/oauth2/authorize') return u;
        const v = new URL(u);
        v.searchParams.set('sandbox_openid', openid);
        v.searchParams.set('sandbox_consent', o.consent ?? 'allow');
        return v;
      },
    });

  /** The callback log rows for a path prefix, oldest first. */
  const logged = (pathPrefix: string) =>
    s.core.db
      .prepare(
        `SELECT path, status, outcome, reason, detail, openid, source, query, headers, reply_body AS body
         FROM callback_log WHERE path LIKE ? ORDER BY id`,
      )
      .all(`${pathPrefix}%`) as {
      path: string;
      status: number;
      outcome: string;
      reason: string;
      detail: string;
      openid: string | null;
      source: string;
      query: string;
      headers: string;
      body: Buffer | string | null;
    }[];

  return {
    ...s,
    clock,
    sandboxClock,
    app,
    tunnel,
    listener,
    call,
    callErr,
    fans,
    phone,
    logged,
    publicUrl: tunnel.url,
  };
}
