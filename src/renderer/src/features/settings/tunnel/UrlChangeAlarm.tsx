import { Fragment, useState } from 'react';
import type { TunnelStatus } from '../../../../../shared/api/areas/tunnel';
import { useApi } from '../../../api/api-context';
import { CopyButton } from '../../../components/CopyButton';
import { useI18n } from '../../../i18n/I18nProvider';
import './tunnel.css';

/**
 * The URL-change alarm: the public URL moved, so the 服务器配置 URL in the mp backend is stale. It
 * gives the new server URL of every account to paste, and stays (across restarts) until the user
 * says the mp backend has it.
 */
export function UrlChangeAlarm({
  tunnel,
  onChange,
  accountId,
}: {
  tunnel: TunnelStatus;
  onChange: (s: TunnelStatus) => void;
  /** Show this account's URL only (the Dashboard); all accounts otherwise. */
  accountId?: string;
}) {
  const { t, errorText } = useI18n();
  const api = useApi();
  const [failure, setFailure] = useState<string>();
  const change = tunnel.urlChange;
  if (!change) return null;
  const urls = tunnel.urls.filter((u) => !accountId || u.accountId === accountId);
  const ack = async () => {
    const r = await api.call('tunnel.acknowledgeUrlChange', undefined);
    if (r.ok) onChange(r.value);
    else setFailure(errorText(r.error));
  };
  return (
    <div className="url-alarm" role="alert" data-testid="url-changed">
      <strong>{t('tunnel.alarm.title')}</strong>
      <span>{t('tunnel.alarm.body', { from: change.from, to: change.to })}</span>
      <div className="kv">
        {urls.map((u) => {
          const label = t('tunnel.alarm.paste', { name: u.accountName });
          return (
            <Fragment key={u.accountId}>
              <span className="kv-label">{label}</span>
              <code className="kv-value" data-testid="url-changed-value">
                {u.serverUrl}
              </code>
              <CopyButton value={u.serverUrl} name={label} />
            </Fragment>
          );
        })}
      </div>
      {failure && <span className="field-error">{failure}</span>}
      <div>
        <button type="button" className="btn btn-sm" onClick={() => void ack()}>
          {t('tunnel.alarm.ack')}
        </button>
      </div>
    </div>
  );
}
