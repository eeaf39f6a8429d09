import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../../test/helpers/temp-dir';
import { systemRuntime } from '../../runtime';
import { MIGRATIONS } from '../../store/migrations';
import { openDatabase } from '../../store/open-database';
import { TICKET_TTL_MS, TicketRepo } from './ticket-repo';

function repo() {
  const db = openDatabase(path.join(tempDir(), 'db.sqlite'), MIGRATIONS);
  db.prepare(
    `INSERT INTO accounts (id, name, app_id, mode, callback_slug, is_sandbox, created_at, updated_at)
     VALUES ('a1', 'A', 'wx1111111111111111', 'plain', 'a', 0, 0, 0)`,
  ).run();
  return { db, tickets: new TicketRepo(db, systemRuntime.random) };
}

describe('landing tickets', () => {
  it('are 256-bit, stored only as a hash, and redeemed once', () => {
    const { db, tickets } = repo();
    const t = tickets.issue('a1', 's1', 'https://h5.example.com/x', 1_000);
    expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(db.prepare('SELECT * FROM oauth_tickets').all())).not.toContain(t);
    expect(tickets.redeem(t, 1_001)).toMatchObject({
      ok: true,
      row: { sessionId: 's1', landing: 'https://h5.example.com/x' },
    });
    expect(tickets.redeem(t, 1_002)).toEqual({ ok: false, problem: 'ticket_used' });
  });

  it('refuse a changed character, a made-up ticket, and one past its 60 s', () => {
    const { tickets } = repo();
    const t = tickets.issue('a1', 's1', '/x', 0);
    const changed = `${t.slice(0, 10)}${t[10] === 'A' ? 'B' : 'A'}${t.slice(11)}`;
    expect(tickets.redeem(changed, 1)).toEqual({ ok: false, problem: 'ticket_unknown' });
    for (const bad of ['', 'x', `${t}x`, t.replace(/./, '/')])
      expect(tickets.redeem(bad, 1), bad).toEqual({ ok: false, problem: 'ticket_unknown' });
    expect(tickets.redeem(t, TICKET_TTL_MS)).toEqual({ ok: false, problem: 'ticket_expired' });
    // Expired tickets are purged as new ones are issued: then the old one is simply unknown.
    tickets.issue('a1', 's2', '/y', 3 * TICKET_TTL_MS);
    expect(tickets.redeem(t, 3 * TICKET_TTL_MS)).toEqual({ ok: false, problem: 'ticket_unknown' });
  });
});
