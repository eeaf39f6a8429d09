import { useEffect, useRef, useState } from 'react';
import type { OauthBuiltUrlDto, OauthScope, OauthSettingsDto } from '../../../../shared/api/areas/oauth';
import type { FieldIssue } from '../../../../shared/errors';
import { useApi, useApiEvent } from '../../api/api-context';
import { useI18n } from '../../i18n/I18nProvider';

/**
 * The authorize URL as core builds it from the editor's inputs (rebuilt 200 ms after the last
 * change), the state it issued, and the account's 网页授权域名 with its save.
 */
export function useUrlBuilder(accountId: string) {
  const { t, errorText, issueText } = useI18n();
  const api = useApi();
  const [settings, setSettings] = useState<OauthSettingsDto>();
  const [scope, setScope] = useState<OauthScope>('snsapi_userinfo');
  const [redirect, setRedirect] = useState('');
  const [stateText, setStateText] = useState('');
  const [landing, setLanding] = useState('');
  const [fixed, setFixed] = useState(false);
  const [componentId, setComponentId] = useState('');
  // Bumped after a fixed state is saved, so the state → page list reloads.
  const [statesNonce, setStatesNonce] = useState(0);
  const [domain, setDomain] = useState('');
  const [domainNote, setDomainNote] = useState<string>();
  const [built, setBuilt] = useState<OauthBuiltUrlDto>();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string>();
  const [settingsNonce, setSettingsNonce] = useState(0);
  // The state core issued last, handed back so it can retire it when a new one is issued.
  const previousState = useRef<string | undefined>(undefined);
  useEffect(() => {
    previousState.current = built?.state;
  }, [built]);

  useEffect(() => {
    let live = true;
    void api.call('oauth.settings', { accountId }).then((r) => {
      if (!live || !r.ok) return;
      setSettings(r.value);
      setDomain((d) => d || r.value.oauthDomain || '');
    });
    return () => {
      live = false;
    };
  }, [api, accountId, settingsNonce]);
  useApiEvent('tunnel.changed', () => setSettingsNonce((n) => n + 1));

  // Rebuilt when an input changes, and when the settings behind the default redirect_uri do.
  const defaultRedirect = settings?.defaultRedirectUri;
  const savedDomain = settings?.oauthDomain;
  useEffect(() => {
    let live = true;
    const id = setTimeout(() => {
      void api
        .call('oauth.buildUrl', {
          accountId,
          scope,
          redirectUri: redirect.trim() || undefined,
          state: stateText || undefined,
          previousState: fixed ? undefined : previousState.current,
          landing: landing.trim() || undefined,
          fixed: fixed || undefined,
          componentId: componentId || undefined,
        })
        .then((r) => {
          if (!live) return;
          if (r.ok) {
            setBuilt(r.value);
            setFieldErrors({});
            setFailure(undefined);
            if (!stateText) setStateText(r.value.state);
            if (r.value.stateKind === 'fixed') setStatesNonce((n) => n + 1);
          } else {
            // No stale link to copy while the inputs are wrong.
            setBuilt(undefined);
            setFieldErrors(errorsOf(r.error.issues, issueText));
            setFailure(r.error.issues?.length ? undefined : errorText(r.error));
          }
        });
    }, 200);
    return () => {
      live = false;
      clearTimeout(id);
    };
  }, [
    api,
    accountId,
    scope,
    redirect,
    stateText,
    landing,
    fixed,
    componentId,
    defaultRedirect,
    savedDomain,
    issueText,
    errorText,
  ]);

  // A random state opens one sign-in: after its callback, move on to a fresh one (a fixed one stays).
  useApiEvent('oauth.completed', (r) => {
    if (
      !fixed &&
      r.accountId === accountId &&
      r.state === stateText &&
      r.outcome !== 'rejected' &&
      r.outcome !== 'replayed'
    )
      setStateText('');
  });

  const saveDomain = async () => {
    const r = await api.call('oauth.configure', { accountId, oauthDomain: domain.trim() || null });
    if (r.ok) {
      setSettings(r.value);
      setDomain(r.value.oauthDomain ?? '');
      setFieldErrors((e) => ({ ...e, oauthDomain: '' }));
      setDomainNote(t('oauth.domain.saved'));
    } else {
      setFieldErrors((e) => ({ ...e, ...errorsOf(r.error.issues, issueText) }));
      setDomainNote(undefined);
    }
  };
  const editDomain = (v: string) => {
    setDomain(v);
    setDomainNote(undefined);
  };

  return {
    settings,
    scope,
    setScope,
    redirect,
    setRedirect,
    stateText,
    setStateText,
    landing,
    setLanding,
    fixed,
    setFixed,
    componentId,
    setComponentId,
    statesNonce,
    domain,
    editDomain,
    domainNote,
    saveDomain,
    built,
    fieldErrors,
    failure,
  };
}

export type UrlBuilder = ReturnType<typeof useUrlBuilder>;

/** Field problems by the field's path, in the UI language. */
function errorsOf(issues: FieldIssue[] | undefined, issueText: (i: FieldIssue) => string) {
  return Object.fromEntries((issues ?? []).map((i) => [i.path, issueText(i)]));
}
