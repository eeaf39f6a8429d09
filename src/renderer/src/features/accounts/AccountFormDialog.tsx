import type { AccountDto } from '../../../../shared/api/areas/accounts';
import { Dialog } from '../../components/Dialog';
import { SaveFoot } from '../../components/SaveFoot';
import { useI18n } from '../../i18n/I18nProvider';
import { CredentialsSection, ServerSection } from './AccountFormSections';
import { ApiFields } from './ApiFields';
import { ServerConfig, type CallbackBase } from './ServerConfig';
import { useAccountForm } from './use-account-form';

/**
 * Add or edit an account. Client-side checks use the contract's own field schemas; whatever the
 * server still rejects comes back as `issues` and lands next to the same fields.
 */
export function AccountFormDialog({
  existing,
  base,
  onClose,
  onSaved,
}: {
  existing?: AccountDto;
  base: CallbackBase | undefined;
  onClose: () => void;
  onSaved: (account: AccountDto) => void;
}) {
  const { t } = useI18n();
  const form = useAccountForm(existing, base, onSaved);
  const title = existing ? t('accounts.dialog.edit', { name: existing.name }) : t('accounts.dialog.create');

  return (
    <Dialog title={title} onClose={onClose} wide>
      <form className="dialog-form" onSubmit={form.submit} noValidate>
        <div className="dialog-body">
          {form.formError && (
            <div className="alert" role="alert">
              {form.formError}
            </div>
          )}
          <CredentialsSection form={form} existing={existing} />
          <ServerSection form={form} existing={existing} />
          <ApiFields form={form} />
          <div className="server-config-box">
            <ServerConfig
              url={form.url}
              token={form.secretView('token')}
              aesKey={form.secretView('encodingAESKey')}
              mode={form.values.mode}
              viaTunnel={!!base?.public}
            />
          </div>
        </div>
        <SaveFoot busy={form.busy} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
