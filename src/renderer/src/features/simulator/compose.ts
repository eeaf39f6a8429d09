import {
  SIMULATOR_EVENT_KINDS,
  SIMULATOR_MESSAGE_KINDS,
  simulatorComposeSchema,
  type SimulatorCompose,
  type SimulatorKind,
} from '../../../../shared/api/areas/simulator';
import type { SimKey } from './messages';

/**
 * The composer's form: which fields each kind of message or event has, their labels and first
 * values. Core builds the message from them (`simulator.send` with `compose`) and signs, encrypts
 * and posts it; the form checks them with the same schema first.
 */
export const MESSAGE_KINDS = SIMULATOR_MESSAGE_KINDS;
export const EVENT_KINDS = SIMULATOR_EVENT_KINDS;
export type ComposeKind = SimulatorKind;

export interface FieldSpec {
  /** The key in the form's values. */
  name: string;
  label: SimKey;
  hint?: SimKey;
  required?: boolean;
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
      initial: '39.908823',
    },
    {
      name: 'Location_Y',
      label: 'sim.field.Location_Y',
      required: true,
      initial: '116.397470',
    },
    { name: 'Scale', label: 'sim.field.Scale', required: true, initial: '15' },
    { name: 'Label', label: 'sim.field.Label', initial: '天安门广场' },
  ],
  link: [
    { name: 'Title', label: 'sim.field.Title', required: true },
    { name: 'Description', label: 'sim.field.Description' },
    { name: 'Url', label: 'sim.field.Url', required: true, initial: 'https://example.com/' },
  ],
  subscribe: [{ name: 'scene', label: 'sim.field.scene', hint: 'sim.field.scene.hint' }],
  unsubscribe: [],
  SCAN: [{ name: 'scene', label: 'sim.field.scanScene', required: true }],
  LOCATION: [
    { name: 'Latitude', label: 'sim.field.Latitude', required: true, initial: '23.137466' },
    {
      name: 'Longitude',
      label: 'sim.field.Longitude',
      required: true,
      initial: '113.352425',
    },
    {
      name: 'Precision',
      label: 'sim.field.Precision',
      required: true,
      initial: '119.385040',
    },
  ],
  CLICK: [{ name: 'EventKey', label: 'sim.field.clickKey', hint: 'sim.field.clickKey.hint', required: true }],
  VIEW: [
    {
      name: 'EventKey',
      label: 'sim.field.viewUrl',
      required: true,
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

/** The `simulator.send` compose input for the form's values (only the kind's own fields). */
export function composeInput(kind: ComposeKind, values: Record<string, string>): SimulatorCompose {
  const fields = Object.fromEntries(FIELDS[kind].map((f) => [f.name, values[f.name] ?? '']));
  return { kind, ...fields } as SimulatorCompose;
}

const ERROR_KEYS: Record<string, SimKey> = {
  'validation.number': 'sim.v.number',
  'validation.url': 'sim.v.url',
  'validation.tooLong': 'sim.v.tooLong',
};

/** The form's errors by field, as core's schema would report them. */
export function validate(kind: ComposeKind, values: Record<string, string>): Record<string, SimKey> {
  const r = simulatorComposeSchema.safeParse(composeInput(kind, values));
  const errors: Record<string, SimKey> = {};
  for (const issue of r.success ? [] : r.error.issues) {
    const name = String(issue.path[0]);
    errors[name] ??= ERROR_KEYS[issue.message] ?? 'sim.v.required';
  }
  return errors;
}

export { OPENID_RE } from '../../../../shared/api/areas/simulator';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** An openid shaped like WeChat's: "o" and 27 more characters. */
export function newOpenid(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(27));
  return 'o' + Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('');
}

/**
 * What a menu's buttons put in EventKey (§7.2), as `/cgi-bin/menu/get` returns the menu: a click or
 * scancode button's `key`, a view button's `url`.
 */
export function menuKeys(response: unknown): { key: string; name: string; type: string }[] {
  const out: { key: string; name: string; type: string }[] = [];
  const menu = (response as { menu?: { button?: unknown[] } } | null)?.menu;
  const walk = (buttons: unknown[] | undefined) => {
    for (const b of buttons ?? []) {
      const btn = b as { key?: string; url?: string; name?: string; type?: string; sub_button?: unknown[] };
      const key = btn.type === 'view' ? btn.url : btn.key;
      if (key && btn.type) out.push({ key, name: btn.name ?? key, type: btn.type });
      walk(btn.sub_button);
    }
  };
  walk(menu?.button);
  return out;
}

/** The menu button type whose EventKey a composed event carries. */
export const MENU_TYPE_OF: Partial<Record<ComposeKind, string>> = {
  CLICK: 'click',
  VIEW: 'view',
  scancode_push: 'scancode_push',
  scancode_waitmsg: 'scancode_waitmsg',
};
