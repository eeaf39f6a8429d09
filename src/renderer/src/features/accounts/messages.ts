import { defineMessages } from '../../i18n/define-messages';

/** Chinese follows the mp.weixin.qq.com backend's own wording (服务器配置 form). */
export const accountsMessages = defineMessages(
  {
    'accounts.intro': 'The Official Accounts this desk serves. Each one has its own callback URL.',
    'accounts.add': 'Add account',
    'accounts.listLabel': 'Official Accounts',
    'accounts.empty.title': 'No Official Accounts yet',
    'accounts.empty.body':
      'Add one with its AppID and AppSecret; MPDesk then shows what to paste into the server configuration on mp.weixin.qq.com.',
    'accounts.loadFailed': 'Could not load the accounts: {reason}',
    'accounts.sandbox': 'Sandbox',
    'accounts.sandbox.hint': 'Built-in test account, served by the local sandbox platform instead of WeChat',
    'accounts.created': 'Added {date}',
    'accounts.sandbox.note':
      'MPDesk’s local sandbox platform plays WeChat for this account: nothing needs to be pasted into mp.weixin.qq.com. Use it to try rules and the simulator offline.',

    'accounts.mode.plain': 'Plaintext mode',
    'accounts.mode.compatible': 'Compatible mode',
    'accounts.mode.safe': 'Safe mode',
    'accounts.mode.plain.desc': 'Messages are not encrypted; for debugging only',
    'accounts.mode.compatible.desc': 'Plaintext and ciphertext together, for migrating',
    'accounts.mode.safe.desc': 'Messages are AES-encrypted (recommended)',

    'accounts.section.credentials': 'Developer credentials',
    'accounts.section.server': 'Server configuration',
    'accounts.section.api': 'API calls',
    'accounts.field.apiBase': 'API host',
    'accounts.api.official': 'WeChat (api.weixin.qq.com)',
    'accounts.api.sandbox': 'MPDesk sandbox',
    'accounts.api.custom': 'A proxy of yours…',
    'accounts.api.allowPlainHttp':
      'This http:// address is a proxy on this machine (127.0.0.1, localhost): send to it without TLS',
    'accounts.api.secretHint':
      'MPDesk sends the AppSecret to this host for the access_token: changing it, or the token source, needs the AppSecret again.',
    'accounts.field.tokenSource': 'access_token source',
    'accounts.tokenSource.stable_token': 'stable_token (recommended)',
    'accounts.tokenSource.token': 'cgi-bin/token (breaks other servers’ tokens)',
    'accounts.tokenSource.borrow': 'Borrow from my server',
    'accounts.field.tokenBorrowUrl': 'Your token URL',
    'accounts.field.name': 'Display name',
    'accounts.field.name.hint': 'Only shown in MPDesk, to tell accounts apart',
    'accounts.field.appId': 'AppID',
    'accounts.field.appSecret': 'AppSecret',
    'accounts.field.appSecret.hint': 'In mp.weixin.qq.com: Settings & Development → Basic configuration',
    'accounts.field.token': 'Token',
    'accounts.field.token.hint': '3-32 letters or digits; WeChat signs every request with it',
    'accounts.field.aesKey': 'EncodingAESKey',
    'accounts.field.aesKey.hint': '43 letters or digits; required in compatible and safe mode',
    'accounts.field.mode': 'Message encryption',
    'accounts.field.slug': 'Callback path',
    'accounts.field.slug.hint': 'The URL ends in /wx/<path>. Leave empty for a random path.',

    'accounts.secret.keepHint': 'Leave empty to keep the current value',
    'accounts.secret.replace': 'Replace',
    'accounts.secret.replaceNamed': 'Replace {name}',
    'accounts.secret.keep': 'Keep current',

    'accounts.dialog.create': 'Add Official Account',
    'accounts.dialog.edit': 'Edit “{name}”',
    'accounts.saveFailed': 'Could not save: {reason}',
    'accounts.delete.title': 'Delete “{name}”?',
    'accounts.delete.body':
      'Its AppSecret, Token, EncodingAESKey and callback path are deleted too, and WeChat requests to its URL will fail. This cannot be undone.',
    'accounts.deleteNamed': 'Delete {name}',
    'accounts.editNamed': 'Edit {name}',
    'accounts.deleteFailed': 'Could not delete: {reason}',

    'accounts.server.title': 'Paste into mp.weixin.qq.com',
    'accounts.server.where':
      'In mp.weixin.qq.com open Settings & Development → Basic configuration → Server configuration, click Modify, and fill in:',
    'accounts.server.url': 'URL',
    'accounts.server.token': 'Token',
    'accounts.server.aesKey': 'EncodingAESKey',
    'accounts.server.mode': 'Message encryption',
    'accounts.server.hidden': 'Set · not shown again',
    'accounts.server.notSet': 'Not set',
    'accounts.server.typeFirst': 'Type or generate it above',
    'accounts.server.secretHint':
      'For security, the Token and EncodingAESKey are never shown after saving; to paste them into the mp backend, press Regenerate.',
    'accounts.server.urlAfterSave': 'Generated when you save',
    'accounts.server.urlPending': 'Shown once the callback listener runs',
    'accounts.server.viaTunnel':
      'This is the tunnel’s public address. If the tunnel’s address changes, update it in mp.weixin.qq.com too.',
    'accounts.server.localNotice':
      'Locally it is {url}, which WeChat cannot reach: it only calls public addresses on port 80 or 443.',
    'accounts.server.urlNoPublic': 'Shown once a tunnel or your public URL is up',
    'accounts.server.setTunnel': 'Set up the tunnel',
    'accounts.server.freshHint':
      'Copy them now: once you leave or reload this page, the Token and EncodingAESKey are never shown again (Regenerate makes new ones).',
    'accounts.server.hideFresh': 'Hide the Token and EncodingAESKey now',
    'accounts.regenerate': 'Regenerate',
    'accounts.regenerate.named': 'Regenerate {name}',
    'accounts.regenerate.token.title': 'Regenerate the Token of “{name}”?',
    'accounts.regenerate.token.body':
      'The new Token replaces the saved one as soon as you confirm: every request WeChat signs with the old Token fails verification until the mp backend has the new one.',
    'accounts.regenerate.aesKey.title': 'Regenerate the EncodingAESKey of “{name}”?',
    'accounts.regenerate.aesKey.body':
      'The new key replaces the saved one as soon as you confirm: messages WeChat encrypts with the old key can no longer be decrypted until the mp backend has the new one.',
    'accounts.regenerate.sameMoment':
      'Change it in mp.weixin.qq.com at the same moment: Settings & Development → Basic configuration → Server configuration → Modify configuration, paste the new value shown here, and submit. It is shown once.',
    'accounts.tryIt.title': 'Try it: nothing to paste',
    'accounts.tryIt.body':
      'The Sandbox is served by MPDesk’s built-in platform, so there is nothing to enter in mp.weixin.qq.com. Play a fan in the Simulator, or add auto-replies and watch them answer.',
    'accounts.tryIt.simulator': 'Open the Simulator',
    'accounts.tryIt.rules': 'Set up auto-replies',
    'accounts.developer': 'Developer settings',
  },
  {
    'accounts.intro': '在这里管理要调试的公众号，每个公众号都有独立的回调地址。',
    'accounts.add': '添加公众号',
    'accounts.listLabel': '公众号列表',
    'accounts.empty.title': '还没有公众号',
    'accounts.empty.body':
      '填写开发者ID(AppID) 和开发者密码(AppSecret) 添加公众号后，这里会给出要填写到公众平台「服务器配置」的内容。',
    'accounts.loadFailed': '无法加载公众号：{reason}',
    'accounts.sandbox': '沙箱',
    'accounts.sandbox.hint': '内置测试号，由本地沙箱平台代替微信服务器',
    'accounts.created': '添加于 {date}',
    'accounts.sandbox.note':
      '此账号由 MPDesk 内置的本地沙箱平台模拟微信服务器，无需在公众平台填写任何配置，可离线试用自动回复和消息模拟。',

    'accounts.mode.plain': '明文模式',
    'accounts.mode.compatible': '兼容模式',
    'accounts.mode.safe': '安全模式',
    'accounts.mode.plain.desc': '消息不加密，仅建议调试时使用',
    'accounts.mode.compatible.desc': '明文与密文共存，便于平滑过渡',
    'accounts.mode.safe.desc': '消息以 AES 加密传输（推荐）',

    'accounts.section.credentials': '开发者信息',
    'accounts.section.server': '服务器配置',
    'accounts.section.api': '接口调用',
    'accounts.field.apiBase': '接口服务器',
    'accounts.api.official': '微信（api.weixin.qq.com）',
    'accounts.api.sandbox': 'MPDesk 沙箱',
    'accounts.api.custom': '自己的代理…',
    'accounts.api.allowPlainHttp': '这个 http:// 地址是本机上的代理（127.0.0.1、localhost）：允许不加密发送',
    'accounts.api.secretHint':
      'MPDesk 会把开发者密码(AppSecret)发送到这个服务器以获取 access_token：修改它或令牌来源时须重新填写开发者密码。',
    'accounts.field.tokenSource': 'access_token 来源',
    'accounts.tokenSource.stable_token': 'stable_token（推荐）',
    'accounts.tokenSource.token': 'cgi-bin/token（会使其他服务器的令牌失效）',
    'accounts.tokenSource.borrow': '从我的服务器借用',
    'accounts.field.tokenBorrowUrl': '你的令牌地址',
    'accounts.field.name': '名称',
    'accounts.field.name.hint': '仅在 MPDesk 中显示，便于区分多个公众号',
    'accounts.field.appId': '开发者ID(AppID)',
    'accounts.field.appSecret': '开发者密码(AppSecret)',
    'accounts.field.appSecret.hint': '在公众平台「设置与开发 → 基本配置」中获取',
    'accounts.field.token': '令牌(Token)',
    'accounts.field.token.hint': '3-32 位字母或数字，微信用它为每个请求签名',
    'accounts.field.aesKey': '消息加解密密钥(EncodingAESKey)',
    'accounts.field.aesKey.hint': '43 位字母或数字，兼容模式和安全模式必填',
    'accounts.field.mode': '消息加解密方式',
    'accounts.field.slug': '回调路径',
    'accounts.field.slug.hint': '服务器地址以 /wx/<路径> 结尾；留空则自动生成',

    'accounts.secret.keepHint': '留空则保留原值',
    'accounts.secret.replace': '更换',
    'accounts.secret.replaceNamed': '更换{name}',
    'accounts.secret.keep': '保留原值',

    'accounts.dialog.create': '添加公众号',
    'accounts.dialog.edit': '编辑「{name}」',
    'accounts.saveFailed': '保存失败：{reason}',
    'accounts.delete.title': '删除公众号「{name}」？',
    'accounts.delete.body':
      '其开发者密码、令牌、消息加解密密钥和回调路径将一并删除，微信发往该服务器地址的请求将会失败。此操作无法撤销。',
    'accounts.deleteNamed': '删除{name}',
    'accounts.editNamed': '编辑{name}',
    'accounts.deleteFailed': '删除失败：{reason}',

    'accounts.server.title': '填写到公众平台',
    'accounts.server.where':
      '登录 mp.weixin.qq.com，进入「设置与开发 → 基本配置 → 服务器配置」，点击「修改配置」后填写：',
    'accounts.server.url': '服务器地址(URL)',
    'accounts.server.token': '令牌(Token)',
    'accounts.server.aesKey': '消息加解密密钥(EncodingAESKey)',
    'accounts.server.mode': '消息加解密方式',
    'accounts.server.hidden': '已设置（不再显示）',
    'accounts.server.notSet': '未设置',
    'accounts.server.typeFirst': '请先在上方填写或生成',
    'accounts.server.secretHint': '为安全起见，令牌和密钥保存后不再显示；如需填写到后台，请点「重新生成」。',
    'accounts.server.urlAfterSave': '保存后生成',
    'accounts.server.urlPending': '回调监听启动后显示',
    'accounts.server.viaTunnel':
      '这是隧道的公网地址；如果隧道地址发生变化，请同步修改公众平台中的服务器地址(URL)。',
    'accounts.server.localNotice': '本机地址为 {url}，微信无法访问：微信只访问 80 或 443 端口的公网地址。',
    'accounts.server.urlNoPublic': '隧道或公网地址启动后显示',
    'accounts.server.setTunnel': '设置隧道',
    'accounts.server.freshHint':
      '请现在复制：离开或刷新本页后，令牌(Token)和消息加解密密钥(EncodingAESKey)将不再显示（可点「重新生成」获得新值）。',
    'accounts.server.hideFresh': '立即隐藏令牌和消息加解密密钥',
    'accounts.regenerate': '重新生成',
    'accounts.regenerate.named': '重新生成{name}',
    'accounts.regenerate.token.title': '重新生成「{name}」的令牌(Token)？',
    'accounts.regenerate.token.body':
      '确认后新令牌立即替换已保存的令牌：在公众号后台换成新令牌之前，微信用旧令牌签名的请求都会验证失败。',
    'accounts.regenerate.aesKey.title': '重新生成「{name}」的消息加解密密钥(EncodingAESKey)？',
    'accounts.regenerate.aesKey.body':
      '确认后新密钥立即替换已保存的密钥：在公众号后台换成新密钥之前，微信用旧密钥加密的消息都无法解密。',
    'accounts.regenerate.sameMoment':
      '请同时修改公众号后台：mp.weixin.qq.com「设置与开发 → 基本配置 → 服务器配置 → 修改配置」，粘贴这里显示的新值并提交。新值只显示这一次。',
    'accounts.tryIt.title': '试一试：无需填写任何内容',
    'accounts.tryIt.body':
      '沙箱号由 MPDesk 内置的本地平台提供服务，无需在 mp.weixin.qq.com 填写任何配置。在消息模拟中扮演粉丝，或添加自动回复看看效果。',
    'accounts.tryIt.simulator': '打开消息模拟',
    'accounts.tryIt.rules': '设置自动回复',
    'accounts.developer': '开发者设置',
  },
);
