import type { AccountDto } from '../../../../shared/api/areas/accounts';
import { useI18n } from '../../i18n/I18nProvider';
import { AccountGate, AccountPicker } from '../simulator/account-choice';
import { ButtonForm } from './ButtonForm';
import { MenuIssues } from './MenuIssues';
import { MenuToolbar } from './MenuToolbar';
import { addSub, addTop, buttonAt, move, remove, update } from './menu-model';
import { PhonePreview } from './PhonePreview';
import { useMenuDraft } from './use-menu-draft';
import './menu.css';

/** `#/menu/<accountId>`: the 自定义菜单 editor. */
export function MenuScreen({ params }: { params: string[] }) {
  return (
    <AccountGate param={params[0]} empty="menu">
      {(accounts, account) => <MenuEditor accounts={accounts} account={account} />}
    </AccountGate>
  );
}

function MenuEditor({ accounts, account }: { accounts: AccountDto[]; account: AccountDto }) {
  const { t } = useI18n();
  const draft = useMenuDraft(account.id);
  const { menu, selected, setSelected, issues, edit } = draft;

  const head = (
    <header className="menu-top">
      <div>
        <p className="field-hint">{t('menu.intro')}</p>
      </div>
      <AccountPicker screen="menu" accounts={accounts} value={account.id} label={t('menu.account')} />
    </header>
  );
  if (!menu)
    return (
      <div className="menu-screen">
        {head}
        {draft.loadError ? (
          <div className="alert" role="alert" data-testid="menu-load-failed">
            {draft.loadError}{' '}
            <button type="button" className="btn btn-sm" onClick={() => void draft.loadCurrent()}>
              {t('common.retry')}
            </button>
          </div>
        ) : (
          <p className="field-hint">{t('common.loading')}</p>
        )}
      </div>
    );
  const button = selected ? buttonAt(menu, selected) : undefined;
  const siblings = selected
    ? selected.sub === undefined
      ? menu.button.length
      : (menu.button[selected.top]?.sub_button?.length ?? 0)
    : 0;
  const index = selected ? (selected.sub ?? selected.top) : 0;

  return (
    <div className="menu-screen">
      {head}
      <MenuToolbar draft={draft} canPublish={!issues.some((i) => i.severity === 'error')} />
      <div className="menu-body">
        <div className="menu-left">
          <PhonePreview
            menu={menu}
            accountName={account.name}
            selected={selected}
            issues={issues}
            onSelect={setSelected}
            onAddTop={() => edit(...addTop(menu, t('menu.newTop')))}
            onAddSub={(top) => edit(...addSub(menu, top, t('menu.newSub')))}
          />
          <MenuIssues issues={issues} onSelect={setSelected} />
        </div>
        <div className="menu-right">
          {selected && button ? (
            <ButtonForm
              button={button}
              selection={selected}
              issues={issues}
              canMoveUp={index > 0}
              canMoveDown={index < siblings - 1}
              onChange={(p) => edit(update(menu, selected, p))}
              onRemove={() => edit(...remove(menu, selected))}
              onMove={(by) => edit(...move(menu, selected, by))}
            />
          ) : (
            <p className="card menu-hint">{t('menu.selectHint')}</p>
          )}
        </div>
      </div>
    </div>
  );
}
