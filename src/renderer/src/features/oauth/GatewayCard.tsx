import type { AccountDto } from '../../../../shared/api/areas/accounts';
import type { GatewayDto } from '../../../../shared/api/areas/oauth-gateway';
import { QrCode } from '../../components/QrCode';
import { useI18n } from '../../i18n/I18nProvider';
import { GatewayForm } from './GatewayForm';
import { GatewayKeys } from './GatewayKeys';
import { useGateway } from './use-gateway';

/** The gateway in front of the developer's app: where it is, which paths need a fan, where fans may land. */
export function GatewayCard({
  accounts,
  oauthDomain,
}: {
  accounts: AccountDto[];
  oauthDomain?: string | null;
}) {
  const { t, pick } = useI18n();
  const { gateway } = useGateway(oauthDomain);
  return (
    <section className="card oauth-gateway" aria-labelledby="oauth-gateway-title" data-testid="oauth-gateway">
      <h2 id="oauth-gateway-title" className="section-title">
        {t('gateway.title')}
      </h2>
      <p className="field-hint">{t('gateway.intro')}</p>
      {!gateway ? (
        <p className="field-hint">{t('common.loading')}</p>
      ) : (
        <>
          {gateway.issues.length > 0 && (
            <ul className="oauth-issues" data-testid="gateway-issues">
              {gateway.issues.map((i) => (
                <li
                  key={i.problem}
                  className={i.severity === 'error' ? 'alert' : 'notice'}
                  data-problem={i.problem}
                >
                  <strong>{t(`oauth.issue.${i.severity}`)}</strong> {pick(i.message)}
                </li>
              ))}
            </ul>
          )}
          <GatewayForm gateway={gateway} accounts={accounts} />
          <PublicUrl gateway={gateway} />
          <GatewayKeys gateway={gateway} />
        </>
      )}
    </section>
  );
}

function PublicUrl({ gateway }: { gateway: GatewayDto }) {
  const { t } = useI18n();
  const url = gateway.urls.publicUrl;
  return (
    <div className="oauth-gateway-public">
      <h3 className="section-title">{t('gateway.publicUrl')}</h3>
      {url ? (
        <div className="oauth-qrs">
          <QrCode value={url} label={t('gateway.qr.public')} />
          <code className="code-box oauth-url" data-testid="gateway-public-url">
            {url}
          </code>
        </div>
      ) : (
        <p className="field-hint">{t('gateway.publicUrl.none')}</p>
      )}
    </div>
  );
}
