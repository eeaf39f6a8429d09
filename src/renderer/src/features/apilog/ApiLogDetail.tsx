import type { ApiLogEntryDto } from '../../../../shared/api/areas/apilog';
import { CopyButton } from '../../components/CopyButton';
import { useI18n } from '../../i18n/I18nProvider';
import { pretty } from './pretty-json';
import { explanationOf } from './use-api-log';
import { CloseButton } from '../../components/CloseButton';

/** One call: where it went, what came back, and what its errcode means and how to fix it. */
export function ApiLogDetail({ entry, onClose }: { entry: ApiLogEntryDto; onClose: () => void }) {
  const { t, fmt, pick } = useI18n();
  const ex = explanationOf(entry);
  const url = `${entry.host}${entry.path}${entry.query ? `?${entry.query.replace(/^\?/, '')}` : ''}`;
  return (
    <section className="card apilog-detail" aria-label={t('apilog.detail', { id: entry.id })}>
      <div className="apilog-detail-head">
        <h2>
          <span className="apilog-method">{entry.method}</span> <code>{entry.path}</code>
        </h2>
        <CloseButton label={t('apilog.detail.close')} onClick={onClose} />
      </div>
      <dl className="apilog-dl">
        <dt>{t('apilog.detail.url')}</dt>
        <dd className="apilog-url">
          <code>{url}</code>
          <CopyButton value={url} name={t('apilog.detail.url')} />
        </dd>
        <dt>{t('apilog.detail.status')}</dt>
        <dd>{entry.status ?? '—'}</dd>
        <dt>{t('apilog.detail.latency')}</dt>
        <dd>{entry.latencyMs} ms</dd>
        <dt>{t('apilog.detail.origin')}</dt>
        <dd>
          {t(`apilog.origin.${entry.origin}`)} · {fmt.dateTime(entry.at)}
        </dd>
        {entry.errcode !== null && (
          <>
            <dt>{t('apilog.detail.errcode')}</dt>
            <dd>
              <code>{entry.errcode}</code>{' '}
              {entry.errmsg && <span className="field-hint">{entry.errmsg}</span>}
            </dd>
          </>
        )}
        {entry.errcode !== null && entry.errcode !== 0 && (
          <>
            <dt>{t('apilog.detail.meaning')}</dt>
            <dd>{ex ? pick({ zh: ex.zh, en: ex.en }) : t('apilog.detail.noExplanation')}</dd>
            {ex && (
              <>
                <dt>{t('apilog.detail.fix')}</dt>
                <dd>{pick({ zh: ex.hintZh, en: ex.hintEn })}</dd>
              </>
            )}
          </>
        )}
        {entry.error && (
          <>
            <dt>{t('apilog.detail.error')}</dt>
            <dd className="apilog-bad">{entry.error}</dd>
          </>
        )}
      </dl>
      <h3 className="section-title">{t('apilog.detail.request')}</h3>
      <pre className="code-box apilog-pre">
        {entry.requestBody ? pretty(entry.requestBody) : t('apilog.detail.empty')}
      </pre>
      <h3 className="section-title">{t('apilog.detail.response')}</h3>
      <pre className="code-box apilog-pre">
        {entry.responseBody ? pretty(entry.responseBody) : t('apilog.detail.empty')}
      </pre>
    </section>
  );
}
