import { Fragment, useEffect, useId, type ReactNode } from 'react';
import type { AccountDto } from '../../../../shared/api/areas/accounts';
import { useLive } from '../../api/use-live';
import { useI18n } from '../../i18n/I18nProvider';
import { navigate, routeHref } from '../../shell/router';

const LAST_KEY = 'mpdesk.lastAccount';
const fromEvent = (p: { accounts: AccountDto[] }) => p.accounts;

function remembered(): string | null {
  try {
    return localStorage.getItem(LAST_KEY);
  } catch {
    return null;
  }
}

/**
 * The account a per-account screen shows: `#/<screen>/<accountId>` when given, else the one used
 * last on any screen, else the Sandbox account, else the first. Kept current by accounts.changed.
 */
export function useAccountChoice(param: string | undefined) {
  const live = useLive('accounts.list', 'accounts.changed', fromEvent);
  const accounts = live.data;
  const last = remembered();
  const account =
    accounts?.find((a) => a.id === param) ??
    accounts?.find((a) => a.id === last) ??
    accounts?.find((a) => a.isSandbox) ??
    accounts?.[0];
  useEffect(() => {
    if (!account) return;
    try {
      localStorage.setItem(LAST_KEY, account.id);
    } catch {
      // private mode: nothing to remember
    }
  }, [account]);
  return { accounts, account, error: live.error, reload: live.reload };
}

/** A labelled <select> of the accounts; choosing one moves to `#/<screen>/<id>`. */
export function AccountPicker({
  screen,
  accounts,
  value,
  label,
}: {
  screen: string;
  accounts: AccountDto[];
  value: string;
  label: string;
}) {
  const id = useId();
  const { t } = useI18n();
  return (
    <div className="acct-picker">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        className="select"
        value={value}
        onChange={(e) => navigate(routeHref(screen, e.target.value))}
      >
        {accounts.map((a) => (
          <option key={a.id} value={a.id}>
            {a.isSandbox ? `${a.name} · ${t('accounts.sandbox')}` : a.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The catalog prefixes whose `<prefix>.noAccount.{title,body,action}` a per-account screen shows. */
export type NoAccountTexts = 'apilog' | 'dash' | 'fans' | 'menu' | 'msg' | 'oauth' | 'rules' | 'sim';

/** What a per-account screen shows while there is no account to show. */
function NoAccount({ texts }: { texts: NoAccountTexts }) {
  const { t } = useI18n();
  return (
    <div className="card empty">
      <h2>{t(`${texts}.noAccount.title`)}</h2>
      <p>{t(`${texts}.noAccount.body`)}</p>
      <a className="btn btn-primary" href={routeHref('accounts')}>
        {t(`${texts}.noAccount.action`)}
      </a>
    </div>
  );
}

/**
 * A per-account screen: its empty state while there are no accounts, "loading" until they come, then
 * the screen for the chosen one, keyed by it so that another account starts from fresh state.
 */
export function AccountGate({
  param,
  empty,
  children,
}: {
  /** The account id in the route, if any (useAccountChoice). */
  param: string | undefined;
  /** Whose texts the empty state shows. */
  empty: NoAccountTexts;
  children: (accounts: AccountDto[], account: AccountDto) => ReactNode;
}) {
  const { t } = useI18n();
  const { accounts, account } = useAccountChoice(param);
  if (accounts && !account) return <NoAccount texts={empty} />;
  if (!accounts || !account) return <p className="field-hint">{t('common.loading')}</p>;
  return <Fragment key={account.id}>{children(accounts, account)}</Fragment>;
}
