/**
 * English text for every validation key used in schemas. The renderer translates the same keys
 * (renderer/src/i18n); the transports send both, so curl users and logs read English.
 */
export const VALIDATION_MESSAGES_EN = {
  'validation.required': 'This field is required',
  'validation.tooLong': 'Too long',
  'validation.number': 'Must be a number',
  'validation.enum': 'Not one of the allowed values',
  'validation.appId': 'AppID is "wx" followed by 16 hex characters',
  'validation.appSecret': 'AppSecret is 32 letters or digits',
  'validation.token': 'Token must be 3-32 letters or digits',
  'validation.encodingAESKey': 'EncodingAESKey must be exactly 43 letters or digits',
  'validation.aesKeyRequiredForMode': 'Compatible and safe modes need an EncodingAESKey',
  'validation.mode': 'Mode must be plain, compatible or safe',
  'validation.callbackSlug': 'Callback path: 1-64 letters, digits, "-" or "_"',
  'validation.callbackSlugTaken': 'Already used by another account',
  'validation.unknownField': 'Unknown field',
  'validation.invalid': 'Invalid value',
  'validation.hostname': 'A host name such as my-app.ngrok-free.app (no scheme, no path)',
  'validation.publicBaseUrl': 'A public URL such as https://wx.example.com (http or https, no query)',
  'validation.ngrokAuthtoken': 'An ngrok authtoken: 20-200 letters, digits, "_" or "-"',
  'validation.tooMany': 'Too many items',
  'validation.replyType': 'Reply type must be text, image, news or transfer',
  'validation.ruleKind': 'Rule kind must be keyword, subscribe, click, scan or default',
  'validation.regex': 'Not a valid regular expression',
  'validation.url': 'A URL starting with http:// or https://',
  'validation.verifyFileName': 'File name is MP_verify_ followed by 16 letters or digits and .txt',
  'validation.httpUrl': 'An http:// or https:// URL without query or fragment',
  'validation.updateFeedUrl':
    'An https:// URL of the folder holding latest.yml (http:// only for localhost), or empty',
  'validation.apiBase': 'API base: an http(s) URL such as https://api.weixin.qq.com, or "sandbox"',
  'validation.tokenSource': 'Token source must be stable_token, token or borrow',
  'validation.tokenBorrowUrlRequired': 'Borrowing a token needs the URL of your server',
  'validation.httpsRequired':
    'Use https. Plain http only for a proxy on this machine (127.0.0.1, localhost, ::1), and only when you say so',
  'validation.appSecretForApiChange':
    'Changing where API calls go (API base, backup base, token source) needs the AppSecret again: MPDesk sends it there',
  'validation.apiPath': 'An API path such as /cgi-bin/menu/get',
  'validation.oauthScope': 'Scope must be snsapi_base or snsapi_userinfo',
  'validation.oauthState': 'state: 1-128 letters or digits',
  'validation.oauthRedirectUri': 'redirect_uri: a full http:// or https:// URL',
  'validation.oauthDomain':
    'OAuth domain: a domain such as wx.example.com (optionally with a path); no scheme, IP or port',
  'validation.menuCount': 'A menu has 1 to 3 top-level buttons',
  'validation.menuSubCount': 'A menu holds 1 to 5 sub-buttons',
  'validation.menuType': 'Choose a button type',
  'validation.menuNameTop': 'Name: 1-16 bytes (a Chinese character takes 3)',
  'validation.menuNameSub': 'Name: 1-60 bytes (a Chinese character takes 3)',
  'validation.menuKey': 'Key: 1-128 bytes',
  'validation.menuUrl': 'URL: 1-1024 bytes',
  'validation.menuUrlDomain': 'URL must start with http:// or https:// and name a host',
  'validation.menuDomains': 'At most 3 external domains across the menu',
  'validation.menuMediaId': 'A permanent material media_id is required',
  'validation.menuArticleId': 'A published article_id is required',
  'validation.menuAppid': 'The mini program AppID is required',
  'validation.menuPagepath': 'The mini program page path is required',
  'validation.menuNested': 'Sub-buttons cannot have their own sub-buttons',
  'validation.oauthLanding':
    'Landing: a path of your app such as /grades, or a URL whose origin is on the gateway allowlist',
  'validation.oauthFixedState': 'A fixed state needs a name (state)',
  'validation.gatewayUpstream': 'The app URL: http:// or https:// with a host, such as http://127.0.0.1:3000',
  'validation.gatewayPrefix': 'A path prefix starting with /, such as /app',
  'validation.gatewayOrigin': 'An origin: scheme and host (and port), such as https://h5.example.com',
  'validation.menuOauthLink': 'This OAuth link fails WeChat’s checks (order, encoding or #wechat_redirect)',
  'validation.menuOauthDomain':
    'The OAuth link’s redirect_uri is not under the account’s 网页授权域名 (WeChat shows 10003)',
  'validation.menuNameTruncated': 'WeChat shows this name cut off with "…"',
  'validation.menuKeyDuplicate': 'Another button uses the same key',
  'validation.remark': 'Remark: fewer than 30 characters',
} as const satisfies Record<string, string>;

export type ValidationKey = keyof typeof VALIDATION_MESSAGES_EN;
