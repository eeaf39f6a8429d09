import { useState } from 'react';
import type { UpdateStatus } from '../../../../shared/api/areas/app';
import { useApi } from '../../api/api-context';
import { useLive } from '../../api/use-live';
import { useI18n } from '../../i18n/I18nProvider';

const same = (s: UpdateStatus) => s;

/** The version, where updates come from and where they stand; check and install (desktop app). */
export function UpdatesCard() {
  const { t, fmt } = useI18n();
  const api = useApi();
  const { data: s, set } = useLive('app.updates', 'app.updateChanged', same);
  const [failed, setFailed] = useState<string>();
  if (!s) return null;

  const run = async (method: 'app.checkForUpdates' | 'app.installUpdate') => {
    setFailed(undefined);
    const r = await api.call(method, undefined);
    if (r.ok) set(r.value);
    else setFailed(r.error.message);
  };
  const time = s.checkedAt ? fmt.dateTime(s.checkedAt) : '';
  const line = t(`settings.update.${s.state}`, {
    feed: s.feedUrl ?? '',
    version: s.availableVersion ?? '',
    percent: s.percent ?? 0,
    time,
    error: s.error ?? '',
  });
  const busy = s.state === 'checking' || s.state === 'downloading';
  return (
    <section className="card settings-card" aria-labelledby="settings-updates">
      <h2 id="settings-updates">{t('settings.updates')}</h2>
      <p className="settings-version" data-testid="app-version">
        {t('settings.version', { version: s.currentVersion })}
      </p>
      <p className="field-hint" role="status" data-testid="update-state">
        {failed ?? line}
      </p>
      {s.state !== 'unsupported' && s.state !== 'off' && (
        <div className="field-row">
          {s.state === 'ready' ? (
            <button type="button" className="btn btn-primary" onClick={() => void run('app.installUpdate')}>
              {t('settings.update.install')}
            </button>
          ) : (
            <button
              type="button"
              className="btn"
              disabled={busy}
              onClick={() => void run('app.checkForUpdates')}
            >
              {t('settings.update.check')}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
