import type {
  OauthBuiltUrlDto,
  OauthFixedStateDto,
  OauthInspectDto,
  OauthRedirectIssue,
  OauthScope,
  OauthSettingsDto,
} from '../../../shared/api/areas/oauth';
import { SANDBOX_API_BASE } from '../../../shared/api/areas/tokens';
import { AppError } from '../../../shared/errors';
import { randomAlnum } from '../../runtime';
import { buildAuthorizeUrl, checkRedirectUri, inspectAuthorizeUrl, OAUTH_AUTHORIZE_BASE } from '../../wechat';
import { VALIDATION_MESSAGES_EN } from '../../../shared/api/validation-messages';
import { parseLanding, type Landing } from '../oauth-gateway';
import { REPLAY_WINDOW_MS, type OauthDeps } from './oauth-deps';
import type { OauthFlowStep, OauthRepo, OauthStateRow } from './oauth-repo';
import { fixedStateIssue, redirectIssues, type RedirectTextProblem } from './oauth-texts';

/** How long an issued state is accepted. Codes live 5 min (§8.2); the link may wait a while before use. */
export const STATE_TTL_MS = 30 * 60_000;
const STATE_LENGTH = 24;
/** A fixed state does not expire: it lives in a menu until it is deleted. */
const NEVER = Number.MAX_SAFE_INTEGER;

export interface BuildUrlInput {
  accountId: string;
  scope: OauthScope;
  redirectUri?: string;
  state?: string;
  previousState?: string;
  landing?: string;
  fixed?: boolean;
  componentId?: string;
}

/** A sign-in the gateway starts for a protected path (seed flow, docs/architecture.md §3). */
export interface FlowInput {
  accountId: string;
  scope: OauthScope;
  step: OauthFlowStep;
  landing: string;
  csrfHash: string;
  redirectUri: string;
}

/**
 * The authorize-URL editor (docs/wechat-protocol.md §8.1-§8.2): an account's OAuth settings and
 * redirect URIs, authorize links with a state issued for the callback to check (CSRF), random and
 * single-sign-in or named and fixed (the state → page map of menu links), each with its landing,
 * and the inspection of a pasted link.
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
    const local = listener ? callbackOn(listener, account.callbackSlug) : null;
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
    const account = this.d.accounts.get(accountId);
    this.repo.setDomain(accountId, oauthDomain, this.d.rt.clock.now());
    if (this.isSandbox(accountId)) this.d.sandboxOauthDomain?.(account.appId, oauthDomain);
    return this.settings(accountId);
  }

  /** The sandbox platform learns every sandbox account's 网页授权域名 (it may have a fresh file). */
  syncSandboxDomains(): void {
    for (const { accountId, domain } of this.repo.domains()) {
      try {
        if (this.isSandbox(accountId))
          this.d.sandboxOauthDomain?.(this.d.accounts.get(accountId).appId, domain);
      } catch {
        // The account went away; its row goes with it.
      }
    }
  }

  buildUrl(input: BuildUrlInput): OauthBuiltUrlDto {
    const account = this.d.accounts.get(input.accountId);
    const settings = this.settings(input.accountId);
    const redirectUri = input.redirectUri ?? settings.defaultRedirectUri;
    if (!redirectUri) {
      throw new AppError(
        'unavailable',
        'The callback listener is not running yet, so there is no default redirect_uri',
      );
    }
    if (input.fixed && !input.state) throw invalid('state', 'validation.oauthFixedState');
    const landing = input.landing ? this.landingOf(input.landing) : null;
    const componentAppId = input.componentId ? this.componentAppId(input.componentId, account.appId) : null;
    const now = this.d.rt.clock.now();
    const state = input.state ?? randomAlnum(this.d.rt.random, STATE_LENGTH);
    // A state saved as fixed stays fixed when the editor builds its link again.
    const fixed = input.fixed ?? this.repo.state(account.id, state)?.kind === 'fixed';
    const kind = fixed ? 'fixed' : 'random';
    const expiresAt = fixed ? NEVER : now + STATE_TTL_MS;
    this.repo.transaction(() => {
      this.repo.purgeStates(now, now - REPLAY_WINDOW_MS);
      if (input.previousState && input.previousState !== state)
        this.repo.revoke(account.id, input.previousState);
      this.repo.issue({
        accountId: account.id,
        state,
        kind,
        scope: input.scope,
        redirectUri,
        issuedAt: now,
        expiresAt,
        landing: input.landing ?? null,
        csrfHash: null,
        step: null,
        componentId: input.componentId ?? null,
      });
    });
    const url = buildAuthorizeUrl({
      appId: account.appId,
      redirectUri,
      scope: input.scope,
      state,
      componentAppId: componentAppId ?? undefined,
    });
    const sandboxUrl = settings.isSandbox ? this.onSandbox(url) : null;
    const { ours, check, issues } = this.redirectCheck(settings, redirectUri);
    if (kind === 'fixed' && !landing) issues.push(fixedStateIssue(state));
    return {
      accountId: account.id,
      scope: input.scope,
      redirectUri,
      redirectIsOurs: ours,
      stateKind: kind,
      state,
      stateExpiresAt: expiresAt,
      landing: input.landing ?? null,
      landingUrl: this.landingUrl(landing),
      componentAppId,
      url,
      sandboxUrl,
      oauthDomain: settings.oauthDomain,
      expectedDomain: check.expectedDomain,
      issues,
    };
  }

  /** What is wrong with a redirect_uri for the account (its 网页授权域名, §8.1; MP_verify files). */
  redirectIssuesOf(accountId: string, redirectUri: string): OauthRedirectIssue[] {
    return this.redirectCheck(this.settings(accountId), redirectUri).issues;
  }

  private redirectCheck(settings: OauthSettingsDto, redirectUri: string) {
    const ours = [settings.publicRedirectUri, settings.localRedirectUri]
      .map(strip)
      .includes(strip(redirectUri));
    const check = checkRedirectUri(redirectUri, settings.oauthDomain);
    // The sandbox on this machine: one note about the local address says it all.
    if (settings.isSandbox && check.problems.includes('local_host')) {
      check.problems = check.problems.filter((p) => p !== 'ip_host' && p !== 'port' && p !== 'not_https');
    }
    const extra: RedirectTextProblem[] = [];
    if (!ours) extra.push('not_ours');
    if (
      ours &&
      !settings.isSandbox &&
      settings.verifyFiles.length === 0 &&
      !check.problems.includes('local_host')
    )
      extra.push('verify_file');
    return { ours, check, issues: redirectIssues(check, settings.oauthDomain, settings.isSandbox, extra) };
  }

  /** Issues a random state for a sign-in the gateway starts; returns the link to send the browser to. */
  issueFlow(f: FlowInput): string {
    const account = this.d.accounts.get(f.accountId);
    const now = this.d.rt.clock.now();
    const state = randomAlnum(this.d.rt.random, STATE_LENGTH);
    this.repo.transaction(() => {
      this.repo.purgeStates(now, now - REPLAY_WINDOW_MS);
      this.repo.issue({
        accountId: account.id,
        state,
        kind: 'random',
        scope: f.scope,
        redirectUri: f.redirectUri,
        issuedAt: now,
        expiresAt: now + STATE_TTL_MS,
        landing: f.landing,
        csrfHash: f.csrfHash,
        step: f.step,
        componentId: null,
      });
    });
    const url = buildAuthorizeUrl({
      appId: account.appId,
      redirectUri: f.redirectUri,
      scope: f.scope,
      state,
    });
    return (this.isSandbox(account.id) ? this.onSandbox(url) : null) ?? url;
  }

  /** MPDesk's callback for the account on a base URL (the one the browser is on). */
  callbackUri(accountId: string, origin: string): string {
    return callbackOn(origin, this.d.accounts.get(accountId).callbackSlug);
  }

  fixedStates(accountId: string): OauthFixedStateDto[] {
    this.d.accounts.get(accountId);
    return this.repo.fixedStates(accountId).map(fixedDto);
  }

  deleteFixedState(accountId: string, state: string): { state: string } {
    if (!this.repo.deleteFixed(accountId, state))
      throw new AppError('not_found', `No fixed state "${state}" for this account`);
    return { state };
  }

  inspectUrl(url: string, accountId?: string): OauthInspectDto {
    const r = inspectAuthorizeUrl(url, accountId ? this.d.accounts.get(accountId).appId : undefined);
    // A menu link's state is fixed: without a landing its fans end on MPDesk's result page.
    const row = accountId && r.state ? this.repo.state(accountId, r.state) : undefined;
    if (row?.kind === 'fixed' && !row.landing)
      r.problems.push({
        code: 'fixed_no_landing',
        severity: 'warn',
        message: fixedStateIssue(r.state!).message,
      });
    else if (accountId && r.state && !row && !looksRandom(r.state))
      r.problems.push({
        code: 'state_not_issued',
        severity: 'warn',
        message: {
          zh: `state「${r.state}」不是 MPDesk 签发的：回调会拒绝它。要在菜单中使用固定的 state，请在上面的编辑器中把它保存为固定 state，并填写落地页。`,
          en: `MPDesk did not issue the state "${r.state}": the callback will refuse it. To use a fixed state in a menu, save it as a fixed state in the editor above, with a landing page.`,
        },
      });
    return r;
  }

  /** A landing as the gateway will follow it, or a field error for the editor. */
  landingOf(raw: string): Landing {
    const v = parseLanding(raw, {
      allowlist: this.d.gateway.config.get().landingAllowlist,
      publicOrigin: this.d.publicUrl(),
    });
    if (!v.ok) throw invalid('landing', 'validation.oauthLanding', v.problem);
    return v.landing;
  }

  private landingUrl(landing: Landing | null): string | null {
    if (!landing) return null;
    if (landing.kind === 'external') return landing.url;
    const pub = this.d.publicUrl();
    return pub ? `${pub.replace(/\/+$/, '')}${landing.location}` : null;
  }

  private componentAppId(platformId: string, appId: string): string {
    const c = this.d.component?.();
    const id = c?.componentAppId(platformId, appId) ?? null;
    if (!id) {
      throw new AppError('invalid_input', 'This account has not authorized that third-party platform', {
        issues: [
          {
            path: 'componentId',
            key: 'validation.invalid',
            message: VALIDATION_MESSAGES_EN['validation.invalid'],
          },
        ],
      });
    }
    return id;
  }

  private onSandbox(url: string): string | null {
    const sandbox = this.d.sandboxUrl();
    return sandbox
      ? url.replace(OAUTH_AUTHORIZE_BASE, `${sandbox.replace(/\/+$/, '')}/connect/oauth2/authorize`)
      : null;
  }

  private isSandbox(accountId: string): boolean {
    return this.d.accounts.get(accountId).apiBase === SANDBOX_API_BASE;
  }
}

const strip = (s: string | null) => s?.replace(/\/+$/, '') ?? null;
const callbackOn = (base: string, slug: string) =>
  `${base.replace(/\/+$/, '')}/oauth/${encodeURIComponent(slug)}/callback`;
/** The editor's random states are 24 letters and digits; a word like `grades` is someone's fixed state. */
const looksRandom = (state: string) => state.length >= 16 && /\d/.test(state) && /[a-z]/i.test(state);

function invalid(
  path: string,
  key: 'validation.oauthLanding' | 'validation.oauthFixedState',
  detail?: string,
) {
  return new AppError('invalid_input', VALIDATION_MESSAGES_EN[key], {
    issues: [{ path, key, message: VALIDATION_MESSAGES_EN[key] }],
    ...(detail ? { details: { problem: detail } } : {}),
  });
}

function fixedDto(r: OauthStateRow): OauthFixedStateDto {
  return {
    accountId: r.accountId,
    state: r.state,
    scope: r.scope as OauthScope,
    landing: r.landing,
    redirectUri: r.redirectUri,
    componentId: r.componentId,
    createdAt: r.issuedAt,
  };
}
