import { Fragment, useState } from 'react';
import type { AccountDto } from '../../../../shared/api/areas/accounts';
import type { DoctorPasteValues } from '../../../../shared/api/areas/doctor';
import type { TunnelStatus } from '../../../../shared/api/areas/tunnel';
import { useApi } from '../../api/api-context';
import { CopyButton } from '../../components/CopyButton';
import { useI18n } from '../../i18n/I18nProvider';
import { routeHref } from '../../shell/router';

/** The listener, the tunnel's state with start/stop, and the loud "URL changed" banner. */
export function TunnelCard({
  tunnel,
  listenerUrl,
  onChange,
}: {
  tunnel: TunnelStatus | undefined;
  listenerUrl: string | undefined;
  onChange: (s: TunnelStatus) => void;
}) {
  const { t, fmt, pick, errorText } = useI18n();
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();

  const act = async (m: 'tunnel.start' | 'tunnel.stop') => {
    setBusy(true);
    const r = await api.call(m, undefined);
    setBusy(false);
    if (r.ok) {
      onChange(r.value);
      setFailure(undefined);
    } else setFailure(t('dash.failed', { reason: errorText(r.error) }));
  };

  const running =
    tunnel && (tunnel.state === 'online' || tunnel.state === 'connecting' || !!tunnel.nextRetryAt);
  return (
    <section className="card dash-card" aria-labelledby="dash-tunnel-h">
      <div className="dash-card-head">
        <h2 id="dash-tunnel-h">{t('dash.tunnel')}</h2>
        <a className="btn btn-sm btn-ghost" href={routeHref('settings')}>
          {t('dash.tunnel.configure')}
        </a>
      </div>
      {tunnel?.urlChange && (
        <div className="dash-banner" role="alert" data-testid="url-changed">
          <strong>{t('dash.urlChanged.title')}</strong>
          <span>{pick(tunnel.urlChange.message)}</span>
          <span className="mono">
            {tunnel.urlChange.from} → {tunnel.urlChange.to}
          </span>
        </div>
      )}
      <dl className="dash-dl">
        <dt>{t('dash.tunnel.listener')}</dt>
        <dd>
          {listenerUrl ? (
            <span className="dash-state" data-state="online">
              <code>{listenerUrl}</code>
            </span>
          ) : (
            <span className="dash-state" data-state="offline">
              {t('dash.tunnel.listenerDown')}
            </span>
          )}
        </dd>
        <dt>{t('dash.tunnel.provider')}</dt>
        <dd>
          {tunnel ? (
            <>
              {t(`dash.tunnel.provider.${tunnel.provider}`)} ·{' '}
              <span className="dash-state" data-state={tunnel.state} data-testid="tunnel-state">
                {t(`dash.tunnel.state.${tunnel.state}`)}
              </span>{' '}
              <span className="field-hint">{t('dash.tunnel.since', { time: fmt.time(tunnel.since) })}</span>
            </>
          ) : (
            t('common.loading')
          )}
        </dd>
        {tunnel?.publicUrl && (
          <>
            <dt>{t('dash.tunnel.publicUrl')}</dt>
            <dd>
              <code>{tunnel.publicUrl}</code>
            </dd>
          </>
        )}
        {tunnel?.forwardsTo && tunnel.publicUrl && (
          <>
            <dt>{t('dash.tunnel.forwardsTo')}</dt>
            <dd>
              <code>{tunnel.forwardsTo}</code>
            </dd>
          </>
        )}
      </dl>
      {tunnel?.offline && (
        <div className="alert dash-offline" role="status">
          <strong>{pick(tunnel.offline.message)}</strong>
          <div>{pick(tunnel.offline.fix)}</div>
          {tunnel.offline.detail && <code className="dash-detail">{tunnel.offline.detail}</code>}
          <div className="field-hint">
            {tunnel.offline.retrying && tunnel.nextRetryAt
              ? t('dash.tunnel.retrying', { attempt: tunnel.attempt, time: fmt.time(tunnel.nextRetryAt) })
              : t('dash.tunnel.notRetrying')}
          </div>
        </div>
      )}
      {tunnel?.provider === 'none' && <p className="notice">{t('dash.tunnel.noProvider')}</p>}
      {failure && (
        <div className="alert" role="alert">
          {failure}
        </div>
      )}
      <div className="dash-actions">
        {running ? (
          <button type="button" className="btn" disabled={busy} onClick={() => void act('tunnel.stop')}>
            {t('dash.tunnel.stop')}
          </button>
        ) : (
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy || !tunnel || tunnel.provider === 'none'}
            onClick={() => void act('tunnel.start')}
          >
            {t('dash.tunnel.start')}
          </button>
        )}
      </div>
    </section>
  );
}

/** The values for 服务器配置 and 网页授权, each with a copy button. Secrets only as hints. */
export function PasteCard({
  account,
  tunnel,
  listenerUrl,
  paste,
}: {
  account: AccountDto;
  tunnel: TunnelStatus | undefined;
  listenerUrl: string | undefined;
  paste: DoctorPasteValues | undefined;
}) {
  const { t, pick } = useI18n();
  const urls = tunnel?.urls.find((u) => u.accountId === account.id);
  const row = (label: string, value: string | null | undefined, copy = true, key = label) => (
    <Fragment key={key}>
      <span className="kv-label">{label}</span>
      <span className={value ? 'kv-value' : 'kv-value muted'}>{value || '—'}</span>
      {copy && value ? <CopyButton value={value} name={label} /> : <span />}
    </Fragment>
  );
  return (
    <section className="card dash-card" aria-labelledby="dash-paste-h">
      <div className="dash-card-head">
        <h2 id="dash-paste-h">{t('dash.paste')}</h2>
      </div>
      <p className="field-hint dash-p">{t('dash.paste.intro')}</p>
      {!urls && (
        <p className="notice">
          {t('dash.paste.localOnly', { url: `${listenerUrl ?? 'http://127.0.0.1'}${account.callbackPath}` })}
        </p>
      )}
      <div className="kv">
        {row(t('dash.paste.serverUrl'), urls?.serverUrl)}
        {row(t('dash.paste.token'), paste?.tokenHint, false)}
        {account.mode !== 'plain' && row(t('dash.paste.aesKey'), paste?.encodingAESKeyHint, false)}
        {row(t('dash.paste.mode'), paste ? pick(paste.modeLabel) : null, false)}
        {row(t('dash.paste.oauthDomain'), urls?.oauthDomain)}
        {row(t('dash.paste.oauthRedirect'), urls?.oauthRedirectUri)}
        {(urls?.mpVerifyUrls ?? []).map((u) => row(t('dash.paste.mpVerify'), u, true, u))}
      </div>
      {paste && <p className="field-hint dash-p">{t('dash.paste.secretHint')}</p>}
    </section>
  );
}
