import type { AccountDto } from '../../../../shared/api/areas/accounts';
import { CopyButton } from '../../components/CopyButton';
import { useI18n } from '../../i18n/I18nProvider';
import { routeHref } from '../../shell/router';
import { PasteValues } from './PasteValues';
import type { CallbackBase } from './ServerConfig';

/** One account: its credentials' state and the server configuration to paste (no secret values). */
export function AccountDetail({
  account,
  base,
  onEdit,
  onDelete,
}: {
  account: AccountDto;
  base: CallbackBase | undefined;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const { t, fmt } = useI18n();
  const created = fmt.date(account.createdAt);
  const appIdLabel = t('accounts.field.appId');
  return (
    <article className="account-detail card" aria-labelledby="account-detail-title">
      <header className="account-detail-head">
        <div>
          <h2 id="account-detail-title">
            {account.name}
            {account.isSandbox && (
              <span className="badge badge-sandbox" title={t('accounts.sandbox.hint')}>
                {t('accounts.sandbox')}
              </span>
            )}
          </h2>
          <p className="field-hint">{t('accounts.created', { date: created })}</p>
        </div>
        <div className="account-detail-actions">
          <a className="btn" href={routeHref('accounts', account.id, 'developer')}>
            {t('accounts.developer')}
          </a>
          <button
            type="button"
            className="btn"
            onClick={onEdit}
            aria-label={t('accounts.editNamed', { name: account.name })}
          >
            {t('common.edit')}
          </button>
          <button
            type="button"
            className="btn btn-danger"
            onClick={onDelete}
            aria-label={t('accounts.deleteNamed', { name: account.name })}
          >
            {t('common.delete')}
          </button>
        </div>
      </header>

      <section>
        <h3 className="section-title">{t('accounts.section.credentials')}</h3>
        <div className="kv">
          <span className="kv-label">{appIdLabel}</span>
          <code className="kv-value">{account.appId}</code>
          <CopyButton value={account.appId} name={appIdLabel} />
          <span className="kv-label">{t('accounts.field.appSecret')}</span>
          <span className="kv-value muted">
            {account.appSecret.isSet ? t('accounts.server.hidden') : t('accounts.server.notSet')}
          </span>
          <span />
        </div>
      </section>

      {account.isSandbox && <p className="field-hint sandbox-note">{t('accounts.sandbox.note')}</p>}
      <PasteValues account={account} base={base} />
    </article>
  );
}
