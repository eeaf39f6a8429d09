import type { RuleReply } from '../../shared/api/areas/rules';
import { randomAlnum, systemRuntime, type Random, type Runtime } from '../runtime';
import {
  buildEncryptedEnvelope,
  buildReply,
  decryptMessage,
  lintReply,
  MAX_ARTICLES,
  openEncryptedEnvelope,
  parseAesKey,
  parseXmlDocument,
  textOf,
  type AccountCredentials,
  type AesKey,
  type ReplySpec,
  type XmlFields,
} from '../wechat';
import { randomDigits } from './wechat-request';

/**
 * Node's randomBytes costs ~10 us a call however few bytes it returns, and every encrypted reply
 * wants two small draws (nonce, 16-char prefix); the system source is read in 4 KiB slabs instead.
 * Only the system source is pooled: an injected (test) source keeps its call-for-call behaviour.
 */
class PooledRandom implements Random {
  private slab: Buffer = Buffer.alloc(0);
  private at = 0;
  constructor(private readonly source: Random) {}
  bytes(n: number): Buffer {
    if (this.at + n > this.slab.length) {
      this.slab = this.source.bytes(Math.max(4096, n));
      this.at = 0;
    }
    // A copy: callers own what they get, and no two draws ever share bytes.
    return Buffer.from(this.slab.subarray(this.at, (this.at += n)));
  }
}
const pooledSystemRandom = new PooledRandom(systemRuntime.random);
const randomOf = (rt: Runtime): Runtime =>
  rt.random === systemRuntime.random ? { clock: rt.clock, random: pooledSystemRandom } : rt;

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
  envelope(account: AccountCredentials, xml: string, nowSeconds: number, runtime: Runtime): string {
    const rt = randomOf(runtime);
    return buildEncryptedEnvelope({
      xml,
      token: account.token ?? '',
      aesKey: this.key(account),
      appId: account.appId,
      timestamp: nowSeconds,
      nonce: randomDigits(rt, 10),
      random: randomAlnum(rt.random, 16),
    });
  }
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
 * Decides whether the developer's answer can go to WeChat (§3.1-§3.2, §4.2) with the protocol
 * core's linter: `success`/empty acknowledges; otherwise the reply must lint clean for this message
 * (an encrypted one is opened and checked inside). A plain reply to an encrypted request is
 * encrypted by MPDesk (noted in the log), since WeChat would refuse it in safe mode.
 */
export function judgeUpstreamReply(
  body: Buffer,
  ctx: { account: AccountCredentials; aes: boolean; inbound: XmlFields; crypto: AccountCrypto; rt: Runtime },
): UpstreamVerdict {
  const now = Math.floor(ctx.rt.clock.now() / 1000);
  // Only an encrypted request has keys to use: a plain-mode account may have no EncodingAESKey.
  const keys = ctx.aes
    ? { token: ctx.account.token ?? '', aesKey: ctx.crypto.key(ctx.account), appId: ctx.account.appId }
    : undefined;
  const res = lintReply(body, {
    inbound: { toUserName: textOf(ctx.inbound.ToUserName), fromUserName: textOf(ctx.inbound.FromUserName) },
    // An encrypted request may get either form (we encrypt a plain one); a plain request must stay plain.
    mode: ctx.aes ? 'compatible' : 'plain',
    crypto: keys,
    now,
  });
  const errors = res.issues.filter((i) => i.severity === 'error');
  if (!res.ok)
    return { ok: false, error: `upstream reply failed the lint: ${errors.map((i) => i.message).join(' ')}` };
  if (res.kind === 'ack') return { ok: true, body: null, plainXml: body.toString('utf8').trim() };
  if (res.encrypted && keys)
    return { ok: true, body, plainXml: openEncryptedEnvelope({ envelope: body, ...keys }).xml };
  const plain = body.toString('utf8');
  if (!ctx.aes) return { ok: true, body, plainXml: plain };
  return {
    ok: true,
    body: Buffer.from(ctx.crypto.envelope(ctx.account, plain, now, ctx.rt)),
    plainXml: plain,
    note: 'the upstream replied in plain XML to an encrypted request; MPDesk encrypted it',
  };
}
