import { useEffect, useState } from 'react';
import type { OauthFixedStateDto } from '../../../../shared/api/areas/oauth';
import { useApi } from '../../api/api-context';
import { useI18n } from '../../i18n/I18nProvider';
import type { UrlBuilder } from './use-url-builder';

/** The state → page map: the account's fixed states (menu links) and where each lands. */
export function FixedStates({ accountId, builder: b }: { accountId: string; builder: UrlBuilder }) {
  const { t, errorText } = useI18n();
  const api = useApi();
  const [states, setStates] = useState<OauthFixedStateDto[]>();
  const [failure, setFailure] = useState<string>();
  const [nonce, setNonce] = useState(0);
  useEffect(() => {
    let live = true;
    void api.call('oauth.states', { accountId }).then((r) => live && r.ok && setStates(r.value));
    return () => {
      live = false;
    };
  }, [api, accountId, b.statesNonce, nonce]);

  const remove = async (state: string) => {
    const r = await api.call('oauth.deleteState', { accountId, state });
    setFailure(r.ok ? undefined : errorText(r.error));
    setNonce((n) => n + 1);
  };
  const edit = (s: OauthFixedStateDto) => {
    b.setFixed(true);
    b.setStateText(s.state);
    b.setLanding(s.landing ?? '');
    b.setScope(s.scope);
  };

  return (
    <section className="card oauth-states" aria-labelledby="oauth-states-title">
      <h2 id="oauth-states-title" className="section-title">
        {t('oauth.states.title')}
      </h2>
      {states && states.length === 0 && <p className="field-hint">{t('oauth.states.empty')}</p>}
      {states && states.length > 0 && (
        <table className="oauth-states-table" data-testid="oauth-states">
          <tbody>
            {states.map((s) => (
              <tr key={s.state} data-state={s.state}>
                <td className="mono">{s.state}</td>
                <td className="mono">
                  {s.landing ?? <span className="field-hint">{t('oauth.states.noLanding')}</span>}
                </td>
                <td className="mono field-hint">{s.scope}</td>
                <td className="oauth-states-actions">
                  <button
                    type="button"
                    className="btn btn-sm"
                    aria-label={t('oauth.states.named', { action: t('oauth.states.use'), state: s.state })}
                    onClick={() => edit(s)}
                  >
                    {t('oauth.states.use')}
                  </button>
                  <button
                    type="button"
                    className="btn btn-sm btn-danger"
                    aria-label={t('oauth.states.named', { action: t('oauth.states.delete'), state: s.state })}
                    onClick={() => void remove(s.state)}
                  >
                    {t('oauth.states.delete')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {failure && (
        <div className="alert" role="alert">
          {failure}
        </div>
      )}
    </section>
  );
}
