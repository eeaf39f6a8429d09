import type { CallbackReason } from '../../../shared/api/areas/callbacks';
import type {
  OauthCallbackResultDto,
  OauthErrorDto,
  OauthUserInfoDto,
} from '../../../shared/api/areas/oauth';
import { isAppError } from '../../../shared/errors';
import type { SnsUserInfo } from '../../api/types';
import { isWechatApiError } from '../../api/wechat-error';
import { stateError, wechatError } from './oauth-texts';

/** How an OAuth callback's result is answered and recorded (oauth-callback.ts). */
/** 200 for a result the user should see as normal; 403 refused state; 400 WeChat said no; 502 unreachable. */
export function statusOf(r: OauthCallbackResultDto): number {
  if (r.outcome === 'rejected') return 403;
  if (r.outcome === 'failed') return r.error?.errcode != null ? 400 : 502;
  return 200;
}

/** A repeated callback with a code already met: its first result again, without a second exchange. */
/** The callback log's reason for a result answered with MPDesk's page. */
export function logReasonOf(r: OauthCallbackResultDto): CallbackReason {
  if (r.outcome === 'refused') return 'oauth_declined';
  if (r.outcome === 'rejected') return 'oauth_rejected';
  if (r.outcome === 'failed') return 'oauth_failed';
  return 'oauth_signed_in';
}

export function replayOf(
  first: OauthCallbackResultDto,
  base: Omit<OauthCallbackResultDto, 'outcome'>,
): OauthCallbackResultDto {
  if (!first.session) return { ...base, outcome: first.outcome, error: first.error };
  return { ...base, outcome: 'replayed', session: first.session, error: null };
}

export function pickUserInfo(u: SnsUserInfo): OauthUserInfoDto {
  return {
    openid: u.openid,
    nickname: u.nickname ?? '',
    headimgurl: u.headimgurl ?? '',
    sex: u.sex ?? 0,
    province: u.province ?? '',
    city: u.city ?? '',
    country: u.country ?? '',
    privilege: Array.isArray(u.privilege) ? u.privilege : [],
    ...(u.unionid ? { unionid: u.unionid } : {}),
  };
}

export function exchangeError(e: unknown): OauthErrorDto {
  if (isWechatApiError(e)) return wechatError(e.errcode, e.errmsg);
  if (isAppError(e) && /AppSecret/.test(e.message)) return stateError('no_secret');
  // Network and HTTP failures: our message (never a stack; the transport masks secrets).
  return stateError('network', isAppError(e) ? e.message : 'unexpected failure');
}
