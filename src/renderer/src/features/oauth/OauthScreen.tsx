import type { AccountDto } from '../../../../shared/api/areas/accounts';
import { useI18n } from '../../i18n/I18nProvider';
import { AccountGate, AccountPicker } from '../simulator/account-choice';
import { FixedStates } from './FixedStates';
import { GatewayCard } from './GatewayCard';
import { LinkInspector } from './LinkInspector';
import { LastCallback, SessionList } from './SessionList';
import { UrlEditor } from './UrlEditor';
import { useLastCallback, useOauthSessions } from './use-oauth';
import { useUrlBuilder } from './use-url-builder';
import './oauth.css';

/** `#/oauth/<accountId>`: the web OAuth (网页授权) debugger. */
export function OauthScreen({ params }: { params: string[] }) {
  return (
    <AccountGate param={params[0]} empty="oauth">
      {(accounts, account) => <Oauth accounts={accounts} account={account} />}
    </AccountGate>
  );
}

function Oauth({ accounts, account }: { accounts: AccountDto[]; account: AccountDto }) {
  const { t } = useI18n();
  const { sessions, error } = useOauthSessions(account.id);
  const last = useLastCallback(account.id);
  const builder = useUrlBuilder(account.id);
  return (
    <div className="oauth-screen">
      <div className="page-head">
        <p>{t('oauth.intro')}</p>
        <AccountPicker screen="oauth" accounts={accounts} value={account.id} label={t('oauth.account')} />
      </div>
      <div className="oauth-layout">
        <div className="oauth-main">
          <UrlEditor account={account} builder={builder} />
          <FixedStates accountId={account.id} builder={builder} />
          <LinkInspector accountId={account.id} />
        </div>
        <div className="oauth-side">
          <LastCallback last={last} />
          <GatewayCard accounts={accounts} oauthDomain={builder.settings?.oauthDomain} />
          <SessionList sessions={sessions} error={error} />
        </div>
      </div>
    </div>
  );
}
