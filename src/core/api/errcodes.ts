import type { ErrcodeExplanationDto } from '../../shared/api/areas/api';

/**
 * What each WeChat errcode means and how to fix it, in 中文 and English. Sources: docs/wechat-protocol.md
 * §6.1 (global codes and the retry policy), §7 (menu), §8 (OAuth), §10 (customer service), §11
 * (component). Codes WeChat may add later fall back to a generic explanation.
 */
type Row = [zh: string, en: string, hintZh: string, hintEn: string];

const TABLE: Record<number, Row> = {
  [-1]: [
    '系统繁忙',
    'WeChat is busy',
    '稍后重试（MPDesk 会自动退避重试几次）',
    'Retry later; MPDesk already retried with back-off',
  ],
  40001: [
    'access_token 无效或不是最新',
    'access_token invalid or not the latest',
    '若获取 token 时出现：检查 AppSecret；调用时出现：另一个程序用 cgi-bin/token 刷新了 token（改用 stable_token 或“借用”生产服务器的 token）',
    "When fetching: check the AppSecret. When calling: another program refreshed the token via cgi-bin/token; use stable_token or borrow the production server's token",
  ],
  40002: [
    'grant_type 不合法',
    'invalid grant_type',
    '使用 client_credential',
    'Use grant_type=client_credential',
  ],
  40003: [
    'openid 不合法',
    'invalid openid',
    '确认该 openid 属于本公众号且用户已关注',
    'Check the openid belongs to this account and the user follows it',
  ],
  40005: ['文件类型不合法', 'invalid file type', '检查上传的文件类型', 'Check the uploaded file type'],
  40007: [
    'media_id 不合法',
    'invalid media_id',
    '使用本公众号的永久素材 media_id',
    'Use a permanent material media_id of this account',
  ],
  40008: ['消息类型不合法', 'invalid message type', 'msgtype 见 §10.1', 'See §10.1 for valid msgtype values'],
  40013: [
    'AppID 不合法',
    'invalid AppID',
    '核对开发 → 基本配置中的 AppID（wx 开头 18 位）',
    'Check the AppID in 基本配置 (wx + 16 hex)',
  ],
  40014: [
    'access_token 不合法',
    'invalid access_token',
    'MPDesk 会自动刷新一次；仍失败请检查 token 来源',
    'MPDesk refreshes once automatically; if it persists, check the token source',
  ],
  40015: ['菜单类型不合法', 'invalid menu type', '检查按钮 type', 'Check the button types'],
  40016: ['一级菜单按钮个数不合法', 'invalid button count', '一级菜单 1-3 个', 'Use 1-3 top-level buttons'],
  40017: [
    '按钮类型不合法',
    'invalid button type',
    '见 §7.2 的 type 列表及必填字段',
    'See §7.2 for button types and their required fields',
  ],
  40018: [
    '按钮名字长度不合法',
    'invalid button name size',
    '一级菜单名不超过 16 字节（约 4 个汉字）',
    'Top-level names are at most 16 bytes (about 4 Chinese characters)',
  ],
  40019: ['按钮 KEY 长度不合法', 'invalid button key size', 'key 1-128 字节', 'key must be 1-128 bytes'],
  40020: [
    '按钮 URL 长度不合法',
    'invalid button url size',
    'url 不超过 1024 字节',
    'url must be at most 1024 bytes',
  ],
  40023: [
    '子菜单按钮个数不合法',
    'invalid sub button count',
    '每个一级菜单 1-5 个子菜单',
    'Use 1-5 sub-buttons per top-level button',
  ],
  40024: ['子菜单按钮类型不合法', 'invalid sub button type', '见 §7.2', 'See §7.2'],
  40025: [
    '子菜单按钮名字长度不合法',
    'invalid sub button name size',
    '子菜单名不超过 60 字节',
    'Sub-button names are at most 60 bytes',
  ],
  40026: [
    '子菜单按钮 KEY 长度不合法',
    'invalid sub button key size',
    'key 1-128 字节',
    'key must be 1-128 bytes',
  ],
  40027: [
    '子菜单按钮 URL 长度不合法',
    'invalid sub button url size',
    'url 不超过 1024 字节',
    'url must be at most 1024 bytes',
  ],
  40029: [
    'code 无效或已过期',
    'invalid or expired OAuth code',
    'code 5 分钟内有效且只能用一次；让用户重新授权',
    'A code lives 5 minutes and works once; send the user through authorization again',
  ],
  40030: ['refresh_token 无效', 'invalid refresh_token', '让用户重新授权', 'Ask the user to authorize again'],
  40032: [
    'openid 列表长度不合法',
    'invalid openid list size',
    'batchget 每次最多 100 个',
    'batchget takes at most 100 openids',
  ],
  40054: [
    '子菜单按钮 URL 域名不合法',
    'invalid sub button url domain',
    '使用 http(s) 完整链接',
    'Use a full http(s) URL',
  ],
  40055: [
    '菜单按钮 URL 域名不合法',
    'invalid button url domain',
    '使用 http(s) 完整链接',
    'Use a full http(s) URL',
  ],
  40125: [
    'AppSecret 不合法',
    'invalid AppSecret',
    '在基本配置中重置 AppSecret 并更新账号',
    'Reset the AppSecret in 基本配置 and update the account',
  ],
  40163: [
    'code 已被使用',
    'OAuth code already used',
    '回调被调用了两次：按 state 缓存第一次的结果',
    'The callback ran twice; cache the first result by state',
  ],
  40164: [
    '调用 IP 不在白名单',
    'caller IP not in the whitelist',
    '把错误里的 IP 加到 基本配置 → IP白名单；不要重试',
    'Add the IP named in the error to 基本配置 → IP白名单; retrying will not help',
  ],
  41001: [
    '缺少 access_token',
    'access_token missing',
    '该接口需要 access_token',
    'This API needs an access_token',
  ],
  41002: ['缺少 appid', 'appid missing', '', ''],
  41008: ['缺少 code', 'OAuth code missing', '用户可能拒绝了授权', 'The user may have refused authorization'],
  42001: [
    'access_token 已过期',
    'access_token expired',
    'MPDesk 会自动刷新一次',
    'MPDesk refreshes once automatically',
  ],
  42002: [
    'refresh_token 已过期',
    'refresh_token expired',
    '网页授权 refresh_token 30 天有效；让用户重新授权',
    'Web refresh tokens live 30 days; ask the user to authorize again',
  ],
  42003: ['code 已过期', 'OAuth code expired', 'code 5 分钟内有效', 'Codes live 5 minutes'],
  42007: [
    '用户修改了密码，token 失效',
    'user changed password; tokens revoked',
    '让用户重新授权',
    'Ask the user to authorize again',
  ],
  43004: [
    '需要用户关注',
    'recipient does not follow the account',
    '用户未关注或已取消关注',
    'The user does not follow the account',
  ],
  44002: ['POST 数据为空', 'empty POST body', '', ''],
  44004: ['文本内容为空', 'empty text content', '', ''],
  45008: ['图文消息超过限制', 'too many articles', '图文消息只能有 1 篇', 'News messages carry one article'],
  45009: [
    '接口调用超过每日限额',
    'daily API quota reached',
    '明天再试，或调用 clear_quota 重置（每月 10 次）；不要重试',
    'Wait until tomorrow or use clear_quota (10 times a month); retrying will not help',
  ],
  45011: ['接口调用太频繁', 'per-minute quota reached', '下一分钟再试', 'Try again next minute'],
  45015: [
    '回复时间超过限制',
    'customer-service window closed',
    '用户 48 小时内没有互动，或已取关',
    'The user has not interacted in 48 hours, or unfollowed',
  ],
  45047: [
    '客服下行消息超过上限',
    'customer-service message quota used up',
    '等用户再次发消息',
    'Wait for the user to send another message',
  ],
  45072: [
    'command 字段取值不对',
    'invalid typing command',
    '使用 Typing 或 CancelTyping',
    'Use Typing or CancelTyping',
  ],
  45080: [
    '30 秒内用户没有互动',
    'no interaction in the last 30 s',
    '只能在用户发消息后 30 秒内下发输入状态',
    'Typing only works within 30 s of a user message',
  ],
  45081: ['已经在输入状态', 'already typing', '等 15 秒或先发消息', 'Wait 15 s or send a message first'],
  45003: [
    '备注名过长',
    'remark too long',
    '备注名须少于 30 个字符',
    'A remark must be shorter than 30 characters',
  ],
  45056: [
    '标签数量超过上限',
    'too many tags',
    '一个公众号最多 100 个标签，先删除不用的',
    'An account has at most 100 tags; delete one you no longer use',
  ],
  45057: [
    '该标签下粉丝数超过 10 万，不能直接删除',
    'the tag has more than 100,000 fans and cannot be deleted',
    '先为部分粉丝取消该标签',
    'Untag some of its fans first',
  ],
  45058: [
    '不能修改 0/1/2 三个系统标签',
    'system tags 0, 1 and 2 cannot be changed',
    '星标组等系统标签不可改名或删除',
    '星标组 and the other system tags cannot be renamed or deleted',
  ],
  45059: [
    '粉丝的标签数已达上限',
    'a fan already has the most tags allowed',
    '每个粉丝最多 20 个标签',
    'A fan carries at most 20 tags',
  ],
  45157: [
    '标签名非法或与其他标签重名',
    'invalid tag name, or the name is already used',
    '换一个不重复的名称',
    'Choose a name no other tag has',
  ],
  45158: ['标签名过长', 'tag name too long', '标签名最多 30 个字符', 'A tag name has at most 30 characters'],
  45159: ['标签不存在', 'no such tag', '刷新标签列表后重试', 'Refresh the tag list and try again'],
  46003: ['菜单不存在', 'menu does not exist', '先创建菜单', 'Create a menu first'],
  47001: ['数据格式错误', 'malformed data', '检查 JSON 字段和类型', 'Check the JSON fields and types'],
  48001: [
    '接口未授权',
    'API unauthorized',
    '账号没有该接口权限（如未认证），或用 snsapi_base 的 token 调用了 userinfo',
    'The account lacks this API (e.g. unverified), or a snsapi_base token called userinfo',
  ],
  48002: ['用户拒收消息', 'user blocks messages', '', ''],
  49003: [
    'openid 不属于此公众号',
    'the openid does not belong to this account',
    '确认是本公众号的粉丝',
    'Check the fan follows this account',
  ],
  48004: [
    '接口被封禁',
    'API banned',
    '到公众平台查看违规通知',
    'See the violation notice on mp.weixin.qq.com',
  ],
  50001: ['用户未授权该接口', 'user has not authorized this API', '', ''],
  50002: ['用户受限', 'user restricted', '', ''],
  61005: [
    'component_verify_ticket 已过期',
    'component_verify_ticket expired',
    '等待下一次推送（每 10 分钟），或调用 api_start_push_ticket',
    'Wait for the next push (every 10 min) or call api_start_push_ticket',
  ],
  61006: [
    'component_verify_ticket 不合法',
    'component_verify_ticket invalid',
    '使用最近一次推送的 ticket',
    'Use the latest pushed ticket',
  ],
  61023: [
    'authorizer_refresh_token 不合法',
    'authorizer_refresh_token invalid',
    '公众号需要重新授权给第三方平台',
    'The account must authorize the platform again',
  ],
  61024: [
    '须使用 component_access_token',
    'must use component_access_token',
    '此接口用 api_component_token 获取的 token',
    'Use the token from api_component_token',
  ],
  61007: ['公众号未授权该权限集', 'authorizer lacks this permission', '', ''],
  65316: [
    '菜单外链域名超过 3 个',
    'too many external domains in the menu',
    '最多 3 个外链域名',
    'At most 3 external domains',
  ],
  89503: [
    '调用 IP 需管理员确认',
    'calling IP needs admin confirmation',
    '管理员在手机上确认后重试；拒绝后该 IP 约 1 小时内被拦截',
    'The admin must approve the IP on their phone; if refused it is blocked for about an hour',
  ],
};

export function explainErrcode(errcode: number): ErrcodeExplanationDto {
  const row = TABLE[errcode];
  if (!row) {
    return {
      errcode,
      zh: '未收录的错误码',
      en: "errcode not in MPDesk's table",
      hintZh: '查看 errmsg 和微信官方全局返回码说明',
      hintEn: "Read errmsg and WeChat's global return-code page",
    };
  }
  const [zh, en, hintZh, hintEn] = row;
  return { errcode, zh, en, hintZh, hintEn };
}

export function knownErrcodes(): number[] {
  return Object.keys(TABLE).map(Number);
}

/** §6.2: the codes that mean "this token is no good": invalidate-if-same, refresh, retry once. */
export const TOKEN_INVALID_CODES: ReadonlySet<number> = new Set([40001, 40014, 42001]);
/** §6.1: WeChat busy; bounded back-off retry. */
export const BUSY_CODE = -1;

/** 40164's errmsg names the IP WeChat saw: `invalid ip 1.2.3.4 ipv6 ::ffff:1.2.3.4, not in whitelist`. */
export function ipFrom40164(errmsg: string): string | undefined {
  return /invalid ip ([0-9a-fA-F.:]+)/.exec(errmsg)?.[1];
}
