import { useState } from 'react';
import type { AccountDto } from '../../../../shared/api/areas/accounts';
import type { MatchMode, RuleDto } from '../../../../shared/api/areas/rules';
import { useApi } from '../../api/api-context';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useI18n } from '../../i18n/I18nProvider';
import { AccountGate, AccountPicker } from '../simulator/account-choice';
import { MatchModeSwitch } from './MatchModeSwitch';
import { withPriority } from './rule-form';
import { RuleEditor } from './RuleEditor';
import { RuleRow } from './RuleRow';
import { TryIt } from './TryIt';
import { useRuleOrder } from './use-rule-order';
import { useRuleSet } from './use-rule-set';
import './rules.css';

/** `#/rules/<accountId>`: the account's 自动回复. */
export function RulesScreen({ params }: { params: string[] }) {
  return (
    <AccountGate param={params[0]} empty="rules">
      {(accounts, account) => <Rules accounts={accounts} account={account} />}
    </AccountGate>
  );
}

type Editor = { rule?: RuleDto };

function Rules({ accounts, account }: { accounts: AccountDto[]; account: AccountDto }) {
  const { t, errorText } = useI18n();
  const api = useApi();
  const ruleSet = useRuleSet(account.id);
  const { set, setSet, error, reload } = ruleSet;
  const [editor, setEditor] = useState<Editor>();
  const [deleting, setDeleting] = useState<RuleDto>();
  const [failure, setFailure] = useState<string>();
  const [matched, setMatched] = useState<string[]>([]);

  const fail = (e: { code: string; message: string }) =>
    setFailure(t('rules.actionFailed', { reason: errorText(e) }));
  const order = useRuleOrder(ruleSet, fail, () => setFailure(undefined));
  const { ordered, specific, defaults } = order;
  const nextPriority = (specific.length + 1) * 10;

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
    movable,
    count: movable ? specific.length : ordered.length,
    highlighted: matched.includes(rule.id),
    dragging: order.dragId === rule.id,
    onMove: (d: -1 | 1) => order.moveBy(rule, d),
    onEdit: () => setEditor({ rule }),
    onDelete: () => setDeleting(rule),
    onToggle: (on: boolean) => void toggle(rule, on),
    dragProps: movable ? order.dragProps(rule, index) : {},
  });

  return (
    <div className="rules-screen">
      <div className="page-head">
        <p>{t('rules.intro')}</p>
        <AccountPicker screen="rules" accounts={accounts} value={account.id} label={t('rules.account')} />
      </div>
      {error && (
        <div className="alert" role="alert">
          {t('rules.loadFailed', { reason: errorText(error) })}{' '}
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
        {order.announce}
      </div>

      <div className="rules-layout">
        <div className="rules-col">
          <div className="rules-toolbar">
            <MatchModeSwitch set={set} onChange={(m) => void setMode(m)} />
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
