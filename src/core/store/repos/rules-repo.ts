import type Database from 'better-sqlite3';
import {
  ruleTriggerSchema,
  type MatchMode,
  type RuleDto,
  type RuleTrigger,
} from '../../../shared/api/areas/rules';

type Raw = Omit<RuleDto, 'enabled' | 'trigger' | 'replies'> & {
  enabled: number;
  trig: string;
  replies: string;
};
const COLS = `id, account_id AS accountId, name, enabled, priority, trig, replies, reply_mode AS replyMode,
  created_at AS createdAt, updated_at AS updatedAt`;
/** A stored trigger in today's shape; one written in the one-keyword shape reads as its one keyword. */
function triggerOf(json: string): RuleTrigger {
  const raw: unknown = JSON.parse(json);
  const r = ruleTriggerSchema.safeParse(raw);
  return r.success ? r.data : (raw as RuleTrigger);
}

const fromRaw = (r: Raw): RuleDto => {
  const { trig, replies, enabled, ...rest } = r;
  return { ...rest, enabled: enabled === 1, trigger: triggerOf(trig), replies: JSON.parse(replies) };
};

/** Auto-reply rules and the per-account match mode (stored in callback_config). */
export class RulesRepo {
  private readonly s;
  constructor(db: Database.Database) {
    this.s = {
      list: db.prepare(
        `SELECT ${COLS} FROM reply_rules WHERE account_id = ? ORDER BY priority, created_at, id`,
      ),
      get: db.prepare(`SELECT ${COLS} FROM reply_rules WHERE id = ?`),
      upsert:
        db.prepare(`INSERT INTO reply_rules (id, account_id, name, enabled, priority, kind, trig, replies,
        reply_mode, created_at, updated_at) VALUES (@id, @accountId, @name, @enabled, @priority, @kind, @trig,
        @replies, @replyMode, @createdAt, @updatedAt)
        ON CONFLICT(id) DO UPDATE SET name = excluded.name, enabled = excluded.enabled, priority = excluded.priority,
        kind = excluded.kind, trig = excluded.trig, replies = excluded.replies, reply_mode = excluded.reply_mode,
        updated_at = excluded.updated_at`),
      delete: db.prepare('DELETE FROM reply_rules WHERE id = ?'),
      matchMode: db.prepare('SELECT match_mode AS m FROM callback_config WHERE account_id = ?'),
      setMatchMode: db.prepare(`INSERT INTO callback_config (account_id, match_mode) VALUES (?, ?)
        ON CONFLICT(account_id) DO UPDATE SET match_mode = excluded.match_mode`),
    };
  }
  list(accountId: string): RuleDto[] {
    return (this.s.list.all(accountId) as Raw[]).map(fromRaw);
  }
  get(id: string): RuleDto | undefined {
    const r = this.s.get.get(id) as Raw | undefined;
    return r ? fromRaw(r) : undefined;
  }
  upsert(r: RuleDto): void {
    this.s.upsert.run({
      ...r,
      enabled: r.enabled ? 1 : 0,
      kind: r.trigger.kind,
      trig: JSON.stringify(r.trigger),
      replies: JSON.stringify(r.replies),
    });
  }
  delete(id: string): boolean {
    return this.s.delete.run(id).changes > 0;
  }
  matchMode(accountId: string): MatchMode {
    return ((this.s.matchMode.get(accountId) as { m: MatchMode } | undefined)?.m ?? 'first') as MatchMode;
  }
  setMatchMode(accountId: string, m: MatchMode): void {
    this.s.setMatchMode.run(accountId, m);
  }
}
