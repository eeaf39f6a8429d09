/**
 * The WeChat callback protocol, pure and I/O-free (docs/wechat-protocol.md §1-§4, §11.2-§11.3, §14).
 * Import from here, not from the files behind it.
 */
export { WechatProtocolError, isWechatProtocolError, PROTOCOL_STEPS, PROTOCOL_STEP_HINTS } from './errors';
export type { ProtocolStep, ProtocolErrorCode } from './errors';

export {
  sha1Sorted,
  computeSignature,
  verifySignature,
  computeMsgSignature,
  verifyMsgSignature,
  signaturesEqual,
} from './signature';

export { parseAesKey, checkAesKey, toAesKey } from './aes-key';
export type { AesKey, AesKeyProblem } from './aes-key';

export { decryptMessage, encryptMessage, randomPrefix } from './message-crypto';
export type { DecryptedMessage } from './message-crypto';

export {
  buildEncryptedEnvelope,
  formatEnvelope,
  parseEncryptedEnvelope,
  openEncryptedEnvelope,
} from './envelope';
export type { EnvelopeFields, BuildEnvelopeInput, OpenEnvelopeInput } from './envelope';

export { parseXmlDocument, textOf, fieldsOf, listOf, cdata, MAX_XML_BYTES } from './xml-codec';
export type { XmlValue, XmlFields, ParseXmlOptions } from './xml-codec';

export { parseInboundXml, inboundFromFields } from './inbound-parse';
export type * from './inbound-types';

export { buildReply, SUCCESS_BODY, DEFAULT_MAX_ARTICLES, MAX_ARTICLES } from './reply-builder';
export type { BuildReplyOptions } from './reply-builder';
export { REPLY_MSG_TYPES } from './reply-types';
export type { ReplySpec, ReplyType, NewsArticle, ReplyAddress } from './reply-types';

export { checkUrlVerification, openCallbackRequest } from './request';
export { parseRawQuery } from './query';
export type { CallbackQuery, OpenRequestInput, OpenedRequest } from './request';

export { lintReply } from './reply-lint';
export type { LintIssue, LintResult, LintContext, LintSeverity } from './reply-lint';

export { buildAuthorizeUrl, OAUTH_AUTHORIZE_BASE } from './oauth-url';
export { inspectAuthorizeUrl, isAuthorizeLink } from './oauth-url-inspect';
export {
  checkRedirectUri,
  OAUTH_DOMAIN_RE,
  OAUTH_STATE_RE,
  type RedirectCheck,
  type RedirectProblem,
} from './oauth-redirect-check';

export { validateMenu, toWireMenu, type MenuContext } from './menu-validate';
export type { AuthorizeUrlInput, OAuthScope } from './oauth-url';

export type { AccountCredentials } from './account-credentials';
export type { CustomMessageBody, CustomerServiceSender } from './custom-message';
export { inboundSummary, replySummary, ruleReplySummary, messagePreview } from './message-summary';
export { serviceWindow, windowGrantOf, WINDOW_RULES } from './service-window';
export type {
  ServiceWindowState,
  WindowGrant,
  WindowGrantKind,
  WindowMark,
  WindowOpeners,
} from './service-window';
export { inboundContent, replyContent, customContent } from './message-content';
