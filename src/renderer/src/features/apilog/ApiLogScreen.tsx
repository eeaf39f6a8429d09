import { useState } from 'react';
import type { AccountDto } from '../../../../shared/api/areas/accounts';
import type { ApiLogEntryDto } from '../../../../shared/api/areas/apilog';
import { useI18n } from '../../i18n/I18nProvider';
import { AccountGate, AccountPicker } from '../simulator/account-choice';
import { ApiConsole } from './ApiConsole';
import { ApiLogDetail } from './ApiLogDetail';
import { explanationOf, isFailure, useApiLog } from './use-api-log';
import './apilog.css';
import { CheckboxLabel } from '../../components/CheckboxLabel';

/** `#/apilog/<accountId>`: the API call log and the 接口调试 console. */
export function ApiLogScreen({ params }: { params: string[] }) {
  return (
    <AccountGate param={params[0]} empty="apilog">
      {(accounts, account) => <ApiLog accounts={accounts} account={account} />}
    </AccountGate>
  );
}

function ApiLog({ accounts, account }: { accounts: AccountDto[]; account: AccountDto }) {
  const { t, fmt, pick, errorText } = useI18n();
  const [scope, setScope] = useState<'account' | 'all'>('account');
  const log = useApiLog(scope === 'account' ? account.id : undefined);
  const [errorsOnly, setErrorsOnly] = useState(false);
  const [search, setSearch] = useState('');
  const [openId, setOpenId] = useState<string>();

  const shown = log.items.filter(
    (e) => (!errorsOnly || isFailure(e)) && (!search || e.path.toLowerCase().includes(search.toLowerCase())),
  );
  const open = log.items.find((e) => e.id === openId);
  const resultText = (e: ApiLogEntryDto) => {
    if (e.error) return t('apilog.networkError');
    if (e.errcode !== null && e.errcode !== 0) {
      const ex = explanationOf(e);
      return `${e.errcode}${ex ? ` · ${pick({ zh: ex.zh, en: ex.en })}` : ''}`;
    }
    return e.status === null ? '—' : `${e.status}${e.errcode === 0 ? ' · 0' : ''}`;
  };

  return (
    <div className="apilog-screen">
      <div className="page-head">
        <p>{t('apilog.intro')}</p>
        <AccountPicker screen="apilog" accounts={accounts} value={account.id} label={t('apilog.account')} />
      </div>
      <ApiConsole accountId={account.id} onOpenEntry={setOpenId} />

      <div className="apilog-toolbar">
        <h2 className="section-title">{t('apilog.log')}</h2>
        <div className="segmented" role="group" aria-label={t('apilog.log')}>
          {(['account', 'all'] as const).map((s) => (
            <button key={s} type="button" aria-pressed={scope === s} onClick={() => setScope(s)}>
              {t(`apilog.scope.${s}`)}
            </button>
          ))}
        </div>
        <CheckboxLabel className="apilog-check" checked={errorsOnly} onChange={setErrorsOnly}>
          {t('apilog.filter.errors')}
        </CheckboxLabel>
        <input
          className="input apilog-search"
          type="search"
          aria-label={t('apilog.filter.search')}
          placeholder={t('apilog.filter.search')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <span className="field-hint">{t('apilog.count', { shown: shown.length, total: log.total })}</span>
      </div>
      {log.error && (
        <div className="alert" role="alert">
          {errorText(log.error)}
        </div>
      )}

      <div className={open ? 'apilog-split apilog-split-open' : 'apilog-split'}>
        <div className="card apilog-table-wrap">
          {log.loaded && log.items.length === 0 ? (
            <p className="empty">{t('apilog.empty')}</p>
          ) : log.loaded && shown.length === 0 ? (
            <p className="empty">{t('apilog.noMatch')}</p>
          ) : (
            <table className="apilog-table" aria-label={t('apilog.log')}>
              <thead>
                <tr>
                  <th scope="col">{t('apilog.col.time')}</th>
                  <th scope="col">{t('apilog.col.method')}</th>
                  <th scope="col">{t('apilog.col.path')}</th>
                  <th scope="col">{t('apilog.col.result')}</th>
                  <th scope="col" className="num">
                    {t('apilog.col.latency')}
                  </th>
                  <th scope="col">{t('apilog.col.origin')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((e) => (
                  <tr
                    key={e.id}
                    data-testid="apilog-row"
                    aria-selected={e.id === openId}
                    data-bad={isFailure(e) || undefined}
                    onClick={() => setOpenId(e.id)}
                  >
                    <td className="mono">{fmt.time(e.at)}</td>
                    <td>
                      <span className="apilog-method">{e.method}</span>
                    </td>
                    <td className="apilog-path">
                      <button type="button" className="apilog-rowbtn" onClick={() => setOpenId(e.id)}>
                        {e.path}
                      </button>
                    </td>
                    <td
                      className={`apilog-result-cell ${isFailure(e) ? 'apilog-bad' : 'apilog-good'}`}
                      title={resultText(e)}
                    >
                      {resultText(e)}
                    </td>
                    <td className="num mono">{e.latencyMs}</td>
                    <td>{t(`apilog.origin.${e.origin}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {log.loadMore && (
            <div className="apilog-more">
              <button type="button" className="btn btn-sm" onClick={() => void log.loadMore?.()}>
                {t('apilog.loadMore')}
              </button>
            </div>
          )}
        </div>
        {open ? (
          <ApiLogDetail entry={open} onClose={() => setOpenId(undefined)} />
        ) : (
          <p className="field-hint apilog-none">{t('apilog.detail.none')}</p>
        )}
      </div>
    </div>
  );
}
