import path from 'node:path';
import { afterEach } from 'vitest';
import { systemRuntime } from '../../src/core/runtime';
import { SandboxPlatform } from '../../src/core/sandbox/sandbox-platform';
import type { CoreOverrides } from '../../src/core/create-core';
import { tempDir } from './temp-dir';
import { createTestCore, type TestCore } from './test-core';

/** A clock a test moves by hand. */
export class ManualClock {
  constructor(public t = Date.UTC(2026, 0, 5, 2, 0, 0)) {}
  now = (): number => this.t;
  advance(ms: number): void {
    this.t += ms;
  }
}

const running: SandboxPlatform[] = [];
afterEach(async () => {
  for (const p of running.splice(0)) await p.stop();
});

export const APP = {
  appid: 'wx0123456789abcdef',
  secret: 'A'.repeat(16) + 'b'.repeat(16),
  name: '沙箱测试号',
};

/** A started sandbox platform on a temp SQLite file and port 0, with one app registered. */
export async function startSandbox(opts: { clock?: ManualClock; dir?: string } = {}) {
  const clock = opts.clock ?? new ManualClock();
  const platform = new SandboxPlatform({
    file: path.join(opts.dir ?? tempDir(), 'sandbox.sqlite'),
    clock,
    random: systemRuntime.random,
  });
  running.push(platform);
  const url = await platform.start();
  platform.ensureApp(APP);
  return { platform, url, clock };
}

/** A WeChat JSON answer as tests read it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type WxJson = Record<string, any>;

/** Plain HTTP against the sandbox, as WeChat's documented requests are written (no MPDesk client). */
export function wx(base: string) {
  const get = async (p: string, query: Record<string, string> = {}) => {
    const res = await fetch(`${base}${p}?${new URLSearchParams(query)}`, { redirect: 'manual' });
    if (res.status === 302) return { redirect: res.headers.get('location')! } as WxJson;
    return (await res.json()) as WxJson;
  };
  const post = async (p: string, body: unknown, query: Record<string, string> = {}) => {
    const res = await fetch(`${base}${p}?${new URLSearchParams(query)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return (await res.json()) as WxJson;
  };
  const token = async (appid = APP.appid, secret = APP.secret) =>
    (await get('/cgi-bin/token', { grant_type: 'client_credential', appid, secret })).access_token as string;
  return { get, post, token };
}

/** A started core with its sandbox platform (clock of its own) and the first-run Sandbox account. */
export async function startCoreWithSandbox(
  opts: { dataDir?: string; sandboxClock?: ManualClock; overrides?: CoreOverrides } = {},
) {
  const sandboxClock = opts.sandboxClock ?? new ManualClock();
  const core = createTestCore({
    dataDir: opts.dataDir,
    overrides: {
      ...opts.overrides,
      wechat: { sandboxClock, busyDelaysMs: [0, 0], ...opts.overrides?.wechat },
    },
  });
  cores.push(core);
  await core.start();
  const account = core.services.accounts.list().find((a) => a.isSandbox)!;
  const wechat = core.services.wechat;
  return { core, account, wechat, client: wechat.api.client, platform: wechat.platform!, sandboxClock };
}

const cores: TestCore[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.stop();
});

/** A core whose WeChat calls all go to `dispatcher` (a MockAgent), no sandbox, one real-looking account. */
export async function startCoreWithDispatcher(
  dispatcher: NonNullable<CoreOverrides['wechat']>['dispatcher'],
) {
  const { core } = await startCoreWithSandbox({ overrides: { wechat: { dispatcher, sandbox: false } } });
  const account = await core.handlers['accounts.create'](
    { name: 'real', appId: 'wx1234567890abcdef', appSecret: 'a'.repeat(32), token: 'tok123', mode: 'plain' },
    { transport: 'internal' },
  );
  return { core, account, api: core.services.wechat.api };
}
