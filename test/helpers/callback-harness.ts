import { request } from 'undici';
import type { MessageMode } from '../../src/shared/api/areas/accounts';
import type { AccountDto } from '../../src/shared/api/areas/accounts';
import type { EventEnvelope } from '../../src/shared/api/contract';
import type { Core } from '../../src/core/create-core';
import type { CustomerServiceSender, CustomMessageBody } from '../../src/core/services/outbound-ports';
import { buildWechatRequest, fieldsToXml } from '../../src/core/server/wechat-request';
import { openEncryptedEnvelope } from '../../src/core/wechat';
import { accountInput, makeCore } from './test-core';

export const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
export const TOKEN = 'tokenABC123';
export const APP_ID = 'wx1234567890abcdef';
export const GH = 'gh_0123456789ab';
export const FAN = 'oFAN_0001';

/** A fake API client: records sends, can be told to fail. */
export class FakeSender implements CustomerServiceSender {
  sent: { accountId: string; body: CustomMessageBody }[] = [];
  fail: Error | null = null;
  private waiters: (() => void)[] = [];
  async sendCustomMessage(accountId: string, body: CustomMessageBody): Promise<void> {
    if (this.fail) throw this.fail;
    this.sent.push({ accountId, body });
    for (const w of this.waiters.splice(0)) w();
  }
  /** Resolves once `n` messages were sent. */
  async waitFor(n: number): Promise<void> {
    while (this.sent.length < n) await new Promise<void>((r) => this.waiters.push(r));
  }
}

export interface Harness {
  core: Core;
  account: AccountDto;
  base: string;
  /** POST a message built as WeChat would (signed, encrypted per `mode`). */
  send(
    fields: Record<string, string>,
    opts?: { mode?: MessageMode; timestamp?: string; nonce?: string },
  ): Promise<Res>;
  /** POST raw bytes with a raw query string. */
  raw(
    method: string,
    pathAndQuery: string,
    body?: string | Buffer,
    headers?: Record<string, string>,
  ): Promise<Res>;
  build(
    fields: Record<string, string>,
    opts?: { mode?: MessageMode; timestamp?: string; nonce?: string },
  ): { search: string; body: string };
  /** Decrypts an encrypted reply body. */
  open(body: string): string;
  /** Waits for the callbacks.logged batch that contains log id `id`. */
  logged(id: number): Promise<void>;
  events: EventEnvelope[];
  stop(): Promise<void>;
}

export interface Res {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
  logId: number;
}

let counter = 0;

export async function startHarness(
  opts: {
    mode?: MessageMode;
    sender?: CustomerServiceSender;
    deadlineMs?: number;
    dataDir?: string;
    account?: Record<string, unknown>;
  } = {},
): Promise<Harness> {
  const core = makeCore({ dataDir: opts.dataDir, overrides: { customerService: opts.sender } });
  const events: EventEnvelope[] = [];
  const waiters: { id: number; resolve: () => void }[] = [];
  core.events.subscribe((e) => {
    events.push(e);
    if (e.name === 'callbacks.logged') {
      for (const w of [...waiters]) {
        if (e.payload.lastSeq >= w.id) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve();
        }
      }
    }
  });
  const account =
    core.services.accounts.list()[0] ??
    core.services.accounts.create({
      ...accountInput({
        appId: APP_ID,
        token: TOKEN,
        encodingAESKey: AES_KEY,
        mode: opts.mode ?? 'plain',
        callbackSlug: 'acct',
      }),
      ...opts.account,
    } as never);
  if (opts.deadlineMs) core.services.settings.update({ replyDeadlineMs: opts.deadlineMs });
  await core.start();
  const base = core.status().callbackListener!.url;
  const build: Harness['build'] = (fields, o = {}) => {
    const xml = fieldsToXml({ ToUserName: GH, FromUserName: FAN, CreateTime: '1700000000', ...fields });
    return buildWechatRequest({
      token: TOKEN,
      appId: account.appId,
      encodingAESKey: AES_KEY,
      mode: o.mode ?? account.mode,
      xml,
      toUserName: GH,
      openid: fields.FromUserName ?? FAN,
      timestamp: o.timestamp ?? String(1700000000 + ++counter),
      nonce: o.nonce ?? String(100000 + counter),
      random16: 'abcdefghijklmnop',
    });
  };
  const raw: Harness['raw'] = async (method, pathAndQuery, body, headers = {}) => {
    const res = await request(`${base}${pathAndQuery}`, { method: method as never, body, headers });
    const text = await res.body.text();
    return {
      status: res.statusCode,
      body: text,
      headers: res.headers,
      logId: Number(res.headers['x-mpdesk-log-id']),
    };
  };
  return {
    core,
    account,
    base,
    build,
    raw,
    events,
    send: (fields, o) => {
      const r = build(fields, o);
      return raw('POST', `/wx/${account.callbackSlug}${r.search}`, r.body, { 'content-type': 'text/xml' });
    },
    open: (body) =>
      openEncryptedEnvelope({ envelope: body, token: TOKEN, aesKey: AES_KEY, appId: account.appId }).xml,
    logged: (id) =>
      new Promise<void>((resolve) => {
        const seen = events.some((e) => e.name === 'callbacks.logged' && e.payload.lastSeq >= id);
        if (seen) resolve();
        else waiters.push({ id, resolve });
      }),
    stop: () => core.stop(),
  };
}

export const text = (content: string, msgId = String(6_000_000_000_000_000_000n + BigInt(++counter))) => ({
  MsgType: 'text',
  Content: content,
  MsgId: msgId,
});
