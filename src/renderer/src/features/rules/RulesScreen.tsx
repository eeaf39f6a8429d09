import { useCallback, useEffect, useState } from 'react';
import type { AccountDto } from '../../../../shared/api/areas/accounts';
import type { MatchMode, RuleDto, RuleSetDto } from '../../../../shared/api/areas/rules';
import { useApi, useApiEvent, useResyncKey } from '../../api/api-context';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useI18n } from '../../i18n/I18nProvider';
import { AccountPicker, NoAccount, useAccountChoice } from '../simulator/account-choice';
import { evaluationOrder, withPriority } from './rule-form';
import { RuleEditor } from './RuleEditor';
import { RuleRow } from './RuleRow';
import { TryIt } from './TryIt';
import './rules.css';

/** `#/rules/<accountId>`: the account's 自动回复. */
export function RulesScreen({ params }: { params: string[] }) {
  const { t } = useI18n();
  const { accounts, account } = useAccountChoice(params[0]);
  if (accounts && !account)
    return (
      <NoAccount
        title={t('rules.noAccount.title')}
        body={t('rules.noAccount.body')}
        action={t('rules.noAccount.action')}
      />
    );
  if (!accounts || !account) return <p className="field-hint">{t('common.loading')}</p>;
  return <Rules key={account.id} accounts={accounts} account={account} />;
}

function useRuleSet(accountId: string) {
  const api = useApi();
  const resync = useResyncKey();
  const [set, setSet] = useState<RuleSetDto>();
  const [error, setError] = useState<{ code: string; message: string }>();
  const [nonce, setNonce] = useState(0);
  useEffect(() => {
    let live = true;
    void api.call('rules.list', { accountId }).then((r) => {
      if (!live) return;
      if (r.ok) {
        setSet(r.value);
        setError(undefined);
      } else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [api, accountId, resync, nonce]);
  useApiEvent('rules.changed', (p) => p.accountId === accountId && setNonce((n) => n + 1));
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { set, setSet, error, reload };
}

type Editor = { rule?: RuleDto };

function Rules({ accounts, account }: { accounts: AccountDto[]; account: AccountDto }) {
  const { t, errorText } = useI18n();
  const api = useApi();
  const { set, setSet, error, reload } = useRuleSet(account.id);
  const [editor, setEditor] = useState<Editor>();
  const [deleting, setDeleting] = useState<RuleDto>();
  const [failure, setFailure] = useState<string>();
  const [matched, setMatched] = useState<string[]>([]);
  const [dragId, setDragId] = useState<string>();
  const [announce, setAnnounce] = useState('');

  const ordered = set ? evaluationOrder(set.rules) : [];
  const specific = ordered.filter((r) => r.trigger.kind !== 'default');
  const defaults = ordered.filter((r) => r.trigger.kind === 'default');
  const nextPriority = (specific.length + 1) * 10;

  const fail = (e: { code: string; message: string }) =>
    setFailure(t('rules.actionFailed', { reason: errorText(e as never) }));

  /** Persists an order of the specific rules as priorities 10, 20, 30... (only those that change). */
  const persistOrder = async (next: RuleDto[]) => {
    if (!set) return;
    const withNew = next.map((r, i) => ({ r, p: (i + 1) * 10 }));
    setSet({
      ...set,
      rules: [...withNew.map(({ r, p }) => ({ ...r, priority: p })), ...defaults],
    });
    const results = await Promise.all(
      withNew
        .filter(({ r, p }) => r.priority !== p)
        .map(({ r, p }) => api.call('rules.save', withPriority(r, p))),
    );
    const bad = results.find((x) => !x.ok);
    if (bad && !bad.ok) {
      fail(bad.error);
      reload();
    } else setFailure(undefined);
  };

  const move = (rule: RuleDto, to: number) => {
    const from = specific.findIndex((r) => r.id === rule.id);
    if (from < 0 || to < 0 || to >= specific.length || to === from) return;
    const next = [...specific];
    next.splice(from, 1);
    next.splice(to, 0, rule);
    setAnnounce(t('rules.moved', { name: rule.name, position: to + 1 }));
    void persistOrder(next);
  };

  const moveBy = (rule: RuleDto, delta: -1 | 1) => {
    const from = specific.findIndex((r) => r.id === rule.id);
    move(rule, from + delta);
    // Keep the keyboard where it was: on the same arrow, or the other one at an end of the list.
    requestAnimationFrame(() => {
      const row = document.querySelector(`[data-rule-id="${rule.id}"]`);
      const buttons = row?.querySelectorAll<HTMLButtonElement>('.rules-actions .btn-ghost');
      if (!buttons) return;
      const [up, down] = [buttons[0], buttons[1]];
      const want = delta < 0 ? up : down;
      (want && !want.disabled ? want : delta < 0 ? down : up)?.focus();
    });
  };

  const setMode = async (matchMode: MatchMode) => {
    const r = await api.call('rules.setMatchMode', { accountId: account.id, matchMode });
    if (r.ok) setSet(r.value);
    else fail(r.error);
  };

  const toggle = async (rule: RuleDto, enabled: boolean) => {
    const r = await api.call('rules.save', { ...withPriority(rule, rule.priority), enabled });
    if (!r.ok) fail(r.error);
    reload();
  };

  const rowProps = (rule: RuleDto, index: number, movable: boolean) => ({
    rule,
    index,
    t,
    movable,
    count: movable ? specific.length : ordered.length,
    highlighted: matched.includes(rule.id),
    dragging: dragId === rule.id,
    onMove: (d: -1 | 1) => moveBy(rule, d),
    onEdit: () => setEditor({ rule }),
    onDelete: () => setDeleting(rule),
    onToggle: (on: boolean) => void toggle(rule, on),
    dragProps: movable
      ? {
          draggable: true,
          onDragStart: (e: React.DragEvent<HTMLLIElement>) => {
            setDragId(rule.id);
            e.dataTransfer.effectAllowed = 'move';
            e.dataTransfer.setData('text/plain', rule.id);
          },
          onDragOver: (e: React.DragEvent<HTMLLIElement>) => {
            if (!dragId) return;
            e.preventDefault();
            e.dataTransfer.dropEffect = 'move';
          },
          onDrop: (e: React.DragEvent<HTMLLIElement>) => {
            e.preventDefault();
            const dragged = specific.find((r) => r.id === (dragId ?? e.dataTransfer.getData('text/plain')));
            setDragId(undefined);
            if (dragged) move(dragged, index);
          },
          onDragEnd: () => setDragId(undefined),
        }
      : {},
  });

  return (
    <div className="rules-screen">
      <div className="page-head">
        <p>{t('rules.intro')}</p>
        <AccountPicker screen="rules" accounts={accounts} value={account.id} label={t('rules.account')} />
      </div>
      {error && (
        <div className="alert" role="alert">
          {t('rules.loadFailed', { reason: errorText(error as never) })}{' '}
          <button type="button" className="btn btn-sm" onClick={reload}>
            {t('common.retry')}
          </button>
        </div>
      )}
      {failure && (
        <div className="alert" role="alert">
          {failure}
        </div>
      )}
      <div className="visually-hidden" aria-live="polite">
        {announce}
      </div>

      <div className="rules-layout">
        <div className="rules-col">
          <div className="rules-toolbar">
            <div className="rules-mode">
              <span className="field-label" id="rules-mode-label">
                {t('rules.matchMode')}
              </span>
              <div className="segmented" role="group" aria-labelledby="rules-mode-label">
                {(['first', 'all'] as const).map((m) => (
                  <button
                    key={m}
                    type="button"
                    aria-pressed={set?.matchMode === m}
                    disabled={!set}
                    onClick={() => void setMode(m)}
                  >
                    {t(`rules.matchMode.${m}`)}
                  </button>
                ))}
              </div>
              {set && <span className="field-hint">{t(`rules.matchMode.hint.${set.matchMode}`)}</span>}
            </div>
            <button type="button" className="btn btn-primary" onClick={() => setEditor({})}>
              {t('rules.new')}
            </button>
          </div>

          {!set && !error && <p className="field-hint">{t('common.loading')}</p>}
          {set && ordered.length === 0 && (
            <div className="card empty">
              <h2>{t('rules.empty.title')}</h2>
              <p>{t('rules.empty.body')}</p>
            </div>
          )}
          {ordered.length > 0 && (
            <ol className="card rules-list" aria-label={t('rules.list')}>
              {specific.map((r, i) => (
                <RuleRow key={r.id} {...rowProps(r, i, true)} />
              ))}
              {defaults.map((r, i) => (
                <RuleRow key={r.id} {...rowProps(r, specific.length + i, false)} />
              ))}
            </ol>
          )}
        </div>
        <TryIt accountId={account.id} onMatched={setMatched} />
      </div>

      {editor && (
        <RuleEditor
          accountId={account.id}
          existing={editor.rule}
          nextPriority={nextPriority}
          onClose={() => setEditor(undefined)}
          onSaved={() => {
            setEditor(undefined);
            setFailure(undefined);
            reload();
          }}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title={t('rules.delete.title', { name: deleting.name })}
          confirmLabel={t('common.delete')}
          onClose={() => setDeleting(undefined)}
          onConfirm={async () => {
            const r = await api.call('rules.delete', { id: deleting.id });
            setDeleting(undefined);
            if (!r.ok) fail(r.error);
            reload();
          }}
        >
          <p style={{ margin: 0 }}>{t('rules.delete.body')}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
