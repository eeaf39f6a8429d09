import type {
  OauthErrorDto,
  OauthRedirectIssue,
  OauthRedirectProblem,
} from '../../../shared/api/areas/oauth';
import type { Bilingual } from '../../../shared/api/areas/common';
import { explainErrcode } from '../../api/errcodes';
import type { RedirectCheck } from '../../wechat';

/** Bilingual words for the OAuth screen and the callback page (docs/wechat-protocol.md §6.1, §8). */

const WHERE = {
  zh: '设置与开发 → 公众号设置 → 功能设置 → 网页授权域名',
  en: 'Settings & Development → Account settings → Features → OAuth domain (网页授权域名)',
};

/** The problems of a redirect_uri (a fixed state without a landing is told by fixedStateIssue). */
export type RedirectTextProblem = Exclude<OauthRedirectProblem, 'fixed_no_landing'>;

export function redirectIssues(
  check: RedirectCheck,
  oauthDomain: string | null,
  isSandbox: boolean,
  extra: RedirectTextProblem[] = [],
): OauthRedirectIssue[] {
  const host = check.expectedDomain ?? '';
  const texts: Record<RedirectTextProblem, Omit<OauthRedirectIssue, 'problem'>> = {
    not_http: {
      severity: 'error',
      message: {
        zh: 'redirect_uri 必须是 http:// 或 https:// 开头的完整地址。',
        en: 'redirect_uri must be a full http:// or https:// URL.',
      },
    },
    no_domain: {
      severity: isSandbox ? 'info' : 'warn',
      message: isSandbox
        ? {
            zh: '未填写网页授权域名：沙箱不做核对。填写后，沙箱会像微信一样核对 redirect_uri（不一致时报 10003）。',
            en: 'No OAuth domain entered: the sandbox checks nothing. Enter one and the sandbox checks the redirect_uri as WeChat does (10003 when it differs).',
          }
        : {
            zh: `未记录该公众号的网页授权域名，无法核对。公众平台「${WHERE.zh}」必须是 ${host}，否则微信页面会报 10003（redirect_uri 域名与后台配置不一致）。`,
            en: `No OAuth domain recorded for this account, so MPDesk cannot check it. ${WHERE.en} must be ${host}, or WeChat's page shows 10003 (redirect_uri domain differs from the configured one).`,
          },
    },
    host_mismatch: {
      severity: isSandbox ? 'warn' : 'error',
      message: {
        zh: `redirect_uri 的域名 ${host} 与网页授权域名 ${oauthDomain ?? ''} 不一致：微信会报 10003。请把网页授权域名改为 ${host}，或改用该域名下的回调地址。`,
        en: `The redirect_uri host ${host} is not the OAuth domain ${oauthDomain ?? ''}: WeChat answers 10003. Set the OAuth domain to ${host}, or use a callback under that domain.`,
      },
    },
    subdomain: {
      severity: isSandbox ? 'warn' : 'error',
      message: {
        zh: `${host} 与 ${oauthDomain ?? ''} 是上下级域名：网页授权域名不包含子域名（填写 www.qq.com 只允许 www.qq.com/*，不允许 pay.qq.com 或 qq.com）。`,
        en: `${host} and ${oauthDomain ?? ''} are a subdomain/parent pair: the OAuth domain does not cover subdomains (www.qq.com allows www.qq.com/* only, not pay.qq.com or qq.com).`,
      },
    },
    path_mismatch: {
      severity: isSandbox ? 'warn' : 'error',
      message: {
        zh: `网页授权域名 ${oauthDomain ?? ''} 带路径，redirect_uri 必须在该路径之下。`,
        en: `The OAuth domain ${oauthDomain ?? ''} has a path; the redirect_uri must be under it.`,
      },
    },
    ip_host: {
      severity: isSandbox ? 'info' : 'error',
      message: {
        zh: `redirect_uri 使用 IP 地址（${host}）：网页授权域名不能是 IP，正式号无法使用。`,
        en: `The redirect_uri uses an IP address (${host}): an OAuth domain cannot be an IP, so a real account cannot use it.`,
      },
    },
    port: {
      severity: isSandbox ? 'info' : 'error',
      message: {
        zh: 'redirect_uri 带有非 80/443 端口：网页授权域名不能带端口。请通过隧道或反向代理使用 80/443。',
        en: 'The redirect_uri has a port other than 80/443: an OAuth domain cannot carry a port. Use a tunnel or reverse proxy on 80/443.',
      },
    },
    local_host: {
      severity: isSandbox ? 'info' : 'warn',
      message: {
        zh: '这是本机地址：沙箱可以用，但手机上的微信无法访问它。请启动隧道或设置公网地址。',
        en: 'This is a local address: fine for the sandbox, but WeChat on a phone cannot reach it. Start a tunnel or set a public URL.',
      },
    },
    not_https: {
      severity: 'info',
      message: { zh: '建议使用 https 的 redirect_uri。', en: 'An https redirect_uri is recommended.' },
    },
    not_ours: {
      severity: 'info',
      message: {
        zh: '这不是 MPDesk 的回调地址：code 会交给你自己的页面，MPDesk 不会看到它，也不会保存会话。',
        en: "This is not MPDesk's callback: the code goes to your own page, so MPDesk will not see it or store a session.",
      },
    },
    verify_file: {
      severity: 'warn',
      message: verifyFileIssue(oauthDomain ?? host),
    },
  };
  return [...check.problems, ...extra].map((problem) => ({ problem, ...texts[problem] }));
}

export function verifyFileIssue(domain: string): Bilingual {
  return {
    zh: `保存网页授权域名时，公众平台要求 http(s)://${domain}/MP_verify_xxx.txt 可访问。MPDesk 可以代为提供该文件：在回调设置中上传从公众平台下载的 MP_verify 文件。`,
    en: `To save the OAuth domain, mp.weixin.qq.com requires http(s)://${domain}/MP_verify_xxx.txt to be reachable. MPDesk can serve it: add the MP_verify file downloaded from mp.weixin.qq.com in the callback settings.`,
  };
}

const STATE_ERRORS = {
  state_unknown: {
    message: {
      zh: 'state 不是 MPDesk 签发的（或不属于这个公众号）。',
      en: 'The state was not issued by MPDesk (or not for this account).',
    },
    hint: {
      zh: 'state 用来防止 CSRF（跨站请求伪造）：攻击者可以把自己的 code 塞给受害者的浏览器，让受害者登录到攻击者的身份。state 不匹配时绝不能用这个 code 换取 token。请在 MPDesk 的网页授权页面重新生成链接。',
      en: "The state guards against CSRF (cross-site request forgery): an attacker can push their own code into a victim's browser so the victim ends up signed in as the attacker. With a mismatched state the code must never be exchanged. Build a new link in MPDesk's OAuth screen.",
    },
  },
  state_other_account: {
    message: {
      zh: '这个 state 是为另一个公众号签发的，不能在这个公众号的回调中使用。',
      en: 'This state was issued for another account and cannot be used on this account’s callback.',
    },
    hint: {
      zh: '链接的 redirect_uri 指向了别的公众号的回调（/oauth/<回调路径>/callback）。code 属于链接中的 appid，换到另一个公众号名下会被拒绝，也可能让人冒用身份。请用所选公众号重新生成链接。',
      en: "The link's redirect_uri points at another account's callback (/oauth/<path>/callback). A code belongs to the link's appid; taking it to another account is refused, as it could pass one identity off as another. Build the link again for the account you mean.",
    },
  },
  csrf_mismatch: {
    message: {
      zh: '这次登录不是在这个浏览器中发起的（CSRF 校验 Cookie 不匹配）。',
      en: 'This sign-in was not started in this browser (the CSRF cookie does not match).',
    },
    hint: {
      zh: 'MPDesk 网关发起登录时会在浏览器中放一个校验 Cookie，回调时必须带回。换了浏览器、清除了 Cookie，或有人把别人的授权链接发给了你，都会这样。请重新打开页面。',
      en: 'When the MPDesk gateway starts a sign-in it leaves a check cookie in the browser, which must come back with the callback. A different browser, cleared cookies, or a link someone else started all end here. Open the page again.',
    },
  },
  state_expired: {
    message: { zh: 'state 已过期。', en: 'The state has expired.' },
    hint: {
      zh: '链接生成太久了（state 的有效期有限，code 本身也只有 5 分钟）。请重新生成链接再试。',
      en: 'The link is too old (states live a limited time; codes themselves only 5 minutes). Build a new link and try again.',
    },
  },
  state_used: {
    message: { zh: 'state 已经用过了。', en: 'The state has already been used.' },
    hint: {
      zh: '随机 state 只用于一次登录（以及它之后 5 分钟内微信的重复回调），再次使用可能是重放攻击（CSRF）。如果只是刷新了页面，请重新打开链接或重新生成。',
      en: 'A random state opens one sign-in (and WeChat’s repeated callbacks in the 5 minutes after it); another use may be a replay (CSRF). If you only reloaded the page, open the link again or build a new one.',
    },
  },
  no_code: {
    message: {
      zh: '用户拒绝了授权（回调中只有 state，没有 code）。',
      en: 'The user refused authorization (the callback carries a state but no code).',
    },
    hint: {
      zh: 'snsapi_userinfo 会弹出授权页，用户点了「拒绝」。可改用静默的 snsapi_base 获取 openid。',
      en: 'snsapi_userinfo shows a consent page and the user declined. snsapi_base gets the openid silently.',
    },
  },
  no_secret: {
    message: {
      zh: '该公众号没有保存 AppSecret，无法用 code 换取 token。',
      en: 'This account has no AppSecret, so the code cannot be exchanged.',
    },
    hint: {
      zh: '在「公众号」页面编辑该账号并填写开发者密码(AppSecret)。',
      en: 'Edit the account on the Accounts screen and enter its AppSecret.',
    },
  },
  network: {
    message: { zh: '无法连接微信接口。', en: 'Could not reach the WeChat API.' },
    hint: {
      zh: '检查网络或接口地址设置，然后重新授权。',
      en: 'Check the network or the API host setting, then authorize again.',
    },
  },
} satisfies Record<string, { message: Bilingual; hint: Bilingual }>;

const isStateErrorKind = (kind: string): kind is keyof typeof STATE_ERRORS =>
  Object.hasOwn(STATE_ERRORS, kind);

export function stateError(kind: keyof typeof STATE_ERRORS | string, errmsg = ''): OauthErrorDto {
  const t = isStateErrorKind(kind) ? STATE_ERRORS[kind] : STATE_ERRORS.network;
  return { errcode: null, errmsg, kind, message: t.message, hint: t.hint };
}

/** §6.1 / §8: why the exchange failed, with the OAuth-specific advice first. */
export function wechatError(errcode: number, errmsg: string): OauthErrorDto {
  const e = explainErrcode(errcode);
  const extra: Record<number, Bilingual> = {
    40029: {
      zh: 'code 无效或已过期（超过 5 分钟未使用）。让用户重新打开授权链接。',
      en: 'The code is invalid or expired (unused for more than 5 minutes). Have the user open the authorize link again.',
    },
    40163: {
      zh: 'code 已被使用：每个 code 只能换一次 token。常见原因是回调被请求了两次，或你的服务器和 MPDesk 都拿它去换了 token。',
      en: 'The code was already used: a code is exchanged once. Usually the callback was hit twice, or your server and MPDesk both exchanged it.',
    },
    40125: {
      zh: 'AppSecret 不正确。到公众平台「基本配置」重置后，在 MPDesk 中更新该账号。',
      en: 'The AppSecret is wrong. Reset it in 基本配置 on mp.weixin.qq.com and update the account in MPDesk.',
    },
  };
  return {
    errcode,
    errmsg,
    kind: 'wechat_error',
    message: { zh: `${e.zh}（errcode ${errcode}）`, en: `${e.en} (errcode ${errcode})` },
    hint: extra[errcode] ?? { zh: e.hintZh || '查看 errmsg。', en: e.hintEn || 'See errmsg.' },
  };
}

/** A fixed state (a menu link) without a landing: every fan who taps it ends on MPDesk's result page. */
export function fixedStateIssue(state: string): OauthRedirectIssue {
  return {
    problem: 'fixed_no_landing',
    severity: 'warn',
    message: {
      zh: `固定 state「${state}」没有落地页：粉丝授权后只会看到 MPDesk 的结果页。请填写落地页（应用中的路径，如 /grades），回调会带着粉丝的身份跳转过去。`,
      en: `The fixed state "${state}" has no landing page: fans who authorize end on MPDesk's result page. Enter a landing (a path of your app, such as /grades) and the callback takes them there, signed in.`,
    },
  };
}
