import type { OauthSessionDto, OauthUserInfoDto, OauthValidateDto } from '../../../shared/api/areas/oauth';
import { AppError } from '../../../shared/errors';
import { tail } from '../../api/mask';
import type { Lang, SnsToken, SnsUserInfo } from '../../api/types';
import { isWechatApiError } from '../../api/wechat-error';
import { newId } from '../../runtime';
import type { OauthDeps } from './oauth-deps';
import type { OauthSessionRepo, OauthSessionRow } from './oauth-session-repo';
import { pickUserInfo } from './oauth-results';

/** §8.4: a refresh token lives 30 days and is not extended. */
const REFRESH_TTL_MS = 30 * 24 * 3_600_000;

/**
 * Stored web OAuth sessions and the web-token calls on them (docs/wechat-protocol.md §8.4-§8.6):
 * refresh, userinfo, sns/auth. Web tokens are sealed at rest and leave only as their last 4
 * characters.
 */
export class OauthSessions {
  constructor(
    private readonly d: OauthDeps,
    private readonly repo: OauthSessionRepo,
  ) {}

  /**
   * Stores the session a code exchange gave (§8.3), its tokens sealed: one row per fan and scope, so
   * a fan who signs in again refreshes their row (same id) rather than adding one.
   */
  open(
    row: { accountId: string; state: string; componentId: string | null },
    token: SnsToken,
    userinfo: SnsUserInfo | null,
  ): OauthSessionDto {
    const now = this.d.rt.clock.now();
    const id = this.repo.upsert({
      id: newId(this.d.rt.random),
      accountId: row.accountId,
      openid: token.openid,
      unionid: token.unionid ?? userinfo?.unionid ?? null,
      scope: token.scope,
      state: row.state,
      isSnapshotUser: token.is_snapshotuser === 1 ? 1 : 0,
      userinfo: userinfo ? JSON.stringify(pickUserInfo(userinfo)) : null,
      accessToken: this.d.cipher.seal(token.access_token),
      refreshToken: this.d.cipher.seal(token.refresh_token),
      accessTail: tail(token.access_token),
      refreshTail: tail(token.refresh_token),
      expiresAt: now + token.expires_in * 1000,
      refreshExpiresAt: now + REFRESH_TTL_MS,
      createdAt: now,
      updatedAt: now,
      componentId: row.componentId,
    });
    if (userinfo) this.d.profiles?.onProfile(row.accountId, pickUserInfo(userinfo));
    return this.dto(this.requireRow(id));
  }

  list(accountId?: string, limit = 100): OauthSessionDto[] {
    return this.repo.list(accountId, limit).map((r) => this.dto(r));
  }

  /**
   * §8.4: a new web access_token from the refresh token; the refresh token's 30 days do not restart.
   * A session made through a third-party platform refreshes through it (§11.6).
   */
  async refresh(sessionId: string): Promise<OauthSessionDto> {
    const row = this.requireRow(sessionId);
    const refreshToken = this.d.cipher.open(row.refreshToken);
    const t = row.componentId
      ? await this.component().refresh(row.componentId, row.accountId, refreshToken)
      : await this.d.client().snsRefreshToken(row.accountId, refreshToken);
    const now = this.d.rt.clock.now();
    this.repo.refreshed(
      sessionId,
      {
        accessToken: this.d.cipher.seal(t.access_token),
        accessTail: tail(t.access_token),
        refreshToken: this.d.cipher.seal(t.refresh_token),
        refreshTail: tail(t.refresh_token),
        expiresAt: now + t.expires_in * 1000,
      },
      now,
    );
    return this.changed(sessionId);
  }

  async userinfo(sessionId: string, lang?: Lang): Promise<OauthSessionDto> {
    const row = this.requireRow(sessionId);
    const u = await this.d
      .client()
      .snsUserInfo(row.accountId, this.d.cipher.open(row.accessToken), row.openid, lang);
    const profile = pickUserInfo(u);
    this.repo.setUserinfo(sessionId, JSON.stringify(profile), u.unionid ?? null, this.d.rt.clock.now());
    this.d.profiles?.onProfile(row.accountId, profile);
    return this.changed(sessionId);
  }

  /** §8.6 /sns/auth. An errcode is an answer ("not valid, because…"), not a failure of the call. */
  async validate(sessionId: string): Promise<OauthValidateDto> {
    const row = this.requireRow(sessionId);
    let errcode: number | null = null;
    let errmsg = 'ok';
    let explanation: OauthValidateDto['explanation'] = null;
    try {
      await this.d.client().snsAuth(row.accountId, this.d.cipher.open(row.accessToken), row.openid);
    } catch (e) {
      if (!isWechatApiError(e)) throw e;
      errcode = e.errcode;
      errmsg = e.errmsg;
      explanation = {
        zh: `${e.explanation.zh}。${e.explanation.hintZh}`,
        en: `${e.explanation.en}. ${e.explanation.hintEn}`,
      };
    }
    const checkedAt = this.d.rt.clock.now();
    this.repo.setCheck(
      sessionId,
      JSON.stringify({ at: checkedAt, valid: errcode === null, errcode }),
      checkedAt,
    );
    this.changed(sessionId);
    return { sessionId, valid: errcode === null, errcode, errmsg, explanation, checkedAt };
  }

  deleteSession(sessionId: string): { sessionId: string } {
    const row = this.requireRow(sessionId);
    this.repo.delete(sessionId);
    this.d.events.emit('oauth.sessionChanged', { sessionId, accountId: row.accountId, session: null });
    return { sessionId };
  }

  private changed(sessionId: string): OauthSessionDto {
    const dto = this.dto(this.requireRow(sessionId));
    this.d.events.emit('oauth.sessionChanged', { sessionId, accountId: dto.accountId, session: dto });
    return dto;
  }

  /** The session as the gateway reads it for a cookie (no event, no DTO). */
  row(id: string): OauthSessionRow | undefined {
    return this.repo.get(id);
  }

  private component() {
    const c = this.d.component?.();
    if (!c) throw new AppError('unavailable', 'The third-party platform feature is not running');
    return c;
  }

  private requireRow(id: string): OauthSessionRow {
    const row = this.repo.get(id);
    if (!row) throw new AppError('not_found', `No OAuth session with id "${id}"`);
    return row;
  }

  private dto(r: OauthSessionRow): OauthSessionDto {
    const userinfo = r.userinfo ? (JSON.parse(r.userinfo) as OauthUserInfoDto) : null;
    return {
      id: r.id,
      accountId: r.accountId,
      openid: r.openid,
      unionid: r.unionid,
      scope: r.scope,
      state: r.state,
      isSnapshotUser: r.isSnapshotUser === 1,
      nickname: userinfo?.nickname ?? null,
      headimgurl: userinfo?.headimgurl || null,
      userinfo,
      accessTokenTail: r.accessTail,
      refreshTokenTail: r.refreshTail,
      expiresAt: r.expiresAt,
      refreshExpiresAt: r.refreshExpiresAt,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      refreshedAt: r.refreshedAt,
      lastCheck: r.lastCheck ? (JSON.parse(r.lastCheck) as OauthSessionDto['lastCheck']) : null,
      lastSeenAt: r.lastSeenAt,
    };
  }
}
