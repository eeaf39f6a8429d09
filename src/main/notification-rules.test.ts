import { describe, expect, it } from 'vitest';
import type { AppStatus, UpdateStatus } from '../shared/api/areas/app';
import type { EventEnvelope, EventName, Events } from '../shared/api/contract';
import type { TokenStatusDto } from '../shared/api/areas/tokens';
import type { TunnelStatus } from '../shared/api/areas/tunnel';
import { translator } from './desktop-i18n';
import { NotificationRules, type RuleContext } from './notification-rules';

const T0 = 1_750_000_000_000;
let seq = 0;
const ev = <K extends EventName>(name: K, payload: Events[K]) =>
  ({ seq: ++seq, name, payload, at: T0 }) as EventEnvelope;

const en: RuleContext = {
  t: translator('en'),
  locale: 'en',
  accountName: (id) => (id === 'a1' ? '门店号' : '?'),
};
const zh: RuleContext = { ...en, t: translator('zh-CN'), locale: 'zh-CN' };

const app = (over: Partial<AppStatus> = {}): AppStatus => ({
  version: '1.0.0',
  shell: 'electron',
  dataDir: '/d',
  startedAt: T0,
  callbackListener: { host: '127.0.0.1', port: 1, url: 'http://127.0.0.1:1' },
  accountCount: 1,
  callbackLogFailure: null,
  ...over,
});

const tunnel = (over: Partial<TunnelStatus>): TunnelStatus =>
  ({
    provider: 'ngrok',
    state: 'connecting',
    publicUrl: null,
    forwardsTo: 'http://127.0.0.1:1',
    since: T0,
    attempt: 0,
    nextRetryAt: null,
    offline: null,
    urlChangedFrom: null,
    urlChange: null,
    lastPublicUrl: null,
    urls: [],
    config: {} as TunnelStatus['config'],
    ...over,
  }) as TunnelStatus;

const offline = (reason = 'authtoken_invalid') =>
  ({
    reason,
    message: { zh: 'ngrok 拒绝了 authtoken。', en: 'ngrok refused the authtoken.' },
    fix: { zh: '在设置中重新填写。', en: 'Enter it again in Settings.' },
    retrying: false,
  }) as TunnelStatus['offline'];

const rules = () => new NotificationRules(T0, { app: app(), tunnel: null });

describe('notification rules', () => {
  it('tells once that the tunnel went offline, in the UI language, until it was back online', () => {
    const r = rules();
    const states = [
      tunnel({ state: 'connecting' }),
      tunnel({ state: 'offline', offline: offline('no_network') }),
      tunnel({ state: 'connecting', attempt: 1 }),
      tunnel({ state: 'offline', offline: offline('no_network'), attempt: 1 }),
    ];
    const told = states.flatMap((s) => r.intents(ev('tunnel.changed', s), zh));
    expect(told).toEqual([
      {
        kind: 'tunnel',
        title: '隧道已离线',
        body: 'ngrok 拒绝了 authtoken。 在设置中重新填写。',
        route: '#/dashboard',
      },
    ]);
    r.intents(ev('tunnel.changed', tunnel({ state: 'online', publicUrl: 'https://a.ngrok.app' })), zh);
    expect(
      r.intents(ev('tunnel.changed', tunnel({ state: 'offline', offline: offline() })), en),
    ).toHaveLength(1);
  });

  it('tells each new public URL once, with the reminder to update 服务器配置', () => {
    const r = rules();
    const change = (to: string) => ({
      from: 'https://old.ngrok.app',
      to,
      at: T0,
      message: { zh: `服务器地址已变为 ${to}，请更新 服务器配置。`, en: `Now ${to}: update 服务器配置.` },
    });
    const s1 = tunnel({
      state: 'online',
      publicUrl: 'https://new.ngrok.app',
      urlChange: change('https://new.ngrok.app'),
    });
    expect(r.intents(ev('tunnel.changed', s1), en)).toEqual([
      {
        kind: 'tunnel',
        title: 'The public URL changed',
        body: 'Now https://new.ngrok.app: update 服务器配置.',
        route: '#/dashboard',
      },
    ]);
    expect(r.intents(ev('tunnel.changed', { ...s1, attempt: 0 }), en)).toEqual([]);
    const s2 = { ...s1, urlChange: change('https://newer.ngrok.app') };
    expect(r.intents(ev('tunnel.changed', s2), en)).toHaveLength(1);
  });

  it('says nothing about a tunnel the user never set up', () => {
    const r = rules();
    const s = tunnel({ provider: 'none', state: 'offline', offline: offline('no_provider') });
    expect(r.intents(ev('tunnel.changed', s), en)).toEqual([]);
  });

  const token = (over: Partial<NonNullable<TokenStatusDto['lastError']>>): TokenStatusDto => ({
    accountId: 'a1',
    source: 'stable_token',
    hasToken: false,
    lastError: { code: 'wechat_error', message: 'failed', at: T0 + 10, ...over },
  });

  it('tells a 40001 with its fix, and a 40164 with the IP to whitelist, each failure once', () => {
    const r = rules();
    const e1 = r.intents(ev('tokens.changed', token({ errcode: 40001 })), en);
    expect(e1).toEqual([
      {
        kind: 'tokens',
        title: '门店号: access_token failed (40001)',
        body: expect.stringContaining('Check the AppSecret') as string,
        route: '#/dashboard/a1',
      },
    ]);
    expect(r.intents(ev('tokens.changed', token({ errcode: 40001 })), en)).toEqual([]);
    const ip = token({
      errcode: 40164,
      at: T0 + 20,
      message:
        'WeChat cgi-bin/stable_token failed with errcode 40164: caller IP not in the whitelist (WeChat saw 203.0.113.7). Add…',
    });
    const [n] = r.intents(ev('tokens.changed', ip), zh);
    expect(n).toMatchObject({
      title: '门店号：获取 access_token 失败（40164）',
      body: '请在公众平台 基本配置 → IP白名单 中加入 203.0.113.7；重试无济于事。',
    });
  });

  it('does not replay token failures recorded before this run', () => {
    const r = rules();
    expect(r.intents(ev('tokens.changed', token({ errcode: 40001, at: T0 - 5 })), en)).toEqual([]);
  });

  it('tells when the callback log stops being written, once per outage', () => {
    const r = rules();
    const failure = { since: T0, refused: 1, cause: 'disk_full' as const, detail: 'SQLITE_FULL' };
    const [n] = r.intents(ev('app.changed', app({ callbackLogFailure: failure })), en);
    expect(n).toMatchObject({ kind: 'callbackErrors', title: 'The callback log cannot be written' });
    expect(n?.body).toContain('The disk is full');
    expect(r.intents(ev('app.changed', app({ callbackLogFailure: { ...failure, refused: 9 } })), en)).toEqual(
      [],
    );
    r.intents(ev('app.changed', app()), en);
    expect(r.intents(ev('app.changed', app({ callbackLogFailure: failure })), en)).toHaveLength(1);
  });

  it('tells of a late reply that could not be delivered, once', () => {
    const r = rules();
    const failed = {
      id: 7,
      state: 'failed' as const,
      detail: '45015 response out of time limit',
      body: '',
      updatedAt: T0,
    };
    const [n] = r.intents(ev('callbacks.updated', { id: 42, lateReplies: [failed] }), en);
    expect(n).toMatchObject({ title: 'A late reply was not delivered', route: '#/callbacks/?id=42' });
    expect(n?.body).toContain('45015');
    expect(r.intents(ev('callbacks.updated', { id: 42, lateReplies: [failed] }), en)).toEqual([]);
  });

  it('tells once that a downloaded update is ready', () => {
    const r = rules();
    const ready: UpdateStatus = {
      state: 'ready',
      currentVersion: '1.0.0',
      feedUrl: 'https://dl.example.com/mpdesk',
      availableVersion: '1.1.0',
      percent: 100,
      checkedAt: T0,
      error: null,
    };
    expect(r.intents(ev('app.updateChanged', ready), en)).toEqual([
      {
        kind: 'updates',
        title: 'MPDesk 1.1.0 is ready',
        body: 'Restart MPDesk to install it (Settings → Updates).',
        route: '#/settings',
      },
    ]);
    expect(r.intents(ev('app.updateChanged', ready), en)).toEqual([]);
  });
});
