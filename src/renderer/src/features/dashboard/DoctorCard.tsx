import { useEffect, useState } from 'react';
import type { AccountDto } from '../../../../shared/api/areas/accounts';
import type { DoctorCheck, DoctorFixTarget, DoctorReport } from '../../../../shared/api/areas/doctor';
import { useApi, useApiEvent } from '../../api/api-context';
import { useI18n } from '../../i18n/I18nProvider';
import { routeHref } from '../../shell/router';
import { tunnelHref } from '../settings/tunnel/tunnel-fields';
import { useCall } from '../../api/use-call';

/** The screen (and field) a check's advice names: each one exists (test/e2e/golive.spec.ts follows them). */
export function fixHref(target: DoctorFixTarget, accountId: string): string {
  switch (target) {
    case 'tunnel_settings':
      return tunnelHref();
    case 'account':
      return routeHref('accounts', accountId, 'edit');
    case 'developer_settings':
      return routeHref('accounts', accountId, 'developer', 'verify');
    case 'callback_settings':
      return routeHref('settings', 'callbacks');
  }
}

const ICON: Record<DoctorCheck['status'], string> = { pass: '✓', warn: '!', fail: '✕', skip: '–', info: 'i' };

/** doctor.last on open, doctor.run on demand (checks fill in as doctor.progress arrives). */
export function DoctorCard({ account }: { account: AccountDto }) {
  const accountId = account.id;
  const { t, fmt, pick, errorText } = useI18n();
  const api = useApi();
  const last = useCall('doctor.last', { accountId });
  const [report, setReport] = useState<DoctorReport | null>();
  const [progress, setProgress] = useState<{ done: number; total: number; checks: DoctorCheck[] }>();
  const [failure, setFailure] = useState<string>();

  useEffect(() => {
    if (last.data && report === undefined) setReport(last.data.report);
  }, [last.data, report]);
  useApiEvent('doctor.progress', (p) => {
    if (p.accountId !== accountId) return;
    setProgress((prev) => ({
      done: p.done,
      total: p.total,
      checks: [...(prev?.checks ?? []).filter((c) => c.id !== p.check.id), p.check],
    }));
  });
  useApiEvent('doctor.completed', (r) => {
    if (r.accountId !== accountId) return;
    setReport(r);
    setProgress(undefined);
  });

  const run = async () => {
    setProgress({ done: 0, total: 0, checks: [] });
    setFailure(undefined);
    const r = await api.call('doctor.run', { accountId });
    setProgress(undefined);
    if (r.ok) setReport(r.value);
    else setFailure(t('dash.failed', { reason: errorText(r.error) }));
  };

  const checks = progress ? progress.checks : (report?.checks ?? []);
  return (
    <section className="card dash-card dash-doctor" aria-labelledby="dash-doctor-h">
      <div className="dash-card-head">
        <h2 id="dash-doctor-h">{t('dash.doctor')}</h2>
        <button
          type="button"
          className="btn btn-primary btn-sm"
          disabled={!!progress}
          onClick={() => void run()}
        >
          {progress
            ? t('dash.doctor.running', { done: progress.done, total: progress.total || '…' })
            : t('dash.doctor.run')}
        </button>
      </div>
      <p className="field-hint dash-p">{t('dash.doctor.intro')}</p>
      {failure && (
        <div className="alert" role="alert">
          {failure}
        </div>
      )}
      {!progress && report === null && <p className="field-hint">{t('dash.doctor.never')}</p>}
      {!progress && report && (
        <div
          className="verdict"
          data-tone={report.readyToSubmit ? 'ok' : 'bad'}
          role="status"
          data-testid="doctor-verdict"
        >
          <strong>{report.readyToSubmit ? t('dash.doctor.ready') : t('dash.doctor.notReady')}</strong>
          <span className="field-hint">
            {t('dash.doctor.ranAt', { time: fmt.dateTime(report.finishedAt) })}
          </span>
        </div>
      )}
      {checks.length > 0 && (
        <ol className="dash-checks" aria-label={t('dash.doctor')}>
          {checks.map((c) => (
            <li key={c.id} className="dash-check" data-status={c.status} data-testid={`check-${c.id}`}>
              <span className="dash-check-icon" aria-hidden="true">
                {ICON[c.status]}
              </span>
              <div className="dash-check-body">
                <div className="dash-check-title">
                  <strong>{pick(c.title)}</strong>
                  <span className="dash-check-status">{t(`dash.doctor.status.${c.status}`)}</span>
                  {c.facts?.target === 'local' && (
                    <span className="badge" title={t('dash.doctor.local.hint')}>
                      {t('dash.doctor.local')}
                    </span>
                  )}
                  <span className="field-hint">{c.durationMs} ms</span>
                </div>
                <div>
                  <span className="visually-hidden">{t('dash.doctor.saw')}: </span>
                  {pick(c.saw)}
                </div>
                {c.fix && (
                  <div className="dash-check-fix">
                    <strong>{t('dash.doctor.fix')}:</strong> {pick(c.fix)}
                  </div>
                )}
                {c.fixAt && c.status !== 'pass' && (
                  <a className="dash-check-go" href={fixHref(c.fixAt, account.id)}>
                    {t(`dash.doctor.fixAt.${c.fixAt}`)} →
                  </a>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
