import { useState } from 'react';
import type { AccountDto } from '../../../../shared/api/areas/accounts';
import { useI18n } from '../../i18n/I18nProvider';
import { routeHref } from '../../shell/router';
import { forgetFresh, useFreshSecrets, type PasteSecret } from './fresh-secrets';
import { RegenerateDialog } from './RegenerateDialog';
import { serverUrlOf, ServerConfig, type CallbackBase, type SecretView } from './ServerConfig';

/**
 * The "what to paste" card of a saved account: its server URL on the public base, the secrets in
 * clear only while they are fresh (just created or regenerated), a Regenerate action otherwise.
 * The Sandbox account pastes nothing: it gets a way to try it instead.
 */
export function PasteValues({ account, base }: { account: AccountDto; base: CallbackBase | undefined }) {
  const fresh = useFreshSecrets(account.id);
  const [regenerating, setRegenerating] = useState<PasteSecret>();
  if (account.isSandbox) return <SandboxTryIt account={account} />;
  const view = (f: PasteSecret): SecretView => {
    const v = fresh[f];
    if (v) return { value: v };
    return { state: account[f].isSet ? 'saved' : 'missing' };
  };
  return (
    <>
      <ServerConfig
        url={serverUrlOf(base, account.callbackPath)}
        token={view('token')}
        aesKey={view('encodingAESKey')}
        mode={account.mode}
        viaTunnel={!!base?.public}
        onRegenerate={setRegenerating}
        onHideFresh={() => forgetFresh(account.id)}
      />
      {regenerating && (
        <RegenerateDialog account={account} field={regenerating} onClose={() => setRegenerating(undefined)} />
      )}
    </>
  );
}

/** The Sandbox is served by the built-in platform: nothing to paste, everything to try. */
function SandboxTryIt({ account }: { account: AccountDto }) {
  const { t } = useI18n();
  return (
    <section className="server-config" aria-label={t('accounts.tryIt.title')} data-testid="sandbox-try-it">
      <h3 className="section-title">{t('accounts.tryIt.title')}</h3>
      <p className="field-hint">{t('accounts.tryIt.body')}</p>
      <div className="field-row">
        <a className="btn btn-primary" href={routeHref('simulator', account.id)}>
          {t('accounts.tryIt.simulator')}
        </a>
        <a className="btn" href={routeHref('rules', account.id)}>
          {t('accounts.tryIt.rules')}
        </a>
      </div>
    </section>
  );
}
