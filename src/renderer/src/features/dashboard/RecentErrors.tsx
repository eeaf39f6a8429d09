import { useEffect, useState } from 'react';
import type { ApiLogEntryDto } from '../../../../shared/api/areas/apilog';
import type { CallbackSummaryDto } from '../../../../shared/api/areas/callbacks';
import type { Bilingual } from '../../../../shared/api/areas/common';
import { useApi, useApiEvent, useResyncKey } from '../../api/api-context';
import { isMessageKey, type Translate } from '../../i18n/i18n';
import { useI18n } from '../../i18n/I18nProvider';
import { routeHref } from '../../shell/router';
import { explanationOf, isFailure } from '../apilog/use-api-log';
import { typeLabel } from '../callbacks/format';
import { logHref } from '../simulator/ChatMessage';
import { failed } from './use-recent-callbacks';

/** The last failed callbacks and API calls, each with what it means. */
export function RecentErrors({
  accountId,
  callbacks,
}: {
  accountId: string;
  callbacks: CallbackSummaryDto[];
}) {
  const { t, fmt, pick } = useI18n();
  const api = useApi();
  const resync = useResyncKey();
  const [apiErrors, setApiErrors] = useState<ApiLogEntryDto[]>([]);
  useEffect(() => {
    let live = true;
    void api.call('apilog.list', { accountId, limit: 200 }).then((r) => {
      if (live && r.ok) setApiErrors(r.value.items.filter(isFailure));
    });
    return () => {
      live = false;
    };
  }, [api, accountId, resync]);
  useApiEvent('apilog.appended', (e) => {
    if (e.accountId === accountId && isFailure(e)) setApiErrors((prev) => [e, ...prev]);
  });

  type Row = {
    key: string;
    at: number;
    kind: 'callback' | 'api';
    what: string;
    why: string;
    href: string;
    name: string;
  };
  const rows: Row[] = [
    ...callbacks.filter(failed).map((c) => ({
      key: `c${c.id}`,
      at: c.at,
      kind: 'callback' as const,
      what: `${c.method} ${c.path}${c.msgType ? ` · ${typeLabel(t, c)}` : ''}`,
      why: reasonText(c.reason, t),
      href: logHref(c.id),
      name: t('dash.errors.openCallback', { id: c.id }),
    })),
    ...apiErrors.map((e) => ({
      key: `a${e.id}`,
      at: e.at,
      kind: 'api' as const,
      what: `${e.method} ${e.path}`,
      why: e.error ?? apiWhy(e, pick),
      href: routeHref('apilog', accountId),
      name: t('dash.errors.openApi'),
    })),
  ]
    .sort((a, b) => b.at - a.at)
    .slice(0, 8);

  return (
    <div className="dash-errors">
      <h3 className="section-title">{t('dash.errors')}</h3>
      {rows.length === 0 ? (
        <p className="field-hint">{t('dash.errors.none')}</p>
      ) : (
        <ul className="dash-error-list" data-testid="recent-errors">
          {rows.map((r) => (
            <li key={r.key}>
              <span className="badge">
                {t(r.kind === 'api' ? 'dash.errors.api' : 'dash.errors.callback')}
              </span>
              <span className="dash-error-main">
                <span className="dash-bad">{r.why}</span>
                <code className="dash-error-what">{r.what}</code>
              </span>
              <span className="field-hint">{fmt.time(r.at)}</span>
              <a className="btn btn-sm btn-ghost" href={r.href} aria-label={r.name}>
                {t('dash.errors.open')}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** An API failure in words: the errcode's explanation when the renderer knows it, else WeChat's errmsg. */
function apiWhy(e: ApiLogEntryDto, pick: (b: Bilingual) => string): string {
  if (e.errcode === null) return `HTTP ${e.status}`;
  const ex = explanationOf(e);
  return `errcode ${e.errcode} · ${ex ? pick({ zh: ex.zh, en: ex.en }) : (e.errmsg ?? '')}`;
}

/** The dashboard's words for a failure reason it explains; any other reason as its own word. */
function reasonText(reason: string, t: Translate): string {
  const key = `dash.reason.${reason}`;
  return isMessageKey(key) ? t(key) : reason;
}
