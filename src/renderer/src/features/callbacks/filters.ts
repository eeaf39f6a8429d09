import {
  CALLBACK_OUTCOMES,
  type CallbackOutcome,
  type CallbacksListInput,
  type CallbackSummaryDto,
} from '../../../../shared/api/areas/callbacks';
import { parseHash } from '../../shell/router';

/** What the user filters on; lives in the URL hash (`#/callbacks?type=text&errors=1`). */
export interface CallbackFilters {
  account?: string;
  /** A MsgType (`text`), `event`, an event (`event:CLICK`) or `verify` (GET URL verification). */
  type?: string;
  status?: CallbackOutcome;
  openid?: string;
  q?: string;
  errors?: boolean;
  retried?: boolean;
}

export const MESSAGE_TYPES = ['text', 'image', 'voice', 'video', 'shortvideo', 'location', 'link'] as const;
export const EVENT_TYPES = [
  'event',
  'event:subscribe',
  'event:unsubscribe',
  'event:SCAN',
  'event:LOCATION',
  'event:CLICK',
  'event:VIEW',
] as const;

const KEYS = ['account', 'type', 'status', 'openid', 'q', 'errors', 'retried'] as const;

export function isEmpty(f: CallbackFilters): boolean {
  return KEYS.every((k) => f[k] === undefined || f[k] === false || f[k] === '');
}

/** The query part of the hash, wherever the router put it (`#/callbacks?...` or `#/callbacks/?...`). */
export function hashQuery(hash: string): URLSearchParams {
  const i = hash.indexOf('?');
  return new URLSearchParams(i >= 0 ? hash.slice(i + 1) : '');
}

export function parseFilters(params: URLSearchParams): CallbackFilters {
  const str = (k: string) => {
    const v = params.get(k)?.trim();
    return v ? v.slice(0, 200) : undefined;
  };
  const status = str('status');
  return {
    account: str('account'),
    type: str('type'),
    status:
      status && (CALLBACK_OUTCOMES as readonly string[]).includes(status)
        ? (status as CallbackOutcome)
        : undefined,
    openid: str('openid'),
    q: str('q'),
    errors: params.get('errors') === '1' || undefined,
    retried: params.get('retried') === '1' || undefined,
  };
}

export function filtersToSearch(f: CallbackFilters, selected?: number): string {
  const p = new URLSearchParams();
  for (const k of KEYS) {
    const v = f[k];
    if (v === true) p.set(k, '1');
    else if (typeof v === 'string' && v !== '') p.set(k, v);
  }
  if (selected !== undefined) p.set('id', String(selected));
  const s = p.toString();
  return s ? `?${s}` : '';
}

/**
 * `#/callbacks?type=text` when the shell's router reads the screen name up to the `?`; otherwise
 * `#/callbacks/?type=text`, which every router splitting on `/` understands.
 */
export function callbacksHref(search: string): string {
  if (!search) return '#/callbacks';
  return parseHash('#/callbacks?x=1').screen === 'callbacks'
    ? `#/callbacks${search}`
    : `#/callbacks/${search}`;
}

/** Every filter maps to `callbacks.list` input: the server answers each from an index. */
export function toListInput(f: CallbackFilters): Omit<CallbacksListInput, 'limit' | 'cursor'> {
  const input: Omit<CallbacksListInput, 'limit' | 'cursor'> = {};
  if (f.account) input.accountId = f.account;
  if (f.type === 'verify') input.verification = true;
  else if (f.type?.startsWith('event:')) input.event = f.type.slice('event:'.length);
  else if (f.type) input.msgType = f.type;
  if (f.status) input.outcome = f.status;
  if (f.openid) input.openid = f.openid;
  if (f.q) input.search = f.q;
  if (f.errors) input.errorsOnly = true;
  if (f.retried) input.retried = true;
  return input;
}

/**
 * Whether a live entry (`callbacks.logged`) belongs in the filtered list: the same rules as the
 * server's, checked on one summary. Free text is the one filter a summary cannot answer
 * (`needsServerCheck`).
 */
export function matches(f: CallbackFilters, e: CallbackSummaryDto): boolean {
  if (f.account && e.accountId !== f.account) return false;
  if (f.status && e.outcome !== f.status) return false;
  if (f.openid && e.openid !== f.openid) return false;
  if (f.type) {
    if (f.type === 'verify') {
      if (!isVerification(e)) return false;
    } else if (f.type.startsWith('event')) {
      if (e.msgType !== 'event') return false;
      const ev = f.type.slice('event:'.length);
      if (ev && (e.event ?? '').toLowerCase() !== ev.toLowerCase()) return false;
    } else if (e.msgType !== f.type) return false;
  }
  if (f.errors && !isError(e)) return false;
  if (f.retried && !(e.delivery > 1 || e.dedupe === 'retry')) return false;
  return true;
}

/** callbacks.list's `verification`: a GET to an account's `/wx/` path, no message, not from a stranger. */
export const isVerification = (e: Pick<CallbackSummaryDto, 'method' | 'msgType' | 'path' | 'source'>) =>
  e.method === 'GET' && !e.msgType && e.path.startsWith('/wx/') && e.source !== 'other';

export function needsServerCheck(f: CallbackFilters): boolean {
  return !!f.q;
}

export function isError(e: Pick<CallbackSummaryDto, 'outcome' | 'status'>): boolean {
  return e.outcome === 'rejected' || e.outcome === 'error' || e.status >= 400;
}
