import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, type MouseEvent } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { indexOfId } from './callback-log-store';
import { CallbackListHead, CallbackRow, ROW_HEIGHT, rowId } from './CallbackRow';
import type { CallbackLog } from './use-callback-log';
import { useListKeys, type SelectMode } from './use-list-keys';

export type { SelectMode } from './use-list-keys';

export interface ListSelection {
  activeId: number | undefined;
  selected: ReadonlySet<number>;
}

/**
 * The log as a virtualized listbox: only the visible rows exist in the DOM, so 100,000 entries
 * scroll like 100. The keys are use-list-keys.ts's.
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
  const i18n = useI18n();
  const { t } = i18n;
  const scrollRef = useRef<HTMLDivElement>(null);
  const { items } = log;
  const footer = log.hasMore || (items.length > 0 && !log.initializing) ? 1 : 0;
  const virtualizer = useVirtualizer({
    count: items.length + footer,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    // A screen's worth each way is plenty for fixed-height rows; more is render work per scroll.
    overscan: 8,
    getItemKey: (i) => items[i]?.id ?? 'footer',
    // Scroll updates render in the next task rather than synchronously inside the scroll event.
    useFlushSync: false,
  });
  const virtualItems = virtualizer.getVirtualItems();

  // Page in older entries as the end comes into view.
  const lastIndex = virtualItems.at(-1)?.index ?? -1;
  useEffect(() => {
    if (lastIndex >= items.length - 40 && log.hasMore && !log.loading && !log.initializing) {
      log.loadMore();
    }
  }, [lastIndex, items.length, log]);

  const activeIndex = selection.activeId === undefined ? -1 : indexOfId(items, selection.activeId);
  const { onKeyDown, keyMoved } = useListKeys({
    items,
    activeId: selection.activeId,
    activeIndex,
    scrollRef,
    onSelect,
    onOpen,
    onClose,
  });

  // Keep the active row visible when the keyboard moves it.
  useEffect(() => {
    if (keyMoved.current && activeIndex >= 0) virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
    keyMoved.current = false;
  }, [activeIndex, virtualizer, keyMoved]);

  // Following the head: from the virtualizer's offset (already read in its scroll listener), not
  // scrollTop, whose read in a scroll handler can force a layout.
  const offset = virtualizer.scrollOffset ?? 0;
  useEffect(() => {
    log.setFollowing(offset < ROW_HEIGHT / 2);
  }, [offset, log]);

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
      <CallbackListHead />
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
            const e = items[v.index];
            if (!e) {
              return (
                <div key={v.key} className="cb-list-footer" style={{ top: v.start, height: ROW_HEIGHT }}>
                  {log.loading ? t('cb.loadingMore') : log.hasMore ? '' : t('cb.end')}
                </div>
              );
            }
            return (
              <CallbackRow
                key={v.key}
                entry={e}
                top={v.start}
                active={e.id === selection.activeId}
                selected={selection.selected.has(e.id)}
                account={accountName(e.accountId, e.slug)}
                i18n={i18n}
                onClick={onRowClick}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
