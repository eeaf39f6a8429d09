import { Fragment } from 'react';
import type { AccountDto } from '../../../../shared/api/areas/accounts';
import type { TunnelStatus } from '../../../../shared/api/areas/tunnel';
import { CopyButton } from '../../components/CopyButton';
import { callbackBase } from '../../api/use-tunnel-status';
import { useI18n } from '../../i18n/I18nProvider';
import { PasteValues } from '../accounts/PasteValues';
import { TunnelControls, TunnelOffline } from '../settings/tunnel/TunnelControls';
import { tunnelHref } from '../settings/tunnel/tunnel-fields';
import { UrlChangeAlarm } from '../settings/tunnel/UrlChangeAlarm';

/** The listener, the tunnel's state with start/stop, and the loud "URL changed" alarm. */
export function TunnelCard({
  tunnel,
  listenerUrl,
  accountId,
  onChange,
}: {
  tunnel: TunnelStatus | undefined;
  listenerUrl: string | undefined;
  accountId: string;
  onChange: (s: TunnelStatus) => void;
}) {
  const { t, fmt } = useI18n();
  return (
    <section className="card dash-card" aria-labelledby="dash-tunnel-h">
      <div className="dash-card-head">
        <h2 id="dash-tunnel-h">{t('dash.tunnel')}</h2>
        <a className="btn btn-sm btn-ghost" href={tunnelHref()}>
          {t('dash.tunnel.configure')}
        </a>
      </div>
      {tunnel && <UrlChangeAlarm tunnel={tunnel} onChange={onChange} accountId={accountId} />}
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
      {tunnel && <TunnelOffline tunnel={tunnel} linkToSettings />}
      {tunnel && <TunnelControls tunnel={tunnel} listenerUp={!!listenerUrl} onChange={onChange} />}
    </section>
  );
}

/**
 * What to paste into the mp backend: 服务器配置 (the account's paste card: URL, Token, EncodingAESKey,
 * mode) and, once there is a public URL, the 网页授权 values. The Sandbox gets its try-it path.
 */
export function PasteCard({
  account,
  tunnel,
  listenerUrl,
}: {
  account: AccountDto;
  tunnel: TunnelStatus | undefined;
  listenerUrl: string | undefined;
}) {
  const { t } = useI18n();
  const urls = tunnel?.urls.find((u) => u.accountId === account.id);
  const row = (label: string, value: string, key = label) => (
    <Fragment key={key}>
      <span className="kv-label">{label}</span>
      <span className="kv-value">{value}</span>
      <CopyButton value={value} name={label} />
    </Fragment>
  );
  return (
    <section className="card dash-card" aria-labelledby="dash-paste-h">
      <div className="dash-card-head">
        <h2 id="dash-paste-h">{t('dash.paste')}</h2>
      </div>
      <PasteValues account={account} base={callbackBase(listenerUrl, tunnel)} />
      {!account.isSandbox && urls && (
        <section className="server-config" aria-label={t('dash.paste.oauth')}>
          <h3 className="section-title">{t('dash.paste.oauth')}</h3>
          <p className="field-hint">{t('dash.paste.oauth.where')}</p>
          <div className="kv">
            {row(t('dash.paste.oauthDomain'), urls.oauthDomain)}
            {row(t('dash.paste.oauthRedirect'), urls.oauthRedirectUri)}
            {urls.mpVerifyUrls.map((u) => row(t('dash.paste.mpVerify'), u, u))}
          </div>
        </section>
      )}
    </section>
  );
}
