/**
 * Web OAuth inputs checked as WeChat checks them (docs/wechat-protocol.md §8.1-§8.2): the state format,
 * the 网页授权域名 format, and a redirect_uri against the account's 网页授权域名. Pure.
 */
import type { RedirectProblem } from '../../shared/api/areas/oauth';

export type { RedirectProblem };

/** §8.2: state is `[a-zA-Z0-9]`, at most 128 bytes, returned verbatim. */
export const OAUTH_STATE_RE = /^[A-Za-z0-9]{1,128}$/;

/**
 * §8.1 网页授权域名: a bare domain, optionally with a path; letters, digits and `-` only; no scheme,
 * no IP, no port. (An IP fails here because the last label must start with a letter.)
 */
export const OAUTH_DOMAIN_RE =
  /^(?=.{1,253}(\/|$))([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?(\/[A-Za-z0-9._~-]+)*\/?$/i;

export interface RedirectCheck {
  /** What must be entered as 网页授权域名 to allow this redirect_uri (host + path's first segment if any). */
  expectedDomain: string | null;
  problems: RedirectProblem[];
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * Checks a redirect_uri against the account's 网页授权域名 as WeChat does (§8.1): same host (not a
 * subdomain), the domain's path as a prefix, and no IP or port. Order of `problems`: worst first.
 */
export function checkRedirectUri(redirectUri: string, oauthDomain: string | null): RedirectCheck {
  let u: URL;
  try {
    u = new URL(redirectUri);
  } catch {
    return { expectedDomain: null, problems: ['not_http'] };
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    return { expectedDomain: null, problems: ['not_http'] };
  const host = u.hostname.toLowerCase();
  const problems: RedirectProblem[] = [];
  if (oauthDomain) {
    const [dHostRaw = '', ...rest] = oauthDomain.replace(/\/+$/, '').split('/');
    const dHost = dHostRaw.toLowerCase();
    const dPath = rest.length ? `/${rest.join('/')}` : '';
    if (host !== dHost) {
      problems.push(host.endsWith(`.${dHost}`) || dHost.endsWith(`.${host}`) ? 'subdomain' : 'host_mismatch');
    } else if (dPath && !(u.pathname === dPath || u.pathname.startsWith(`${dPath}/`))) {
      problems.push('path_mismatch');
    }
  } else {
    problems.push('no_domain');
  }
  if (IPV4.test(host) || host.startsWith('[')) problems.push('ip_host');
  if (host === 'localhost' || host.startsWith('127.') || host === '[::1]') problems.push('local_host');
  if (u.port && u.port !== '80' && u.port !== '443') problems.push('port');
  if (u.protocol === 'http:') problems.push('not_https');
  return { expectedDomain: host, problems };
}
