import { useState } from 'react';
import type { TokenStatusDto } from '../../../../shared/api/areas/tokens';
import { useApi, useApiEvent } from '../../api/api-context';
import { useI18n } from '../../i18n/I18nProvider';
import { useCall } from '../../api/use-call';

/** tokens.status: where the token comes from, when it expires, the last error. Never the token. */
export function TokenCard({ accountId }: { accountId: string }) {
  const { t, fmt, errorText } = useI18n();
  const api = useApi();
  const status = useCall('tokens.status', { accountId });
  const [live, setLive] = useState<TokenStatusDto>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  useApiEvent('tokens.changed', (s) => s.accountId === accountId && setLive(s));
  const s = live ?? status.data;

  const refresh = async () => {
    setBusy(true);
    const r = await api.call('tokens.refresh', { accountId });
    setBusy(false);
    if (r.ok) {
      setLive(r.value);
      setFailure(undefined);
    } else setFailure(t('dash.failed', { reason: errorText(r.error) }));
  };

  const now = Date.now();
  return (
    <section className="card dash-card" aria-labelledby="dash-token-h">
      <div className="dash-card-head">
        <h2 id="dash-token-h">{t('dash.token')}</h2>
        <button type="button" className="btn btn-sm" disabled={busy} onClick={() => void refresh()}>
          {t('dash.token.refresh')}
        </button>
      </div>
      {status.error && !s && (
        <div className="alert" role="alert">
          {errorText(status.error)}
        </div>
      )}
      {s && (
        <dl className="dash-dl" data-testid="token-status">
          <dt>{t('dash.token.source')}</dt>
          <dd>{t(`dash.token.source.${s.source}`)}</dd>
          <dt>{t('dash.token.state')}</dt>
          <dd>
            <span className="dash-state" data-state={s.hasToken ? 'online' : 'stopped'}>
              {s.hasToken ? t('dash.token.cached') : t('dash.token.none')}
            </span>
          </dd>
          {s.expiresAt && (
            <>
              <dt>{t('dash.token.expires')}</dt>
              <dd>
                {s.expiresAt > now
                  ? t('dash.token.expiresIn', {
                      time: fmt.dateTime(s.expiresAt),
                      relative: fmt.relative(s.expiresAt, now),
                    })
                  : t('dash.token.expired', { time: fmt.dateTime(s.expiresAt) })}
              </dd>
            </>
          )}
          {s.fetchedAt && (
            <>
              <dt>{t('dash.token.fetched')}</dt>
              <dd>{fmt.dateTime(s.fetchedAt)}</dd>
            </>
          )}
          {s.lastError && (
            <>
              <dt>{t('dash.token.lastError')}</dt>
              <dd className="dash-bad">
                {s.lastError.errcode !== undefined && <code>errcode {s.lastError.errcode} </code>}
                {s.lastError.errcode !== undefined ? s.lastError.message : errorText(s.lastError)}{' '}
                <span className="field-hint">{fmt.dateTime(s.lastError.at)}</span>
              </dd>
            </>
          )}
        </dl>
      )}
      {s?.warning && <p className="notice">{s.warning}</p>}
      {failure && (
        <div className="alert" role="alert">
          {failure}
        </div>
      )}
    </section>
  );
}
