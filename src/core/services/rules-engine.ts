import type {
  MatchMode,
  RuleDto,
  RuleKeyword,
  RuleProbe,
  RuleReply,
  RuleTestResult,
} from '../../shared/api/areas/rules';

/**
 * A rule with its matcher built once (regexes compiled), so the hot path only calls `test`: -1 when
 * the rule does not match, else the index of the keyword that did (0 for rules without keywords).
 */
export interface CompiledRule {
  rule: RuleDto;
  test(p: RuleProbe): number;
}

const NO = -1;
const yes = (ok: boolean) => (ok ? 0 : NO);

const lower = (s: string | undefined) => (s ?? '').toLowerCase();

/** §2.4: a follow through a parametric QR carries `qrscene_<scene>`; SCAN carries the bare scene. */
const sceneOfSubscribe = (eventKey: string | undefined) =>
  eventKey?.startsWith('qrscene_') ? eventKey.slice('qrscene_'.length) : undefined;

/** 全匹配: the whole message (trimmed) is the keyword; 半匹配: the message contains it (§2.3 Content). */
function keywordTest(k: RuleKeyword, caseSensitive: boolean): (content: string) => boolean {
  if (k.match === 'regex') {
    const re = new RegExp(k.text, caseSensitive ? '' : 'i');
    return (c) => re.test(c);
  }
  const norm = (s: string) => (caseSensitive ? s : s.toLowerCase());
  const keyword = norm(k.text.trim());
  return k.match === 'exact' ? (c) => norm(c.trim()) === keyword : (c) => norm(c).includes(keyword);
}

function matcher(rule: RuleDto): (p: RuleProbe) => number {
  const t = rule.trigger;
  // §2.4: compare event names case-insensitively (SCAN/CLICK upper, subscribe lower).
  const isEvent = (p: RuleProbe, name: string) => lower(p.msgType) === 'event' && lower(p.event) === name;
  switch (t.kind) {
    case 'keyword': {
      const tests = t.keywords.map((k) => keywordTest(k, !!t.caseSensitive));
      return (p) => (lower(p.msgType) === 'text' ? tests.findIndex((test) => test(p.content ?? '')) : NO);
    }
    case 'subscribe':
      return (p) => yes(isEvent(p, 'subscribe') && (!t.scene || sceneOfSubscribe(p.eventKey) === t.scene));
    case 'click':
      return (p) => yes(isEvent(p, 'click') && p.eventKey === t.key);
    case 'scan':
      return (p) => yes(isEvent(p, 'scan') && (!t.scene || p.eventKey === t.scene));
    case 'default':
      // The backend's 收到消息回复 answers messages, never events (an unsubscribe or VIEW gets nothing).
      return (p) => yes(lower(p.msgType) !== 'event');
  }
}

/** Enabled rules in evaluation order: specific rules by priority, default rules last. */
export function compileRules(rules: readonly RuleDto[]): CompiledRule[] {
  return rules
    .filter((r) => r.enabled)
    .sort(
      (a, b) =>
        Number(a.trigger.kind === 'default') - Number(b.trigger.kind === 'default') ||
        a.priority - b.priority ||
        a.createdAt - b.createdAt,
    )
    .map((rule) => ({ rule, test: matcher(rule) }));
}

/**
 * Which rules answer and with what. The first reply goes back passively; the others (a rule that
 * "replies with all", or 'all' match mode) go out through the customer-service API (§3.1, §10.1),
 * which cannot carry a transfer to customer service, so a transfer is only kept as the passive one.
 */
export function evaluateRules(
  compiled: readonly CompiledRule[],
  probe: RuleProbe,
  mode: MatchMode,
  pickIndex: (n: number) => number,
): RuleTestResult {
  const matched: { rule: RuleDto; at: number }[] = [];
  for (const c of compiled) {
    if (c.rule.trigger.kind === 'default' && matched.length > 0) break;
    const at = c.test(probe);
    if (at === NO) continue;
    matched.push({ rule: c.rule, at });
    if (mode === 'first') break;
  }
  const replies: RuleReply[] = [];
  for (const { rule } of matched) {
    if (rule.replyMode === 'random') {
      // A rule without replies has none to pick: it adds nothing, as in the other mode.
      const picked = rule.replies[pickIndex(rule.replies.length)];
      if (picked) replies.push(picked);
    } else replies.push(...rule.replies);
  }
  const [passive = null, ...rest] = replies;
  return {
    matched: matched.map(({ rule, at }) => {
      const m: RuleTestResult['matched'][number] = {
        ruleId: rule.id,
        name: rule.name,
        kind: rule.trigger.kind,
      };
      if (rule.trigger.kind === 'keyword') m.keyword = rule.trigger.keywords[at];
      return m;
    }),
    passive,
    followUps: rest.filter((r) => r.type !== 'transfer'),
  };
}
