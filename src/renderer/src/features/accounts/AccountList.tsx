import type { AccountDto } from '../../../../shared/api/areas/accounts';
import { useI18n } from '../../i18n/I18nProvider';
import { routeHref } from '../../shell/router';
import { modeLabelKey } from './ServerConfig';

export function AccountList({ accounts, selectedId }: { accounts: AccountDto[]; selectedId?: string }) {
  const { t } = useI18n();
  return (
    <ul className="account-list card" aria-label={t('accounts.listLabel')}>
      {accounts.map((a) => (
        <li key={a.id}>
          <a
            className="account-item"
            href={routeHref('accounts', a.id)}
            aria-current={a.id === selectedId ? 'true' : undefined}
            data-testid="account-item"
          >
            <span className="account-item-top">
              <span className="account-item-name">{a.name}</span>
              {a.isSandbox && (
                <span className="badge badge-sandbox" title={t('accounts.sandbox.hint')}>
                  {t('accounts.sandbox')}
                </span>
              )}
            </span>
            <span className="account-item-meta">
              <code>{a.appId}</code>
              <span aria-hidden="true"> · </span>
              <span>{t(modeLabelKey(a.mode))}</span>
            </span>
          </a>
        </li>
      ))}
    </ul>
  );
}
