import { z } from 'zod';
import { defineMethod } from '../define';
import { byId, idSchema } from './common';

/**
 * Auto-reply rules, as the mp backend's 自动回复 offers them: keyword replies (several keywords per
 * rule, each 全匹配 exact or 半匹配 contains, and our regex), the follow greeting, menu CLICK keys, parametric-QR SCAN scenes and a default reply
 * (docs/wechat-protocol.md §2.3-§2.4 for the fields they match, §3.2 for the reply types).
 */
export const RULE_KINDS = ['keyword', 'subscribe', 'click', 'scan', 'default'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];
export const KEYWORD_MATCHES = ['exact', 'contains', 'regex'] as const;
/** 'first': the first matching rule (by priority) answers; 'all': every matching rule answers. */
export const MATCH_MODES = ['first', 'all'] as const;
export type MatchMode = (typeof MATCH_MODES)[number];
/** Per rule, as the backend's 回复全部 / 随机回复一条. */
export const REPLY_MODES = ['all', 'random'] as const;

const text = (max: number) =>
  z
    .string({ error: 'validation.required' })
    .min(1, { error: 'validation.required' })
    .max(max, { error: 'validation.tooLong' });

export const ruleReplySchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('text'), content: text(2048) }),
    z.strictObject({ type: z.literal('image'), mediaId: text(128) }),
    z.strictObject({
      type: z.literal('news'),
      // §3.2: one article is all WeChat shows today; up to 8 for events.
      articles: z
        .array(
          z.strictObject({
            title: text(128),
            description: z.string().max(512).optional(),
            picUrl: z.string().max(1024).optional(),
            url: z.string().max(1024).optional(),
          }),
        )
        .min(1, { error: 'validation.required' })
        .max(8, { error: 'validation.tooMany' }),
    }),
    z.strictObject({ type: z.literal('transfer'), kfAccount: z.string().max(64).optional() }),
  ],
  { error: 'validation.replyType' },
);
export type RuleReply = z.output<typeof ruleReplySchema>;

/** One keyword of a 关键词回复 rule: 全匹配 (exact), 半匹配 (contains), or a regular expression (ours). */
export const ruleKeywordSchema = z.strictObject({
  text: text(512),
  match: z.enum(KEYWORD_MATCHES, { error: 'validation.enum' }),
});
export type RuleKeyword = z.output<typeof ruleKeywordSchema>;
/** The mp backend's limit of keywords per rule. */
export const MAX_KEYWORDS = 10;

const triggerUnion = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('keyword'),
      /** Any one of them matching fires the rule, as in the mp backend's 关键词回复. */
      keywords: z
        .array(ruleKeywordSchema)
        .min(1, { error: 'validation.required' })
        .max(MAX_KEYWORDS, { error: 'validation.tooMany' })
        .optional(),
      caseSensitive: z.boolean().optional(),
      /** Before several keywords a rule had one: still accepted from API callers, saved as `keywords`. */
      match: z.enum(KEYWORD_MATCHES, { error: 'validation.enum' }).optional(),
      pattern: text(512).optional(),
    }),
    /** No scene: any follow. A scene: only a follow through that parametric QR (`qrscene_<scene>`). */
    z.strictObject({ kind: z.literal('subscribe'), scene: z.string().max(64).optional() }),
    z.strictObject({ kind: z.literal('click'), key: text(128) }),
    /** No scene: any SCAN. */
    z.strictObject({ kind: z.literal('scan'), scene: z.string().max(64).optional() }),
    z.strictObject({ kind: z.literal('default') }),
  ],
  { error: 'validation.ruleKind' },
);

export type RuleTrigger =
  | { kind: 'keyword'; keywords: RuleKeyword[]; caseSensitive?: boolean }
  | Exclude<z.output<typeof triggerUnion>, { kind: 'keyword' }>;

/** A typed QR scene without the `qrscene_` WeChat puts in front of it in a follow's EventKey (§2.4). */
export function bareScene(scene: string | undefined): string | undefined {
  const s = scene?.trim();
  if (!s) return undefined;
  return s.startsWith('qrscene_') ? s.slice('qrscene_'.length) || undefined : s;
}

export const ruleTriggerSchema = triggerUnion
  .superRefine((t, ctx) => {
    if (t.kind === 'keyword' && !t.keywords && t.pattern === undefined) {
      ctx.addIssue({ code: 'custom', path: ['keywords'], message: 'validation.required' });
    }
  })
  .transform((t): RuleTrigger => {
    if (t.kind === 'subscribe' || t.kind === 'scan') return { kind: t.kind, scene: bareScene(t.scene) };
    if (t.kind !== 'keyword') return t;
    const keywords = t.keywords ?? [{ text: t.pattern ?? '', match: t.match ?? 'contains' }];
    return t.caseSensitive
      ? { kind: 'keyword', keywords, caseSensitive: true }
      : { kind: 'keyword', keywords };
  });

export const ruleSaveSchema = z
  .strictObject({
    /** Absent: create. */
    id: idSchema.optional(),
    accountId: idSchema,
    name: text(64),
    enabled: z.boolean().default(true),
    /** Lower runs first. */
    priority: z.number({ error: 'validation.number' }).int().min(0).max(1_000_000).default(100),
    trigger: ruleTriggerSchema,
    replies: z
      .array(ruleReplySchema)
      .min(1, { error: 'validation.required' })
      .max(10, { error: 'validation.tooMany' }),
    replyMode: z.enum(REPLY_MODES, { error: 'validation.enum' }).default('all'),
  })
  .superRefine((v, ctx) => {
    if (v.trigger.kind !== 'keyword') return;
    v.trigger.keywords.forEach((k, i) => {
      if (k.match !== 'regex') return;
      try {
        new RegExp(k.text);
      } catch {
        ctx.addIssue({
          code: 'custom',
          path: ['trigger', 'keywords', i, 'text'],
          message: 'validation.regex',
        });
      }
    });
  });
export type RuleSaveInput = z.output<typeof ruleSaveSchema>;

export interface RuleDto {
  id: string;
  accountId: string;
  name: string;
  enabled: boolean;
  priority: number;
  trigger: RuleTrigger;
  replies: RuleReply[];
  replyMode: (typeof REPLY_MODES)[number];
  createdAt: number;
  updatedAt: number;
}

export interface RuleSetDto {
  accountId: string;
  matchMode: MatchMode;
  rules: RuleDto[];
}

/** What arrives, reduced to what rules look at. */
export const ruleProbeSchema = z.strictObject({
  msgType: z.string().min(1).max(32),
  content: z.string().max(4096).optional(),
  event: z.string().max(64).optional(),
  eventKey: z.string().max(512).optional(),
});
export type RuleProbe = z.output<typeof ruleProbeSchema>;

export interface RuleTestResult {
  /** For a keyword rule, the keyword that matched. */
  matched: { ruleId: string; name: string; kind: RuleKind; keyword?: RuleKeyword }[];
  /** The passive reply (first of all replies); null means `success`. */
  passive: RuleReply | null;
  /** The rest, which go out through the customer-service API (§10.1). */
  followUps: RuleReply[];
}

const byAccount = z.strictObject({ accountId: idSchema });

export const rulesMethods = {
  'rules.list': defineMethod<RuleSetDto>()(byAccount),
  'rules.save': defineMethod<RuleDto>()(ruleSaveSchema),
  'rules.delete': defineMethod<{ id: string }>()(byId),
  'rules.setMatchMode': defineMethod<RuleSetDto>()(
    z.strictObject({ accountId: idSchema, matchMode: z.enum(MATCH_MODES, { error: 'validation.enum' }) }),
  ),
  /** "What would reply to this?" without sending anything. */
  'rules.test': defineMethod<RuleTestResult>()(
    z.strictObject({ accountId: idSchema, probe: ruleProbeSchema }),
  ),
};

export interface RulesEvents {
  'rules.changed': { accountId: string };
}
