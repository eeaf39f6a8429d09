import type Database from 'better-sqlite3';

/** Key/value settings; values are JSON. Validation lives in the settings service. */
export class SettingsRepo {
  private readonly s;
  constructor(db: Database.Database) {
    this.s = {
      all: db.prepare('SELECT key, value FROM settings'),
      put: db.prepare(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      ),
    };
  }
  all(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const r of this.s.all.all() as { key: string; value: string }[]) {
      try {
        out[r.key] = JSON.parse(r.value);
      } catch {
        // A damaged value falls back to its default in the service.
      }
    }
    return out;
  }
  put(key: string, value: unknown): void {
    this.s.put.run(key, JSON.stringify(value));
  }
}
