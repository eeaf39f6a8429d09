import { useEffect } from 'react';
import type { CallbackStorageDto } from '../../../../shared/api/areas/callbacks';
import { useLive } from '../../api/use-live';
import { useI18n } from '../../i18n/I18nProvider';

const same = (s: CallbackStorageDto) => s;
/** The size grows with every request; a look every half minute is enough for a figure. */
const REFRESH_MS = 30_000;

/** The callback log's database against its cap (settings.callbackLogMaxMb). */
export function LogSize() {
  const { t, fmt } = useI18n();
  const storage = useLive('callbacks.storage', 'callbacks.storage', same);
  const { reload } = storage;
  useEffect(() => {
    const id = setInterval(reload, REFRESH_MS);
    return () => clearInterval(id);
  }, [reload]);
  const s = storage.data;
  if (!s) return null;
  return (
    <p className="field-hint dash-log-size" data-testid="log-size">
      <meter min={0} max={s.limitBytes} value={Math.min(s.usedBytes, s.limitBytes)} aria-hidden="true" />{' '}
      {t('dash.logSize', { used: fmt.megabytes(s.usedBytes), limit: fmt.megabytes(s.limitBytes) })}
      {s.prunedRows > 0 && ` · ${t('dash.logSize.pruned', { count: fmt.number(s.prunedRows) })}`}
    </p>
  );
}
