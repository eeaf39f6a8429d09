/**
 * The customer-service window of docs/wechat-protocol.md §10.1: what a fan did opens a grant of
 * messages the account may send them, for a while. A sent message opens 48 hours with 5 messages;
 * a menu click (`click`, `scancode_push`, `scancode_waitmsg`), a follow or a parametric-QR scan opens
 * one minute with 3. Each new interaction of a kind replaces that kind's grant (a new message gives a
 * fresh 5 for 48 hours); the two kinds stand side by side, and a click never adds to the quota of a
 * sent message. Outside every grant WeChat answers 45015; with every open grant used up, 45047.
 *
 * Which open grant a send is taken from is not documented (§15): we take it from the one that closes
 * first, so a short grant is used before it lapses. The sandbox enforces these rules and core shows
 * them before a send, both through this file.
 *
 * Interactions and sends are ordered by a position in one sequence (core: the callback log's ids,
 * which stored messages share; the sandbox: its sent-message ids), not by time alone: a send in the
 * same millisecond as the message before it, or after it, is still told apart.
 */

export type WindowGrantKind = 'message' | 'action';

export const WINDOW_RULES: Readonly<Record<WindowGrantKind, { lastsMs: number; quota: number }>> = {
  message: { lastsMs: 48 * 3_600_000, quota: 5 },
  action: { lastsMs: 60_000, quota: 3 },
};

/** §10.1: the events that open the one-minute grant (a follow and a parametric-QR scan among them). */
const ACTION_EVENTS = new Set(['click', 'scancode_push', 'scancode_waitmsg', 'subscribe', 'scan']);

/** The grant a fan's message or event opens, or null (a `VIEW`, a `LOCATION` report, …). */
export function windowGrantOf(msgType: string | null, event: string | null): WindowGrantKind | null {
  const type = (msgType ?? '').toLowerCase();
  if (!type) return null;
  if (type !== 'event') return 'message';
  return ACTION_EVENTS.has((event ?? '').toLowerCase()) ? 'action' : null;
}

/** An interaction or a send: when (epoch ms), and where in the sequence. */
export interface WindowMark {
  at: number;
  pos: number;
}

/** The last interaction of each kind. */
export interface WindowOpeners {
  message: WindowMark | null;
  action: WindowMark | null;
}

export interface WindowGrant {
  kind: WindowGrantKind;
  opensAt: number;
  opensPos: number;
  closesAt: number;
  quota: number;
  used: number;
}

export interface ServiceWindowState {
  /** Some grant is open now. */
  open: boolean;
  /** The open grants, the soonest to close first. */
  grants: WindowGrant[];
  /** Messages that may still be sent now (over every open grant). */
  remaining: number;
  /** When the last open grant closes; null when none is open. */
  closesAt: number | null;
  /** WeChat's answer to a send now: 0 (sent), 45015 (no open grant) or 45047 (quota used up). */
  verdict: 0 | 45015 | 45047;
}

/**
 * The window at `now`, given the last interactions and the customer-service messages sent to the fan
 * (any order; those before a grant opened do not count against it).
 */
export function serviceWindow(
  openers: WindowOpeners,
  sends: readonly WindowMark[],
  now: number,
): ServiceWindowState {
  const grants: WindowGrant[] = [];
  for (const kind of ['message', 'action'] as const) {
    const o = openers[kind];
    if (o === null) continue;
    const rule = WINDOW_RULES[kind];
    grants.push({
      kind,
      opensAt: o.at,
      opensPos: o.pos,
      closesAt: o.at + rule.lastsMs,
      quota: rule.quota,
      used: 0,
    });
  }
  grants.sort((a, b) => a.closesAt - b.closesAt);
  for (const send of [...sends].sort((a, b) => a.pos - b.pos)) {
    const g = grants.find((x) => x.opensPos < send.pos && send.at <= x.closesAt && x.used < x.quota);
    if (g) g.used++;
  }
  const open = grants.filter((g) => g.opensAt <= now && now <= g.closesAt);
  const remaining = open.reduce((n, g) => n + g.quota - g.used, 0);
  return {
    open: open.length > 0,
    grants: open,
    remaining,
    closesAt: open.length ? Math.max(...open.map((g) => g.closesAt)) : null,
    verdict: open.length === 0 ? 45015 : remaining === 0 ? 45047 : 0,
  };
}
