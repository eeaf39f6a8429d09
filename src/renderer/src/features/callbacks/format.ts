import type { CallbackReason, CallbackSummaryDto } from '../../../../shared/api/areas/callbacks';
import { isMessageKey, type Formatter, type MessageKey, type Translate } from '../../i18n/i18n';

/** A timing in milliseconds as the inspector shows it (0.42, 12.3, 1,234); '–' when not measured. */
export function ms(fmt: Formatter, n: number | undefined): string {
  return n === undefined ? '–' : fmt.ms(n);
}

/** "Text", "Menu click", or the raw MsgType/Event for ones we have no word for. */
export function typeLabel(
  t: Translate,
  e: Pick<CallbackSummaryDto, 'msgType' | 'event' | 'method' | 'path' | 'reason' | 'source'>,
): string {
  if (!e.msgType) return requestLabel(t, e);
  if (e.msgType === 'event') {
    const k = `cb.type.event:${e.event ?? ''}`;
    if (isMessageKey(k)) return t(k);
    return e.event ? `event · ${e.event}` : t('cb.type.event');
  }
  const k = `cb.type.${e.msgType}`;
  return isMessageKey(k) ? t(k) : e.msgType;
}

/**
 * A request that carried no message: a server (URL) verification only when it is a GET to an
 * account's `/wx/` path that WeChat (or MPDesk) sent; the landing pages, verification files and a
 * browser's own requests (favicon.ico, robots.txt) are named for what they are.
 */
function requestLabel(
  t: Translate,
  e: Pick<CallbackSummaryDto, 'method' | 'path' | 'reason' | 'source'>,
): string {
  if (e.reason === 'verify_file') return t('cb.type.verifyFile');
  if (e.path.startsWith('/oauth/')) return t('cb.type.oauth');
  if (/^\/component\/[^/]+\/authorized$/.test(e.path)) return t('cb.type.landing');
  if (e.reason === 'verified') return t('cb.type.verify');
  if (e.source === 'other') return t('cb.type.notWechat');
  if (e.path.startsWith('/wx/')) return e.method === 'GET' ? t('cb.type.verify') : t('cb.type.unparsed');
  if (e.path.startsWith('/component/')) return t('cb.type.unparsed');
  // Any other path is one WeChat never calls (entries older than the `other` source say `wechat`).
  return t('cb.type.notWechat');
}

export function reasonLabel(t: Translate, reason: CallbackReason): string {
  const k = `cb.reason.${reason}`;
  return isMessageKey(k) ? t(k) : reason;
}

/** Plain-words explanation and fix for a reason that needs one. */
export function explanationKeys(
  reason: CallbackReason,
): { explain: MessageKey; fix: MessageKey } | undefined {
  const explain = `cb.explain.${reason}`;
  const fix = `cb.fix.${reason}`;
  return isMessageKey(explain) && isMessageKey(fix) ? { explain, fix } : undefined;
}

/** A short OpenID for the list: the start is what people recognise (`oUpF8...`). */
export function shortId(id: string | null, max = 14): string {
  if (!id) return '';
  return id.length > max ? `${id.slice(0, max - 1)}…` : id;
}
