import { z } from 'zod';
import type { ErrorBody } from '../../errors';
import { defineMethod } from '../define';
import { idSchema, type Page } from './common';

/**
 * A fan as MPDesk's store knows them (docs/architecture.md §5): what user/info said at the last sync
 * (docs/wechat-protocol.md §9: no nickname since 2021-12-27), what callbacks have shown since, and
 * what web OAuth told of them (nickname and avatar, §8.5).
 */
export interface FanDto {
  openid: string;
  unionid?: string;
  subscribed: boolean;
  /** Last follow time, epoch ms (absent until user/info or a follow event said). */
  subscribeTime?: number;
  subscribeScene?: string;
  qrSceneStr?: string;
  language?: string;
  /** '' when none. */
  remark: string;
  tagIds: number[];
  blacklisted: boolean;
  /** From web OAuth (snsapi_userinfo), when the fan authorized a page. */
  nickname?: string;
  headimgurl?: string;
  /** When MPDesk first knew of the fan. */
  firstSeen: number;
  /** Their last message or event. */
  lastSeen?: number;
  lastMessageAt?: number;
  /** When user/info last described them; absent: not read yet (a fan first seen in a callback). */
  infoAt?: number;
  /** Their messages since the operator last read the thread (消息管理). */
  unread: number;
}

export const FAN_SORTS = ['followed', 'active'] as const;
export type FanSort = (typeof FAN_SORTS)[number];

const openidSchema = z
  .string({ error: 'validation.required' })
  .min(1, { error: 'validation.required' })
  .max(64);
const tagIdSchema = z.number().int().min(0).max(2_147_483_647);

/** What picks the fans a list or an export shows. */
export const fanFilterSchema = {
  accountId: idSchema,
  /** A fragment of a remark, nickname or openid (any part of it). */
  query: z.string().max(64).optional(),
  tagId: tagIdSchema.optional(),
  subscribed: z.boolean().optional(),
  blacklisted: z.boolean().optional(),
  /** followed: by follow time; active: by their last message or event. Newest first unless `order: 'asc'`. */
  sort: z.enum(FAN_SORTS).optional(),
  order: z.enum(['desc', 'asc']).optional(),
};
export const fansListSchema = z.strictObject({
  ...fanFilterSchema,
  limit: z.number().int().min(1).max(500).optional(),
  cursor: z.string().max(200).optional(),
});
export type FanListInput = z.output<typeof fansListSchema>;

/** §9: remark < 30 chars (unconfirmed; the sandbox enforces it). Counted in code points, as emoji are one character. */
export const fansRemarkSchema = z.strictObject({
  accountId: idSchema,
  openid: openidSchema,
  remark: z
    .string({ error: 'validation.required' })
    .refine((s) => [...s].length < 30, { error: 'validation.remark' }),
});

/** §9: tag names up to 30 characters. */
export const tagNameSchema = z
  .string({ error: 'validation.required' })
  .trim()
  .min(1, { error: 'validation.required' })
  .refine((s) => [...s].length <= 30, { error: 'validation.tagName' });

export interface FanTagDto {
  id: number;
  name: string;
  /** Fans in MPDesk's store with the tag. */
  count: number;
  /** 0, 1 and 2 are WeChat's own (星标组) and cannot be renamed or deleted. */
  system: boolean;
}

/** A batch change across many fans, sent in WeChat's batches (tags 50, blacklist 20). */
export const fanBatchSchema = {
  accountId: idSchema,
  openids: z.array(openidSchema).min(1, { error: 'validation.required' }).max(1000),
};

export type FanSyncState = 'idle' | 'running' | 'done' | 'failed';

/** Where a sync is (also pushed as `fans.syncChanged`, for a progress bar). */
export interface FanSyncStatusDto {
  accountId: string;
  /** idle: never run, or cancelled (then `resumable`). */
  state: FanSyncState;
  /** Fans whose user/info is current in this sync, of `total` (user/get's total). */
  done: number;
  total: number;
  /** list: reading user/get pages (and batchget meanwhile); blacklist; finish. */
  phase?: 'list' | 'blacklist' | 'finish';
  /** Every fan's user/info was asked for, rather than only new and changed ones. */
  full: boolean;
  /** A stopped sync (cancelled, failed, killed) continues where it was when started again. */
  resumable: boolean;
  startedAt?: number;
  finishedAt?: number;
  /** Why it failed: a WeChat errcode (45009 daily quota, 48001 …) is in `details`. */
  error?: ErrorBody;
}

/** One CSV file, ready to save: UTF-8 with a BOM so Excel reads Chinese correctly. */
export interface FanExportDto {
  fileName: string;
  csv: string;
  rows: number;
}

export const fansMethods = {
  /** Fans from MPDesk's store (no WeChat call), with the filter's `total`. */
  'fans.list': defineMethod<Page<FanDto>>()(fansListSchema),
  /** One fan from the store; `refresh` reads their user/info first. */
  'fans.get': defineMethod<FanDto>()(
    z.strictObject({ accountId: idSchema, openid: openidSchema, refresh: z.boolean().optional() }),
  ),
  /**
   * Starts (or resumes) reading the account's fans into the store and returns at once: user/get pages
   * of 10 000, batchget of 100 at a time, the blacklist. After the first, a sync reads user/info only
   * for new and changed fans, unless `full`.
   */
  'fans.sync': defineMethod<FanSyncStatusDto>()(
    z.strictObject({ accountId: idSchema, full: z.boolean().optional() }),
  ),
  'fans.syncStatus': defineMethod<FanSyncStatusDto>()(z.strictObject({ accountId: idSchema })),
  /** Stops a running sync after the calls in flight; it can be resumed. */
  'fans.cancelSync': defineMethod<FanSyncStatusDto>()(z.strictObject({ accountId: idSchema })),
  /** user/info/updateremark, then the fan from the store. */
  'fans.remark': defineMethod<FanDto>()(fansRemarkSchema),
  /** The account's tags with their counts in the store; `refresh` reads tags/get first. */
  'fans.tags': defineMethod<FanTagDto[]>()(
    z.strictObject({ accountId: idSchema, refresh: z.boolean().optional() }),
  ),
  'fans.createTag': defineMethod<FanTagDto[]>()(z.strictObject({ accountId: idSchema, name: tagNameSchema })),
  'fans.renameTag': defineMethod<FanTagDto[]>()(
    z.strictObject({ accountId: idSchema, tagId: tagIdSchema, name: tagNameSchema }),
  ),
  'fans.deleteTag': defineMethod<FanTagDto[]>()(z.strictObject({ accountId: idSchema, tagId: tagIdSchema })),
  /** Tags or untags fans (members/batchtagging, batchuntagging, 50 at a time). */
  'fans.tagFans': defineMethod<{ changed: number }>()(
    z.strictObject({ ...fanBatchSchema, tagId: tagIdSchema, tagged: z.boolean() }),
  ),
  /** Blacklists or releases fans (members/batchblacklist, batchunblacklist, 20 at a time). */
  'fans.blacklist': defineMethod<{ changed: number }>()(
    z.strictObject({ ...fanBatchSchema, blacklisted: z.boolean() }),
  ),
  /** The fans of a filter (as fans.list) as CSV; headers and dates in `lang`. */
  'fans.export': defineMethod<FanExportDto>()(
    z.strictObject({ ...fanFilterSchema, lang: z.enum(['zh-CN', 'en']).optional() }),
  ),
};

export interface FansEvents {
  /** A sync moved on (at most a few times a second) or ended. */
  'fans.syncChanged': FanSyncStatusDto;
  /** Fans of the account changed in the store: those listed, or many (`openids` absent). */
  'fans.changed': { accountId: string; openids?: string[] };
}
