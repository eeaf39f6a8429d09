import { useState } from 'react';
import type { ComponentPlatformDto } from '../../../../shared/api/areas/component';
import { useApi } from '../../api/api-context';
import { Alert } from '../../components/Alert';
import { useI18n } from '../../i18n/I18nProvider';
import { tokenStatus } from './token-status';

/** The accounts that authorized the platform, each with its token and a refresh. */
export function AuthorizersCard({ platform }: { platform: ComponentPlatformDto }) {
  const i18n = useI18n();
  const { t, errorText, fmt } = i18n;
  const api = useApi();
  const [failure, setFailure] = useState<string>();
  const refresh = async (appid: string) => {
    const r = await api.call('component.refreshAuthorizer', { id: platform.id, authorizerAppid: appid });
    setFailure(r.ok ? undefined : errorText(r.error));
  };
  return (
    <section className="card" aria-label={t('component.authorizers.title')}>
      <h2 className="section-title">{t('component.authorizers.title')}</h2>
      {platform.authorizers.length === 0 ? (
        <p className="empty">{t('component.authorizers.empty')}</p>
      ) : (
        <div className="component-table-wrap">
          <table className="component-table" data-testid="component-authorizers">
            <thead>
              <tr>
                <th>{t('component.authorizers.appid')}</th>
                <th>{t('component.authorizers.event')}</th>
                <th>{t('component.authorizers.at')}</th>
                <th>{t('component.authorizers.func')}</th>
                <th>{t('component.authorizers.token')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {platform.authorizers.map((a) => (
                <tr key={a.appid}>
                  <td className="mono">{a.appid}</td>
                  <td className="mono">{a.lastEvent}</td>
                  <td>{fmt.dateTime(a.authorizedAt)}</td>
                  <td className="mono">{a.funcInfo.join(', ') || '—'}</td>
                  <td>
                    {tokenStatus(a.token, i18n)}
                    {a.token.lastError && (
                      <div className="component-error">
                        {t('component.lastError', { message: a.token.lastError.message })}
                      </div>
                    )}
                  </td>
                  <td>
                    <button
                      type="button"
                      className="btn btn-sm"
                      disabled={!a.refreshTokenSet}
                      onClick={() => void refresh(a.appid)}
                    >
                      {t('component.authorizers.refresh')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Alert>{failure}</Alert>
    </section>
  );
}
