import { defineMessages } from '../../../i18n/define-messages';

/** Accounts → <account> → Developer settings: forwarding to the developer's server, MP_verify files. */
export const developerMessages = defineMessages(
  {
    'dev.title': 'Developer settings of “{name}”',
    'dev.back': '← Back to {name}',
    'dev.intro':
      'For developers: pass WeChat’s messages on to your own server, and serve the domain-verification files the mp backend asks for.',

    'dev.fwd.title': 'Forward to my server',
    'dev.fwd.intro':
      'MPDesk verifies, decrypts and logs each message, then POSTs it to your server exactly as WeChat sent it (signed, in the account’s mode) and relays the answer, inside WeChat’s 5 seconds.',
    'dev.fwd.enabled': 'Forward messages to my server',
    'dev.fwd.url': 'My server’s URL',
    'dev.fwd.url.hint':
      'Where your own handler listens, e.g. http://127.0.0.1:8080/wechat (the path WeChat would call).',
    'dev.fwd.order': 'Order',
    'dev.fwd.order.rules-first': 'Auto-replies first',
    'dev.fwd.order.rules-first.desc': 'Forward only what no auto-reply rule answers.',
    'dev.fwd.order.upstream-first': 'My server first',
    'dev.fwd.order.upstream-first.desc':
      'Auto-replies answer only when your server does not (error, timeout, empty).',
    'dev.fwd.order.upstream-only': 'My server only',
    'dev.fwd.order.upstream-only.desc': 'Auto-reply rules are skipped for this account.',
    'dev.fwd.timeout': 'Timeout',
    'dev.fwd.timeout.hint':
      'How long to wait for your server ({min}–{max} ms). WeChat gives up after 5 s; a later answer goes out as a customer-service message.',
    'dev.fwd.saved': 'Saved',
    'dev.fwd.saveFailed': 'Not saved: {reason}',

    'dev.verify.title': 'MP_verify files (domain verification)',
    'dev.verify.intro':
      'When you set the web authorization domain (Settings & Development → Account settings → Features), the mp backend gives you a file named MP_verify_….txt to put at the domain’s root. Upload it here: MPDesk serves it byte for byte at the public URL’s root.',
    'dev.verify.upload': 'Upload the .txt file',
    'dev.verify.uploading': 'Uploading…',
    'dev.verify.empty': 'No file yet.',
    'dev.verify.file': 'File',
    'dev.verify.content': 'Content',
    'dev.verify.url': 'Served at',
    'dev.verify.urlPending': 'at the public URL’s root once the tunnel is up',
    'dev.verify.updated': 'Uploaded',
    'dev.verify.delete': 'Delete',
    'dev.verify.deleteNamed': 'Delete {name}',
    'dev.verify.delete.title': 'Delete {name}?',
    'dev.verify.delete.body': 'WeChat can no longer verify the domain with it.',
    'dev.verify.badName':
      '“{name}” is not a file the mp backend gives: its name is MP_verify_ followed by 16 letters or digits, then .txt. Upload the file as downloaded, without renaming it.',
    'dev.verify.tooBig': '“{name}” is {size} bytes; the mp backend’s file is a few bytes (at most 1,024).',
    'dev.verify.contentMismatch':
      'Its content is not the 16-character code of its name. Make sure it is the file as downloaded.',
    'dev.verify.failed': 'Not uploaded: {reason}',
  },
  {
    'dev.title': '「{name}」的开发者设置',
    'dev.back': '← 返回 {name}',
    'dev.intro': '面向开发者：把微信的消息转发到你自己的服务器，并提供公众号后台要求的域名校验文件。',

    'dev.fwd.title': '转发到我的服务器',
    'dev.fwd.intro':
      'MPDesk 先验证、解密并记录每条消息，再按微信发送时的原样（带签名、按账号的加解密方式）POST 到你的服务器，并在微信的 5 秒内转回应答。',
    'dev.fwd.enabled': '把消息转发到我的服务器',
    'dev.fwd.url': '我的服务器地址',
    'dev.fwd.url.hint': '你自己的程序监听的地址，例如 http://127.0.0.1:8080/wechat（即微信本应访问的路径）。',
    'dev.fwd.order': '处理顺序',
    'dev.fwd.order.rules-first': '先自动回复',
    'dev.fwd.order.rules-first.desc': '只转发没有自动回复规则回复的消息。',
    'dev.fwd.order.upstream-first': '先我的服务器',
    'dev.fwd.order.upstream-first.desc': '你的服务器没有应答（出错、超时、空响应）时，再由自动回复回复。',
    'dev.fwd.order.upstream-only': '只用我的服务器',
    'dev.fwd.order.upstream-only.desc': '该账号不使用自动回复规则。',
    'dev.fwd.timeout': '超时时间',
    'dev.fwd.timeout.hint':
      '等待你的服务器的时间（{min}–{max} 毫秒）。微信 5 秒后放弃；之后的应答将以客服消息发出。',
    'dev.fwd.saved': '已保存',
    'dev.fwd.saveFailed': '保存失败：{reason}',

    'dev.verify.title': 'MP_verify 校验文件（域名校验）',
    'dev.verify.intro':
      '设置网页授权域名时（设置与开发 → 公众号设置 → 功能设置），公众号后台会提供一个名为 MP_verify_….txt 的文件，要求放在域名根目录。在这里上传：MPDesk 会在公网地址的根目录原样提供它。',
    'dev.verify.upload': '上传 .txt 文件',
    'dev.verify.uploading': '正在上传…',
    'dev.verify.empty': '还没有文件。',
    'dev.verify.file': '文件',
    'dev.verify.content': '内容',
    'dev.verify.url': '访问地址',
    'dev.verify.urlPending': '隧道启动后位于公网地址根目录',
    'dev.verify.updated': '上传时间',
    'dev.verify.delete': '删除',
    'dev.verify.deleteNamed': '删除 {name}',
    'dev.verify.delete.title': '删除 {name}？',
    'dev.verify.delete.body': '删除后微信将无法用它校验域名。',
    'dev.verify.badName':
      '“{name}”不是公众号后台提供的文件：文件名应为 MP_verify_ 加 16 位字母或数字，再加 .txt。请上传下载的原文件，不要改名。',
    'dev.verify.tooBig': '“{name}”有 {size} 字节；公众号后台的文件只有几个字节（最多 1024）。',
    'dev.verify.contentMismatch': '文件内容不是文件名中的 16 位代码，请确认上传的是下载的原文件。',
    'dev.verify.failed': '上传失败：{reason}',
  },
);
