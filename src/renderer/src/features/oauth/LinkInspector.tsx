import { useId, useState } from 'react';
import type { OauthInspectDto } from '../../../../shared/api/areas/oauth';
import { useApi } from '../../api/api-context';
import { CopyButton } from '../../components/CopyButton';
import { useI18n } from '../../i18n/I18nProvider';

const SEVERITY_CLASS = { error: 'alert', warn: 'notice', info: 'oauth-info' } as const;

/** Checks an authorize link built by the developer's own H5 code (§8.2), and offers it rebuilt. */
export function LinkInspector({ accountId }: { accountId: string }) {
  const { t, pick, errorText } = useI18n();
  const api = useApi();
  const uid = useId();
  const [text, setText] = useState('');
  const [result, setResult] = useState<OauthInspectDto>();
  const [failure, setFailure] = useState<string>();

  const check = async () => {
    const r = await api.call('oauth.inspectUrl', { url: text, accountId });
    if (r.ok) {
      setResult(r.value);
      setFailure(undefined);
    } else {
      setResult(undefined);
      setFailure(errorText(r.error));
    }
  };

  return (
    <section className="card oauth-inspect" aria-labelledby={`${uid}-title`}>
      <h2 id={`${uid}-title`} className="section-title">
        {t('oauth.inspect.title')}
      </h2>
      <label className="field-label" htmlFor={`${uid}-url`}>
        {t('oauth.inspect.label')}
      </label>
      <textarea
        id={`${uid}-url`}
        className="input mono oauth-inspect-input"
        rows={3}
        value={text}
        spellCheck={false}
        placeholder="https://open.weixin.qq.com/connect/oauth2/authorize?appid=…#wechat_redirect"
        onChange={(e) => setText(e.target.value)}
      />
      <div>
        <button type="button" className="btn btn-sm" disabled={!text.trim()} onClick={() => void check()}>
          {t('oauth.inspect.check')}
        </button>
      </div>
      {failure && (
        <div className="alert" role="alert">
          {failure}
        </div>
      )}
      {result && (
        <div className="oauth-inspect-result" aria-live="polite">
          {result.problems.length === 0 ? (
            <p className="oauth-last-ok" data-testid="oauth-inspect-ok">
              <strong>{t('oauth.inspect.ok')}</strong>
            </p>
          ) : (
            <ul className="oauth-issues" data-testid="oauth-inspect-problems">
              {result.problems.map((p) => (
                <li key={p.code} className={SEVERITY_CLASS[p.severity]} data-problem={p.code}>
                  <strong>{t(`oauth.issue.${p.severity}`)}</strong> {pick(p.message)}
                </li>
              ))}
            </ul>
          )}
          {result.fixedUrl && (
            <>
              <div className="oauth-result-head">
                <h3 className="section-title">{t('oauth.inspect.fixed')}</h3>
                <CopyButton value={result.fixedUrl} name={t('oauth.inspect.fixed')} />
              </div>
              <code className="code-box oauth-url" data-testid="oauth-inspect-fixed">
                {result.fixedUrl}
              </code>
            </>
          )}
        </div>
      )}
    </section>
  );
}
