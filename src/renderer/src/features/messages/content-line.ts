import type { MessageContentDto } from '../../../../shared/api/areas/conversations';
import type { Translate } from '../../i18n/i18n';

/** Event names as WeChat writes them (§2.4), to their words; others are shown as they are. */
const EVENTS: Record<
  string,
  'subscribe' | 'unsubscribe' | 'scan' | 'click' | 'view' | 'location' | 'scancode'
> = {
  subscribe: 'subscribe',
  unsubscribe: 'unsubscribe',
  scan: 'scan',
  click: 'click',
  view: 'view',
  location: 'location',
  scancode_push: 'scancode',
  scancode_waitmsg: 'scancode',
};

/** What an event says, in a line: 关注了公众号, 点击菜单 V1001 … */
export function eventLine(t: Translate, event: string, key?: string): string {
  const kind = EVENTS[event.toLowerCase()];
  if (!kind) return t('msg.event.other', { event });
  if (kind === 'subscribe' && key?.startsWith('qrscene_'))
    return t('msg.event.subscribeQr', { scene: key.slice(8) });
  return t(`msg.event.${kind}`, { key: key ?? '' });
}

/** A message in one line, in the UI language (the thread list, the fan's last message). */
export function contentLine(t: Translate, c: MessageContentDto | undefined, fallback: string): string {
  if (!c) return fallback;
  switch (c.kind) {
    case 'text':
      return c.text;
    case 'image':
      return t('msg.kind.image');
    case 'voice':
      return c.recognition ? `${t('msg.kind.voice')} ${c.recognition}` : t('msg.kind.voice');
    case 'video':
      return t('msg.kind.video');
    case 'location':
      return `${t('msg.kind.location')} ${c.label || `${c.x}, ${c.y}`}`;
    case 'link':
      return `${t('msg.kind.link')} ${c.title}`;
    case 'news':
      return `${t('msg.kind.news')} ${c.title}`;
    case 'mpnews':
      return t('msg.kind.mpnews');
    case 'event':
      return eventLine(t, c.event, c.eventKey);
    case 'other':
      return `[${c.type}]`;
  }
}
