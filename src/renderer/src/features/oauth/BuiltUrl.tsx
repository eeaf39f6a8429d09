import type { OauthBuiltUrlDto } from '../../../../shared/api/areas/oauth';
import { CopyButton } from '../../components/CopyButton';
import { QrCode } from '../../components/QrCode';
import { useI18n } from '../../i18n/I18nProvider';

const SEVERITY_CLASS = { error: 'alert', warn: 'notice', info: 'oauth-info' } as const;

/**
 * The authorize URL core built, when its state expires, the sandbox's door, QR codes of what a phone
 * opens (the link, the landing page), and what to check.
 */
export function BuiltUrl({
  built,
  fieldErrors,
}: {
  built: OauthBuiltUrlDto | undefined;
  fieldErrors: Record<string, string>;
}) {
  const { t, fmt, pick } = useI18n();
  return (
    <div className="oauth-result" aria-live="polite">
      <div className="oauth-result-head">
        <h3 className="section-title">{t('oauth.url')}</h3>
        {built && <CopyButton value={built.url} name={t('oauth.url')} />}
      </div>
      <code className="code-box oauth-url" data-testid="oauth-url">
        {built?.url ??
          (Object.values(fieldErrors).some(Boolean) ? t('oauth.url.fixFields') : t('oauth.url.building'))}
      </code>
      {built && (
        <p className="field-hint">
          {built.stateKind === 'fixed'
            ? t('oauth.stateFixed')
            : t('oauth.stateExpires', { time: fmt.time(built.stateExpiresAt) })}
        </p>
      )}
      {built?.landingUrl && (
        <p className="field-hint">
          {t('oauth.landingUrl')}: <code data-testid="oauth-landing-url">{built.landingUrl}</code>
        </p>
      )}
      {built && (
        <div className="oauth-qrs" data-testid="oauth-qrs">
          {built.sandboxUrl ? (
            <QrCode value={built.sandboxUrl} label={t('oauth.qr.sandbox')} />
          ) : (
            <QrCode value={built.url} label={t('oauth.qr.link')} />
          )}
          {built.landingUrl && <QrCode value={built.landingUrl} label={t('oauth.qr.landing')} />}
        </div>
      )}
      {built?.sandboxUrl ? (
        <div className="oauth-sandbox">
          <a
            className="btn btn-primary"
            href={built.sandboxUrl}
            target="_blank"
            rel="noopener noreferrer"
            data-testid="oauth-open-sandbox"
          >
            {t('oauth.openSandbox')}
          </a>
          <span className="field-hint">{t('oauth.openSandbox.hint')}</span>
        </div>
      ) : (
        built && <p className="field-hint">{t('oauth.url.forWechat')}</p>
      )}
      {built && built.issues.length > 0 && (
        <ul className="oauth-issues" aria-label={t('oauth.issue.warn')}>
          {built.issues.map((i) => (
            <li key={i.problem} className={SEVERITY_CLASS[i.severity]} data-problem={i.problem}>
              <strong>{t(`oauth.issue.${i.severity}`)}</strong> {pick(i.message)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
