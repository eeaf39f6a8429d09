import { str, type SandboxContext, type SandboxRoute } from './sandbox-context';

/** §5.2: consecutive forced refreshes closer than this do not refresh. */
const FORCE_MIN_GAP_MS = 30_000;
/** §5.2: the platform renews a stable token about 5 min before it expires. */
const STABLE_RENEW_MS = 300_000;

/** `GET /cgi-bin/token` (§5.1) and `POST /cgi-bin/stable_token` (§5.2). */
export function tokenRoutes(ctx: SandboxContext): Record<string, SandboxRoute> {
  const db = ctx.db;
  const s = {
    revokeKind: db.prepare(
      'UPDATE tokens SET revoked_at = ? WHERE appid = ? AND kind = ? AND revoked_at IS NULL',
    ),
    latest: db.prepare(
      `SELECT token, issued_at AS issuedAt, expires_at AS expiresAt FROM tokens
       WHERE appid = ? AND kind = 'stable' AND revoked_at IS NULL ORDER BY issued_at DESC, rowid DESC LIMIT 1`,
    ),
  };

  const credentials = (
    grantType: string | undefined,
    appid: string | undefined,
    secret: string | undefined,
    ip: string,
  ) => {
    if (grantType !== 'client_credential') throw ctx.err(40002, 'invalid grant_type');
    const app = ctx.requireApp(appid);
    if (secret !== app.secret) throw ctx.err(40125, 'invalid appsecret');
    ctx.checkIp(app.appid, ip);
    return app.appid;
  };

  return {
    'GET /cgi-bin/token': (req) => {
      const appid = credentials(
        req.query.get('grant_type') ?? undefined,
        req.query.get('appid') ?? undefined,
        req.query.get('secret') ?? undefined,
        req.ip,
      );
      ctx.useQuota(appid, 'token');
      // §5.1: each fetch supersedes the previous token (which keeps working for the overlap).
      return db.transaction(() => {
        s.revokeKind.run(ctx.now(), appid, 'token');
        const t = ctx.issueToken(appid, 'token');
        return { access_token: t.token, expires_in: t.expiresIn };
      })();
    },
    'POST /cgi-bin/stable_token': (req) => {
      const b = req.body ?? {};
      const appid = credentials(str(b.grant_type), str(b.appid), str(b.secret), req.ip);
      ctx.useQuota(appid, 'stable_token');
      const now = ctx.now();
      return db.transaction(() => {
        const cur = s.latest.get(appid) as { token: string; issuedAt: number; expiresAt: number } | undefined;
        const force = b.force_refresh === true;
        const fresh = cur && now < cur.expiresAt - STABLE_RENEW_MS;
        // Normal mode: the same token while valid (§5.2); forced: a new one, unless the last was < 30 s ago.
        if (cur && fresh && (!force || now - cur.issuedAt < FORCE_MIN_GAP_MS)) {
          return { access_token: cur.token, expires_in: Math.floor((cur.expiresAt - now) / 1000) };
        }
        if (force) {
          ctx.useQuota(appid, 'stable_token_force');
          s.revokeKind.run(now, appid, 'stable');
        }
        // Renewal near expiry: the old token stays valid until it expires, so no revoke then.
        const t = ctx.issueToken(appid, 'stable');
        return { access_token: t.token, expires_in: t.expiresIn };
      })();
    },
  };
}
