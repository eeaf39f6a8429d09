import type { Bilingual } from '../../shared/api/areas/common';
import type { OauthInspectDto } from '../../shared/api/areas/oauth';
import { buildAuthorizeUrl } from './oauth-url';
import { OAUTH_STATE_RE } from './oauth-redirect-check';

const ORDER = ['appid', 'redirect_uri', 'response_type', 'scope', 'state', 'component_appid'];
const SCOPES = new Set(['snsapi_base', 'snsapi_userinfo']);

type Problem = OauthInspectDto['problems'][number];

/** A link to WeChat's web OAuth authorize page (whatever its parameters). */
export function isAuthorizeLink(raw: string): boolean {
  return /^https?:\/\/open\.weixin\.qq\.com\/connect\/oauth2\/authorize(\?|#|$)/i.test(raw.trim());
}

/**
 * Checks an authorize link someone's own code built, as WeChat's strict pattern would (docs/wechat-protocol.md
 * §8.2): host and path, parameter order, a fully encoded redirect_uri, `response_type=code`, a known scope,
 * a well-formed state and the mandatory `#wechat_redirect`. Offers the same link rebuilt correctly.
 */
export function inspectAuthorizeUrl(raw: string, expectedAppId?: string): OauthInspectDto {
  const problems: Problem[] = [];
  const add = (code: string, severity: Problem['severity'], message: Bilingual) =>
    problems.push({ code, severity, message });
  const text = raw.trim();
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    add('not_url', 'error', { zh: '这不是一个完整的网址。', en: 'This is not a full URL.' });
    return { problems, appId: null, redirectUri: null, scope: null, state: null, fixedUrl: null };
  }
  if (u.origin !== 'https://open.weixin.qq.com' || u.pathname !== '/connect/oauth2/authorize') {
    add('endpoint', 'error', {
      zh: `地址应为 https://open.weixin.qq.com/connect/oauth2/authorize，而不是 ${u.origin}${u.pathname}。`,
      en: `The endpoint must be https://open.weixin.qq.com/connect/oauth2/authorize, not ${u.origin}${u.pathname}.`,
    });
  }
  // Raw pairs, in order, before any decoding: the order and the encoding are what WeChat checks.
  const rawQuery = text.includes('?') ? text.slice(text.indexOf('?') + 1).split('#')[0] : '';
  const pairs = rawQuery
    ? rawQuery.split('&').map((p) => [p.split('=')[0] ?? '', p.slice(p.indexOf('=') + 1)] as const)
    : [];
  const keys = pairs.map(([k]) => k);
  const get = (k: string) => u.searchParams.get(k);

  for (const k of ['appid', 'redirect_uri', 'response_type', 'scope']) {
    if (!keys.includes(k))
      add(`missing_${k}`, 'error', { zh: `缺少参数 ${k}。`, en: `The ${k} parameter is missing.` });
  }
  const known = keys.filter((k) => ORDER.includes(k));
  const expected = [...known].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
  if (known.join('&') !== expected.join('&')) {
    add('order', 'error', {
      zh: `参数顺序不对（${known.join(', ')}）：必须是 ${expected.join(', ')}，否则微信页面显示「该链接无法访问」。`,
      en: `Wrong parameter order (${known.join(', ')}): it must be ${expected.join(', ')}, or WeChat shows "该链接无法访问" (link cannot be opened).`,
    });
  }
  const extra = keys.filter((k) => !ORDER.includes(k) && k !== 'connect_redirect');
  if (extra.length) {
    add('extra', 'warn', {
      zh: `多余的参数：${extra.join(', ')}。`,
      en: `Unexpected parameters: ${extra.join(', ')}.`,
    });
  }
  const rawRedirect = pairs.find(([k]) => k === 'redirect_uri')?.[1];
  if (rawRedirect !== undefined && /[:/?=&]/.test(rawRedirect)) {
    add('encoding', 'error', {
      zh: 'redirect_uri 没有完整编码（应使用 encodeURIComponent，: / ? = & 都要编码）。',
      en: 'redirect_uri is not fully percent-encoded (use encodeURIComponent: : / ? = & must all be encoded).',
    });
  }
  const redirectUri = get('redirect_uri');
  if (redirectUri !== null && !/^https?:\/\//i.test(redirectUri)) {
    add('redirect_scheme', 'error', {
      zh: 'redirect_uri 必须以 http:// 或 https:// 开头。',
      en: 'redirect_uri must start with http:// or https://.',
    });
  }
  if (keys.includes('response_type') && get('response_type') !== 'code') {
    add('response_type', 'error', { zh: 'response_type 必须是 code。', en: 'response_type must be code.' });
  }
  const scope = get('scope');
  if (scope !== null && !SCOPES.has(scope)) {
    add('scope', 'error', {
      zh: `scope「${scope}」无效：公众号网页授权只有 snsapi_base 和 snsapi_userinfo（snsapi_login 是开放平台网站应用的）。`,
      en: `scope "${scope}" is not valid: Official Account web OAuth has snsapi_base and snsapi_userinfo only (snsapi_login is for Open Platform websites).`,
    });
  }
  const state = get('state');
  if (state && !OAUTH_STATE_RE.test(state)) {
    add('state', 'warn', {
      zh: 'state 应只含字母和数字，最长 128 字节。',
      en: 'state should be letters and digits only, at most 128 bytes.',
    });
  }
  if (!keys.includes('state')) {
    add('no_state', 'warn', {
      zh: '没有 state：无法防范 CSRF。请带上一个随机 state 并在回调中核对。',
      en: 'No state: nothing guards against CSRF. Send a random state and check it in the callback.',
    });
  }
  if (u.hash !== '#wechat_redirect') {
    add('fragment', 'error', {
      zh: '链接必须以 #wechat_redirect 结尾（302 跳转时也一样）。',
      en: 'The link must end with #wechat_redirect (also when you 302 to it).',
    });
  }
  const appId = get('appid');
  if (expectedAppId && appId && appId !== expectedAppId) {
    add('appid', 'warn', {
      zh: `appid ${appId} 不是所选公众号的 AppID（${expectedAppId}）。`,
      en: `appid ${appId} is not the chosen account's AppID (${expectedAppId}).`,
    });
  }
  const fixable = appId && redirectUri && /^https?:\/\//i.test(redirectUri);
  const fixedUrl = fixable
    ? buildAuthorizeUrl({
        appId,
        redirectUri,
        scope: scope === 'snsapi_userinfo' ? 'snsapi_userinfo' : 'snsapi_base',
        state: state ?? '',
        componentAppId: get('component_appid') ?? undefined,
      })
    : null;
  return { problems, appId, redirectUri, scope, state, fixedUrl: fixedUrl === text ? null : fixedUrl };
}
