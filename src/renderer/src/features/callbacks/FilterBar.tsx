import { memo, useEffect, useId, useRef, useState } from 'react';
import type { AccountDto } from '../../../../shared/api/areas/accounts';
import { CALLBACK_OUTCOMES } from '../../../../shared/api/areas/callbacks';
import { useI18n } from '../../i18n/I18nProvider';
import { EVENT_TYPES, isEmpty, MESSAGE_TYPES, type CallbackFilters } from './filters';

/** Typed text is applied after a pause, so typing does not reload the list on every key. */
function useDebouncedText(value: string | undefined, commit: (v: string | undefined) => void) {
  const [text, setText] = useState(value ?? '');
  const commitRef = useRef(commit);
  useEffect(() => {
    commitRef.current = commit;
  });
  useEffect(() => setText(value ?? ''), [value]);
  useEffect(() => {
    if (text === (value ?? '')) return;
    const id = setTimeout(() => commitRef.current(text.trim() || undefined), 300);
    return () => clearTimeout(id);
  }, [text, value]);
  return [text, setText] as const;
}

/** Memoized: the list re-renders on every live batch; the filters need not. */
export const FilterBar = memo(function FilterBar({
  filters,
  accounts,
  onChange,
}: {
  filters: CallbackFilters;
  accounts: AccountDto[] | undefined;
  onChange: (f: CallbackFilters) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const set = (patch: Partial<CallbackFilters>) => onChange({ ...filters, ...patch });
  const [openid, setOpenid] = useDebouncedText(filters.openid, (v) => set({ openid: v }));
  const [q, setQ] = useDebouncedText(filters.q, (v) => set({ q: v }));

  return (
    <form
      className="cb-filters"
      role="search"
      aria-label={t('cb.filtersLabel')}
      onSubmit={(e) => {
        e.preventDefault();
        onChange({ ...filters, openid: openid.trim() || undefined, q: q.trim() || undefined });
      }}
    >
      <div className="cb-filter">
        <label htmlFor={`${id}-q`}>{t('cb.filter.search')}</label>
        <input
          id={`${id}-q`}
          className="input"
          type="search"
          placeholder={t('cb.filter.searchPlaceholder')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
      </div>
      <div className="cb-filter">
        <label htmlFor={`${id}-account`}>{t('cb.filter.account')}</label>
        <select
          id={`${id}-account`}
          className="select"
          value={filters.account ?? ''}
          onChange={(e) => set({ account: e.target.value || undefined })}
        >
          <option value="">{t('cb.filter.allAccounts')}</option>
          {accounts?.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
          {filters.account && accounts && !accounts.some((a) => a.id === filters.account) && (
            <option value={filters.account}>{filters.account}</option>
          )}
        </select>
      </div>
      <div className="cb-filter">
        <label htmlFor={`${id}-type`}>{t('cb.filter.type')}</label>
        <select
          id={`${id}-type`}
          className="select"
          value={filters.type ?? ''}
          onChange={(e) => set({ type: e.target.value || undefined })}
        >
          <option value="">{t('cb.filter.allTypes')}</option>
          <optgroup label={t('cb.filter.groupMessages')}>
            {MESSAGE_TYPES.map((m) => (
              <option key={m} value={m}>
                {t(`cb.type.${m}`)}
              </option>
            ))}
          </optgroup>
          <optgroup label={t('cb.filter.groupEvents')}>
            {EVENT_TYPES.map((m) => (
              <option key={m} value={m}>
                {t(`cb.type.${m}`)}
              </option>
            ))}
          </optgroup>
          <option value="verify">{t('cb.type.verify')}</option>
        </select>
      </div>
      <div className="cb-filter">
        <label htmlFor={`${id}-status`}>{t('cb.filter.status')}</label>
        <select
          id={`${id}-status`}
          className="select"
          value={filters.status ?? ''}
          onChange={(e) => set({ status: (e.target.value || undefined) as CallbackFilters['status'] })}
        >
          <option value="">{t('cb.filter.allStatuses')}</option>
          {CALLBACK_OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {t(`cb.outcome.${o}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="cb-filter">
        <label htmlFor={`${id}-openid`}>{t('cb.filter.openid')}</label>
        <input
          id={`${id}-openid`}
          className="input mono"
          value={openid}
          spellCheck={false}
          onChange={(e) => setOpenid(e.target.value)}
        />
      </div>
      <div className="cb-filter cb-filter-toggles">
        <label className="cb-check">
          <input
            type="checkbox"
            checked={!!filters.errors}
            onChange={(e) => set({ errors: e.target.checked || undefined })}
          />
          {t('cb.filter.errors')}
        </label>
        <label className="cb-check">
          <input
            type="checkbox"
            checked={!!filters.retried}
            onChange={(e) => set({ retried: e.target.checked || undefined })}
          />
          {t('cb.filter.retried')}
        </label>
        {!isEmpty(filters) && (
          <button type="button" className="btn btn-sm btn-ghost" onClick={() => onChange({})}>
            {t('cb.filter.clear')}
          </button>
        )}
      </div>
    </form>
  );
});
