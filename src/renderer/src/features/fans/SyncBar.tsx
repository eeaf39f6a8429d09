import type { FanSyncStatusDto } from '../../../../shared/api/areas/fans';
import type { ErrorBody } from '../../../../shared/errors';
import { errorLine } from '../../components/wechat-refusal';
import { useI18n } from '../../i18n/I18nProvider';

/**
 * Where the account's fans come from: the last sync, a running one as a progress bar with cancel,
 * or why it stopped (45009: the daily quota) and that it continues where it was.
 */
export function SyncBar({
  status,
  error,
  onStart,
  onCancel,
}: {
  status: FanSyncStatusDto | undefined;
  error: ErrorBody | undefined;
  onStart: (full?: boolean) => void;
  onCancel: () => void;
}) {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  if (!status) return null;
  const running = status.state === 'running';
  const pct = status.total ? Math.floor((status.done / status.total) * 100) : 0;
  const failure = status.error ?? error;
  return (
    <div
      className={failure ? 'card fans-sync fans-sync-failed' : 'card fans-sync'}
      role="region"
      aria-label={t('fans.sync.label')}
    >
      <div className="fans-sync-text">
        {running ? (
          <span>{t('fans.sync.running', { done: status.done, total: status.total })}</span>
        ) : status.state === 'done' ? (
          <span>
            {t('fans.sync.done', {
              at: fmt.dateTime(status.finishedAt ?? status.startedAt ?? 0),
              total: status.total,
            })}
          </span>
        ) : status.resumable ? (
          <span>{t('fans.sync.stopped', { done: status.done, total: status.total })}</span>
        ) : (
          <span>{t('fans.sync.never')}</span>
        )}
        {failure && (
          <span className="fans-error" role="alert">
            {t('fans.sync.failed', { reason: errorLine(failure, i18n) })}
          </span>
        )}
      </div>
      {running && (
        <progress
          className="fans-progress"
          max={status.total || 1}
          value={status.done}
          aria-label={t('fans.sync.progress', { pct })}
        />
      )}
      <div className="fans-sync-actions">
        {running ? (
          <button type="button" className="btn" onClick={onCancel}>
            {t('fans.sync.cancel')}
          </button>
        ) : (
          <>
            <button type="button" className="btn btn-primary" onClick={() => onStart()}>
              {status.resumable ? t('fans.sync.resume') : t('fans.sync.start')}
            </button>
            {status.state === 'done' && (
              <button
                type="button"
                className="btn btn-ghost"
                onClick={() => onStart(true)}
                title={t('fans.sync.fullHint')}
              >
                {t('fans.sync.full')}
              </button>
            )}
          </>
        )}
      </div>
    </div>
  );
}
