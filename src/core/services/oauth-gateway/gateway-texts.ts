import type { PageText } from './gateway-pages';

/** What the gateway tells a fan, a developer or the app's server, in both languages. */
export const GATEWAY_TEXTS = {
  cookie_forged: {
    title: { zh: '登录凭证无效', en: 'This sign-in is not valid' },
    message: {
      zh: '浏览器带来的登录 Cookie 签名不正确：它被改动过，或不是 MPDesk 签发的。MPDesk 已拒绝它并清除。',
      en: 'The sign-in cookie your browser sent has a wrong signature: it was altered, or MPDesk did not issue it. MPDesk refused it and cleared it.',
    },
    hint: { zh: '重新登录即可继续。', en: 'Sign in again to continue.' },
  },
  cookie_expired: {
    title: { zh: '登录已过期', en: 'Your sign-in has expired' },
    message: {
      zh: '这个登录 Cookie 已过了有效期，不能再使用。',
      en: 'This sign-in cookie is past its expiry and cannot be used.',
    },
    hint: { zh: '重新登录即可继续。', en: 'Sign in again to continue.' },
  },
  sign_in_required: {
    title: { zh: '需要先登录', en: 'Sign-in required' },
    message: {
      zh: '这个地址需要微信网页授权。请让页面跳转到 authorizeUrl。',
      en: 'This address needs WeChat web authorization. Send the page to authorizeUrl.',
    },
  },
  no_account: {
    title: { zh: '网关尚未设置公众号', en: 'The gateway has no account yet' },
    message: {
      zh: '这个路径受保护，但 MPDesk 的网关没有选择用哪个公众号登录。',
      en: 'This path is protected, but the MPDesk gateway has no account to sign fans in with.',
    },
    hint: {
      zh: '在 MPDesk 的「网页授权」页面的网关设置中选择公众号。',
      en: 'Choose the account in the gateway settings of MPDesk’s OAuth screen.',
    },
  },
  bad_path: {
    title: { zh: '地址无法识别', en: 'Unreadable address' },
    message: {
      zh: '路径中的转义字符无法解码，或编码了斜杠：MPDesk 不会猜测它的含义。',
      en: 'The path holds an escape that does not decode, or an encoded slash: MPDesk does not guess what it means.',
    },
  },
  upstream_refused: {
    title: { zh: '应用没有运行', en: 'Your app is not running' },
    message: {
      zh: 'MPDesk 无法连接到你的本地应用（连接被拒绝）。',
      en: 'MPDesk could not connect to your local app (connection refused).',
    },
    hint: {
      zh: '启动你的应用，或在「网页授权 → 网关」中检查应用地址，然后刷新本页。',
      en: 'Start your app, or check the app URL under OAuth → Gateway, then reload this page.',
    },
  },
  upstream_timeout: {
    title: { zh: '应用没有及时响应', en: 'Your app did not answer in time' },
    message: {
      zh: '你的本地应用在限定时间内没有返回响应头。',
      en: 'Your local app did not send its response head in time.',
    },
    hint: { zh: '检查应用是否卡住，然后刷新本页。', en: 'Check whether the app is stuck, then reload.' },
  },
  upstream_reset: {
    title: { zh: '应用断开了连接', en: 'Your app hung up' },
    message: {
      zh: '你的本地应用在响应之前关闭了连接。',
      en: 'Your local app closed the connection before answering.',
    },
    hint: { zh: '查看应用的日志，然后刷新本页。', en: 'Look at the app’s log, then reload.' },
  },
  landing_not_allowed: {
    title: { zh: '落地页不被允许', en: 'Landing page not allowed' },
    message: {
      zh: '登录后的跳转地址不在 MPDesk 网关的白名单中，MPDesk 不会跳转过去（防止开放重定向）。',
      en: 'The page to go to after sign-in is not on the MPDesk gateway’s allowlist, so MPDesk does not go there (no open redirects).',
    },
    hint: {
      zh: '在「网页授权 → 网关」中把该网址的来源加入白名单，或改用应用中的路径。',
      en: 'Add the URL’s origin to the allowlist under OAuth → Gateway, or use a path of your app.',
    },
  },
  ticket_unknown: {
    title: { zh: '票据无效', en: 'Unknown ticket' },
    message: {
      zh: 'MPDesk 没有签发过这个票据：它被改动过，或是伪造的。',
      en: 'MPDesk never issued this ticket: it was altered or forged.',
    },
  },
  ticket_used: {
    title: { zh: '票据已被使用', en: 'Ticket already redeemed' },
    message: {
      zh: '每个票据只能兑换一次，这个已经兑换过了。',
      en: 'A ticket is redeemed once, and this one already was.',
    },
    hint: {
      zh: '如果是你的服务器重复兑换，请保存第一次的结果；否则可能是重放攻击。',
      en: 'If your server redeemed it twice, keep the first answer; otherwise this may be a replay.',
    },
  },
  ticket_expired: {
    title: { zh: '票据已过期', en: 'Ticket expired' },
    message: {
      zh: '票据签发后 60 秒内有效，这个已经过期。',
      en: 'A ticket is valid for 60 seconds after it is issued; this one has expired.',
    },
    hint: { zh: '让用户重新打开页面登录。', en: 'Have the fan open the page again to sign in.' },
  },
  ticket_secret: {
    title: { zh: '兑换密钥不正确', en: 'Wrong redeem secret' },
    message: {
      zh: '请求没有带上正确的 Authorization: Bearer <兑换密钥>。',
      en: 'The request does not carry the right Authorization: Bearer <redeem secret>.',
    },
    hint: {
      zh: '兑换密钥在「网页授权 → 网关」中生成，只显示一次。',
      en: 'The redeem secret is made under OAuth → Gateway and shown once.',
    },
  },
  ticket_no_secret: {
    title: { zh: '尚未生成兑换密钥', en: 'No redeem secret yet' },
    message: {
      zh: 'MPDesk 还没有生成兑换票据用的密钥，因此不接受兑换。',
      en: 'MPDesk has no redeem secret yet, so it redeems no tickets.',
    },
    hint: {
      zh: '在「网页授权 → 网关」中生成兑换密钥。',
      en: 'Make one under OAuth → Gateway.',
    },
  },
  ticket_bad_request: {
    title: { zh: '请求格式不对', en: 'Malformed request' },
    message: {
      zh: '请以 POST 发送 JSON {"ticket": "…"}（或表单 ticket=…）。',
      en: 'POST a JSON body {"ticket": "…"} (or a form ticket=…).',
    },
  },
} satisfies Record<string, PageText>;

export type GatewayTextCode = keyof typeof GATEWAY_TEXTS;
