import type {
  OauthBuiltUrlDto,
  OauthInspectDto,
  OauthRedirectProblem,
  OauthScope,
  OauthSettingsDto,
} from '../../../shared/api/areas/oauth';
import { SANDBOX_API_BASE } from '../../../shared/api/areas/tokens';
import { AppError } from '../../../shared/errors';
import { randomAlnum } from '../../runtime';
import { buildAuthorizeUrl, OAUTH_AUTHORIZE_BASE } from '../../wechat';
import { REPLAY_WINDOW_MS, type OauthDeps } from './oauth-deps';
import type { OauthRepo } from './oauth-repo';
import { redirectIssues } from './oauth-texts';
import { checkRedirectUri } from './redirect-check';
import { inspectAuthorizeUrl } from './url-inspect';

/** How long an issued state is accepted. Codes live 5 min (§8.2); the link may wait a while before use. */
export const STATE_TTL_MS = 30 * 60_000;
const STATE_LENGTH = 24;

/**
 * The authorize-URL editor (docs/wechat-protocol.md §8.1-§8.2): an account's OAuth settings and
 * redirect URIs, authorize links with a state issued for the callback to check (CSRF), and the
 * inspection of a pasted link.
 */
export class OauthLinks {
  constructor(
    private readonly d: OauthDeps,
    private readonly repo: OauthRepo,
  ) {}

  settings(accountId: string): OauthSettingsDto {
    const account = this.d.accounts.get(accountId);
    const pub = this.d.publicUrls(accountId);
    const listener = this.d.listenerUrl();
    const local = listener
      ? `${listener.replace(/\/+$/, '')}/oauth/${encodeURIComponent(account.callbackSlug)}/callback`
      : null;
    return {
      accountId,
      oauthDomain: this.repo.domain(accountId),
      publicRedirectUri: pub?.oauthRedirectUri ?? null,
      localRedirectUri: local,
      defaultRedirectUri: pub?.oauthRedirectUri ?? local,
      publicOauthDomain: pub?.oauthDomain ?? null,
      verifyFiles: this.d.verifyFiles(accountId),
      isSandbox: this.isSandbox(accountId),
    };
  }

  configure(accountId: string, oauthDomain: string | null): OauthSettingsDto {
    this.d.accounts.get(accountId);
    this.repo.setDomain(accountId, oauthDomain, this.d.rt.clock.now());
    return this.settings(accountId);
  }

  buildUrl(input: {
    accountId: string;
    scope: OauthScope;
    redirectUri?: string;
    state?: string;
    previousState?: string;
  }): OauthBuiltUrlDto {
    const account = this.d.accounts.get(input.accountId);
    const settings = this.settings(input.accountId);
    const redirectUri = input.redirectUri ?? settings.defaultRedirectUri;
    if (!redirectUri) {
      throw new AppError(
        'unavailable',
        'The callback listener is not running yet, so there is no default redirect_uri',
      );
    }
    const now = this.d.rt.clock.now();
    const state = input.state ?? randomAlnum(this.d.rt.random, STATE_LENGTH);
    const expiresAt = now + STATE_TTL_MS;
    this.repo.transaction(() => {
      this.repo.purgeStates(now, now - REPLAY_WINDOW_MS);
      if (input.previousState && input.previousState !== state)
        this.repo.revoke(account.id, input.previousState);
      this.repo.issue({
        accountId: account.id,
        state,
        scope: input.scope,
        redirectUri,
        issuedAt: now,
        expiresAt,
      });
    });
    const url = buildAuthorizeUrl({ appId: account.appId, redirectUri, scope: input.scope, state });
    const sandbox = settings.isSandbox ? this.d.sandboxUrl() : null;
    const sandboxUrl = sandbox
      ? url.replace(OAUTH_AUTHORIZE_BASE, `${sandbox.replace(/\/+$/, '')}/connect/oauth2/authorize`)
      : null;

    const strip = (s: string | null) => s?.replace(/\/+$/, '') ?? null;
    const ours = [settings.publicRedirectUri, settings.localRedirectUri]
      .map(strip)
      .includes(strip(redirectUri));
    const check = checkRedirectUri(redirectUri, settings.oauthDomain);
    // The sandbox on this machine: one note about the local address says it all.
    if (settings.isSandbox && check.problems.includes('local_host')) {
      check.problems = check.problems.filter((p) => p !== 'ip_host' && p !== 'port' && p !== 'not_https');
    }
    const extra: OauthRedirectProblem[] = [];
    if (!ours) extra.push('not_ours');
    if (
      ours &&
      !settings.isSandbox &&
      settings.verifyFiles.length === 0 &&
      !check.problems.includes('local_host')
    ) {
      extra.push('verify_file');
    }
    return {
      accountId: account.id,
      scope: input.scope,
      redirectUri,
      redirectIsOurs: ours,
      state,
      stateExpiresAt: expiresAt,
      url,
      sandboxUrl,
      oauthDomain: settings.oauthDomain,
      expectedDomain: check.expectedDomain,
      issues: redirectIssues(check, settings.oauthDomain, settings.isSandbox, extra),
    };
  }

  inspectUrl(url: string, accountId?: string): OauthInspectDto {
    return inspectAuthorizeUrl(url, accountId ? this.d.accounts.get(accountId).appId : undefined);
  }

  private isSandbox(accountId: string): boolean {
    return this.d.accounts.get(accountId).apiBase === SANDBOX_API_BASE;
  }
}
