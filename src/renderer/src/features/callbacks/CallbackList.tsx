import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useRef, type KeyboardEvent, type MouseEvent } from 'react';
import type { CallbackSummaryDto } from '../../../../shared/api/areas/callbacks';
import { isError } from './filters';
import { clockTime, ms, reasonLabel, shortId, typeLabel } from './format';
import { useCbT, type CbTranslate } from './use-cb-t';
import type { CallbackLog } from './use-callback-log';

export const ROW_HEIGHT = 34;

export interface ListSelection {
  activeId: number | undefined;
  selected: ReadonlySet<number>;
}

export type SelectMode = 'only' | 'toggle' | 'range';

/**
 * The log as a virtualized listbox: only the visible rows exist in the DOM, so 100,000 entries
 * scroll like 100. Keyboard: ↑/↓ or j/k move, Home/End, PageUp/PageDown, Space marks, Shift extends,
 * Enter opens the detail, Esc closes it.
 */
export function CallbackList({
  log,
  selection,
  onSelect,
  onOpen,
  onClose,
  accountName,
}: {
  log: CallbackLog;
  selection: ListSelection;
  onSelect: (id: number, mode: SelectMode, open: boolean) => void;
  onOpen: () => void;
  onClose: () => void;
  accountName: (id: string | null, slug: string | null) => string;
}) {
  const t = useCbT();
  const scrollRef = useRef<HTMLDivElement>(null);
  const { items } = log;
  const footer = log.hasMore || (items.length > 0 && !log.initializing) ? 1 : 0;
  const virtualizer = useVirtualizer({
    count: items.length + footer,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    // A screen's worth each way is plenty for fixed-height rows; more is render work per scroll.
    overscan: 8,
    getItemKey: (i) => (i < items.length ? items[i].id : 'footer'),
    // Scroll updates render in the next task rather than synchronously inside the scroll event.
    useFlushSync: false,
  });
  const virtualItems = virtualizer.getVirtualItems();

  // Page in older entries as the end comes into view.
  const lastIndex = virtualItems.length ? virtualItems[virtualItems.length - 1].index : -1;
  useEffect(() => {
    if (lastIndex >= items.length - 40 && log.hasMore && !log.loading && !log.initializing) {
      log.loadMore();
    }
  }, [lastIndex, items.length, log]);

  const activeIndex = selection.activeId === undefined ? -1 : indexOfId(items, selection.activeId);

  // Keep the active row visible when the keyboard moves it.
  const keyMoved = useRef(false);
  useEffect(() => {
    if (keyMoved.current && activeIndex >= 0) virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
    keyMoved.current = false;
  }, [activeIndex, virtualizer]);

  // Following the head: from the virtualizer's offset (already read in its scroll listener), not
  // scrollTop, whose read in a scroll handler can force a layout.
  const offset = virtualizer.scrollOffset ?? 0;
  useEffect(() => {
    log.setFollowing(offset < ROW_HEIGHT / 2);
  }, [offset, log]);

  const move = (to: number, extend: boolean) => {
    if (!items.length) return;
    const i = Math.max(0, Math.min(items.length - 1, to));
    keyMoved.current = true;
    onSelect(items[i].id, extend ? 'range' : 'only', false);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.altKey || e.metaKey || (e.ctrlKey && e.key !== ' ')) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 300) / ROW_HEIGHT) - 1);
    const cur = activeIndex;
    switch (e.key) {
      case 'ArrowDown':
      case 'j':
        move(cur + 1, e.shiftKey);
        break;
      case 'ArrowUp':
      case 'k':
        move(cur < 0 ? 0 : cur - 1, e.shiftKey);
        break;
      case 'PageDown':
        move(cur + page, e.shiftKey);
        break;
      case 'PageUp':
        move(cur - page, e.shiftKey);
        break;
      case 'Home':
        move(0, e.shiftKey);
        break;
      case 'End':
        move(items.length - 1, e.shiftKey);
        break;
      case 'Enter':
        if (selection.activeId !== undefined) onOpen();
        break;
      case 'Escape':
        onClose();
        break;
      case ' ':
        if (selection.activeId !== undefined) onSelect(selection.activeId, 'toggle', false);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  // Stable, so memoized rows do not re-render when the list does.
  const onSelectRef = useRef(onSelect);
  useEffect(() => {
    onSelectRef.current = onSelect;
  });
  const onRowClick = useCallback((e: MouseEvent, id: number) => {
    const mode: SelectMode = e.shiftKey ? 'range' : e.ctrlKey || e.metaKey ? 'toggle' : 'only';
    onSelectRef.current(id, mode, mode === 'only');
  }, []);

  const activeRendered = activeIndex >= 0 && virtualItems.some((v) => v.index === activeIndex);

  return (
    <div className="cb-list-wrap">
      <div className="cb-row cb-list-head" aria-hidden="true">
        <span>{t('cb.col.time')}</span>
        <span>{t('cb.col.status')}</span>
        <span>{t('cb.col.type')}</span>
        <span className="cb-c-account">{t('cb.col.account')}</span>
        <span className="cb-c-openid">{t('cb.col.openid')}</span>
        <span>{t('cb.col.result')}</span>
        <span className="cb-c-ms">{t('cb.col.duration')}</span>
      </div>
      {log.freshCount > 0 && (
        <button
          type="button"
          className="cb-new-pill"
          aria-label={t('cb.newEntriesLabel', { count: log.freshCount })}
          onClick={() => {
            log.showFresh();
            scrollRef.current?.scrollTo({ top: 0 });
          }}
        >
          <span aria-hidden="true">↑ </span>
          {t('cb.newEntries', { count: log.freshCount })}
        </button>
      )}
      <div
        ref={scrollRef}
        className="cb-list-scroll"
        role="listbox"
        aria-label={t('cb.listLabel')}
        aria-multiselectable="true"
        aria-activedescendant={activeRendered ? rowId(selection.activeId!) : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
        data-testid="callback-list"
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualItems.map((v) => {
            if (v.index >= items.length) {
              return (
                <div key={v.key} className="cb-list-footer" style={{ top: v.start, height: ROW_HEIGHT }}>
                  {log.loading ? t('cb.loadingMore') : log.hasMore ? '' : t('cb.end')}
                </div>
              );
            }
            const e = items[v.index];
            return (
              <Row
                key={v.key}
                entry={e}
                top={v.start}
                active={e.id === selection.activeId}
                selected={selection.selected.has(e.id)}
                account={accountName(e.accountId, e.slug)}
                t={t}
                onClick={onRowClick}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}

export const rowId = (id: number) => `cb-row-${id}`;

/** Items are newest first with strictly decreasing ids: binary search. */
export function indexOfId(items: readonly CallbackSummaryDto[], id: number): number {
  let lo = 0;
  let hi = items.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = items[mid].id;
    if (v === id) return mid;
    if (v > id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

const Row = memo(function Row({
  entry: e,
  top,
  active,
  selected,
  account,
  t,
  onClick,
}: {
  entry: CallbackSummaryDto;
  top: number;
  active: boolean;
  selected: boolean;
  account: string;
  t: CbTranslate;
  onClick: (ev: MouseEvent, id: number) => void;
}) {
  const c = cellsOf(e, t);
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
        {c.delivery && <span className="cb-chip cb-chip-warn">{c.delivery}</span>}
        {e.preview && <span className="cb-preview">{e.preview}</span>}
      </span>
      <span className="cb-c-account">{account}</span>
      <span className="cb-c-openid mono" title={e.openid ?? undefined}>
        {c.openid}
      </span>
      <span className="cb-c-result">
        <span className="cb-chip" data-tone={c.tone}>
          {c.reason}
        </span>
        {c.source && <span className="cb-chip cb-chip-muted cb-chip-source">{c.source}</span>}
      </span>
      <span className="cb-c-ms mono">{c.ms}</span>
    </div>
  );
});

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
let cellsT: CbTranslate | undefined;
let cellsCache = new WeakMap<CallbackSummaryDto, Cells>();
function cellsOf(e: CallbackSummaryDto, t: CbTranslate): Cells {
  if (t !== cellsT) {
    cellsT = t;
    cellsCache = new WeakMap();
  }
  let c = cellsCache.get(e);
  if (!c) {
    c = {
      tone: isError(e) ? 'error' : e.outcome === 'late' || e.outcome === 'duplicate' ? 'warn' : 'ok',
      time: clockTime(e.at),
      type: typeLabel(t, e),
      delivery: e.delivery > 1 ? t('cb.col.delivery', { n: e.delivery }) : undefined,
      openid: shortId(e.openid),
      reason: reasonLabel(t, e.reason),
      source: e.source !== 'wechat' ? t(`cb.source.${e.source}`) : undefined,
      ms: t('cb.col.ms', { ms: ms(e.totalMs) }),
    };
    cellsCache.set(e, c);
  }
  return c;
}
