import { z } from 'zod';
import { defineMethod } from '../define';
import { idSchema } from './common';

/**
 * The simulator builds a request exactly as WeChat would (docs/wechat-protocol.md §2, §4): fields ->
 * XML, signed with the account's Token, encrypted in its mode, posted over real HTTP.
 */
export const simulatorSendSchema = z.strictObject({
  accountId: idSchema,
  /** Either fields (MsgType, Content, Event, EventKey, ...) or a whole XML message. */
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
