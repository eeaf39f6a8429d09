import { dispatch } from '../../src/core/dispatch';
import type { ComponentAuthUrlDto, ComponentPlatformDto } from '../../src/shared/api/areas/component';
import type { EventEnvelope } from '../../src/shared/api/contract';
import { cdata } from '../../src/core/wechat';
import { startCoreWithSandbox } from './sandbox';
import { buildWechatRequest, nowTimestamp, type WechatSideAccount } from './wechat-side';

/** A core with its sandbox and one sandbox third-party platform, as the component tests use it. */
export type Started = Awaited<ReturnType<typeof startCoreWithSandbox>>;
export const call = async <T>(s: Started, method: string, input?: unknown): Promise<T> => {
  const r = await dispatch(s.core.handlers, method, input, { transport: 'internal' });
  if (!r.ok) throw Object.assign(new Error(r.error.message), { body: r.error });
  return r.value as T;
};

export const COMPONENT = {
  componentAppId: 'wxc0ffee0123456789',
  appSecret: 'C'.repeat(16) + 'c'.repeat(16),
  token: 'componentToken42',
  encodingAESKey: 'ComponentKey0123456789abcdefghijklmnopqrstu',
};
export const side: WechatSideAccount = {
  token: COMPONENT.token,
  appId: COMPONENT.componentAppId,
  aesKey: COMPONENT.encodingAESKey,
  mode: 'safe',
};

export async function setup(opts: Parameters<typeof startCoreWithSandbox>[0] = {}) {
  const s = await startCoreWithSandbox(opts);
  const platform = await call<ComponentPlatformDto>(s, 'component.configure', {
    name: '测试平台',
    apiBase: 'sandbox',
    ...COMPONENT,
  });
  const base = s.core.status().callbackListener!.url;
  const post = async (
    path: string,
    xml: string,
    over: Partial<WechatSideAccount> = {},
    q?: (p: URLSearchParams) => void,
    timestamp = nowTimestamp(),
  ) => {
    const req = buildWechatRequest({ ...side, ...over }, xml, {
      openid: path.endsWith('/events') ? null : undefined,
      timestamp,
    });
    const params = new URLSearchParams(req.query);
    q?.(params);
    const res = await fetch(`${base}${path}?${params}`, {
      method: 'POST',
      headers: req.headers,
      body: req.body,
    });
    return { status: res.status, body: await res.text(), logId: Number(res.headers.get('x-mpdesk-log-id')) };
  };
  const events = `/component/${platform.id}/events`;
  const pushTicket = async () => {
    const ticket = s.platform.pushVerifyTicket(COMPONENT.componentAppId);
    const xml = `<xml><AppId>${cdata(COMPONENT.componentAppId)}</AppId><CreateTime>1413192605</CreateTime><InfoType>${cdata('component_verify_ticket')}</InfoType><ComponentVerifyTicket>${cdata(ticket)}</ComponentVerifyTicket></xml>`;
    return { ticket, res: await post(events, xml) };
  };
  const logRow = (id: number) =>
    s.core.db.prepare('SELECT * FROM callback_log WHERE id = ?').get(id) as
      Record<string, unknown> | undefined;
  /** A fresh authorization code for the sandbox account, through pre_auth_code and the §11.5 page. */
  const authCode = async () => {
    const built = await call<ComponentAuthUrlDto>(s, 'component.buildAuthUrl', {
      id: platform.id,
      kind: 'pc',
      bizAppid: s.account.appId,
      redirectUri: 'https://admin.example.com/authorized',
    });
    const r = await fetch(built.sandboxUrl!, { redirect: 'manual' });
    return new URL(r.headers.get('location')!).searchParams.get('auth_code')!;
  };
  const nextChange = (pred: (p: ComponentPlatformDto) => boolean) =>
    new Promise<ComponentPlatformDto>((resolve) => {
      const off = s.core.events.subscribe((e: EventEnvelope) => {
        if (e.name === 'component.changed' && e.payload.platform && pred(e.payload.platform)) {
          off();
          resolve(e.payload.platform);
        }
      });
    });
  /** Every event core sent, as the UI would receive it. */
  const sent: string[] = [];
  s.core.events.subscribe((e: EventEnvelope) => sent.push(JSON.stringify(e)));
  return { s, platform, post, events, pushTicket, logRow, authCode, nextChange, sent };
}
