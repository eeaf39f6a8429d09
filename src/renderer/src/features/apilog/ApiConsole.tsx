import { useId, useState, type FormEvent } from 'react';
import type { ApiRequestResult } from '../../../../shared/api/areas/api';
import { useApi } from '../../api/api-context';
import { controlProps, Field } from '../../components/Field';
import { useI18n } from '../../i18n/I18nProvider';
import type { Translate } from '../../i18n/i18n';
import { ApiResult } from './ApiResult';
import { rememberExplanation } from './use-api-log';
import { CheckboxLabel } from '../../components/CheckboxLabel';

/** Endpoints an operator reaches for first (docs/wechat-protocol.md §5-§10). */
const COMMON_PATHS = [
  '/cgi-bin/get_api_domain_ip',
  '/cgi-bin/getcallbackip',
  '/cgi-bin/menu/get',
  '/cgi-bin/menu/create',
  '/cgi-bin/get_current_selfmenu_info',
  '/cgi-bin/user/get',
  '/cgi-bin/user/info',
  '/cgi-bin/user/info/batchget',
  '/cgi-bin/message/custom/send',
  '/cgi-bin/qrcode/create',
  '/cgi-bin/openapi/quota/get',
];

const PATH_RE = /^\/[A-Za-z0-9_\-/.]{1,200}$/;

/** The form's own checks before anything is sent; the query lines become an object. */
function checkRequest(
  { method, path, query, body }: { method: 'GET' | 'POST'; path: string; query: string; body: string },
  t: Translate,
) {
  const errs: Record<string, string> = {};
  if (!PATH_RE.test(path.trim())) errs.path = t('apilog.v.path');
  const q: Record<string, string> = {};
  query.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const eq = line.indexOf('=');
    if (eq <= 0) errs.query ??= t('apilog.v.query', { line: i + 1 });
    else q[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  });
  let json: unknown;
  if (method === 'POST' && body.trim()) {
    try {
      json = JSON.parse(body);
    } catch (err) {
      errs.body = t('apilog.v.json', { reason: (err as Error).message });
    }
  }
  return { errs, q, json };
}

/** The 接口调试 form: any endpoint through `api.request`, the token filled in by core. */
export function ApiConsole({
  accountId,
  onOpenEntry,
}: {
  accountId: string;
  onOpenEntry: (id: string) => void;
}) {
  const { t, errorText } = useI18n();
  const api = useApi();
  const uid = useId();
  const [method, setMethod] = useState<'GET' | 'POST'>('GET');
  const [path, setPath] = useState('/cgi-bin/getcallbackip');
  const [query, setQuery] = useState('');
  const [body, setBody] = useState('{\n  \n}');
  const [withToken, setWithToken] = useState(true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ApiRequestResult>();
  const [failure, setFailure] = useState<string>();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const { errs, q, json } = checkRequest({ method, path, query, body }, t);
    setErrors(errs);
    if (Object.keys(errs).length) return;
    setBusy(true);
    const r = await api.call('api.request', {
      accountId,
      method,
      path: path.trim(),
      query: Object.keys(q).length ? q : undefined,
      body: method === 'POST' ? json : undefined,
      withToken,
    });
    setBusy(false);
    if (r.ok) {
      rememberExplanation(r.value.explanation);
      setResult(r.value);
      setFailure(undefined);
    } else {
      setResult(undefined);
      if (r.error.issues?.length)
        setErrors(Object.fromEntries(r.error.issues.map((i) => [i.path, i.message])));
      setFailure(t('apilog.failed', { reason: errorText(r.error) }));
    }
  };

  return (
    <section className="card apilog-console" aria-labelledby={`${uid}-h`}>
      <div>
        <h2 id={`${uid}-h`} className="section-title">
          {t('apilog.console')}
        </h2>
        <p className="field-hint">{t('apilog.console.intro')}</p>
      </div>
      <form className="apilog-form" onSubmit={submit} noValidate>
        <div className="apilog-line">
          <Field id={`${uid}-method`} label={t('apilog.method')}>
            <select
              id={`${uid}-method`}
              className="select"
              value={method}
              onChange={(e) => setMethod(e.target.value as 'GET' | 'POST')}
            >
              <option>GET</option>
              <option>POST</option>
            </select>
          </Field>
          <Field id={`${uid}-path`} label={t('apilog.path')} hint={t('apilog.path.hint')} error={errors.path}>
            <input
              className="input mono"
              list={`${uid}-paths`}
              {...controlProps(`${uid}-path`, errors.path, t('apilog.path.hint'))}
              value={path}
              onChange={(e) => setPath(e.target.value)}
            />
          </Field>
          <datalist id={`${uid}-paths`}>
            {COMMON_PATHS.map((p) => (
              <option key={p} value={p} />
            ))}
          </datalist>
          <div className="apilog-send">
            <CheckboxLabel
              className="apilog-check"
              title={t('apilog.withToken.hint')}
              checked={withToken}
              onChange={setWithToken}
            >
              {t('apilog.withToken')}
            </CheckboxLabel>
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {busy ? t('apilog.sending') : t('apilog.send')}
            </button>
          </div>
        </div>
        <div className="apilog-line apilog-line-2">
          <Field
            id={`${uid}-query`}
            label={t('apilog.query')}
            hint={t('apilog.query.hint')}
            error={errors.query}
            optional
          >
            <textarea
              className="input mono apilog-textarea"
              rows={2}
              {...controlProps(`${uid}-query`, errors.query, t('apilog.query.hint'))}
              value={query}
              placeholder="openid=oXYZ…"
              onChange={(e) => setQuery(e.target.value)}
            />
          </Field>
          {method === 'POST' && (
            <Field id={`${uid}-body`} label={t('apilog.body')} error={errors.body}>
              <textarea
                className="input mono apilog-textarea"
                rows={3}
                {...controlProps(`${uid}-body`, errors.body)}
                value={body}
                onChange={(e) => setBody(e.target.value)}
              />
            </Field>
          )}
        </div>
      </form>
      {failure && (
        <div className="alert" role="alert">
          {failure}
        </div>
      )}
      {result && <ApiResult result={result} onOpenEntry={onOpenEntry} />}
    </section>
  );
}
