import { useState } from 'react';
import type { GatewayDto, GatewayKeyKind } from '../../../../shared/api/areas/oauth-gateway';
import { useApi } from '../../api/api-context';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { CopyButton } from '../../components/CopyButton';
import { useI18n } from '../../i18n/I18nProvider';

/**
 * What the app behind MPDesk needs to trust it: the Ed25519 public key of the assertion (and its
 * JWKS), the ticket redeem endpoint and its secret (shown once, when made), and the rotations.
 */
export function GatewayKeys({ gateway: g }: { gateway: GatewayDto }) {
  const { t, errorText } = useI18n();
  const api = useApi();
  const [secret, setSecret] = useState<string>();
  const [confirm, setConfirm] = useState<GatewayKeyKind>();
  const [note, setNote] = useState<string>();

  const rotate = async (key: GatewayKeyKind) => {
    const r = await api.call('oauth.rotateGatewayKey', { key });
    setConfirm(undefined);
    if (!r.ok) return setNote(errorText(r.error));
    setNote(t('gateway.rotated'));
    if (r.value.ticketSecret) setSecret(r.value.ticketSecret);
  };
  return (
    <div className="oauth-gateway-keys">
      <h3 className="section-title">{t('gateway.keys')}</h3>
      <div className="oauth-result-head">
        <span className="field-label">{t('gateway.assertionKey')}</span>
        <CopyButton value={g.assertion.publicKeyPem} name={t('gateway.assertionKey')} />
      </div>
      <pre className="code-box oauth-pem" data-testid="gateway-public-key">
        {g.assertion.publicKeyPem}
      </pre>
      <KeyValue label={t('gateway.jwks')} value={g.urls.jwksUrl} />
      <KeyValue label={t('gateway.redeem')} value={g.urls.redeemUrl} />
      <div className="oauth-result-head">
        <span className="field-label">{t('gateway.ticketSecret')}</span>
        <span className="field-hint" data-testid="gateway-ticket-secret">
          {g.ticket.secretSet && g.ticket.secretTail
            ? t('gateway.ticketSecret.set', { tail: g.ticket.secretTail.slice(1) })
            : t('gateway.ticketSecret.unset')}
        </span>
      </div>
      {secret && (
        <div className="notice" role="status">
          <p>{t('gateway.ticketSecret.once')}</p>
          <div className="oauth-row">
            <code className="code-box oauth-url" data-testid="gateway-new-secret">
              {secret}
            </code>
            <CopyButton value={secret} name={t('gateway.ticketSecret')} />
          </div>
        </div>
      )}
      <p className="field-hint">{t('gateway.cookie', { name: g.cookie.name, key: g.cookie.keyId })}</p>
      <div className="oauth-actions">
        <button type="button" className="btn btn-sm" onClick={() => void rotate('ticket')}>
          {t('gateway.rotate.ticket')}
        </button>
        <button type="button" className="btn btn-sm" onClick={() => setConfirm('assertion')}>
          {t('gateway.rotate.assertion')}
        </button>
        <button type="button" className="btn btn-sm btn-danger" onClick={() => setConfirm('cookie')}>
          {t('gateway.rotate.cookie')}
        </button>
        {note && (
          <span className="field-hint" role="status">
            {note}
          </span>
        )}
      </div>
      {confirm && (
        <ConfirmDialog
          title={t(confirm === 'cookie' ? 'gateway.rotate.cookie' : 'gateway.rotate.assertion')}
          confirmLabel={t(confirm === 'cookie' ? 'gateway.rotate.cookie' : 'gateway.rotate.assertion')}
          onConfirm={() => rotate(confirm)}
          onClose={() => setConfirm(undefined)}
        >
          {t(confirm === 'cookie' ? 'gateway.rotate.cookie.confirm' : 'gateway.rotate.assertion.confirm')}
        </ConfirmDialog>
      )}
    </div>
  );
}

function KeyValue({ label, value }: { label: string; value: string | null }) {
  return (
    <div className="oauth-kv-line">
      <span className="field-label">{label}</span>
      <div className="oauth-row">
        <code className="code-box oauth-url">{value ?? '—'}</code>
        {value && <CopyButton value={value} name={label} />}
      </div>
    </div>
  );
}
