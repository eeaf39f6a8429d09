import type { RuleProbe, RuleTestResult } from '../../../shared/api/areas/rules';
import { ruleReplyXml } from '../../server/reply-adapter';
import { textAnswer, XML_TYPE, type Facts, type Handled } from '../../server/pipeline';
import { timestampProblem } from '../../server/timestamp-window';
import { TIMESTAMP_WINDOW_MIN_S } from '../../../shared/api/areas/settings';
import type { Runtime } from '../../runtime';
import {
  buildEncryptedEnvelope,
  buildReply,
  decryptMessage,
  isWechatProtocolError,
  parseXmlDocument,
  randomPrefix,
  textOf,
  verifyMsgSignature,
  verifySignature,
  type XmlFields,
} from '../../wechat';
import { ack, followUp, refuse } from '../../server/component-answer';
import type { ComponentInboundPort } from '../../server/component-routes';
import { authorizedRedirect } from './component-authorized';
import type { ComponentParts } from './component-parts';
import type { PlatformKeys } from './component-platforms';

/** §11.7: the 全网发布 test accounts (Official Accounts and Mini Programs); tests pick a group at random. */
export const RELEASE_TEST_APPIDS: ReadonlySet<string> = new Set([
  'wx570bc396a51b8ff8',
  'wx9252c5e0bb1836fc',
  'wx8e1097c5bc82cde9',
  'wx14550af28c71a144',
  'wxa35b9c23cfe664eb',
  'wxd101a85aa106f53e',
  'wxc39235c15087f6f3',
  'wx7720d01d4b2a4500',
  'wx05d483572dcd5d8b',
  'wx5910277cae6fd970',
]);
export const TEST_TEXT = 'TESTCOMPONENT_MSG_TYPE_TEXT';
export const QUERY_AUTH_CODE_PREFIX = 'QUERY_AUTH_CODE:';

const DEDUPE_MS = 5 * 60_000;

type Opened =
  | { ok: true; xml: string; fields: XmlFields; timestamp: string; nonce: string }
  | { ok: false; answer: Handled };

/**
 * The component side of the callback listener (docs/wechat-protocol.md §11.1-§11.3, §11.6-§11.7): every
 * request is signed (msg_signature) and encrypted with the platform's Token and key, and the
 * decrypted trailer must be the component appid.
 */
export class ComponentInbound implements ComponentInboundPort {
  /** §3.1: WeChat retries a message it got no answer to; a retry gets the first reply and runs nothing again. */
  private readonly seen = new Map<string, { at: number; answer: Handled }>();

  constructor(
    private readonly c: ComponentParts,
    private readonly rt: Runtime,
    /** The account pipeline's auto-reply rules, for authorizers that are also MPDesk accounts. */
    private readonly rules?: {
      accountIdByAppId(appid: string): string | undefined;
      evaluate(accountId: string, probe: RuleProbe): RuleTestResult;
    },
    /** settings.callbackTimestampWindowS: signed pushes further from now are refused. */
    private readonly windowS: () => number = () => TIMESTAMP_WINDOW_MIN_S,
  ) {}

  /** `POST /component/<id>/events`: 授权事件接收URL. */
  events(id: string, method: string, q: Map<string, string> | undefined, raw: Buffer): Handled {
    const keys = this.c.platforms.keys(id);
    if (!keys) return refuse(404, 'unknown_account', 'unknown platform', `no third-party platform "${id}"`);
    const o = this.open(keys, method, q, raw, true);
    if (!o.ok) return o.answer;
    const f = o.fields;
    const info = textOf(f.InfoType);
    const createTime = Number(textOf(f.CreateTime)) || null;
    switch (info) {
      case 'component_verify_ticket': {
        const ticket = textOf(f.ComponentVerifyTicket);
        if (!ticket)
          return refuse(400, 'bad_request', 'no ticket', 'ComponentVerifyTicket missing (§11.2)', {
            verified: true,
            decryptedXml: o.xml,
            fields: f,
          });
        this.c.tokens.storeTicket(id, ticket, createTime);
        return ack('component_verify_ticket stored (§11.2)', o.xml, f);
      }
      case 'authorized':
      case 'updateauthorized': {
        const appid = textOf(f.AuthorizerAppid);
        const code = textOf(f.AuthorizationCode);
        if (!appid || !code)
          return refuse(
            400,
            'bad_request',
            'bad push',
            `${info} without AuthorizerAppid or AuthorizationCode (§11.3)`,
            { verified: true, decryptedXml: o.xml, fields: f },
          );
        const expiry = Number(textOf(f.AuthorizationCodeExpiredTime));
        this.c.authorizers.recordAuthorization(
          id,
          appid,
          info,
          Number.isFinite(expiry) && expiry > 0 ? expiry * 1000 : null,
        );
        // §11.3: exchange the code (api_query_auth) after answering: the push only waits 5 s.
        return ack(
          `${info}: ${appid}; exchanging the authorization code (api_query_auth)`,
          o.xml,
          f,
          async () => {
            try {
              await this.c.authorizers.exchangeCode(id, code, info);
            } catch (e) {
              this.c.authorizers.noteAuthorizerError(id, appid, e);
            }
          },
        );
      }
      case 'unauthorized': {
        const appid = textOf(f.AuthorizerAppid);
        if (appid) this.c.authorizers.removeAuthorizer(id, appid);
        return ack(`unauthorized: ${appid} removed`, o.xml, f);
      }
      default:
        return ack(`InfoType ${info || '(none)'} acknowledged`, o.xml, f);
    }
  }

  /** `GET /component/<id>/authorized`: MPDesk's own redirect_uri (component-authorized.ts). */
  authorized(id: string, method: string, q: Map<string, string> | undefined): Promise<Handled> {
    return authorizedRedirect(this.c, id, method, q);
  }

  /** `POST /component/<id>/<appid>/messages`: 消息与事件接收URL with `$APPID$` substituted (§11.6). */
  messages(
    id: string,
    appid: string,
    method: string,
    q: Map<string, string> | undefined,
    raw: Buffer,
  ): Handled {
    const a = this.answerMessage(id, appid, method, q, raw);
    const f = a.facts?.fields;
    if (!f || a.answer.status !== 200) return a;
    const msgId = textOf(f.MsgId);
    const key = `${id}|${appid}|${msgId || `${textOf(f.FromUserName)}|${textOf(f.CreateTime)}|${textOf(f.Event)}|${textOf(f.EventKey)}`}`;
    const now = this.rt.clock.now();
    const first = this.seen.get(key);
    if (first && now - first.at < DEDUPE_MS) {
      return {
        answer: {
          ...first.answer.answer,
          outcome: 'duplicate',
          reason: 'retry_replayed',
          detail: 'a WeChat retry (§3.1): replayed the first reply, nothing ran again',
        },
        facts: first.answer.facts,
      };
    }
    if (this.seen.size > 10_000) {
      for (const [k, v] of this.seen) if (now - v.at >= DEDUPE_MS) this.seen.delete(k);
    }
    this.seen.set(key, { at: now, answer: a });
    return a;
  }

  private answerMessage(
    id: string,
    appid: string,
    method: string,
    q: Map<string, string> | undefined,
    raw: Buffer,
  ): Handled {
    const keys = this.c.platforms.keys(id);
    if (!keys) return refuse(404, 'unknown_account', 'unknown platform', `no third-party platform "${id}"`);
    const o = this.open(keys, method, q, raw, false);
    if (!o.ok) return o.answer;
    const f = o.fields;
    const known = RELEASE_TEST_APPIDS.has(appid) || this.c.platforms.repo.authorizer(id, appid) !== undefined;
    const msgType = textOf(f.MsgType);
    const content = textOf(f.Content);
    const from = textOf(f.FromUserName);
    const nowS = Math.floor(this.rt.clock.now() / 1000);
    const facts: Facts = { verified: true, decryptedXml: o.xml, fields: f };
    const sealed = (xml: string, detail: string, more?: Facts): Handled => ({
      answer: {
        status: 200,
        body: this.seal(keys, xml, nowS, o.nonce),
        type: XML_TYPE,
        outcome: 'ok',
        reason: 'replied',
        detail,
      },
      facts: { ...facts, replyPlain: xml, ...more },
    });
    const passive = (text: string, detail: string): Handled =>
      sealed(
        buildReply(
          { toUserName: textOf(f.ToUserName), fromUserName: from },
          { type: 'text', content: text },
          nowS,
        ),
        detail,
      );
    // §11.7 全网发布 cases.
    if (msgType === 'text' && content === TEST_TEXT) {
      return passive(`${TEST_TEXT}_callback`, '§11.7 release test: text case answered');
    }
    if (msgType === 'text' && content.startsWith(QUERY_AUTH_CODE_PREFIX)) {
      const code = content.slice(QUERY_AUTH_CODE_PREFIX.length);
      return {
        answer: textAnswer(
          '',
          'ok',
          'acknowledged',
          '§11.7 release test: empty reply; api_query_auth and a customer-service text follow',
        ),
        facts: { ...facts, replyPlain: '' },
        after: followUp(async () => {
          const { accessToken } = await this.c.authorizers.exchangeCode(id, code, 'api');
          await this.c.authorizers.customSendAs(id, accessToken, {
            touser: from,
            msgtype: 'text',
            text: { content: `${code}_from_api` },
          });
        }),
      };
    }
    if (msgType === 'event' && RELEASE_TEST_APPIDS.has(appid)) {
      const event = textOf(f.Event);
      return passive(`${event}from_callback`, '§11.7 release test: event case answered');
    }
    // An authorizer that is also an MPDesk account answers with that account's rules (§11.6:
    // passive replies work as in §3, encrypted with the platform's key).
    const accountId = this.rules?.accountIdByAppId(appid);
    if (accountId) {
      const r = this.rules!.evaluate(accountId, {
        msgType,
        content,
        event: textOf(f.Event),
        eventKey: textOf(f.EventKey),
      });
      const matched = r.matched.map((m) => `rule:${m.ruleId}`).join(',') || null;
      if (r.passive) {
        return sealed(
          ruleReplyXml(r.passive, f, nowS),
          `answered by the rules of the MPDesk account for ${appid}`,
          { accountId, matched },
        );
      }
      const acked = ack(`message for ${appid}: no rule answered`, o.xml, f);
      return { ...acked, facts: { ...acked.facts, accountId, matched } };
    }
    return ack(
      known
        ? `message for ${appid} acknowledged`
        : `message for ${appid}, which has not authorized this platform in MPDesk's records; acknowledged`,
      o.xml,
      f,
    );
  }

  /** §11.6: passive replies go out encrypted with the platform's Token and key, trailer = component appid. */
  private seal(keys: PlatformKeys, xml: string, nowS: number, nonce: string): string {
    return buildEncryptedEnvelope({
      xml,
      token: keys.token,
      aesKey: keys.aesKey,
      appId: keys.componentAppId,
      timestamp: nowS,
      nonce: nonce || randomPrefix(this.rt.random).slice(0, 10),
      random: randomPrefix(this.rt.random),
    });
  }

  private open(
    keys: PlatformKeys,
    method: string,
    q: Map<string, string> | undefined,
    raw: Buffer,
    push: boolean,
  ): Opened {
    const fail = (answer: Handled): Opened => ({ ok: false, answer });
    if (method !== 'POST')
      return fail(
        refuse(405, 'method_not_allowed', 'method not allowed', `${method}: WeChat POSTs to this URL`),
      );
    if (!q) return fail(refuse(400, 'bad_request', 'bad query', 'malformed percent-encoding in the query'));
    if (raw.length === 0) return fail(refuse(400, 'empty_body', 'empty body', 'empty body'));
    const timestamp = q.get('timestamp') ?? '';
    const nonce = q.get('nonce') ?? '';
    let outer: XmlFields;
    try {
      outer = parseXmlDocument(raw);
    } catch (e) {
      return fail(refuse(400, 'bad_request', 'malformed XML', detailOf(e)));
    }
    const encrypt = textOf(outer.Encrypt);
    if (!encrypt)
      return fail(
        refuse(
          400,
          'bad_request',
          'no Encrypt',
          '§11.1: pushes to a platform are always encrypted; no <Encrypt>',
        ),
      );
    const sigOk =
      verifyMsgSignature(keys.token, timestamp, nonce, encrypt, q.get('msg_signature')) &&
      (!q.has('signature') || verifySignature(keys.token, timestamp, nonce, q.get('signature')));
    if (!sigOk) {
      return fail(
        refuse(
          401,
          'bad_signature',
          'invalid signature',
          q.has('msg_signature')
            ? 'msg_signature does not match the platform Token'
            : 'msg_signature missing',
        ),
      );
    }
    const stale = timestampProblem(timestamp, this.rt.clock.now(), this.windowS());
    if (stale) return fail(refuse(403, 'stale_timestamp', 'timestamp outside the accepted window', stale));
    // From here on the push is the platform's: its failures are kept whole and never rate-limited.
    const signedFail = (answer: Handled): Opened =>
      fail({ ...answer, facts: { ...answer.facts, verified: true } });
    const outerAppId = textOf(outer.AppId);
    if (push && outerAppId && outerAppId !== keys.componentAppId) {
      return signedFail(
        refuse(
          400,
          'bad_request',
          'wrong AppId',
          `<AppId> ${outerAppId} is not this platform (${keys.componentAppId})`,
        ),
      );
    }
    let xml: string;
    try {
      const d = decryptMessage(keys.aesKey, encrypt);
      if (d.appId !== keys.componentAppId) {
        return signedFail(
          refuse(
            400,
            'decrypt_failed',
            'wrong appid',
            `the encrypted trailer names ${d.appId}, not the component appid ${keys.componentAppId} (§11.1)`,
          ),
        );
      }
      xml = d.xml;
    } catch (e) {
      return signedFail(refuse(400, 'decrypt_failed', 'cannot decrypt', detailOf(e)));
    }
    let fields: XmlFields;
    try {
      fields = parseXmlDocument(xml);
    } catch (e) {
      return signedFail(
        refuse(400, 'bad_request', 'malformed XML', `decrypted message: ${detailOf(e)}`, {
          decryptedXml: xml,
        }),
      );
    }
    return { ok: true, xml, fields, timestamp, nonce };
  }
}

function detailOf(e: unknown): string {
  if (isWechatProtocolError(e)) return `${e.message} (${e.code})`;
  return (e as Error)?.message ?? String(e);
}
