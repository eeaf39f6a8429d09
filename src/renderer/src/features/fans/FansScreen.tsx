import { useMemo, useState } from 'react';
import type { AccountDto } from '../../../../shared/api/areas/accounts';
import { useApi } from '../../api/api-context';
import { useI18n } from '../../i18n/I18nProvider';
import { AccountPicker, NoAccount, useAccountChoice } from '../simulator/account-choice';
import { FanDrawer } from './FanDrawer';
import { FanList } from './FanList';
import { useFans } from './use-fans';
import './fans.css';

/** `#/fans/<accountId>`: 用户管理. */
export function FansScreen({ params }: { params: string[] }) {
  const { t } = useI18n();
  const { accounts, account } = useAccountChoice(params[0]);
  if (accounts && !account)
    return (
      <NoAccount
        title={t('fans.noAccount.title')}
        body={t('fans.noAccount.body')}
        action={t('fans.noAccount.action')}
      />
    );
  if (!accounts || !account) return <p className="field-hint">{t('common.loading')}</p>;
  return <Fans key={account.id} accounts={accounts} account={account} />;
}

function Fans({ accounts, account }: { accounts: AccountDto[]; account: AccountDto }) {
  const { t, errorText } = useI18n();
  const api = useApi();
  const fans = useFans(account.id);
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const [count, setCount] = useState(100);
  const [note, setNote] = useState<{ text: string; error?: boolean } | null>(null);
  const q = query.trim().toLowerCase();
  const shown = useMemo(
    () =>
      q
        ? fans.items.filter(
            (f) => f.openid.toLowerCase().includes(q) || (f.remark ?? '').toLowerCase().includes(q),
          )
        : fans.items,
    [fans.items, q],
  );
  const fan = open ? fans.items.find((f) => f.openid === open) : undefined;

  const generate = async () => {
    const r = await api.call('sandbox.generateFans', { accountId: account.id, count });
    if (!r.ok) return setNote({ text: errorText(r.error), error: true });
    setNote({ text: t('fans.generated', { added: r.value.added, total: r.value.total }) });
    fans.reload();
  };

  return (
    <div className="fans-screen">
      <header className="fans-top">
        <div>
          <p className="field-hint">{t('fans.intro')}</p>
        </div>
        <AccountPicker screen="fans" accounts={accounts} value={account.id} label={t('fans.account')} />
      </header>
      <div className="fans-toolbar">
        <input
          className="input fans-search"
          type="search"
          placeholder={t('fans.search')}
          aria-label={t('fans.search')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <span className="fans-count" role="status">
          {q
            ? t('fans.matches', { n: shown.length })
            : fans.total !== undefined && t('fans.count', { loaded: fans.items.length, total: fans.total })}
        </span>
        <button type="button" className="btn" onClick={fans.reload}>
          {t('fans.reload')}
        </button>
        {account.isSandbox && (
          <span className="fans-generate">
            <input
              className="input"
              type="number"
              min={1}
              max={200000}
              aria-label={t('fans.generateCount')}
              value={count}
              onChange={(e) => setCount(Math.max(1, Math.min(200_000, Number(e.target.value) || 1)))}
            />
            <button type="button" className="btn" onClick={() => void generate()}>
              {t('fans.generate')}
            </button>
          </span>
        )}
      </div>
      {note && (
        <p className={note.error ? 'fans-error' : 'fans-ok'} role="status">
          {note.text}
        </p>
      )}
      {fans.error && (
        <p className="fans-error" role="alert">
          {t('fans.failed', { reason: errorText(fans.error) })}
        </p>
      )}
      <div className={fan ? 'fans-body fans-body-open' : 'fans-body'}>
        {fans.items.length === 0 && !fans.loading && !fans.error ? (
          <p className="card">{t('fans.empty')}</p>
        ) : (
          <FanList
            items={shown}
            tags={fans.tags}
            selected={open}
            onOpen={setOpen}
            onEnd={() => {
              if (fans.hasMore && !fans.loading) void fans.loadMore();
            }}
            loading={fans.loading}
          />
        )}
        {fan && (
          <FanDrawer
            key={fan.openid}
            accountId={account.id}
            fan={fan}
            tags={fans.tags}
            onSaved={fans.replace}
            onClose={() => setOpen(null)}
          />
        )}
      </div>
    </div>
  );
}
