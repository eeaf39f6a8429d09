import { memo, type MouseEvent } from 'react';
import type { CallbackSummaryDto } from '../../../../shared/api/areas/callbacks';
import type { I18n } from '../../i18n/i18n';
import { useI18n } from '../../i18n/I18nProvider';
import { ms, reasonLabel, shortId, typeLabel } from './format';
import { tone } from './tone';

export const ROW_HEIGHT = 34;

export const rowId = (id: number) => `cb-row-${id}`;

/** One row of the virtualized list, placed by a transform (rows have a fixed height). */
export const CallbackRow = memo(function CallbackRow({
  entry: e,
  top,
  active,
  selected,
  account,
  i18n,
  onClick,
}: {
  entry: CallbackSummaryDto;
  top: number;
  active: boolean;
  selected: boolean;
  account: string;
  i18n: I18n;
  onClick: (ev: MouseEvent, id: number) => void;
}) {
  const c = cellsOf(e, i18n);
  return (
    <div
      id={rowId(e.id)}
      role="option"
      aria-selected={selected || active}
      data-active={active || undefined}
      data-tone={c.tone}
      data-id={e.id}
      className="cb-row"
      // A transform moves the row without a layout; the height never changes (fixed rows).
      style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}
      onClick={(ev) => onClick(ev, e.id)}
    >
      <span className="cb-c-time mono">{c.time}</span>
      <span className="cb-c-status mono" data-tone={c.tone}>
        {e.status}
      </span>
      <span className="cb-c-type" title={e.preview ?? undefined}>
        {c.type}
        {c.delivery && <span className="badge cb-chip cb-chip-warn">{c.delivery}</span>}
        {e.preview && <span className="cb-preview">{e.preview}</span>}
      </span>
      <span className="cb-c-account">{account}</span>
      <span className="cb-c-openid mono" title={e.openid ?? undefined}>
        {c.openid}
      </span>
      <span className="cb-c-result">
        <span className="badge cb-chip" data-tone={c.tone}>
          {c.reason}
        </span>
        {c.source && <span className="badge cb-chip cb-chip-muted cb-chip-source">{c.source}</span>}
      </span>
      <span className="cb-c-ms mono">{c.ms}</span>
    </div>
  );
});

/** The column titles over the rows, in the same grid. */
export function CallbackListHead() {
  const { t } = useI18n();
  return (
    <div className="cb-row cb-list-head" aria-hidden="true">
      <span>{t('cb.col.time')}</span>
      <span>{t('cb.col.status')}</span>
      <span>{t('cb.col.type')}</span>
      <span className="cb-c-account">{t('cb.col.account')}</span>
      <span className="cb-c-openid">{t('cb.col.openid')}</span>
      <span>{t('cb.col.result')}</span>
      <span className="cb-c-ms">{t('cb.col.duration')}</span>
    </div>
  );
}

interface Cells {
  tone: 'error' | 'warn' | 'ok';
  time: string;
  type: string;
  delivery: string | undefined;
  openid: string;
  reason: string;
  source: string | undefined;
  ms: string;
}

/**
 * A row's text, formatted once per entry (entries are immutable) and language: scrolling back over
 * rows, or re-rendering them when live entries shift them down, costs no formatting.
 */
let cellsI18n: I18n | undefined;
let cellsCache = new WeakMap<CallbackSummaryDto, Cells>();
function cellsOf(e: CallbackSummaryDto, i18n: I18n): Cells {
  if (i18n !== cellsI18n) {
    cellsI18n = i18n;
    cellsCache = new WeakMap();
  }
  let c = cellsCache.get(e);
  if (!c) {
    const { t, fmt } = i18n;
    c = {
      tone: tone(e),
      // Callbacks come in bursts: the milliseconds tell them apart.
      time: fmt.timeMs(e.at),
      type: typeLabel(t, e),
      delivery: e.delivery > 1 ? t('cb.col.delivery', { n: e.delivery }) : undefined,
      openid: shortId(e.openid),
      reason: reasonLabel(t, e.reason),
      source: e.source !== 'wechat' ? t(`cb.source.${e.source}`) : undefined,
      ms: t('cb.col.ms', { ms: ms(fmt, e.totalMs) }),
    };
    cellsCache.set(e, c);
  }
  return c;
}
