import type { ApiRequestResult } from '../../../../shared/api/areas/api';
import { useI18n } from '../../i18n/I18nProvider';
import { pretty } from './pretty-json';

/** What came back: status and timing, the errcode in words with its fix, and the body. */
export function ApiResult({
  result,
  onOpenEntry,
}: {
  result: ApiRequestResult;
  onOpenEntry: (id: string) => void;
}) {
  const { t, pick } = useI18n();
  const ok = (result.errcode === null || result.errcode === 0) && result.status < 400;
  return (
    <div className="apilog-result" role="status" aria-label={t('apilog.result')} data-testid="api-result">
      <div className="apilog-result-head">
        <strong>{t('apilog.result')}</strong>
        <span className="field-hint">
          {t('apilog.result.status', { status: result.status, ms: result.latencyMs, host: result.host })}
        </span>
        {result.logId && (
          <button type="button" className="btn btn-sm" onClick={() => onOpenEntry(result.logId!)}>
            {t('apilog.openEntry')}
          </button>
        )}
      </div>
      {ok ? (
        <div className="verdict" data-tone="ok">
          {t('apilog.result.ok')}
        </div>
      ) : result.errcode !== null ? (
        <div className="verdict" data-tone="bad">
          <strong>
            errcode {result.errcode}
            {result.explanation ? ` · ${pick({ zh: result.explanation.zh, en: result.explanation.en })}` : ''}
          </strong>
          {result.explanation && (
            <div>{pick({ zh: result.explanation.hintZh, en: result.explanation.hintEn })}</div>
          )}
          {result.errmsg && <code>{result.errmsg}</code>}
        </div>
      ) : null}
      <pre className="code-box apilog-pre">{pretty(result.response)}</pre>
    </div>
  );
}
