import { defineMessages } from '../../i18n/define-messages';

export const settingsMessages = defineMessages(
  {
    'settings.appearance': 'Language and appearance',
    'settings.language': 'Display language',
    'settings.language.auto': 'Follow system ({current})',
    'settings.language.zh-CN': '简体中文',
    'settings.language.en': 'English',
    'settings.theme': 'Theme',
    'settings.theme.system': 'Follow system',
    'settings.theme.light': 'Light',
    'settings.theme.dark': 'Dark',
    'settings.callbacks': 'Callbacks',
    'settings.replyDeadline': 'Reply deadline',
    'settings.replyDeadline.hint':
      'How long rules may take to build a passive reply. WeChat gives up after 5 seconds; later replies go out through the customer-service API.',
    'settings.retention': 'Keep callback log for',
    'settings.retention.hint': 'Older callback records are deleted automatically.',
    'settings.logMax': 'Callback log size limit',
    'settings.logMax.hint':
      'When the log grows past this, the oldest callback records are deleted first, whatever their age. The Dashboard shows the current size.',
    'settings.unit.mb': 'MB',
    'settings.timestampWindow': 'Accept signed callbacks within',
    'settings.timestampWindow.hint':
      "A signed message whose timestamp is further from this machine's clock is refused: an old request replayed, or a wrong clock. At least 5 minutes (WeChat's retries and modest clock drift).",
    'settings.unit.seconds': 'seconds',
    'settings.unit.ms': 'ms',
    'settings.unit.days': 'days',
    'settings.range': 'Enter a whole number from {min} to {max}',
    'settings.saved': 'Saved',
    'settings.saveFailed': 'Could not save: {reason}',
  },
  {
    'settings.appearance': '语言与外观',
    'settings.language': '界面语言',
    'settings.language.auto': '跟随系统（{current}）',
    'settings.language.zh-CN': '简体中文',
    'settings.language.en': 'English',
    'settings.theme': '主题',
    'settings.theme.system': '跟随系统',
    'settings.theme.light': '浅色',
    'settings.theme.dark': '深色',
    'settings.callbacks': '消息回调',
    'settings.replyDeadline': '被动回复时限',
    'settings.replyDeadline.hint':
      '自动回复规则生成被动回复的最长时间。微信服务器 5 秒内收不到响应即放弃，超时的回复将改用客服消息接口发送。',
    'settings.retention': '回调日志保留天数',
    'settings.retention.hint': '超过期限的回调记录将自动删除。',
    'settings.logMax': '回调日志容量上限',
    'settings.logMax.hint':
      '日志超过此大小时，无论保留天数，最早的回调记录会被优先删除。当前大小见「仪表盘」。',
    'settings.unit.mb': 'MB',
    'settings.timestampWindow': '回调时间戳允许偏差',
    'settings.timestampWindow.hint':
      '签名正确但 timestamp 与本机时间相差超过此值的消息将被拒绝（被重放的旧请求，或本机时钟不准）。至少 5 分钟，足以覆盖微信的重试和少量时钟偏差。',
    'settings.unit.seconds': '秒',
    'settings.unit.ms': '毫秒',
    'settings.unit.days': '天',
    'settings.range': '请输入 {min} 到 {max} 之间的整数',
    'settings.saved': '已保存',
    'settings.saveFailed': '保存失败：{reason}',
  },
);
