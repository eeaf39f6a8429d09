import type { FanTagDto } from '../../../../shared/api/areas/fans';
import { useI18n } from '../../i18n/I18nProvider';
import type { FanFilterState } from './fan-filter';

/** Search, filters and order of the fans list, its total, and what acts on the whole filter. */
export function FansToolbar({
  filter,
  onFilter,
  tags,
  total,
  onManageTags,
  onExport,
  exporting,
}: {
  filter: FanFilterState;
  onFilter: (f: FanFilterState) => void;
  tags: FanTagDto[];
  total: number | undefined;
  onManageTags: () => void;
  onExport: () => void;
  exporting: boolean;
}) {
  const { t } = useI18n();
  const set = (patch: Partial<FanFilterState>) => onFilter({ ...filter, ...patch });
  return (
    <div className="fans-toolbar">
      <input
        className="input fans-search"
        type="search"
        placeholder={t('fans.search')}
        aria-label={t('fans.search')}
        value={filter.query}
        onChange={(e) => set({ query: e.target.value })}
      />
      <select
        className="select"
        aria-label={t('fans.filter.tag')}
        value={filter.tagId ?? ''}
        onChange={(e) => set({ tagId: e.target.value === '' ? null : Number(e.target.value) })}
      >
        <option value="">{t('fans.filter.allTags')}</option>
        {tags.map((tag) => (
          <option key={tag.id} value={tag.id}>
            {tag.name}
          </option>
        ))}
      </select>
      <select
        className="select"
        aria-label={t('fans.filter.state')}
        value={filter.state}
        onChange={(e) => set({ state: e.target.value as FanFilterState['state'] })}
      >
        {(['all', 'subscribed', 'unsubscribed', 'blacklisted'] as const).map((s) => (
          <option key={s} value={s}>
            {t(`fans.filter.state.${s}`)}
          </option>
        ))}
      </select>
      <select
        className="select"
        aria-label={t('fans.sort')}
        value={filter.sort}
        onChange={(e) => set({ sort: e.target.value as FanFilterState['sort'] })}
      >
        {(['followed-desc', 'followed-asc', 'active-desc'] as const).map((s) => (
          <option key={s} value={s}>
            {t(`fans.sort.${s}`)}
          </option>
        ))}
      </select>
      <span className="fans-count" role="status">
        {total !== undefined && t('fans.total', { total })}
      </span>
      <button type="button" className="btn" onClick={onManageTags}>
        {t('fans.tags.manage')}
      </button>
      <button type="button" className="btn" onClick={onExport} disabled={exporting || !total}>
        {exporting ? t('fans.export.busy') : t('fans.export')}
      </button>
    </div>
  );
}
