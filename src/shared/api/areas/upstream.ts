import { z } from 'zod';
import { defineMethod } from '../define';
import { idSchema } from './common';

/**
 * Developer settings of the callback listener, per account: forwarding to the developer's own
 * server, and the MP_verify domain-verification file (docs/wechat-protocol.md §8.1).
 */
export const UPSTREAM_ORDERS = ['rules-first', 'upstream-first', 'upstream-only'] as const;
export type UpstreamOrder = (typeof UPSTREAM_ORDERS)[number];

export const upstreamSetSchema = z.strictObject({
  accountId: idSchema,
  enabled: z.boolean(),
  url: z
    .string()
    .max(1024)
    .regex(/^https?:\/\/[^\s]+$/, { error: 'validation.url' })
    .or(z.literal('')),
  /** rules-first: forward only when no rule matched; upstream-first: rules answer when the upstream does not. */
  order: z.enum(UPSTREAM_ORDERS, { error: 'validation.enum' }).default('rules-first'),
  timeoutMs: z.number({ error: 'validation.number' }).int().min(100).max(4500).default(3000),
});
export type UpstreamSetInput = z.output<typeof upstreamSetSchema>;

export interface UpstreamConfigDto {
  accountId: string;
  enabled: boolean;
  url: string;
  order: UpstreamOrder;
  timeoutMs: number;
}

export const verifyFileSchema = z.strictObject({
  accountId: idSchema,
  /** As the mp console names it (§8.1). */
  fileName: z.string().regex(/^MP_verify_[0-9a-zA-Z]{16}\.txt$/, { error: 'validation.verifyFileName' }),
  content: z.string().max(1024),
});

export interface VerifyFileDto {
  accountId: string;
  fileName: string;
  content: string;
  updatedAt: number;
}

const byAccount = z.strictObject({ accountId: idSchema });

export const upstreamMethods = {
  'upstream.get': defineMethod<UpstreamConfigDto>()(byAccount),
  'upstream.set': defineMethod<UpstreamConfigDto>()(upstreamSetSchema),
  'upstream.verifyFiles': defineMethod<VerifyFileDto[]>()(byAccount),
  'upstream.setVerifyFile': defineMethod<VerifyFileDto>()(verifyFileSchema),
  'upstream.deleteVerifyFile': defineMethod<{ fileName: string }>()(
    verifyFileSchema.pick({ accountId: true, fileName: true }),
  ),
};

export interface UpstreamEvents {
  'upstream.changed': UpstreamConfigDto;
  /** An MP_verify file of the account was added, replaced or deleted (the public URLs follow). */
  'upstream.verifyFilesChanged': { accountId: string; files: VerifyFileDto[] };
}
