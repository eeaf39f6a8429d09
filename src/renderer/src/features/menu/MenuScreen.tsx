import { useCallback, useEffect, useRef, useState } from 'react';
import type { AccountDto } from '../../../../shared/api/areas/accounts';
import type { MenuDto, MenuIssueDto } from '../../../../shared/api/areas/menu';
import type { ErrorBody } from '../../../../shared/errors';
import { useApi } from '../../api/api-context';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useIssueText } from '../../i18n/i18n';
import { AccountPicker, NoAccount, useAccountChoice } from '../simulator/account-choice';
import { useErrorText, useFeatureT } from '../../i18n/feature-i18n';
import { ButtonForm } from './ButtonForm';
import { addSub, addTop, buttonAt, move, remove, update, type Selection } from './menu-model';
import { menuMessages } from './messages';
import { PhonePreview } from './PhonePreview';
import './menu.css';

/** `#/menu/<accountId>`: the 自定义菜单 editor. */
export function MenuScreen({ params }: { params: string[] }) {
  const t = useFeatureT(menuMessages);
  const { accounts, account } = useAccountChoice(params[0]);
  if (accounts && !account)
    return (
      <NoAccount
        title={t('menu.noAccount.title')}
        body={t('menu.noAccount.body')}
        action={t('menu.noAccount.action')}
      />
    );
  if (!accounts || !account) return <p className="field-hint">{t('common.loading')}</p>;
  return <MenuEditor key={account.id} accounts={accounts} account={account} />;
}

const clock = (at: number) => new Date(at).toLocaleTimeString();

function MenuEditor({ accounts, account }: { accounts: AccountDto[]; account: AccountDto }) {
  const t = useFeatureT(menuMessages);
  const api = useApi();
  const errorText = useErrorText();
  const issueText = useIssueText();
  const [menu, setMenu] = useState<MenuDto | null>(null);
  const [selected, setSelected] = useState<Selection | null>(null);
  const [issues, setIssues] = useState<MenuIssueDto[]>([]);
  const [status, setStatus] = useState<{ text: string; tone?: 'error' | 'ok' } | null>(null);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const [confirm, setConfirm] = useState<'publish' | 'delete' | 'load' | null>(null);
  const dirty = useRef(false);

  const fail = useCallback(
    (e: ErrorBody) => setStatus({ text: t('menu.failed', { reason: errorText(e) }), tone: 'error' }),
    [t, errorText],
  );

  const loadCurrent = useCallback(async () => {
    const r = await api.call('menu.get', { accountId: account.id });
    if (!r.ok) return fail(r.error);
    dirty.current = true;
    setMenu(r.value.menu ?? { button: [] });
    setSelected(r.value.menu?.button.length ? { top: 0 } : null);
    setStatus({ text: t(r.value.menu ? 'menu.source.current' : 'menu.source.none') });
  }, [api, account.id, fail, t]);

  // The draft if there is one, else what the platform has now.
  useEffect(() => {
    let live = true;
    void api.call('menu.draftGet', { accountId: account.id }).then((r) => {
      if (!live) return;
      if (r.ok && r.value.draft) {
        setMenu(r.value.draft.menu);
        setSavedAt(r.value.draft.updatedAt);
        setSelected(r.value.draft.menu.button.length ? { top: 0 } : null);
        setStatus({ text: t('menu.source.draft') });
      } else void loadCurrent();
    });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, account.id]);

  // Core checks every change (its own §7.2 rules); the draft is saved shortly after an edit.
  useEffect(() => {
    if (!menu) return;
    const v = setTimeout(() => {
      void api.call('menu.validate', { menu }).then((r) => r.ok && setIssues(r.value.issues));
    }, 150);
    const s = dirty.current
      ? setTimeout(() => {
          void api.call('menu.draftSave', { accountId: account.id, menu }).then((r) => {
            if (r.ok) setSavedAt(r.value.updatedAt);
          });
        }, 400)
      : undefined;
    return () => {
      clearTimeout(v);
      clearTimeout(s);
    };
  }, [api, account.id, menu]);

  const edit = (next: MenuDto, sel?: Selection | null) => {
    dirty.current = true;
    setMenu(next);
    if (sel !== undefined) setSelected(sel);
  };

  if (!menu) return <p className="field-hint">{t('common.loading')}</p>;
  const button = selected ? buttonAt(menu, selected) : undefined;
  const errors = issues.filter((i) => i.severity === 'error');
  const siblings = selected
    ? selected.sub === undefined
      ? menu.button.length
      : (menu.button[selected.top]?.sub_button?.length ?? 0)
    : 0;
  const index = selected ? (selected.sub ?? selected.top) : 0;

  const publish = async () => {
    const r = await api.call('menu.publish', { accountId: account.id, menu });
    setConfirm(null);
    if (r.ok) setStatus({ text: t('menu.published', { time: clock(r.value.publishedAt) }), tone: 'ok' });
    else setStatus({ text: t('menu.publishFailed', { reason: errorText(r.error) }), tone: 'error' });
  };
  const del = async () => {
    const r = await api.call('menu.delete', { accountId: account.id });
    setConfirm(null);
    if (r.ok) setStatus({ text: t('menu.deleted'), tone: 'ok' });
    else fail(r.error);
  };

  return (
    <div className="menu-screen">
      <header className="menu-top">
        <div>
          <p className="field-hint">{t('menu.intro')}</p>
        </div>
        <AccountPicker screen="menu" accounts={accounts} value={account.id} label={t('menu.account')} />
      </header>
      <div className="menu-toolbar">
        <button
          type="button"
          className="btn"
          onClick={() => (savedAt !== null ? setConfirm('load') : void loadCurrent())}
        >
          {t('menu.loadCurrent')}
        </button>
        <button type="button" className="btn btn-danger" onClick={() => setConfirm('delete')}>
          {t('menu.deleteMenu')}
        </button>
        <span className="menu-status" role="status" data-tone={status?.tone}>
          {status?.text}
          {savedAt !== null && (
            <span className="menu-saved">{t('menu.draftSaved', { time: clock(savedAt) })}</span>
          )}
        </span>
        <button
          type="button"
          className="btn btn-primary"
          disabled={errors.length > 0}
          onClick={() => setConfirm('publish')}
        >
          {t('menu.publish')}
        </button>
      </div>
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
            t={t}
          />
          <section className="menu-issues" aria-label={t('menu.issues')}>
            <h2>{t('menu.issues')}</h2>
            {issues.length === 0 ? (
              <p className="menu-ok">{t('menu.issues.none')}</p>
            ) : (
              <>
                {errors.length > 0 && (
                  <p className="menu-bad">{t('menu.issues.errors', { n: errors.length })}</p>
                )}
                <ul>
                  {issues.map((i) => (
                    <li key={`${i.path}-${i.key}`} data-tone={i.severity}>
                      <button
                        type="button"
                        className="linklike"
                        onClick={() => setSelected(selectionOf(i.path))}
                      >
                        <code>{i.path}</code>
                      </button>{' '}
                      {issueText(i)}
                      {i.errcode > 0 && (
                        <span className="menu-code">{t('menu.issue.code', { code: i.errcode })}</span>
                      )}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
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
              t={t}
            />
          ) : (
            <p className="card menu-hint">{t('menu.selectHint')}</p>
          )}
        </div>
      </div>
      {confirm === 'publish' && (
        <ConfirmDialog
          title={t('menu.publish.title')}
          confirmLabel={t('menu.publish')}
          onConfirm={publish}
          onClose={() => setConfirm(null)}
        >
          <p>{t('menu.publish.body')}</p>
        </ConfirmDialog>
      )}
      {confirm === 'load' && (
        <ConfirmDialog
          title={t('menu.load.title')}
          confirmLabel={t('menu.loadCurrent')}
          onConfirm={async () => {
            setConfirm(null);
            await loadCurrent();
          }}
          onClose={() => setConfirm(null)}
        >
          <p>{t('menu.load.body')}</p>
        </ConfirmDialog>
      )}
      {confirm === 'delete' && (
        <ConfirmDialog
          title={t('menu.delete.title')}
          confirmLabel={t('menu.deleteMenu')}
          onConfirm={del}
          onClose={() => setConfirm(null)}
        >
          <p>{t('menu.delete.body')}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}

function selectionOf(path: string): Selection | null {
  const m = /^button\.(\d+)(?:\.sub_button\.(\d+))?/.exec(path);
  if (!m) return null;
  return m[2] === undefined ? { top: Number(m[1]) } : { top: Number(m[1]), sub: Number(m[2]) };
}
