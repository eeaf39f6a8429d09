import { useEffect, useState } from 'react';
import type { AccountDto } from '../../../../shared/api/areas/accounts';
import { useApi } from '../../api/api-context';
import { useAppStatus } from '../../api/use-app-status';
import { callbackBase, useTunnelStatus } from '../../api/use-tunnel-status';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useI18n } from '../../i18n/I18nProvider';
import { isMessageKey } from '../../i18n/i18n';
import { navigate, routeHref } from '../../shell/router';
import { AccountDetail } from './AccountDetail';
import { DeveloperSettings } from './developer/DeveloperSettings';
import { AccountFormDialog } from './AccountFormDialog';
import { AccountList } from './AccountList';
import { useAccounts } from './use-accounts';

type Editor = { kind: 'create' } | { kind: 'edit'; account: AccountDto };

/** `#/accounts/<id>`: the list on the left, the selected account on the right. */
export function AccountsScreen({ params }: { params: string[] }) {
  const { t } = useI18n();
  const api = useApi();
  const { data: accounts, error, reload, set: setAccounts } = useAccounts();
  const { data: status } = useAppStatus();
  const [editor, setEditor] = useState<Editor>();
  const [deleting, setDeleting] = useState<AccountDto>();
  const [actionError, setActionError] = useState<string>();
  const { data: tunnel } = useTunnelStatus();
  const base = callbackBase(status?.callbackListener?.url, tunnel);

  const selected = accounts?.find((a) => a.id === params[0]) ?? accounts?.[0];
  const view = params[1];
  // `#/accounts/<id>/edit` (the doctor's "Edit the account") opens the editor on that account.
  useEffect(() => {
    if (view !== 'edit' || !selected) return;
    setEditor({ kind: 'edit', account: selected });
    navigate(routeHref('accounts', selected.id), { replace: true });
  }, [view, selected]);
  const reason = (e: { code: string; message: string }) => {
    const k = `error.${e.code}`;
    return isMessageKey(k) ? `${t(k)} (${e.message})` : e.message;
  };

  return (
    <div className="accounts-screen">
      <div className="page-head">
        <p>{t('accounts.intro')}</p>
        <button type="button" className="btn btn-primary" onClick={() => setEditor({ kind: 'create' })}>
          {t('accounts.add')}
        </button>
      </div>

      {error && (
        <div className="alert" role="alert">
          {t('accounts.loadFailed', { reason: reason(error) })}{' '}
          <button type="button" className="btn btn-sm" onClick={reload}>
            {t('common.retry')}
          </button>
        </div>
      )}
      {actionError && (
        <div className="alert" role="alert">
          {actionError}
        </div>
      )}

      {!accounts && !error && <p className="field-hint">{t('common.loading')}</p>}

      {accounts && accounts.length === 0 && (
        <div className="card empty">
          <h2>{t('accounts.empty.title')}</h2>
          <p>{t('accounts.empty.body')}</p>
        </div>
      )}

      {accounts && selected && (
        <div className="accounts-layout">
          <AccountList accounts={accounts} selectedId={selected.id} />
          {view === 'developer' ? (
            <DeveloperSettings account={selected} section={params[2]} />
          ) : (
            <AccountDetail
              account={selected}
              base={base}
              onEdit={() => setEditor({ kind: 'edit', account: selected })}
              onDelete={() => setDeleting(selected)}
            />
          )}
        </div>
      )}

      {editor && (
        <AccountFormDialog
          existing={editor.kind === 'edit' ? editor.account : undefined}
          base={base}
          onClose={() => setEditor(undefined)}
          onSaved={(a) => {
            // Show it now; accounts.changed brings the same list a moment later.
            const list = accounts ?? [];
            setAccounts(
              list.some((x) => x.id === a.id) ? list.map((x) => (x.id === a.id ? a : x)) : [...list, a],
            );
            setEditor(undefined);
            setActionError(undefined);
            navigate(routeHref('accounts', a.id));
          }}
        />
      )}

      {deleting && (
        <ConfirmDialog
          title={t('accounts.delete.title', { name: deleting.name })}
          confirmLabel={t('common.delete')}
          onClose={() => setDeleting(undefined)}
          onConfirm={async () => {
            const r = await api.call('accounts.delete', { id: deleting.id });
            setDeleting(undefined);
            if (r.ok) {
              setAccounts((accounts ?? []).filter((x) => x.id !== deleting.id));
              setActionError(undefined);
              navigate(routeHref('accounts'), { replace: true });
            } else setActionError(t('accounts.deleteFailed', { reason: reason(r.error) }));
          }}
        >
          <p style={{ margin: 0 }}>{t('accounts.delete.body')}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
