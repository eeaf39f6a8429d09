import type { MatchMode, RuleDto, RuleProbe, RuleReply, RuleTestResult } from '../../shared/api/areas/rules';

/** A rule with its matcher built once (regexes compiled), so the hot path only calls `test`. */
export interface CompiledRule {
  rule: RuleDto;
  test(p: RuleProbe): boolean;
}

const lower = (s: string | undefined) => (s ?? '').toLowerCase();

/** §2.4: a follow through a parametric QR carries `qrscene_<scene>`; SCAN carries the bare scene. */
const sceneOfSubscribe = (eventKey: string | undefined) =>
  eventKey?.startsWith('qrscene_') ? eventKey.slice('qrscene_'.length) : undefined;

function matcher(rule: RuleDto): (p: RuleProbe) => boolean {
  const t = rule.trigger;
  // §2.4: compare event names case-insensitively (SCAN/CLICK upper, subscribe lower).
  const isEvent = (p: RuleProbe, name: string) => lower(p.msgType) === 'event' && lower(p.event) === name;
  switch (t.kind) {
    case 'keyword': {
      if (t.match === 'regex') {
        const re = new RegExp(t.pattern, t.caseSensitive ? '' : 'i');
        return (p) => lower(p.msgType) === 'text' && re.test(p.content ?? '');
      }
      const norm = (s: string) => (t.caseSensitive ? s : s.toLowerCase());
      const pattern = norm(t.pattern.trim());
      return t.match === 'exact'
        ? (p) => lower(p.msgType) === 'text' && norm((p.content ?? '').trim()) === pattern
        : (p) => lower(p.msgType) === 'text' && norm(p.content ?? '').includes(pattern);
    }
    case 'subscribe':
      return (p) => isEvent(p, 'subscribe') && (!t.scene || sceneOfSubscribe(p.eventKey) === t.scene);
    case 'click':
      return (p) => isEvent(p, 'click') && p.eventKey === t.key;
    case 'scan':
      return (p) => isEvent(p, 'scan') && (!t.scene || p.eventKey === t.scene);
    case 'default':
      // The backend's 收到消息回复 answers messages, never events (an unsubscribe or VIEW gets nothing).
      return (p) => lower(p.msgType) !== 'event';
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
  const matched: CompiledRule[] = [];
  for (const c of compiled) {
    if (c.rule.trigger.kind === 'default' && matched.length > 0) break;
    if (!c.test(probe)) continue;
    matched.push(c);
    if (mode === 'first') break;
  }
  const replies: RuleReply[] = [];
  for (const { rule } of matched) {
    if (rule.replyMode === 'random') replies.push(rule.replies[pickIndex(rule.replies.length)]);
    else replies.push(...rule.replies);
  }
  const [passive = null, ...rest] = replies;
  return {
    matched: matched.map(({ rule }) => ({ ruleId: rule.id, name: rule.name, kind: rule.trigger.kind })),
    passive,
    followUps: rest.filter((r) => r.type !== 'transfer'),
  };
}
