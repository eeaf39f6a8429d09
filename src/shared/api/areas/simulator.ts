import { z } from 'zod';
import { defineMethod } from '../define';
import { idSchema } from './common';

/** What a fan can do (docs/wechat-protocol.md §2.3 messages, §2.4 events). */
export const SIMULATOR_MESSAGE_KINDS = ['text', 'image', 'voice', 'location', 'link'] as const;
export const SIMULATOR_EVENT_KINDS = [
  'subscribe',
  'unsubscribe',
  'SCAN',
  'LOCATION',
  'CLICK',
  'VIEW',
  'scancode_push',
  'scancode_waitmsg',
] as const;
export type SimulatorKind = (typeof SIMULATOR_MESSAGE_KINDS)[number] | (typeof SIMULATOR_EVENT_KINDS)[number];

/** An OpenID as WeChat's look: letters, digits, `-` and `_`. */
export const OPENID_RE = /^[A-Za-z0-9_-]{1,64}$/;

const text = z.string().trim().max(4096, { error: 'validation.tooLong' });
const required = text.min(1, { error: 'validation.required' });
const optional = text.optional();
const num = required.refine((v) => Number.isFinite(Number(v)), { error: 'validation.number' });
const url = required.regex(/^https?:\/\/\S+$/, { error: 'validation.url' });
const scancode = { EventKey: required, ScanResult: required };

/**
 * One message or event by kind, with the fields a fan gives (core fills in the rest as WeChat
 * does: ids, times, MediaId, Ticket). Names are WeChat's own, except `scene` (a QR scene value).
 */
export const simulatorComposeSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('text'),
    // As typed: a text message keeps its spaces.
    Content: z
      .string()
      .max(4096, { error: 'validation.tooLong' })
      .regex(/\S/, { error: 'validation.required' }),
  }),
  z.strictObject({ kind: z.literal('image'), PicUrl: url }),
  z.strictObject({ kind: z.literal('voice'), Format: required, Recognition: optional }),
  z.strictObject({
    kind: z.literal('location'),
    Location_X: num,
    Location_Y: num,
    Scale: num,
    Label: optional,
  }),
  z.strictObject({ kind: z.literal('link'), Title: required, Description: optional, Url: url }),
  z.strictObject({ kind: z.literal('subscribe'), scene: optional }),
  z.strictObject({ kind: z.literal('unsubscribe') }),
  z.strictObject({ kind: z.literal('SCAN'), scene: required }),
  z.strictObject({ kind: z.literal('LOCATION'), Latitude: num, Longitude: num, Precision: num }),
  z.strictObject({ kind: z.literal('CLICK'), EventKey: required }),
  z.strictObject({ kind: z.literal('VIEW'), EventKey: url }),
  z.strictObject({ kind: z.literal('scancode_push'), ...scancode }),
  z.strictObject({ kind: z.literal('scancode_waitmsg'), ...scancode }),
]);
export type SimulatorCompose = z.output<typeof simulatorComposeSchema>;

/**
 * The simulator builds a request exactly as WeChat would (docs/wechat-protocol.md §2, §4): fields ->
 * XML, signed with the account's Token, encrypted in its mode, posted over real HTTP.
 */
export const simulatorSendSchema = z.strictObject({
  accountId: idSchema,
  /**
   * The message: by kind (`compose`, what the Simulator screen sends), as raw fields (`message`:
   * MsgType, Content, Event, EventKey, ...) or as a whole XML message (`xml`), in that precedence.
   */
  compose: simulatorComposeSchema.optional(),
  /** The fan a composed message comes from (its FromUserName). */
  openid: z.string().regex(OPENID_RE, { error: 'validation.invalid' }).optional(),
  message: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string().max(4096)).optional(),
  xml: z
    .string()
    .max(1 << 20)
    .optional(),
  /** Another base URL (e.g. the tunnel's public URL); default: our own callback listener. */
  url: z
    .string()
    .regex(/^https?:\/\/[^\s]+$/, { error: 'validation.url' })
    .optional(),
  /** Override the account's mode (e.g. send plain to a safe account to see it rejected). */
  mode: z.enum(['plain', 'compatible', 'safe'], { error: 'validation.mode' }).optional(),
});
export type SimulatorSendInput = z.output<typeof simulatorSendSchema>;

export interface SimulatorExchange {
  request: { method: 'POST'; url: string; body: string };
  response: { status: number; headers: Record<string, string>; body: string };
  /** The reply after decryption (safe mode) or as sent (plain); null for `success`/empty. */
  replyXml: string | null;
  /** Reply fields, parsed. */
  reply: Record<string, unknown> | null;
  ms: number;
  logId: number | null;
}

export const simulatorMethods = {
  'simulator.send': defineMethod<SimulatorExchange>()(simulatorSendSchema),
};
