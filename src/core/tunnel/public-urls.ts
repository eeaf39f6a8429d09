import type { AccountPublicUrls } from '../../shared/api/areas/tunnel';

export interface AccountRef {
  id: string;
  name: string;
  callbackSlug: string;
}

/**
 * 网页授权域名 for a public base (docs/wechat-protocol.md §8.1): the host, plus the path prefix when the
 * base has one; never a scheme or a port (the mp form rejects them).
 */
export function oauthDomainOf(baseUrl: string): string {
  const u = new URL(baseUrl);
  const path = u.pathname.replace(/\/+$/, '');
  return u.hostname + path;
}

/** The URLs one account needs in the mp backend on this public base (docs/architecture.md §3 routes). */
export function accountPublicUrls(
  baseUrl: string,
  account: AccountRef,
  verifyFileNames: readonly string[],
): AccountPublicUrls {
  const base = baseUrl.replace(/\/+$/, '');
  const slug = encodeURIComponent(account.callbackSlug);
  return {
    accountId: account.id,
    accountName: account.name,
    serverUrl: `${base}/wx/${slug}`,
    oauthDomain: oauthDomainOf(base),
    oauthRedirectUri: `${base}/oauth/${slug}/callback`,
    mpVerifyUrls: verifyFileNames.map((f) => `${base}/${encodeURIComponent(f)}`),
  };
}
