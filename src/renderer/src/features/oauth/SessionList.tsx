import { useState } from 'react';
import type { OauthCallbackResultDto, OauthSessionDto } from '../../../../shared/api/areas/oauth';
import type { ErrorBody } from '../../../../shared/errors';
import { useApi } from '../../api/api-context';
import { useI18n } from '../../i18n/I18nProvider';

type Action = 'refresh' | 'userinfo' | 'validate' | 'delete';
const ACTIONS: Action[] = ['refresh', 'userinfo', 'validate', 'delete'];

/** What the callback just did, in the user's language (the page the browser shows says the same). */
export function LastCallback({ last }: { last: OauthCallbackResultDto | undefined }) {
  const { t, pick, fmt } = useI18n();
  const ok = last && (last.outcome === 'ok' || last.outcome === 'replayed');
  return (
    <section className="card oauth-last" aria-live="polite" data-testid="oauth-last">
      <h2 className="section-title">{t('oauth.last.title')}</h2>
      {!last ? (
        <p className="field-hint">{t('oauth.last.none')}</p>
      ) : (
        <div className={ok ? 'oauth-last-ok' : 'oauth-last-bad'} data-outcome={last.outcome}>
          <p>
            <strong>{t(`oauth.outcome.${last.outcome}`)}</strong>
            {last.session?.nickname && <> · {last.session.nickname}</>}
            <span className="field-hint">
              {' '}
              · {fmt.time(last.at)} · state <code>{last.state || '—'}</code>
            </span>
          </p>
          {last.error && (
            <>
              <p>{pick(last.error.message)}</p>
              <p className="field-hint">{pick(last.error.hint)}</p>
            </>
          )}
        </div>
      )}
    </section>
  );
}

/** Stored sessions with the §8.4-§8.6 actions; tokens are shown only by their last 4 characters. */
export function SessionList({
  sessions,
  error,
}: {
  sessions: OauthSessionDto[] | undefined;
  error: ErrorBody | undefined;
}) {
  const { t, errorText } = useI18n();
  if (error) {
    return (
      <div className="alert" role="alert">
        {errorText(error)}
      </div>
    );
  }
  return (
    <section className="card oauth-sessions" aria-labelledby="oauth-sessions-title">
      <h2 id="oauth-sessions-title" className="section-title">
        {t('oauth.sessions.title')}
      </h2>
      {!sessions ? (
        <p className="field-hint">{t('common.loading')}</p>
      ) : sessions.length === 0 ? (
        <p className="field-hint">{t('oauth.sessions.empty')}</p>
      ) : (
        <ul className="oauth-session-list" data-testid="oauth-sessions">
          {sessions.map((s) => (
            <SessionItem key={s.id} session={s} />
          ))}
        </ul>
      )}
    </section>
  );
}

function SessionItem({ session: s }: { session: OauthSessionDto }) {
  const { t, errorText, fmt } = useI18n();
  const api = useApi();
  const [busy, setBusy] = useState<Action>();
  const [note, setNote] = useState<{ ok: boolean; text: string }>();
  const expired = s.expiresAt <= Date.now();
  const name = s.nickname ?? s.openid;

  const run = async (a: Action) => {
    setBusy(a);
    setNote(undefined);
    const r =
      a === 'refresh'
        ? await api.call('oauth.refresh', { sessionId: s.id })
        : a === 'userinfo'
          ? await api.call('oauth.userinfo', { sessionId: s.id })
          : a === 'validate'
            ? await api.call('oauth.validate', { sessionId: s.id })
            : await api.call('oauth.deleteSession', { sessionId: s.id });
    setBusy(undefined);
    if (!r.ok) setNote({ ok: false, text: errorText(r.error) });
    else if (a !== 'delete') setNote({ ok: true, text: t('oauth.action.done') });
  };

  return (
    <li className="oauth-session" data-openid={s.openid}>
      <div className="oauth-session-head">
        {s.headimgurl && (
          <img className="oauth-avatar" src={s.headimgurl} alt="" referrerPolicy="no-referrer" />
        )}
        <strong className="oauth-nickname">{s.nickname ?? '—'}</strong>
        <span className="badge">{s.scope}</span>
        {s.isSnapshotUser && <span className="badge">{t('oauth.sessions.snapshot')}</span>}
        <span className="field-hint">{fmt.dateTime(s.createdAt)}</span>
      </div>
      <dl className="oauth-kv">
        <dt className="oauth-k">{t('oauth.sessions.openid')}</dt>
        <dd className="oauth-v mono">{s.openid}</dd>
        {s.unionid && (
          <>
            <dt className="oauth-k">{t('oauth.sessions.unionid')}</dt>
            <dd className="oauth-v mono">{s.unionid}</dd>
          </>
        )}
        <dt className="oauth-k">{t('oauth.sessions.token')}</dt>
        <dd className="oauth-v mono">{s.accessTokenTail}</dd>
        <dt className="oauth-k">{t('oauth.sessions.expires')}</dt>
        <dd className="oauth-v">
          {fmt.dateTime(s.expiresAt)}
          {expired && <span className="badge"> {t('oauth.sessions.expired')}</span>}
        </dd>
        <dt className="oauth-k">{t('oauth.sessions.refreshExpires')}</dt>
        <dd className="oauth-v">{fmt.dateTime(s.refreshExpiresAt)}</dd>
        {s.lastSeenAt !== null && (
          <>
            <dt className="oauth-k">{t('oauth.sessions.lastSeen')}</dt>
            <dd className="oauth-v">{fmt.relative(s.lastSeenAt)}</dd>
          </>
        )}
        {s.lastCheck && (
          <>
            <dt className="oauth-k">sns/auth</dt>
            <dd className="oauth-v">
              {s.lastCheck.valid
                ? t('oauth.sessions.valid')
                : t('oauth.sessions.invalid', { errcode: String(s.lastCheck.errcode ?? '') })}{' '}
              <span className="field-hint">{fmt.dateTime(s.lastCheck.at)}</span>
            </dd>
          </>
        )}
      </dl>
      <div className="oauth-actions">
        {ACTIONS.map((a) => (
          <button
            key={a}
            type="button"
            className={a === 'delete' ? 'btn btn-sm btn-danger' : 'btn btn-sm'}
            disabled={busy !== undefined}
            aria-label={t('oauth.action.named', { action: t(`oauth.action.${a}`), name })}
            onClick={() => void run(a)}
          >
            {t(`oauth.action.${a}`)}
          </button>
        ))}
      </div>
      {note && (
        <p className={note.ok ? 'field-hint' : 'field-error'} role={note.ok ? 'status' : 'alert'}>
          {note.text}
        </p>
      )}
    </li>
  );
}
