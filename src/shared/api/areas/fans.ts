import { z } from 'zod';
import { defineMethod } from '../define';
import { idSchema, type Page } from './common';

/** A follower as `user/info` describes it (docs/wechat-protocol.md §9): no nickname since 2021-12-27. */
export interface FanDto {
  openid: string;
  subscribed: boolean;
  /** Last follow time, epoch ms. */
  subscribeTime?: number;
  language?: string;
  remark?: string;
  tagIds: number[];
  subscribeScene?: string;
  unionid?: string;
}

export const fansListSchema = z.strictObject({
  accountId: idSchema,
  /** batchget takes at most 100 (§9). */
  limit: z.number().int().min(1).max(100).optional(),
  cursor: z.string().max(200).optional(),
});

/** §9: remark < 30 chars (unconfirmed; the sandbox enforces it). Counted in code points, as emoji are one character. */
export const fansRemarkSchema = z.strictObject({
  accountId: idSchema,
  openid: z.string({ error: 'validation.required' }).min(1, { error: 'validation.required' }).max(64),
  remark: z
    .string({ error: 'validation.required' })
    .refine((s) => [...s].length < 30, { error: 'validation.remark' }),
});

export interface FanTagDto {
  id: number;
  name: string;
  count: number;
}

export const fansMethods = {
  /** Followers, live from the account's platform: user/get pages (10 000) read through batchget. */
  'fans.list': defineMethod<Page<FanDto>>()(fansListSchema),
  /** user/info/updateremark, then the follower as user/info now describes them. */
  'fans.remark': defineMethod<FanDto>()(fansRemarkSchema),
  /** tags/get: the account's tags, to name `tagIds`. */
  'fans.tags': defineMethod<FanTagDto[]>()(z.strictObject({ accountId: idSchema })),
};
