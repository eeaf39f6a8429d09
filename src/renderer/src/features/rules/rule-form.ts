import {
  ruleSaveSchema,
  type MatchMode,
  type RuleDto,
  type RuleKeyword,
  type RuleKind,
  type RuleReply,
  type RuleTrigger,
} from '../../../../shared/api/areas/rules';
import type { MethodInput } from '../../../../shared/api/contract';

/** Every field the editor may show, kept while the user flips between trigger and reply kinds. */
export interface ArticleForm {
  title: string;
  description: string;
  picUrl: string;
  url: string;
}
export interface ReplyForm {
  type: RuleReply['type'];
  content: string;
  mediaId: string;
  kfAccount: string;
  articles: ArticleForm[];
}
export interface KeywordForm {
  text: string;
  match: RuleKeyword['match'];
}
export interface RuleForm {
  name: string;
  enabled: boolean;
  kind: RuleKind;
  /** 关键词: each 全匹配 or 半匹配 (or a regex), any one of them fires the rule. */
  keywords: KeywordForm[];
  caseSensitive: boolean;
  subscribeScene: string;
  clickKey: string;
  scanScene: string;
  replies: ReplyForm[];
  replyMode: 'all' | 'random';
}

/** The mp backend's default for a new keyword is 半匹配. */
export const emptyKeyword = (): KeywordForm => ({ text: '', match: 'contains' });
export const emptyArticle = (): ArticleForm => ({ title: '', description: '', picUrl: '', url: '' });
export const emptyReply = (): ReplyForm => ({
  type: 'text',
  content: '',
  mediaId: '',
  kfAccount: '',
  articles: [emptyArticle()],
});

export function formOf(rule?: RuleDto): RuleForm {
  const f: RuleForm = {
    name: rule?.name ?? '',
    enabled: rule?.enabled ?? true,
    kind: rule?.trigger.kind ?? 'keyword',
    keywords: [emptyKeyword()],
    caseSensitive: false,
    subscribeScene: '',
    clickKey: '',
    scanScene: '',
    replies: [],
    replyMode: rule?.replyMode ?? 'all',
  };
  const t = rule?.trigger;
  if (t?.kind === 'keyword') {
    f.keywords = t.keywords.map((k) => ({ text: k.text, match: k.match }));
    f.caseSensitive = t.caseSensitive ?? false;
  } else if (t?.kind === 'subscribe') f.subscribeScene = t.scene ?? '';
  else if (t?.kind === 'click') f.clickKey = t.key;
  else if (t?.kind === 'scan') f.scanScene = t.scene ?? '';
  f.replies = (rule?.replies ?? []).map((r) => {
    const x = emptyReply();
    x.type = r.type;
    if (r.type === 'text') x.content = r.content;
    if (r.type === 'image') x.mediaId = r.mediaId;
    if (r.type === 'transfer') x.kfAccount = r.kfAccount ?? '';
    if (r.type === 'news')
      x.articles = r.articles.map((a) => ({
        title: a.title,
        description: a.description ?? '',
        picUrl: a.picUrl ?? '',
        url: a.url ?? '',
      }));
    return x;
  });
  if (f.replies.length === 0) f.replies = [emptyReply()];
  return f;
}

const opt = (s: string) => (s.trim() ? s.trim() : undefined);

function triggerOf(f: RuleForm): RuleTrigger {
  switch (f.kind) {
    case 'keyword':
      return {
        kind: 'keyword',
        keywords: f.keywords.map((k) => ({ text: k.text, match: k.match })),
        caseSensitive: f.caseSensitive || undefined,
      };
    case 'subscribe':
      return { kind: 'subscribe', scene: opt(f.subscribeScene) };
    case 'click':
      return { kind: 'click', key: f.clickKey.trim() };
    case 'scan':
      return { kind: 'scan', scene: opt(f.scanScene) };
    case 'default':
      return { kind: 'default' };
  }
}

function replyOf(r: ReplyForm): RuleReply {
  switch (r.type) {
    case 'text':
      return { type: 'text', content: r.content };
    case 'image':
      return { type: 'image', mediaId: r.mediaId.trim() };
    case 'transfer':
      return { type: 'transfer', kfAccount: opt(r.kfAccount) };
    case 'news':
      return {
        type: 'news',
        articles: r.articles.map((a) => ({
          title: a.title.trim(),
          description: opt(a.description),
          picUrl: opt(a.picUrl),
          url: opt(a.url),
        })),
      };
  }
}

export type RuleSaveIn = MethodInput<'rules.save'>;

export function inputOf(f: RuleForm, accountId: string, existing?: RuleDto, priority?: number): RuleSaveIn {
  return {
    id: existing?.id,
    accountId,
    name: f.name.trim(),
    enabled: f.enabled,
    priority: existing?.priority ?? priority ?? 100,
    trigger: triggerOf(f),
    replies: f.replies.map(replyOf),
    replyMode: f.replyMode,
  };
}

/** The contract's own validator, so the form shows exactly what the server would refuse. */
export function validateInput(input: RuleSaveIn): Record<string, string> {
  const r = ruleSaveSchema.safeParse(input);
  if (r.success) return {};
  const out: Record<string, string> = {};
  for (const i of r.error.issues) {
    const path = i.path.join('.');
    out[path] ??= i.message;
  }
  return out;
}

/** A rule's input for re-saving it unchanged but for its priority (reordering). */
export function withPriority(rule: RuleDto, priority: number): RuleSaveIn {
  return {
    id: rule.id,
    accountId: rule.accountId,
    name: rule.name,
    enabled: rule.enabled,
    priority,
    trigger: rule.trigger,
    replies: rule.replies,
    replyMode: rule.replyMode,
  };
}

/** The order core evaluates in: specific rules by priority, default rules last (rules-engine). */
export function evaluationOrder(rules: readonly RuleDto[]): RuleDto[] {
  return [...rules].sort(
    (a, b) =>
      Number(a.trigger.kind === 'default') - Number(b.trigger.kind === 'default') ||
      a.priority - b.priority ||
      a.createdAt - b.createdAt,
  );
}

export type { MatchMode };
