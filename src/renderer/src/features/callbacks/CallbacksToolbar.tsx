import { useState } from 'react';
import { useApi } from '../../api/api-context';
import { useI18n } from '../../i18n/I18nProvider';
import { EXPORT_MAX, exportEntries } from './export-json';
import type { CallbackLog } from './use-callback-log';

/** Above the list: how many entries are shown (of how many match), the keys, and Export. */
export function CallbacksToolbar({
  log,
  selectedCount,
  exportIds,
  errorReason,
  onExportError,
}: {
  log: CallbackLog;
  selectedCount: number;
  exportIds: readonly number[];
  errorReason: (e: { code: string; message: string }) => string;
  onExportError: (text: string | undefined) => void;
}) {
  const { t, fmt } = useI18n();
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const shown = log.items.length;
  return (
    <div className="cb-toolbar">
      <span aria-live="polite" className="muted">
        {log.total !== undefined && log.total > shown
          ? t('cb.shownOfTotal', {
              count: shown,
              total: `${fmt.number(log.total)}${log.totalCapped ? '+' : ''}`,
            })
          : t('cb.shown', { count: shown })}
        {selectedCount > 1 && <> · {t('cb.selectedCount', { count: selectedCount })}</>}
      </span>
      <span className="cb-toolbar-spacer" />
      <span className="field-hint cb-keys">{t('cb.keysHint')}</span>
      <button
        type="button"
        className="btn btn-sm"
        disabled={!exportIds.length || busy}
        onClick={async () => {
          setBusy(true);
          onExportError(undefined);
          const r = await exportEntries(api, exportIds.slice(0, EXPORT_MAX));
          setBusy(false);
          if (!r.ok) onExportError(errorReason(r.error));
        }}
      >
        {busy ? t('cb.action.exporting') : t('cb.action.exportSelected', { count: exportIds.length })}
      </button>
    </div>
  );
}
