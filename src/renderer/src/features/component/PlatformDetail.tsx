import { useState } from 'react';
import type { ComponentPlatformDto } from '../../../../shared/api/areas/component';
import { useApi } from '../../api/api-context';
import { Alert } from '../../components/Alert';
import { CopyButton } from '../../components/CopyButton';
import { useI18n } from '../../i18n/I18nProvider';
import { useNow } from '../../components/use-now';
import { AuthLinkCard } from './AuthLinkCard';
import { AuthorizersCard } from './AuthorizersCard';
import { tokenStatus } from './token-status';

/** Callback URLs to paste, ticket and token status, the §11.5 link builder and the authorizers. */
export function PlatformDetail({ platform }: { platform: ComponentPlatformDto }) {
  return (
    <div className="component-detail">
      <CallbackUrls platform={platform} />
      <TicketAndToken platform={platform} />
      <AuthLinkCard platform={platform} />
      <AuthorizersCard platform={platform} />
    </div>
  );
}

function CallbackUrls({ platform }: { platform: ComponentPlatformDto }) {
  const { t } = useI18n();
  const urls = platform.urls.public ?? platform.urls.local;
  return (
    <section className="card" aria-label={t('component.urls.title')}>
      <h2 className="section-title">{t('component.urls.title')}</h2>
      <p className={platform.urls.public ? 'field-hint' : 'notice'}>
        {platform.urls.public ? t('component.urls.public') : t('component.urls.local')}
      </p>
      {urls && (
        <dl className="kv component-kv component-urls">
          <dt className="kv-label">{t('component.urls.events')}</dt>
          <dd className="kv-value">
            <code className="mono" data-testid="component-events-url">
              {urls.events}
            </code>
            <CopyButton value={urls.events} name={t('component.copyEvents')} />
          </dd>
          <dt className="kv-label">{t('component.urls.messages')}</dt>
          <dd className="kv-value">
            <code className="mono" data-testid="component-messages-url">
              {urls.messages}
            </code>
            <CopyButton value={urls.messages} name={t('component.copyMessages')} />
          </dd>
        </dl>
      )}
    </section>
  );
}

function TicketAndToken({ platform }: { platform: ComponentPlatformDto }) {
  const i18n = useI18n();
  const { t, errorText, fmt } = i18n;
  const now = useNow();
  const api = useApi();
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const run = async (method: 'component.refreshToken' | 'component.pushTicket') => {
    setBusy(true);
    const r = await api.call(method, { id: platform.id });
    setBusy(false);
    setFailure(r.ok ? undefined : errorText(r.error));
  };
  const tk = platform.ticket;
  const ct = platform.componentToken;
  return (
    <section className="card" aria-label={t('component.status.title')}>
      <h2 className="section-title">{t('component.status.title')}</h2>
      <dl className="kv component-kv">
        <dt className="kv-label mono">{t('component.ticket')}</dt>
        <dd className="kv-value" data-testid="component-ticket">
          {tk
            ? t('component.ticket.at', {
                time: fmt.dateTime(tk.receivedAt),
                age: fmt.relative(tk.receivedAt, now),
                until: fmt.dateTime(tk.expiresAt),
              })
            : t('component.ticket.none')}
        </dd>
        <dt className="kv-label mono">{t('component.token')}</dt>
        <dd className="kv-value" data-testid="component-token">
          {tokenStatus(ct, i18n)}
          {ct.lastError && (
            <span className="component-error">
              {' '}
              {t('component.lastError', { message: ct.lastError.message })}
            </span>
          )}
        </dd>
      </dl>
      <div className="component-actions">
        <button
          type="button"
          className="btn btn-sm"
          disabled={busy}
          onClick={() => void run('component.refreshToken')}
        >
          {t('component.token.fetch')}
        </button>
        {platform.isSandbox && (
          <button
            type="button"
            className="btn btn-sm"
            disabled={busy}
            onClick={() => void run('component.pushTicket')}
          >
            {t('component.ticket.push')}
          </button>
        )}
      </div>
      <Alert>{failure}</Alert>
    </section>
  );
}
