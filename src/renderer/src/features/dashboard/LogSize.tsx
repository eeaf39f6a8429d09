import { useEffect } from 'react';
import type { CallbackStorageDto } from '../../../../shared/api/areas/callbacks';
import { useLive } from '../../api/use-live';
import { useFeatureT } from '../../i18n/feature-i18n';
import { useLocale } from '../../i18n/i18n';
import { dashboardMessages } from './messages';

const same = (s: CallbackStorageDto) => s;
const MB = 1024 * 1024;
/** The size grows with every request; a look every half minute is enough for a figure. */
const REFRESH_MS = 30_000;

/** The callback log's database against its cap (settings.callbackLogMaxMb). */
export function LogSize() {
  const t = useFeatureT(dashboardMessages);
  const locale = useLocale();
  const storage = useLive('callbacks.storage', 'callbacks.storage', same);
  const { reload } = storage;
  useEffect(() => {
    const id = setInterval(reload, REFRESH_MS);
    return () => clearInterval(id);
  }, [reload]);
  const s = storage.data;
  if (!s) return null;
  const mb = new Intl.NumberFormat(locale, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 });
  const count = new Intl.NumberFormat(locale);
  return (
    <p className="field-hint dash-log-size" data-testid="log-size">
      <meter min={0} max={s.limitBytes} value={Math.min(s.usedBytes, s.limitBytes)} aria-hidden="true" />{' '}
      {t('dash.logSize', { used: mb.format(s.usedBytes / MB), limit: mb.format(s.limitBytes / MB) })}
      {s.prunedRows > 0 && ` · ${t('dash.logSize.pruned', { count: count.format(s.prunedRows) })}`}
    </p>
  );
}
