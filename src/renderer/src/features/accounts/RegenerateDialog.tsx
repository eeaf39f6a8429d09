import { useState } from 'react';
import type { AccountDto } from '../../../../shared/api/areas/accounts';
import { useApi } from '../../api/api-context';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useI18n } from '../../i18n/I18nProvider';
import { rememberFresh, type PasteSecret } from './fresh-secrets';
import { generateAesKey, generateToken } from './generate';

/**
 * "Regenerate the Token / EncodingAESKey?" A new value takes effect at once, so it warns that the
 * mp backend's 服务器配置 must get the same value at the same moment. The value is made here, in
 * the renderer, saved write-only, and shown on the card for this session only (fresh-secrets).
 */
export function RegenerateDialog({
  account,
  field,
  onClose,
}: {
  account: AccountDto;
  field: PasteSecret;
  onClose: () => void;
}) {
  const { t, errorText } = useI18n();
  const api = useApi();
  const [failure, setFailure] = useState<string>();
  const token = field === 'token';
  const regenerate = async () => {
    const value = token ? generateToken() : generateAesKey();
    const r = await api.call('accounts.update', { id: account.id, [field]: value });
    if (!r.ok) return setFailure(errorText(r.error));
    rememberFresh(account.id, { [field]: value });
    onClose();
  };
  return (
    <ConfirmDialog
      title={t(token ? 'accounts.regenerate.token.title' : 'accounts.regenerate.aesKey.title', {
        name: account.name,
      })}
      confirmLabel={t('accounts.regenerate')}
      onConfirm={regenerate}
      onClose={onClose}
    >
      <p style={{ marginTop: 0 }}>
        {t(token ? 'accounts.regenerate.token.body' : 'accounts.regenerate.aesKey.body')}
      </p>
      <p className="notice">{t('accounts.regenerate.sameMoment')}</p>
      {failure && (
        <div className="alert" role="alert">
          {failure}
        </div>
      )}
    </ConfirmDialog>
  );
}
