import type { AccountDto } from '../../../../shared/api/areas/accounts';
import { useI18n } from '../../i18n/I18nProvider';
import { AccountGate, AccountPicker } from '../simulator/account-choice';
import { ThreadList } from './ThreadList';
import { ThreadPane } from './ThreadPane';
import { useThreads } from './use-threads';
import './messages.css';

/** `#/messages/<accountId>/<openid>`: 消息管理. */
export function MessagesScreen({ params }: { params: string[] }) {
  return (
    <AccountGate param={params[0]} empty="msg">
      {(accounts, account) => <MessageCentre accounts={accounts} account={account} openid={params[1]} />}
    </AccountGate>
  );
}

function MessageCentre({
  accounts,
  account,
  openid,
}: {
  accounts: AccountDto[];
  account: AccountDto;
  openid?: string;
}) {
  const { t, errorText } = useI18n();
  const threads = useThreads(account.id);
  return (
    <div className="msg-screen">
      <aside className="card msg-side">
        <AccountPicker screen="messages" accounts={accounts} value={account.id} label={t('fans.account')} />
        {threads.error && (
          <p className="msg-error" role="alert">
            {errorText(threads.error)}
          </p>
        )}
        {threads.items ? (
          <ThreadList accountId={account.id} threads={threads.items} selected={openid} />
        ) : (
          <p className="field-hint">{t('common.loading')}</p>
        )}
      </aside>
      {openid ? (
        <ThreadPane
          key={openid}
          accountId={account.id}
          openid={openid}
          thread={threads.items?.find((c) => c.openid === openid)}
        />
      ) : (
        <div className="card msg-pick">
          <p>{t('msg.pick')}</p>
          <p className="field-hint">{t('msg.pick.hint')}</p>
        </div>
      )}
    </div>
  );
}
