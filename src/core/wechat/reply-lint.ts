import { XMLValidator } from 'fast-xml-parser';
import type { ReplyLintCode } from '../../shared/api/areas/callbacks';
import type { AesKey } from './aes-key';
import { isWechatProtocolError, PROTOCOL_STEPS } from './errors';
import { openEncryptedEnvelope } from './envelope';
import { MAX_ARTICLES, MAX_SECONDS, SUCCESS_BODY } from './reply-builder';
import { REPLY_MSG_TYPES, type ReplyAddress } from './reply-types';
import { fieldsOf, listOf, parseXmlDocument, textOf, type XmlFields } from './xml-codec';

/**
 * Checks a passive reply the way WeChat would take it (docs/wechat-protocol.md §3.1-§3.2, §4.1), wherever
 * it came from (our rules, a developer's upstream server), and says what is wrong in words the UI
 * can show. Errors make WeChat show "该公众号暂时无法提供服务" or drop the reply; warnings are legal
 * but probably not what was meant.
 */
export type LintSeverity = 'error' | 'warning';

export interface LintIssue {
  severity: LintSeverity;
  /** Stable code for i18n and tests (shared/api/areas/callbacks.ts, REPLY_LINT_CODES). */
  code: ReplyLintCode;
  /** English, for logs and the upstream leg's error; the UI words it from `code` and `params`. */
  message: string;
  /** The element concerned, e.g. `Image.MediaId`. */
  field?: string;
  /** The values `message` names, for the UI's own wording. */
  params: Record<string, string>;
}

export interface LintContext {
  /** The message being answered: To/From must be swapped from it. */
  inbound?: ReplyAddress;
  /** The account's encryption mode: safe mode needs an encrypted reply (§4.1). */
  mode?: 'plain' | 'compatible' | 'safe';
  /** To open an encrypted reply and lint what is inside. */
  crypto?: { token: string; aesKey: AesKey | string; appId: string };
  /** Unix seconds, to flag a CreateTime far from now. */
  now?: number;
  /**
   * The plaintext an encrypted reply carries when it is known without the keys (the callback log
   * keeps what MPDesk encrypted): linted in place of the envelope's contents when `crypto` is absent.
   */
  inner?: string;
}

export interface LintResult {
  /** No errors (warnings allowed). */
  ok: boolean;
  /** What WeChat sees: an acknowledgement, a reply, or something it cannot use. */
  kind: 'ack' | 'reply' | 'invalid';
  encrypted: boolean;
  msgType?: string;
  /** The plaintext reply fields when they could be read. */
  fields?: XmlFields;
  issues: LintIssue[];
}

const DAY = 86_400;
const KNOWN_FIELDS: Record<string, readonly string[]> = {
  text: ['Content'],
  image: ['Image'],
  voice: ['Voice'],
  video: ['Video'],
  music: ['Music'],
  news: ['ArticleCount', 'Articles'],
  transfer_customer_service: ['TransInfo'],
};
const COMMON = ['ToUserName', 'FromUserName', 'CreateTime', 'MsgType'];
/** Old SDK samples still send the retired star flag; WeChat ignores it, so no warning. */
const LEGACY = ['FuncFlag'];

export function lintReply(body: string | Uint8Array, ctx: LintContext = {}): LintResult {
  const issues: LintIssue[] = [];
  const result = (kind: LintResult['kind'], extra: Partial<LintResult> = {}): LintResult => ({
    ok: !issues.some((i) => i.severity === 'error'),
    kind,
    encrypted: false,
    issues,
    ...extra,
  });
  const err = (code: ReplyLintCode, message: string, params: Record<string, string> = {}) =>
    issues.push({ severity: 'error', code, message, params });

  const text =
    typeof body === 'string' ? body : body instanceof Uint8Array ? Buffer.from(body).toString('utf8') : null;
  if (text === null) {
    err('not_xml', 'The reply is neither text nor bytes.');
    return result('invalid');
  }
  // §3.1: exactly `success` or zero bytes acknowledge.
  if (text === '' || text === SUCCESS_BODY) return result('ack');
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === SUCCESS_BODY) {
    issues.push({
      severity: 'warning',
      code: 'ack_whitespace',
      message:
        'An acknowledgement should be exactly "success" or an empty body; this one has extra whitespace.',
      params: {},
    });
    return result('ack');
  }
  if (/^[{[]/.test(trimmed)) {
    err('json', 'The reply is JSON. The callback takes XML only; WeChat shows "该公众号暂时无法提供服务".');
    return result('invalid');
  }
  if (!trimmed.startsWith('<')) {
    err('not_xml', 'The reply is neither XML nor "success"; WeChat shows "该公众号暂时无法提供服务".');
    return result('invalid');
  }
  const wellFormed = /<!(?:DOCTYPE|ENTITY)/i.test(trimmed) ? true : XMLValidator.validate(trimmed);
  if (wellFormed !== true) {
    const e = wellFormed.err;
    const detail = `line ${e.line}, column ${e.col}: ${e.msg}`;
    err('malformed', `The reply is not well-formed XML (${detail})`, { detail });
    return result('invalid');
  }
  let outer: XmlFields;
  try {
    outer = parseXmlDocument(trimmed);
  } catch (e) {
    const detail = isWechatProtocolError(e) ? e.message : 'it could not be read as XML';
    err('malformed', `The reply is not well-formed XML (${detail})`, { detail });
    return result('invalid');
  }

  if ('Encrypt' in outer) return lintEncrypted(outer, trimmed, ctx, issues);
  if (ctx.mode === 'safe') {
    err(
      'not_encrypted',
      'The account is in safe mode (安全模式): the reply must be the encrypted envelope, or "success".',
    );
  }
  lintFields(outer, ctx, issues);
  return result('reply', { fields: outer, msgType: textOf(outer.MsgType) });
}

function lintEncrypted(
  outer: XmlFields,
  envelope: string,
  ctx: LintContext,
  issues: LintIssue[],
): LintResult {
  const done = (extra: Partial<LintResult> = {}): LintResult => ({
    ok: !issues.some((i) => i.severity === 'error'),
    kind: issues.some((i) => i.severity === 'error') ? 'invalid' : 'reply',
    encrypted: true,
    issues,
    ...extra,
  });
  for (const name of ['MsgSignature', 'TimeStamp', 'Nonce']) {
    if (textOf(outer[name]) === '') {
      issues.push({
        severity: 'error',
        code: 'envelope_field',
        message: `The encrypted reply has no <${name}>.`,
        field: name,
        params: { name },
      });
    }
  }
  if (ctx.mode === 'plain') {
    issues.push({
      severity: 'error',
      code: 'unexpected_encryption',
      message: 'The account is in plaintext mode (明文模式) but the reply is encrypted.',
      params: {},
    });
  }
  let xml: string;
  if (ctx.crypto) {
    try {
      xml = openEncryptedEnvelope({ envelope, ...ctx.crypto }).xml;
    } catch (e) {
      const step = isWechatProtocolError(e) ? e.step : 'decrypt';
      const code = String(isWechatProtocolError(e) ? e.code : PROTOCOL_STEPS.decrypt);
      const why = isWechatProtocolError(e) ? `${e.message} (${e.code})` : 'it could not be decrypted';
      issues.push({
        severity: 'error',
        code: 'envelope_open',
        message: `WeChat cannot open the encrypted reply: ${why}.`,
        params: { step, code },
      });
      return done();
    }
  } else if (ctx.inner !== undefined) {
    xml = ctx.inner;
  } else {
    issues.push({
      severity: 'warning',
      code: 'not_checked',
      message: 'The reply is encrypted; without the account keys its contents were not checked.',
      params: {},
    });
    return done();
  }
  const inner = lintReply(xml, { ...ctx, mode: 'compatible', crypto: undefined, inner: undefined });
  issues.push(...inner.issues);
  if (inner.kind !== 'reply') {
    issues.push({
      severity: 'error',
      code: 'encrypted_ack',
      message: 'The encrypted reply holds no XML message; send plain "success" to acknowledge instead.',
      params: {},
    });
  }
  return done({ fields: inner.fields, msgType: inner.msgType });
}

function lintFields(f: XmlFields, ctx: LintContext, issues: LintIssue[]): void {
  const err: Report = (code, message, field, params = {}) =>
    issues.push({ severity: 'error', code, message, field, params });
  const warn: Report = (code, message, field, params = {}) =>
    issues.push({ severity: 'warning', code, message, field, params });
  for (const name of COMMON)
    if (!(name in f)) err('missing', `<${name}> is missing.`, name, { element: `<${name}>` });

  const to = textOf(f.ToUserName);
  const from = textOf(f.FromUserName);
  if (ctx.inbound) {
    const { toUserName: account, fromUserName: user } = ctx.inbound;
    if (to === account && from === user) {
      err(
        'not_swapped',
        'ToUserName and FromUserName are not swapped: ToUserName must be the user’s openid, FromUserName the account’s gh_ id.',
      );
    } else {
      if ('ToUserName' in f && to !== user)
        err('to_mismatch', `ToUserName must be the sender’s openid "${user}", not "${to}".`, 'ToUserName', {
          expected: user,
          actual: to,
        });
      if ('FromUserName' in f && from !== account)
        err(
          'from_mismatch',
          `FromUserName must be the account id "${account}", not "${from}".`,
          'FromUserName',
          { expected: account, actual: from },
        );
    }
  }

  if ('CreateTime' in f) {
    const ct = textOf(f.CreateTime).trim();
    if (!/^\d+$/.test(ct))
      err('create_time', `CreateTime must be whole Unix seconds, not "${ct}".`, 'CreateTime', { value: ct });
    else if (Number(ct) > MAX_SECONDS)
      err('create_time_ms', 'CreateTime looks like milliseconds; WeChat expects Unix seconds.', 'CreateTime');
    else if (ctx.now !== undefined && Math.abs(Number(ct) - ctx.now) > DAY)
      warn('create_time_skew', 'CreateTime is more than a day away from now.', 'CreateTime');
  }

  const msgType = textOf(f.MsgType);
  if ('MsgType' in f && !(REPLY_MSG_TYPES as readonly string[]).includes(msgType)) {
    const allowed = REPLY_MSG_TYPES.join(', ');
    err('msg_type', `MsgType "${msgType}" cannot be sent as a passive reply (use ${allowed}).`, 'MsgType', {
      type: msgType,
      allowed,
    });
    return;
  }
  lintBody(msgType, f, err, warn);
  const known = new Set([...COMMON, ...LEGACY, ...(KNOWN_FIELDS[msgType] ?? [])]);
  for (const name of Object.keys(f))
    if (!known.has(name))
      warn('unknown_field', `<${name}> is not part of a ${msgType} reply; WeChat ignores it.`, name, {
        name,
        type: msgType,
      });
}

type Report = (code: ReplyLintCode, message: string, field?: string, params?: Record<string, string>) => void;

function lintBody(msgType: string, f: XmlFields, err: Report, warn: Report): void {
  const media = (wrapper: string) => {
    const element = `<${wrapper}><MediaId>`;
    if (!(wrapper in f)) {
      if ('MediaId' in f) {
        const message = `${element} is missing (MediaId must sit inside <${wrapper}>).`;
        return err('media_outside', message, `${wrapper}.MediaId`, { wrapper });
      }
      return err('missing', `${element} is missing.`, `${wrapper}.MediaId`, { element });
    }
    if (textOf(fieldsOf(f[wrapper]).MediaId) === '')
      err('missing', `${element} is missing or empty.`, `${wrapper}.MediaId`, { element });
  };
  switch (msgType) {
    case 'text':
      if (!('Content' in f)) err('missing', '<Content> is missing.', 'Content', { element: '<Content>' });
      else if (typeof f.Content !== 'string')
        err('content', '<Content> must be text, not nested elements.', 'Content');
      else if (f.Content === '')
        warn(
          'empty_content',
          'Content is empty: WeChat shows nothing. To acknowledge only, reply "success".',
          'Content',
        );
      return;
    case 'image':
      return media('Image');
    case 'voice':
      return media('Voice');
    case 'video':
      return media('Video');
    case 'music': {
      if (!('Music' in f)) return err('missing', '<Music> is missing.', 'Music', { element: '<Music>' });
      const m = fieldsOf(f.Music);
      if (textOf(m.ThumbMediaId) === '')
        warn('thumb_media_id', 'Music has no ThumbMediaId (SDKs require it).', 'Music.ThumbMediaId');
      return;
    }
    case 'news':
      return lintNews(f, err, warn);
    default:
      return;
  }
}

function lintNews(f: XmlFields, err: Report, warn: Report): void {
  const items = listOf(fieldsOf(f.Articles).item);
  const declared = textOf(f.ArticleCount).trim();
  if (!('ArticleCount' in f))
    err('missing', '<ArticleCount> is missing.', 'ArticleCount', { element: '<ArticleCount>' });
  else if (!/^\d+$/.test(declared) || Number(declared) !== items.length) {
    err(
      'article_count',
      `ArticleCount says ${declared || '(empty)'} but <Articles> holds ${items.length} item(s).`,
      'ArticleCount',
      { declared: declared || '–', count: String(items.length) },
    );
  }
  if (items.length === 0)
    return err('missing', 'A news reply needs at least one <item> in <Articles>.', 'Articles', {
      element: '<Articles><item>',
    });
  if (items.length > MAX_ARTICLES)
    err(
      'too_many_articles',
      `At most ${MAX_ARTICLES} articles are allowed; WeChat drops the rest.`,
      'Articles',
      { max: String(MAX_ARTICLES) },
    );
  else if (items.length > 1)
    warn(
      'one_article',
      'WeChat shows only one article in a reply today; the others are dropped.',
      'Articles',
    );
  items.forEach((item, i) => {
    const a = fieldsOf(item);
    if (textOf(a.Title) === '')
      warn('article_title', `Article ${i + 1} has no Title.`, `Articles.item.${i}.Title`, {
        n: String(i + 1),
      });
    if (textOf(a.Url) === '')
      warn(
        'article_url',
        `Article ${i + 1} has no Url: tapping it opens nothing.`,
        `Articles.item.${i}.Url`,
        {
          n: String(i + 1),
        },
      );
  });
}
