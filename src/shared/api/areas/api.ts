import { z } from 'zod';
import { defineMethod } from '../define';
import { idSchema, type Bilingual } from './common';

/** An errcode explained, in both languages, with a hint at the fix (docs/wechat-protocol.md §6). */
export interface ErrcodeExplanationDto extends Bilingual {
  errcode: number;
  hintZh: string;
  hintEn: string;
}

/** Like the official 接口调试工具: any endpoint, with the account's access_token filled in. */
export const apiRequestSchema = z.strictObject({
  accountId: idSchema,
  method: z.enum(['GET', 'POST'], { error: 'validation.enum' }),
  path: z
    .string({ error: 'validation.required' })
    .regex(/^\/[A-Za-z0-9_\-/.]{1,200}$/, { error: 'validation.apiPath' }),
  query: z.record(z.string().max(64), z.string().max(2048)).optional(),
  /** JSON body for POST. */
  body: z.unknown().optional(),
  /** Add `access_token` (default true); off for `/sns/*` and the token endpoints themselves. */
  withToken: z.boolean().default(true),
});
export type ApiRequestInput = z.output<typeof apiRequestSchema>;

export interface ApiRequestResult {
  status: number;
  latencyMs: number;
  host: string;
  /** Parsed JSON (secrets masked) or text. */
  response: unknown;
  errcode: number | null;
  errmsg: string | null;
  explanation: ErrcodeExplanationDto | null;
  logId: string | null;
}

export const apiMethods = {
  'api.request': defineMethod<ApiRequestResult>()(apiRequestSchema),
};
