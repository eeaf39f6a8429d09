import { performance } from 'node:perf_hooks';
import { request, type Dispatcher } from 'undici';
import type { MessageMode } from '../../shared/api/areas/accounts';
import type {
  SimulatorCompose,
  SimulatorExchange,
  SimulatorSendInput,
} from '../../shared/api/areas/simulator';
import { AppError, netFailureOf, type UrlUnreachableDetails } from '../../shared/errors';
import { randomAlnum, type Runtime } from '../runtime';
import { buildWechatRequest, fieldsToXml, randomDigits } from '../server/wechat-request';
import {
  cdata,
  isWechatProtocolError,
  openEncryptedEnvelope,
  parseXmlDocument,
  textOf,
  type XmlFields,
} from '../wechat';
import type { AccountsService } from './accounts-service';
import type { AreaHandlers } from './handler-types';
import { composeFields } from './simulator-compose';
import { REPLAY_AS_HEADER, REPLAY_OF_HEADER, round, type ReplayOf } from '../server/pipeline';
import type { SourceKey } from '../server/source-key';

export interface SentRequest {
  url: string;
  status: number;
  headers: Record<string, string>;
  body: string;
  ms: number;
  logId: number | null;
}

export interface SimulatorServiceDeps {
  accounts: AccountsService;
  /** The callback listener's base URL once it listens. */
  listenerUrl: () => string | null;
  rt: Runtime;
  /** MPDesk's own requests carry this process's key (server/source-key.ts). */
  sources: SourceKey;
  /** Our tunnel's public URL: requests through it reach our own listener too. */
  publicUrl?: () => string | null;
  dispatcher?: Dispatcher;
  /**
   * The simulator plays WeChat's side: before the message goes out, the platform the account's API
   * points at learns what the fan did (the sandbox makes them a follower and opens their
   * customer-service window, §10.1), as WeChat knows it before it calls back.
   */
  fanActed?: (accountId: string, fields: XmlFields) => void;
}

/**
 * The simulator (docs/architecture.md §4): builds a request as WeChat would (§2, §4), sends it over real
 * HTTP to our listener or any URL (e.g. the tunnel's public one) and returns the whole exchange.
 * `callbacks.replay*` reuse `post` and `build`.
 */
export class SimulatorService {
  constructor(private readonly d: SimulatorServiceDeps) {}

  async send(input: SimulatorSendInput): Promise<SimulatorExchange> {
    const creds = this.d.accounts.credentials(input.accountId);
    const row = this.d.accounts.row(input.accountId);
    const xml = input.compose
      ? this.composed(creds.appId, input.compose, input.openid)
      : (input.xml ?? fieldsToXml(this.defaults(creds.appId, input.message ?? {})));
    const mode = input.mode ?? creds.mode;
    const built = this.build(input.accountId, xml, mode);
    this.d.fanActed?.(input.accountId, parseXmlDocument(xml));
    const url = this.target(input.url, `/wx/${row.callbackSlug}`) + built.search;
    const sent = await this.post(url, 'POST', Buffer.from(built.body), 'simulator');
    const { replyXml, reply } = this.openReply(input.accountId, sent.body);
    return {
      request: { method: 'POST', url, body: built.body },
      response: { status: sent.status, headers: sent.headers, body: sent.body },
      replyXml,
      reply,
      ms: sent.ms,
      logId: sent.logId,
    };
  }

  accountMode(accountId: string): MessageMode {
    return this.d.accounts.credentials(accountId).mode;
  }

  /** Signs (and encrypts) `xml` for the account with a fresh timestamp and nonce. */
  build(accountId: string, xml: string, mode: MessageMode): { search: string; body: string } {
    const creds = this.d.accounts.credentials(accountId);
    let f: XmlFields;
    try {
      f = parseXmlDocument(xml);
    } catch (e) {
      if (isWechatProtocolError(e))
        throw new AppError('invalid_input', `The message is not valid WeChat XML: ${e.message}`);
      throw e;
    }
    if (mode !== 'plain' && !creds.encodingAESKey) {
      throw new AppError('invalid_input', `${mode} mode needs the account's EncodingAESKey`);
    }
    return buildWechatRequest({
      token: creds.token ?? '',
      appId: creds.appId,
      encodingAESKey: creds.encodingAESKey,
      mode,
      xml,
      toUserName: textOf(f.ToUserName),
      openid: textOf(f.FromUserName),
      timestamp: String(Math.floor(this.d.rt.clock.now() / 1000)),
      nonce: randomDigits(this.d.rt, 9),
      random16: randomAlnum(this.d.rt.random, 16),
    });
  }

  /** Our listener (default) or the given URL; a bare origin gets the account's path. */
  target(given: string | undefined, path: string): string {
    const base = given ?? this.d.listenerUrl();
    if (!base) throw new AppError('unavailable', 'The callback listener is not running');
    const u = new URL(base);
    return u.pathname === '/' || u.pathname === '' ? `${u.origin}${path}` : `${u.origin}${u.pathname}`;
  }

  async post(
    url: string,
    method: string,
    body: Buffer,
    source: 'simulator' | 'replay',
    /** For a replay: the delivery it repeats, and whether it is sent as WeChat's retry of it. */
    replay?: ReplayOf,
  ): Promise<SentRequest> {
    const started = performance.now();
    try {
      const res = await request(url, {
        method: method as Dispatcher.HttpMethod,
        body: method === 'GET' || method === 'HEAD' ? undefined : body,
        headers: {
          'content-type': 'text/xml',
          // The process's key goes only where our own listener answers, never to another server.
          ...(this.isOurs(url) ? this.d.sources.headers(source) : {}),
          ...(replay
            ? {
                [REPLAY_OF_HEADER]: String(replay.logId),
                [REPLAY_AS_HEADER]: replay.asRetry ? 'retry' : 'delivery',
              }
            : {}),
        },
        dispatcher: this.d.dispatcher,
        signal: AbortSignal.timeout(15_000),
      });
      const text = await res.body.text();
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers))
        if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
      const logId = Number(headers['x-mpdesk-log-id']);
      return {
        url,
        status: res.statusCode,
        headers,
        body: text,
        ms: round(performance.now() - started),
        logId: Number.isInteger(logId) && logId > 0 ? logId : null,
      };
    } catch (e) {
      const origin = new URL(url).origin;
      const details: UrlUnreachableDetails = { unreachable: 'url', url: origin, net: netFailureOf(e) };
      throw new AppError('unavailable', `Could not reach ${origin}: ${(e as Error).message}`, {
        cause: e,
        details,
      });
    }
  }

  private isOurs(url: string): boolean {
    const origin = new URL(url).origin;
    return [this.d.listenerUrl(), this.d.publicUrl?.() ?? null].some(
      (u) => !!u && new URL(u).origin === origin,
    );
  }

  private openReply(
    accountId: string,
    body: string,
  ): { replyXml: string | null; reply: Record<string, unknown> | null } {
    const text = body.trim();
    if (!text.startsWith('<')) return { replyXml: null, reply: null };
    try {
      let xml = text;
      if (/<Encrypt>/.test(text)) {
        const c = this.d.accounts.credentials(accountId);
        xml = openEncryptedEnvelope({
          envelope: text,
          token: c.token ?? '',
          aesKey: c.encodingAESKey ?? '',
          appId: c.appId,
        }).xml;
      }
      return { replyXml: xml, reply: parseXmlDocument(xml) };
    } catch {
      return { replyXml: null, reply: null };
    }
  }

  /** A message by kind, from the fan `openid`, as WeChat would write it. */
  private composed(appId: string, compose: SimulatorCompose, openid?: string): string {
    const { fields, scanCode } = composeFields(compose, this.d.rt.random);
    const xml = fieldsToXml(this.defaults(appId, openid ? { FromUserName: openid, ...fields } : fields));
    if (!scanCode) return xml;
    const info = `<ScanCodeInfo><ScanType>${cdata(scanCode.ScanType)}</ScanType><ScanResult>${cdata(scanCode.ScanResult)}</ScanResult></ScanCodeInfo>`;
    return `${xml.slice(0, -'</xml>'.length)}${info}</xml>`;
  }

  /** What WeChat would fill in (§2.2): ids, now, a 64-bit MsgId for messages. */
  private defaults(appId: string, m: Record<string, string>): Record<string, string> {
    const msgType = m.MsgType ?? 'text';
    const out: Record<string, string> = {
      ToUserName: m.ToUserName ?? `gh_${appId.slice(2, 14)}`,
      FromUserName: m.FromUserName ?? 'oMPDesk_simulated_fan',
      CreateTime: m.CreateTime ?? String(Math.floor(this.d.rt.clock.now() / 1000)),
      MsgType: msgType,
    };
    for (const [k, v] of Object.entries(m)) if (!(k in out)) out[k] = v;
    if (msgType !== 'event' && !out.MsgId) out.MsgId = `6${randomDigits(this.d.rt, 18)}`;
    if (msgType === 'text' && out.Content === undefined) out.Content = 'hello';
    return out;
  }
}

export function simulatorHandlers(s: SimulatorService): AreaHandlers<'simulator.'> {
  return { 'simulator.send': (input) => s.send(input) };
}
