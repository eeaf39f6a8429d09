import type { CallbackEntryDto, ReplyLintDto } from '../../shared/api/areas/callbacks';
import { lintReply, parseXmlDocument, textOf, type AccountCredentials, type LintContext } from '../wechat';

/**
 * A logged reply checked as WeChat would take it (core's reply lint, docs/wechat-protocol.md §3-§4),
 * for `callbacks.get`: what was sent, against the message it answers, in the request's mode. An
 * encrypted reply is opened with the account's keys and linted inside; without them (an account
 * deleted since) the plaintext the log kept stands in for its contents.
 */
export function lintLoggedReply(
  e: CallbackEntryDto,
  credentials: AccountCredentials | undefined,
): ReplyLintDto | null {
  if (!e.msgType) return null; // URL verification and non-messages: no reply to judge.
  if (e.status >= 400) return { kind: 'rejected', encrypted: false, msgType: null, findings: [] };
  const aes = e.query.encrypt_type === 'aes';
  const ctx: LintContext = {
    inbound: inboundAddress(e.decryptedXml ?? e.rawBody),
    // §4.1: an encrypted request gets an encrypted reply, except in compatible mode.
    mode: !aes ? 'plain' : credentials?.mode === 'compatible' ? 'compatible' : 'safe',
    // The time the reply was sent, not now: an old entry's CreateTime is not a day off.
    now: Math.floor(e.at / 1000),
    crypto:
      aes && credentials?.encodingAESKey
        ? { token: credentials.token ?? '', aesKey: credentials.encodingAESKey, appId: credentials.appId }
        : undefined,
    inner: e.replyPlain ?? undefined,
  };
  const r = lintReply(e.replyBody, ctx);
  return {
    // A reply with errors is one WeChat cannot use ("该公众号暂时无法提供服务").
    kind: r.ok ? r.kind : 'invalid',
    encrypted: r.encrypted,
    msgType: r.msgType ?? null,
    findings: r.issues.map(({ severity, code, field, params }) => ({ severity, code, field, params })),
  };
}

function inboundAddress(xml: string): LintContext['inbound'] {
  try {
    const f = parseXmlDocument(xml);
    return { toUserName: textOf(f.ToUserName), fromUserName: textOf(f.FromUserName) };
  } catch {
    return undefined;
  }
}
