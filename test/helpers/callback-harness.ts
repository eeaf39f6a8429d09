import { request } from 'undici';
import type { AccountDto, MessageMode } from '../../src/shared/api/areas/accounts';
import type { LateReplyDto } from '../../src/shared/api/areas/callbacks';
import type { EventEnvelope } from '../../src/shared/api/contract';
import { dispatch } from '../../src/core/dispatch';
import type { CustomerServiceSender, CustomMessageBody } from '../../src/core/wechat';
import { fieldsToXml } from '../../src/core/server/wechat-request';
import { accountInput, createTestCore, type TestCore } from './test-core';
import { buildWechatRequest, readReplyAsWechat, type WechatReadReply } from './wechat-side';
import { systemRuntime, type Runtime } from '../../src/core/runtime';

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

export interface Res {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
  logId: number;
}

type SendOpts = { mode?: MessageMode; timestamp?: string; nonce?: string };

export interface Harness {
  core: TestCore;
  account: AccountDto;
  base: string;
  /** POST a message built as WeChat would (signed, encrypted per `mode`, default the account's). */
  send(fields: Record<string, string>, opts?: SendOpts): Promise<Res>;
  build(fields: Record<string, string>, opts?: SendOpts): { search: string; body: string };
  /** Any request with a raw path and query. */
  raw(
    method: string,
    pathAndQuery: string,
    body?: string | Buffer,
    headers?: Record<string, string>,
  ): Promise<Res>;
  /** Reads a reply as WeChat would (throws when WeChat would refuse it). */
  read(body: string, mode?: MessageMode): WechatReadReply;
  /** A contract call as the UI makes it (validated). */
  call<T = unknown>(method: string, input?: unknown): Promise<T>;
  /** Resolves once a callbacks.logged batch reached log id `id`. */
  logged(id: number): Promise<void>;
  /** Resolves on the first callbacks.updated for `id` whose late replies satisfy `pred`. */
  updated(id: number, pred: (l: LateReplyDto[]) => boolean): Promise<void>;
  events: EventEnvelope[];
  stop(): Promise<void>;
}

let counter = 0;

/** A real core (SQLite in a temp dir, listener on 127.0.0.1:0) with one account at /wx/acct. */
export async function startHarness(
  opts: {
    mode?: MessageMode;
    sender?: CustomerServiceSender;
    deadlineMs?: number;
    dataDir?: string;
    account?: Record<string, unknown>;
    runtime?: Runtime;
  } = {},
): Promise<Harness> {
  const core = createTestCore({
    dataDir: opts.dataDir,
    overrides: { customerService: opts.sender, runtime: opts.runtime },
  });
  const events: EventEnvelope[] = [];
  const waiters: { id: number; resolve: () => void }[] = [];
  core.events.subscribe((e) => {
    events.push(e);
    if (e.name !== 'callbacks.logged') return;
    for (const w of [...waiters]) {
      if (e.payload.lastSeq >= w.id) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  });
  const input = {
    ...accountInput({
      appId: APP_ID,
      token: TOKEN,
      encodingAESKey: AES_KEY,
      mode: opts.mode ?? 'plain',
      callbackSlug: 'acct',
    }),
    ...opts.account,
  };
  const account = core.services.accounts.list()[0] ?? core.services.accounts.create(input as never);
  const token = (input.token as string) ?? TOKEN;
  const aesKey = (input.encodingAESKey as string) ?? AES_KEY;
  if (opts.deadlineMs) core.services.settings.update({ replyDeadlineMs: opts.deadlineMs });
  await core.start();
  const base = core.status().callbackListener!.url;
  const clock = (opts.runtime ?? systemRuntime).clock;
  const side = (mode?: MessageMode) => ({ token, appId: account.appId, aesKey, mode: mode ?? account.mode });
  const build: Harness['build'] = (fields, o = {}) => {
    const xml = fieldsToXml({ ToUserName: GH, FromUserName: FAN, CreateTime: '1700000000', ...fields });
    counter++;
    const r = buildWechatRequest(side(o.mode), xml, {
      // Now by the core's clock: the listener refuses timestamps outside its window.
      timestamp: o.timestamp ?? String(Math.floor(clock.now() / 1000)),
      nonce: o.nonce ?? String(100000 + counter),
    });
    return { search: `?${r.query}`, body: r.body };
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
    send(fields, o) {
      const r = build(fields, o);
      return raw('POST', `/wx/${account.callbackSlug}${r.search}`, r.body, { 'content-type': 'text/xml' });
    },
    read: (body, mode) => readReplyAsWechat(side(mode), body),
    async call<T>(method: string, input?: unknown): Promise<T> {
      const r = await dispatch(core.handlers, method, input, { transport: 'internal' });
      if (!r.ok) throw Object.assign(new Error(r.error.message), { body: r.error });
      return r.value as T;
    },
    logged: (id) =>
      new Promise<void>((resolve) => {
        if (events.some((e) => e.name === 'callbacks.logged' && e.payload.lastSeq >= id)) resolve();
        else waiters.push({ id, resolve });
      }),
    updated: (id, pred) =>
      new Promise<void>((resolve) => {
        const off = core.events.subscribe((e) => {
          if (e.name === 'callbacks.updated' && e.payload.id === id && pred(e.payload.lateReplies)) {
            off();
            resolve();
          }
        });
      }),
    stop: () => core.stop(),
  };
}

/** A text message's fields with a fresh 64-bit MsgId (as a string, §0). */
export const text = (content: string, msgId = String(6_000_000_000_000_000_000n + BigInt(++counter))) => ({
  MsgType: 'text',
  Content: content,
  MsgId: msgId,
});

/** A developer server's passive text reply to the fan (From the account's gh_ id), as WeChat expects it. */
export const upstreamReplyXml = (content: string, to = FAN) =>
  `<xml><ToUserName><![CDATA[${to}]]></ToUserName><FromUserName><![CDATA[${GH}]]></FromUserName>` +
  `<CreateTime>1700000100</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content></xml>`;

/** Stops what a test started (harnesses, fake servers), skipping what it never started. */
export async function stopAll(...started: ({ stop(): Promise<unknown> } | undefined)[]): Promise<void> {
  for (const s of started) await s?.stop();
}
