import type { Dispatcher } from 'undici';
import type { UpstreamLegDto } from '../../shared/api/areas/callbacks';
import type { RuleProbe, RuleReply, RuleTestResult } from '../../shared/api/areas/rules';
import type { UpstreamConfigDto } from '../../shared/api/areas/upstream';
import { forwardUpstream } from './upstream-forwarder';
import type { UpstreamVerdict } from './reply-adapter';

/** What the handlers decided for one message. */
export interface HandleResult {
  /** `rule:<id>[,rule:<id>]`, `upstream`, or null when nothing answered. */
  matched: string | null;
  passive: RuleReply | null;
  followUps: RuleReply[];
  /** The upstream's reply, relayed as-is (already linted). */
  relay: { body: Buffer; plainXml: string } | null;
  upstream: UpstreamLegDto | null;
  /** The forwarding order when the developer's server was asked (it decides what a failure gets). */
  order: UpstreamConfigDto['order'] | null;
}

export interface HandleInput {
  accountId: string;
  probe: RuleProbe;
  search: string;
  body: Buffer;
  contentType: string | undefined;
  /** Lints (and decrypts) the upstream's answer for this request. */
  judgeUpstream(body: Buffer): UpstreamVerdict;
}

export interface HandlerDeps {
  rules: { evaluate(accountId: string, probe: RuleProbe): RuleTestResult };
  upstream: { get(accountId: string): UpstreamConfigDto };
  dispatcher?: Dispatcher;
}

const NOTHING: HandleResult = {
  matched: null,
  passive: null,
  followUps: [],
  relay: null,
  upstream: null,
  order: null,
};

/**
 * Rules and forwarding compose in the account's order:
 * - rules-first (default): a matching rule answers; otherwise the upstream does.
 * - upstream-first: the upstream answers; when it fails or says nothing, the rules do.
 * - upstream-only: rules are ignored.
 */
export function runHandlers(deps: HandlerDeps, input: HandleInput): HandleResult | Promise<HandleResult> {
  const cfg = deps.upstream.get(input.accountId);
  const forwarding = cfg.enabled && cfg.url !== '';
  const fromRules = (): HandleResult | null => {
    const r = deps.rules.evaluate(input.accountId, input.probe);
    if (!r.matched.length) return null;
    return {
      ...NOTHING,
      matched: r.matched.map((m) => `rule:${m.ruleId}`).join(','),
      passive: r.passive,
      followUps: r.followUps,
    };
  };
  // Rules alone answer synchronously: no deadline timer, no promise hops on the common path.
  if (!forwarding) return fromRules() ?? NOTHING;
  if (cfg.order === 'rules-first') {
    const r = fromRules();
    if (r) return r;
  }
  return forward(deps, cfg, input).then((up) => {
    if (up.relay || cfg.order === 'upstream-only' || cfg.order === 'rules-first') return up;
    const r = fromRules();
    return r ? { ...r, upstream: up.upstream, order: up.order } : up;
  });
}

async function forward(deps: HandlerDeps, cfg: UpstreamConfigDto, input: HandleInput): Promise<HandleResult> {
  const a = await forwardUpstream(cfg, input, deps.dispatcher, cfg.timeoutMs);
  const leg: UpstreamLegDto = {
    url: a.url,
    status: a.status,
    ms: a.ms,
    body: a.body ? a.body.toString('utf8') : null,
    error: a.error,
    relayed: false,
    note: null,
  };
  const order = cfg.order;
  if (a.error || !a.body) return { ...NOTHING, upstream: leg, order };
  const v = input.judgeUpstream(a.body);
  if (!v.ok) return { ...NOTHING, upstream: { ...leg, error: v.error }, order };
  return {
    ...NOTHING,
    order,
    matched: 'upstream',
    relay: v.body ? { body: v.body, plainXml: v.plainXml } : null,
    upstream: { ...leg, relayed: true, note: v.note ?? null },
  };
}
