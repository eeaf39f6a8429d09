import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { AccountDto } from '../../../../shared/api/areas/accounts';
import { useApi, useApiEvent } from '../../api/api-context';
import { useAppStatus } from '../../api/use-app-status';
import { useLive } from '../../api/use-live';
import { isMessageKey, useT } from '../../i18n/i18n';
import { navigate } from '../../shell/router';
import { CallbackDetail } from './CallbackDetail';
import { CallbackList, indexOfId, type SelectMode } from './CallbackList';
import { EXPORT_MAX, exportEntries } from './export-json';
import { FilterBar } from './FilterBar';
import {
  callbacksHref,
  filtersToSearch,
  hashQuery,
  isEmpty,
  parseFilters,
  type CallbackFilters,
} from './filters';
import { useCbT } from './use-cb-t';
import { useCallbackLog } from './use-callback-log';
import './callbacks.css';

const subscribeHash = (cb: () => void) => {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
};
const getHash = () => window.location.hash;
const COUNT = new Intl.NumberFormat('en-US');
const accountsFromEvent = (p: { accounts: AccountDto[] }) => p.accounts;

/**
 * `#/callbacks?type=text&errors=1&id=42`: the live callback inspector. Filters and the open entry
 * live in the hash, so a reload (or a link pasted to a colleague) shows the same thing.
 */
export function CallbacksScreen() {
  const t = useCbT();
  const tg = useT();
  const api = useApi();
  const hash = useSyncExternalStore(subscribeHash, getHash);
  const query = hashQuery(hash);
  const filters = parseFilters(query);
  const filterKey = JSON.stringify(filters);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed by content, not identity
  const stableFilters = useMemo(() => filters, [filterKey]);
  const log = useCallbackLog(stableFilters);

  const { data: accounts } = useLive('accounts.list', 'accounts.changed', accountsFromEvent);
  const { data: status } = useAppStatus();
  const [deadlineMs, setDeadlineMs] = useState(4500);
  useEffect(() => {
    void api.call('settings.get', undefined).then((r) => r.ok && setDeadlineMs(r.value.replyDeadlineMs));
  }, [api]);
  useApiEvent('settings.changed', (s) => setDeadlineMs(s.replyDeadlineMs));

  const initialId = Number(query.get('id')) || undefined;
  const [activeId, setActiveId] = useState<number | undefined>(initialId);
  const [selected, setSelected] = useState<ReadonlySet<number>>(() => new Set(initialId ? [initialId] : []));
  const [open, setOpen] = useState(initialId !== undefined);
  const anchor = useRef<number | undefined>(initialId);
  const listRef = useRef<HTMLDivElement>(null);
  const [exportState, setExportState] = useState<{ busy: boolean; error?: string }>({ busy: false });

  // The hash follows the filters and the open entry (replace: arrows should not flood history).
  const setHash = useCallback((f: CallbackFilters, id: number | undefined) => {
    const href = callbacksHref(filtersToSearch(f, id));
    if (window.location.hash !== href) navigate(href, { replace: true });
  }, []);
  useEffect(() => {
    setHash(stableFilters, open ? activeId : undefined);
  }, [stableFilters, activeId, open, setHash]);

  const openIdRef = useRef<number | undefined>(undefined);
  openIdRef.current = open ? activeId : undefined;
  const onFilters = useCallback(
    (f: CallbackFilters) => {
      setSelected(new Set());
      setHash(f, openIdRef.current);
    },
    [setHash],
  );

  const items = log.items;
  // Read at call time, so onSelect (and the detail pane, which gets it) stays the same across live
  // list updates: the detail must not re-render at every batch.
  const itemsRef = useRef(items);
  itemsRef.current = items;
  const onSelect = useCallback((id: number, mode: SelectMode, openIt: boolean) => {
    setActiveId(id);
    if (mode === 'only') {
      anchor.current = id;
      setSelected(new Set([id]));
    } else if (mode === 'toggle') {
      anchor.current = id;
      setSelected((s) => {
        const n = new Set(s);
        if (n.has(id)) n.delete(id);
        else n.add(id);
        return n;
      });
    } else {
      const items = itemsRef.current;
      const a = anchor.current === undefined ? -1 : indexOfId(items, anchor.current);
      const b = indexOfId(items, id);
      if (a < 0 || b < 0) setSelected(new Set([id]));
      else {
        const [from, to] = a < b ? [a, b] : [b, a];
        setSelected(new Set(items.slice(from, to + 1).map((e) => e.id)));
      }
    }
    if (openIt) setOpen(true);
  }, []);
  const openEntry = useCallback((id: number) => onSelect(id, 'only', true), [onSelect]);

  const accountName = useCallback(
    (id: string | null, slug: string | null) => accounts?.find((a) => a.id === id)?.name ?? slug ?? '–',
    [accounts],
  );

  const closeDetail = useCallback(() => {
    setOpen(false);
    listRef.current?.querySelector<HTMLElement>('[role="listbox"]')?.focus();
  }, []);

  const exportIds = selected.size ? [...selected] : activeId !== undefined ? [activeId] : [];
  const reason = (e: { code: string; message: string }) => {
    const k = `error.${e.code}`;
    return isMessageKey(k) ? `${tg(k)} (${e.message})` : e.message;
  };

  const empty = !log.initializing && items.length === 0 && !log.hasMore && !log.loading;

  return (
    <div className="cb-screen">
      <FilterBar filters={stableFilters} accounts={accounts} onChange={onFilters} />

      <div className="cb-toolbar">
        <span aria-live="polite" className="muted">
          {log.total !== undefined && log.total > items.length
            ? t('cb.shownOfTotal', {
                count: COUNT.format(items.length),
                total: `${COUNT.format(log.total)}${log.totalCapped ? '+' : ''}`,
              })
            : t('cb.shown', { count: COUNT.format(items.length) })}
          {selected.size > 1 && <> · {t('cb.selectedCount', { count: selected.size })}</>}
        </span>
        <span className="cb-toolbar-spacer" />
        <span className="field-hint cb-keys">{t('cb.keysHint')}</span>
        <button
          type="button"
          className="btn btn-sm"
          disabled={!exportIds.length || exportState.busy}
          onClick={async () => {
            setExportState({ busy: true });
            const r = await exportEntries(api, exportIds.slice(0, EXPORT_MAX));
            setExportState({ busy: false, error: r.ok ? undefined : reason(r.error) });
          }}
        >
          {exportState.busy
            ? t('cb.action.exporting')
            : t('cb.action.exportSelected', { count: exportIds.length })}
        </button>
      </div>

      {(log.error || exportState.error) && (
        <div className="alert" role="alert">
          {log.error
            ? t('cb.loadFailed', { reason: reason(log.error) })
            : t('cb.action.failed', { reason: exportState.error! })}{' '}
          {log.error && (
            <button type="button" className="btn btn-sm" onClick={log.reload}>
              {tg('common.retry')}
            </button>
          )}
        </div>
      )}

      <div
        className="cb-split"
        data-detail={open && activeId !== undefined ? 'open' : 'closed'}
        ref={listRef}
      >
        <div className="cb-list-pane card">
          {empty ? (
            <div className="empty cb-empty">
              <h2>{isEmpty(stableFilters) ? t('cb.empty.title') : t('cb.empty.filtered')}</h2>
              {isEmpty(stableFilters) && <p>{t('cb.empty.body')}</p>}
            </div>
          ) : (
            <CallbackList
              log={log}
              selection={{ activeId, selected }}
              onSelect={onSelect}
              onOpen={() => setOpen(true)}
              onClose={closeDetail}
              accountName={accountName}
            />
          )}
        </div>
        {open && activeId !== undefined && (
          <CallbackDetail
            id={activeId}
            deadlineMs={deadlineMs}
            listenerUrl={status?.callbackListener?.url}
            accountName={accountName}
            onClose={closeDetail}
            onSelect={openEntry}
          />
        )}
      </div>
    </div>
  );
}
