import type { CallbackReason, CallbackSummaryDto } from '../../../../shared/api/areas/callbacks';
import type { CallbacksMessageKey } from './messages';
import { isCbKey, type CbTranslate } from './use-cb-t';

/** `14:03:07.250`: callbacks come in bursts; the milliseconds tell them apart. */
export function clockTime(at: number): string {
  const d = new Date(at);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
}

export function fullTime(at: number, locale: string): string {
  return `${new Date(at).toLocaleDateString(locale)} ${clockTime(at)}`;
}

/** 0.42 ms, 12.3 ms, 1 234 ms. */
export function ms(n: number | undefined): string {
  if (n === undefined) return '–';
  if (n < 1) return n.toFixed(2);
  if (n < 100) return n.toFixed(1);
  return GROUPED.format(Math.round(n));
}

/** Built once: `toLocaleString` builds a formatter on every call, which adds up per row. */
const GROUPED = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** "Text", "Menu click", or the raw MsgType/Event for ones we have no word for. */
export function typeLabel(
  t: CbTranslate,
  e: Pick<CallbackSummaryDto, 'msgType' | 'event' | 'method'>,
): string {
  if (!e.msgType) return e.method === 'GET' ? t('cb.type.verify') : t('cb.type.unparsed');
  if (e.msgType === 'event') {
    const k = `cb.type.event:${e.event ?? ''}`;
    if (isCbKey(k)) return t(k);
    return e.event ? `event · ${e.event}` : t('cb.type.event');
  }
  const k = `cb.type.${e.msgType}`;
  return isCbKey(k) ? t(k) : e.msgType;
}

export function reasonLabel(t: CbTranslate, reason: CallbackReason): string {
  const k = `cb.reason.${reason}`;
  return isCbKey(k) ? t(k) : reason;
}

/** Plain-words explanation and fix for a reason that needs one. */
export function explanationKeys(
  reason: CallbackReason,
): { explain: CallbacksMessageKey; fix: CallbacksMessageKey } | undefined {
  const explain = `cb.explain.${reason}`;
  const fix = `cb.fix.${reason}`;
  return isCbKey(explain) && isCbKey(fix) ? { explain, fix } : undefined;
}

export function ordinal(t: CbTranslate, n: number): string {
  const k = `cb.detail.deliveryOrdinal.${n}`;
  return isCbKey(k) ? t(k) : t('cb.detail.deliveryOrdinal.n', { n });
}

/** A short OpenID for the list: the start is what people recognise (`oUpF8...`). */
export function shortId(id: string | null, max = 14): string {
  if (!id) return '';
  return id.length > max ? `${id.slice(0, max - 1)}…` : id;
}
