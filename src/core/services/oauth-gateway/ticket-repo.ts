import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Random } from '../../runtime';

/** A ticket lives 60 s: long enough for one redirect and one server-to-server call, no more. */
export const TICKET_TTL_MS = 60_000;

export interface TicketRow {
  hash: string;
  accountId: string;
  sessionId: string;
  landing: string;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
}

export type TicketProblem = 'ticket_unknown' | 'ticket_used' | 'ticket_expired';

const hashOf = (ticket: string) => createHash('sha256').update(ticket).digest('hex');

/**
 * Single-use tickets for landings outside MPDesk (migration 26): the fan arrives at the app with
 * `?mpdesk_ticket=…`, and the app's server redeems it with MPDesk for the fan's identity. Only the
 * ticket's SHA-256 is stored; redeeming claims it in one UPDATE, so two redemptions can never both
 * succeed. A ticket that was never issued (forged, or a character changed) is `ticket_unknown`.
 */
export class TicketRepo {
  private readonly s;

  constructor(
    private readonly db: Database.Database,
    private readonly random: Random,
  ) {
    const cols = `hash, account_id AS accountId, session_id AS sessionId, landing, created_at AS createdAt,
      expires_at AS expiresAt, used_at AS usedAt`;
    this.s = {
      insert: db.prepare(
        'INSERT INTO oauth_tickets (hash, account_id, session_id, landing, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      get: db.prepare(`SELECT ${cols} FROM oauth_tickets WHERE hash = ?`),
      claim: db.prepare(
        'UPDATE oauth_tickets SET used_at = ? WHERE hash = ? AND used_at IS NULL AND expires_at > ?',
      ),
      purge: db.prepare('DELETE FROM oauth_tickets WHERE expires_at < ?'),
    };
  }

  /** A new ticket (43 characters, 256 bits) for the session, to put in the landing URL. */
  issue(accountId: string, sessionId: string, landing: string, now: number): string {
    const ticket = this.random.bytes(32).toString('base64url');
    this.s.purge.run(now - TICKET_TTL_MS);
    this.s.insert.run(hashOf(ticket), accountId, sessionId, landing, now, now + TICKET_TTL_MS);
    return ticket;
  }

  /** Claims the ticket once; why not, when it cannot be. */
  redeem(ticket: string, now: number): { ok: true; row: TicketRow } | { ok: false; problem: TicketProblem } {
    if (!/^[A-Za-z0-9_-]{43}$/.test(ticket)) return { ok: false, problem: 'ticket_unknown' };
    const hash = hashOf(ticket);
    const claimed = this.db.transaction(() => this.s.claim.run(now, hash, now).changes === 1)();
    const row = this.s.get.get(hash) as TicketRow | undefined;
    if (!row) return { ok: false, problem: 'ticket_unknown' };
    if (claimed) return { ok: true, row };
    return { ok: false, problem: row.usedAt !== null ? 'ticket_used' : 'ticket_expired' };
  }
}
