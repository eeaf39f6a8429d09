import type { SimKey } from './messages';

/**
 * What a fan can do, with the fields WeChat puts in the XML (docs/wechat-protocol.md §2.3 messages,
 * §2.4 events). Pure: builds the `simulator.send` input; core signs, encrypts and posts it.
 */
export const MESSAGE_KINDS = ['text', 'image', 'voice', 'location', 'link'] as const;
export const EVENT_KINDS = [
  'subscribe',
  'unsubscribe',
  'SCAN',
  'LOCATION',
  'CLICK',
  'VIEW',
  'scancode_push',
  'scancode_waitmsg',
] as const;
export type ComposeKind = (typeof MESSAGE_KINDS)[number] | (typeof EVENT_KINDS)[number];

export interface FieldSpec {
  /** The key in the form's values. */
  name: string;
  label: SimKey;
  hint?: SimKey;
  required?: boolean;
  check?: 'number' | 'url';
  initial?: string;
  multiline?: boolean;
}

export const FIELDS: Record<ComposeKind, FieldSpec[]> = {
  text: [{ name: 'Content', label: 'sim.field.Content', required: true, multiline: true }],
  image: [
    {
      name: 'PicUrl',
      label: 'sim.field.PicUrl',
      required: true,
      check: 'url',
      initial: 'https://mmbiz.qpic.cn/mmbiz_jpg/mpdesk-sample/0',
    },
  ],
  voice: [
    { name: 'Format', label: 'sim.field.Format', required: true, initial: 'amr' },
    { name: 'Recognition', label: 'sim.field.Recognition' },
  ],
  location: [
    {
      name: 'Location_X',
      label: 'sim.field.Location_X',
      required: true,
      check: 'number',
      initial: '39.908823',
    },
    {
      name: 'Location_Y',
      label: 'sim.field.Location_Y',
      required: true,
      check: 'number',
      initial: '116.397470',
    },
    { name: 'Scale', label: 'sim.field.Scale', required: true, check: 'number', initial: '15' },
    { name: 'Label', label: 'sim.field.Label', initial: '天安门广场' },
  ],
  link: [
    { name: 'Title', label: 'sim.field.Title', required: true },
    { name: 'Description', label: 'sim.field.Description' },
    { name: 'Url', label: 'sim.field.Url', required: true, check: 'url', initial: 'https://example.com/' },
  ],
  subscribe: [{ name: 'scene', label: 'sim.field.scene', hint: 'sim.field.scene.hint' }],
  unsubscribe: [],
  SCAN: [{ name: 'scene', label: 'sim.field.scanScene', required: true }],
  LOCATION: [
    { name: 'Latitude', label: 'sim.field.Latitude', required: true, check: 'number', initial: '23.137466' },
    {
      name: 'Longitude',
      label: 'sim.field.Longitude',
      required: true,
      check: 'number',
      initial: '113.352425',
    },
    {
      name: 'Precision',
      label: 'sim.field.Precision',
      required: true,
      check: 'number',
      initial: '119.385040',
    },
  ],
  CLICK: [{ name: 'EventKey', label: 'sim.field.clickKey', hint: 'sim.field.clickKey.hint', required: true }],
  VIEW: [
    {
      name: 'EventKey',
      label: 'sim.field.viewUrl',
      required: true,
      check: 'url',
      initial: 'https://example.com/',
    },
  ],
  scancode_push: [
    { name: 'EventKey', label: 'sim.field.scanKey', required: true },
    { name: 'ScanResult', label: 'sim.field.ScanResult', required: true, initial: 'https://example.com/qr' },
  ],
  scancode_waitmsg: [
    { name: 'EventKey', label: 'sim.field.scanKey', required: true },
    { name: 'ScanResult', label: 'sim.field.ScanResult', required: true, initial: 'https://example.com/qr' },
  ],
};

export function initialValues(kind: ComposeKind): Record<string, string> {
  return Object.fromEntries(FIELDS[kind].map((f) => [f.name, f.initial ?? '']));
}

export function validate(kind: ComposeKind, values: Record<string, string>): Record<string, SimKey> {
  const errors: Record<string, SimKey> = {};
  for (const f of FIELDS[kind]) {
    const v = (values[f.name] ?? '').trim();
    if (!v) {
      if (f.required) errors[f.name] = 'sim.v.required';
      continue;
    }
    if (f.check === 'number' && !Number.isFinite(Number(v))) errors[f.name] = 'sim.v.number';
    if (f.check === 'url' && !/^https?:\/\/\S+$/.test(v)) errors[f.name] = 'sim.v.url';
  }
  return errors;
}

export const OPENID_RE = /^[A-Za-z0-9_-]{1,64}$/;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** An openid shaped like WeChat's: "o" and 27 more characters. */
export function newOpenid(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(27));
  return 'o' + Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('');
}

function mediaId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return Array.from(bytes, (b) => ALPHABET[b % 62]).join('');
}

const cdata = (s: string) => `<![CDATA[${s.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;

export type SendBody = { message: Record<string, string> } | { xml: string };

/**
 * The simulator.send payload. Flat messages go as fields (core fills ToUserName, CreateTime,
 * MsgId); the scancode events carry a nested ScanCodeInfo (§2.4), so they go as whole XML.
 */
export function buildSend(
  kind: ComposeKind,
  raw: Record<string, string>,
  openid: string,
  appId: string,
  now = Date.now(),
): SendBody {
  const v = Object.fromEntries(Object.entries(raw).map(([k, x]) => [k, x.trim()]));
  const base = { FromUserName: openid };
  switch (kind) {
    case 'text':
      return { message: { ...base, MsgType: 'text', Content: raw.Content ?? '' } };
    case 'image':
      return { message: { ...base, MsgType: 'image', PicUrl: v.PicUrl, MediaId: mediaId() } };
    case 'voice': {
      const m: Record<string, string> = { ...base, MsgType: 'voice', MediaId: mediaId(), Format: v.Format };
      if (v.Recognition) m.Recognition = v.Recognition;
      return { message: m };
    }
    case 'location':
      return {
        message: {
          ...base,
          MsgType: 'location',
          Location_X: v.Location_X,
          Location_Y: v.Location_Y,
          Scale: v.Scale,
          Label: v.Label ?? '',
        },
      };
    case 'link':
      return {
        message: { ...base, MsgType: 'link', Title: v.Title, Description: v.Description ?? '', Url: v.Url },
      };
    case 'subscribe': {
      const m: Record<string, string> = { ...base, MsgType: 'event', Event: 'subscribe' };
      if (v.scene) {
        m.EventKey = `qrscene_${v.scene}`;
        m.Ticket = `gQ${mediaId()}`;
      }
      return { message: m };
    }
    case 'unsubscribe':
      return { message: { ...base, MsgType: 'event', Event: 'unsubscribe' } };
    case 'SCAN':
      return {
        message: { ...base, MsgType: 'event', Event: 'SCAN', EventKey: v.scene, Ticket: `gQ${mediaId()}` },
      };
    case 'LOCATION':
      return {
        message: {
          ...base,
          MsgType: 'event',
          Event: 'LOCATION',
          Latitude: v.Latitude,
          Longitude: v.Longitude,
          Precision: v.Precision,
        },
      };
    case 'CLICK':
    case 'VIEW':
      return { message: { ...base, MsgType: 'event', Event: kind, EventKey: v.EventKey } };
    case 'scancode_push':
    case 'scancode_waitmsg':
      return {
        xml:
          `<xml><ToUserName>${cdata(`gh_${appId.slice(2, 14)}`)}</ToUserName>` +
          `<FromUserName>${cdata(openid)}</FromUserName>` +
          `<CreateTime>${Math.floor(now / 1000)}</CreateTime>` +
          `<MsgType>${cdata('event')}</MsgType><Event>${cdata(kind)}</Event>` +
          `<EventKey>${cdata(v.EventKey)}</EventKey>` +
          `<ScanCodeInfo><ScanType>${cdata('qrcode')}</ScanType>` +
          `<ScanResult>${cdata(v.ScanResult)}</ScanResult></ScanCodeInfo></xml>`,
      };
  }
}

/** CLICK / scancode keys of a menu as `/cgi-bin/menu/get` returns it (§7). */
export function menuKeys(response: unknown): { key: string; name: string; type: string }[] {
  const out: { key: string; name: string; type: string }[] = [];
  const menu = (response as { menu?: { button?: unknown[] } } | null)?.menu;
  const walk = (buttons: unknown[] | undefined) => {
    for (const b of buttons ?? []) {
      const btn = b as { key?: string; name?: string; type?: string; sub_button?: unknown[] };
      if (btn.key && btn.type) out.push({ key: btn.key, name: btn.name ?? btn.key, type: btn.type });
      walk(btn.sub_button);
    }
  };
  walk(menu?.button);
  return out;
}
