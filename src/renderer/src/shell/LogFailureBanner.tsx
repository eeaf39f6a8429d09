import { useI18n } from '../i18n/I18nProvider';
import { useAppStatus } from '../api/use-app-status';

/**
 * On every screen while the callback log cannot be written (app.status `callbackLogFailure`): the
 * requests it refuses leave no log entry, so the Callbacks screen alone would show nothing at all.
 */
export function LogFailureBanner() {
  const { t, fmt } = useI18n();
  const status = useAppStatus().data;
  const failure = status?.callbackLogFailure;
  if (!failure) return null;
  const time = fmt.time(failure.since);
  return (
    <div className="alert log-failure" role="alert" data-testid="log-failure">
      <strong>{t('logFailure.title', { cause: t(`logFailure.cause.${failure.cause}`) })}</strong>
      <p>{t('logFailure.body', { time, count: failure.refused, dataDir: status.dataDir })}</p>
      <details>
        <summary>{t('logFailure.detail')}</summary>
        <code>{failure.detail}</code>
      </details>
    </div>
  );
}
