import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { AccountDto } from '../../../../shared/api/areas/accounts';
import { useApi, useApiEvent } from '../../api/api-context';
import { useAppStatus } from '../../api/use-app-status';
import { useLive } from '../../api/use-live';
import { useI18n } from '../../i18n/I18nProvider';
import { isMessageKey } from '../../i18n/i18n';
import { navigate } from '../../shell/router';
import { CallbackDetail } from './CallbackDetail';
import { CallbackList } from './CallbackList';
import { CallbacksToolbar } from './CallbacksToolbar';
import { FilterBar } from './FilterBar';
import {
  callbacksHref,
  filtersToSearch,
  hashQuery,
  isEmpty,
  parseFilters,
  type CallbackFilters,
} from './filters';
import { useCallbackLog } from './use-callback-log';
import { useSelection } from './use-selection';
import './callbacks.css';

const subscribeHash = (cb: () => void) => {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
};
const getHash = () => window.location.hash;
const accountsFromEvent = (p: { accounts: AccountDto[] }) => p.accounts;

/** MPDesk's own passive-reply deadline (a setting), marked on each entry's timeline. */
function useReplyDeadline(): number {
  const api = useApi();
  const [deadlineMs, setDeadlineMs] = useState(4500);
  useEffect(() => {
    void api.call('settings.get', undefined).then((r) => r.ok && setDeadlineMs(r.value.replyDeadlineMs));
  }, [api]);
  useApiEvent('settings.changed', (s) => setDeadlineMs(s.replyDeadlineMs));
  return deadlineMs;
}

/**
 * `#/callbacks?type=text&errors=1&id=42`: the live callback inspector. Filters and the open entry
 * live in the hash, so a reload (or a link pasted to a colleague) shows the same thing.
 */
export function CallbacksScreen() {
  const { t } = useI18n();
  const hash = useSyncExternalStore(subscribeHash, getHash);
  const query = hashQuery(hash);
  const filters = parseFilters(query);
  const filterKey = JSON.stringify(filters);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed by content, not identity
  const stableFilters = useMemo(() => filters, [filterKey]);
  const log = useCallbackLog(stableFilters);

  const { data: accounts } = useLive('accounts.list', 'accounts.changed', accountsFromEvent);
  const { data: status } = useAppStatus();
  const deadlineMs = useReplyDeadline();
  const sel = useSelection(log.items, Number(query.get('id')) || undefined);
  const { activeId, open, setOpen, clearSelection } = sel;
  const listRef = useRef<HTMLDivElement>(null);
  const [exportError, setExportError] = useState<string>();

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
      clearSelection();
      setHash(f, openIdRef.current);
    },
    [setHash, clearSelection],
  );

  const accountName = useCallback(
    (id: string | null, slug: string | null) => accounts?.find((a) => a.id === id)?.name ?? slug ?? '–',
    [accounts],
  );

  const closeDetail = useCallback(() => {
    setOpen(false);
    listRef.current?.querySelector<HTMLElement>('[role="listbox"]')?.focus();
  }, [setOpen]);

  const reason = (e: { code: string; message: string }) => {
    const k = `error.${e.code}`;
    return isMessageKey(k) ? `${t(k)} (${e.message})` : e.message;
  };

  const empty = !log.initializing && log.items.length === 0 && !log.hasMore && !log.loading;

  return (
    <div className="cb-screen">
      <FilterBar filters={stableFilters} accounts={accounts} onChange={onFilters} />
      <CallbacksToolbar
        log={log}
        selectedCount={sel.selected.size}
        exportIds={sel.exportIds}
        errorReason={reason}
        onExportError={setExportError}
      />

      {(log.error || exportError) && (
        <div className="alert" role="alert">
          {log.error
            ? t('cb.loadFailed', { reason: reason(log.error) })
            : t('cb.action.failed', { reason: exportError! })}{' '}
          {log.error && (
            <button type="button" className="btn btn-sm" onClick={log.reload}>
              {t('common.retry')}
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
              selection={{ activeId, selected: sel.selected }}
              onSelect={sel.onSelect}
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
            onSelect={sel.openEntry}
          />
        )}
      </div>
    </div>
  );
}
