import { useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import type { AccountDto } from '../../../../shared/api/areas/accounts';
import type { FanDto } from '../../../../shared/api/areas/fans';
import { useApi } from '../../api/api-context';
import { errorLine } from '../../components/wechat-refusal';
import { useI18n } from '../../i18n/I18nProvider';
import { AccountGate, AccountPicker } from '../simulator/account-choice';
import { BatchBar } from './BatchBar';
import { downloadText } from './download';
import { FanDrawer } from './FanDrawer';
import { FIRST_FILTER, toListInput } from './fan-filter';
import { FanList } from './FanList';
import { FansToolbar } from './FansToolbar';
import { SandboxFans } from './SandboxFans';
import { SyncBar } from './SyncBar';
import { TagManager } from './TagManager';
import { useFanSync, useFanTags } from './use-fan-sync';
import { useFans } from './use-fans';
import './fans.css';

/** `#/fans/<accountId>/<openid>`: 用户管理, read from MPDesk's store. */
export function FansScreen({ params }: { params: string[] }) {
  return (
    <AccountGate param={params[0]} empty="fans">
      {(accounts, account) => <Fans accounts={accounts} account={account} openid={params[1]} />}
    </AccountGate>
  );
}

function Fans({
  accounts,
  account,
  openid,
}: {
  accounts: AccountDto[];
  account: AccountDto;
  openid?: string;
}) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const api = useApi();
  const [filter, setFilter] = useState(FIRST_FILTER);
  // Typing stays responsive; the list follows the search a moment later.
  const query = useDeferredValue(filter.query);
  const input = useMemo(() => toListInput(account.id, { ...filter, query }), [account.id, filter, query]);
  const fans = useFans(input);
  const tags = useFanTags(account.id);
  const sync = useFanSync(account.id);
  const [open, setOpen] = useState<string | null>(openid ?? null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [managing, setManaging] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [note, setNote] = useState<{ text: string; error?: boolean } | null>(null);
  const [deepLinked, setDeepLinked] = useState<FanDto>();

  useEffect(() => setOpen(openid ?? null), [openid]);
  // A fan opened from elsewhere (the message centre) may not be on the loaded pages.
  useEffect(() => {
    if (!open || fans.items.some((f) => f.openid === open)) return;
    void api
      .call('fans.get', { accountId: account.id, openid: open })
      .then((r) => r.ok && setDeepLinked(r.value));
  }, [api, account.id, open, fans.items]);
  const fan =
    fans.items.find((f) => f.openid === open) ?? (deepLinked?.openid === open ? deepLinked : undefined);

  const toggle = useCallback(
    (id: string) =>
      setSelected((prev) => {
        const next = new Set(prev);
        if (!next.delete(id)) next.add(id);
        return next;
      }),
    [],
  );
  const exportCsv = async () => {
    setExporting(true);
    const r = await api.call('fans.export', { ...input, lang: locale });
    setExporting(false);
    if (!r.ok) return setNote({ text: errorLine(r.error, i18n), error: true });
    downloadText(r.value.fileName, r.value.csv);
    setNote({ text: t('fans.export.done', { rows: r.value.rows, file: r.value.fileName }) });
  };

  return (
    <div className="fans-screen">
      <header className="fans-top">
        <p className="field-hint">{t('fans.intro')}</p>
        <AccountPicker screen="fans" accounts={accounts} value={account.id} label={t('fans.account')} />
      </header>
      <SyncBar
        status={sync.status}
        error={sync.error}
        onStart={(full) => void sync.start(full)}
        onCancel={() => void sync.cancel()}
      />
      {account.isSandbox && <SandboxFans accountId={account.id} onGenerated={() => void sync.start()} />}
      <FansToolbar
        filter={filter}
        onFilter={setFilter}
        tags={tags.items}
        total={fans.total}
        onManageTags={() => setManaging(true)}
        onExport={() => void exportCsv()}
        exporting={exporting}
      />
      {selected.size > 0 && (
        <BatchBar
          accountId={account.id}
          openids={[...selected]}
          tags={tags.items}
          onClear={() => setSelected(new Set())}
        />
      )}
      {note && (
        <p className={note.error ? 'fans-error' : 'fans-ok'} role={note.error ? 'alert' : 'status'}>
          {note.text}
        </p>
      )}
      {fans.error && (
        <p className="fans-error" role="alert">
          {t('fans.failed', { reason: errorLine(fans.error, i18n) })}
        </p>
      )}
      <div className={fan ? 'fans-body fans-body-open' : 'fans-body'}>
        {fans.items.length === 0 && !fans.loading && !fans.error ? (
          <p className="card fans-empty">
            {fans.total === 0 && !filter.query ? t('fans.empty') : t('fans.noMatch')}
          </p>
        ) : (
          <FanList
            items={fans.items}
            tags={tags.items}
            open={open}
            selected={selected}
            onOpen={setOpen}
            onToggle={toggle}
            onEnd={fans.loadMore}
            loading={fans.loading}
          />
        )}
        {fan && (
          <FanDrawer
            key={fan.openid}
            accountId={account.id}
            fan={fan}
            tags={tags.items}
            onChanged={(f) => {
              fans.replace(f);
              setDeepLinked(f);
              tags.reload();
            }}
            onClose={() => setOpen(null)}
          />
        )}
      </div>
      {managing && (
        <TagManager
          accountId={account.id}
          tags={tags.items}
          onTags={tags.set}
          onClose={() => setManaging(false)}
        />
      )}
    </div>
  );
}
