import type { RuleReply } from '../../shared/api/areas/rules';
import { randomAlnum, type Runtime } from '../runtime';
import type { AccountCredentials } from '../services/accounts-service';
import {
  buildEncryptedEnvelope,
  buildReply,
  decryptMessage,
  isWechatProtocolError,
  MAX_ARTICLES,
  openEncryptedEnvelope,
  parseAesKey,
  parseXmlDocument,
  textOf,
  type AesKey,
  type ReplySpec,
  type XmlFields,
} from '../wechat';

/** Parsed AES keys per account, so the hot path does not Base64-decode the key per request. */
export class AccountCrypto {
  private readonly keys = new Map<string, AesKey>();

  key(account: AccountCredentials): AesKey {
    const k = account.encodingAESKey ?? '';
    let parsed = this.keys.get(k);
    if (!parsed) {
      parsed = parseAesKey(k);
      this.keys.set(k, parsed);
    }
    return parsed;
  }

  /** §4.2: decrypt and check the trailer AppID is this account's. */
  decrypt(account: AccountCredentials, encrypt: string): string {
    return decryptMessage(this.key(account), encrypt, account.appId).xml;
  }

  /** §4.2: the encrypted reply envelope with a fresh nonce and our own timestamp. */
  envelope(account: AccountCredentials, xml: string, nowSeconds: number, rt: Runtime): string {
    return buildEncryptedEnvelope({
      xml,
      token: account.token ?? '',
      aesKey: this.key(account),
      appId: account.appId,
      timestamp: nowSeconds,
      nonce: digits(rt, 10),
      random: randomAlnum(rt.random, 16),
    });
  }
}

function digits(rt: Runtime, n: number): string {
  let s = '';
  for (const b of rt.random.bytes(n)) s += String(b % 10);
  return s.replace(/^0/, '1');
}

export function toReplySpec(r: RuleReply): ReplySpec {
  return r.type === 'transfer' ? { type: 'transfer_customer_service', kfAccount: r.kfAccount } : r;
}

/** §3.2: events may carry up to 8 news articles, answers to user messages only 1. */
export function ruleReplyXml(r: RuleReply, inbound: XmlFields, nowSeconds: number): string {
  const isEvent = textOf(inbound.MsgType).toLowerCase() === 'event';
  return buildReply(
    { toUserName: textOf(inbound.ToUserName), fromUserName: textOf(inbound.FromUserName) },
    toReplySpec(r),
    nowSeconds,
    { maxArticles: isEvent ? MAX_ARTICLES : 1 },
  );
}

/** A reply XML (e.g. an upstream's, too late to be passive) as something customer service can send. */
export function xmlToRuleReply(xml: string): RuleReply | null {
  let f: XmlFields;
  try {
    f = parseXmlDocument(xml);
  } catch {
    return null;
  }
  const t = textOf(f.MsgType).toLowerCase();
  if (t === 'text') return { type: 'text', content: textOf(f.Content) };
  if (t === 'image') return { type: 'image', mediaId: textOf((f.Image as XmlFields | undefined)?.MediaId) };
  if (t === 'news') {
    const items = (f.Articles as XmlFields | undefined)?.item;
    const first = (Array.isArray(items) ? items[0] : items) as XmlFields | undefined;
    if (!first) return null;
    return {
      type: 'news',
      articles: [
        {
          title: textOf(first.Title),
          description: textOf(first.Description),
          picUrl: textOf(first.PicUrl),
          url: textOf(first.Url),
        },
      ],
    };
  }
  return null;
}

export type UpstreamVerdict =
  { ok: true; body: Buffer | null; plainXml: string; note?: string } | { ok: false; error: string };

/**
 * Decides whether the developer's answer can go to WeChat (§3.1-§3.2, §4.2): `success`/empty
 * acknowledges; otherwise the reply must lint clean for this message. In aes mode an encrypted
 * envelope is verified and decrypted first; a plain reply to an encrypted request is encrypted by
 * MPDesk (noted in the log), since WeChat would refuse it.
 */
export function judgeUpstreamReply(
  body: Buffer,
  ctx: { account: AccountCredentials; aes: boolean; inbound: XmlFields; crypto: AccountCrypto; rt: Runtime },
): UpstreamVerdict {
  const text = body.toString('utf8').trim();
  if (text === '' || text === 'success') return { ok: true, body: null, plainXml: text || '' };
  let plain = text;
  let encrypted = false;
  try {
    const f = parseXmlDocument(text);
    if (typeof f.Encrypt === 'string') {
      if (!ctx.aes) return { ok: false, error: 'upstream replied encrypted to a plain request' };
      plain = openEncryptedEnvelope({
        envelope: text,
        token: ctx.account.token ?? '',
        aesKey: ctx.crypto.key(ctx.account),
        appId: ctx.account.appId,
      }).xml;
      encrypted = true;
    }
  } catch (e) {
    if (isWechatProtocolError(e)) return { ok: false, error: `upstream reply: ${e.message}` };
    throw e;
  }
  const problems = lintReply(plain, {
    toUserName: textOf(ctx.inbound.ToUserName),
    fromUserName: textOf(ctx.inbound.FromUserName),
  });
  if (problems.length) return { ok: false, error: `upstream reply failed the lint: ${problems.join('; ')}` };
  if (!ctx.aes || encrypted) return { ok: true, body, plainXml: plain };
  const now = Math.floor(ctx.rt.clock.now() / 1000);
  return {
    ok: true,
    body: Buffer.from(ctx.crypto.envelope(ctx.account, plain, now, ctx.rt)),
    plainXml: plain,
    note: 'the upstream replied in plain XML to an encrypted request; MPDesk encrypted it',
  };
}

/**
 * Minimal reply lint until the protocol core's `lintReply` lands (§3.2, §14.7): root <xml>, ids
 * swapped, CreateTime in seconds, a known MsgType with its body.
 */
function lintReply(xml: string, inbound: { toUserName: string; fromUserName: string }): string[] {
  let f: XmlFields;
  try {
    f = parseXmlDocument(xml);
  } catch (e) {
    return [isWechatProtocolError(e) ? e.message : 'not XML'];
  }
  const p: string[] = [];
  if (textOf(f.ToUserName) !== inbound.fromUserName) p.push("ToUserName is not the sender's openid");
  if (textOf(f.FromUserName) !== inbound.toUserName) p.push('FromUserName is not the account id');
  if (!/^\d{1,11}$/.test(textOf(f.CreateTime))) p.push('CreateTime is not Unix seconds');
  const t = textOf(f.MsgType);
  if (!['text', 'image', 'voice', 'video', 'music', 'news', 'transfer_customer_service'].includes(t))
    p.push(`unknown MsgType "${t}"`);
  if (t === 'text' && !('Content' in f)) p.push('text reply without Content');
  return p;
}
