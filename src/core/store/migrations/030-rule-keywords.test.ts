import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../../test/helpers/temp-dir';
import { openDatabase } from '../open-database';
import { RulesRepo } from '../repos/rules-repo';
import { MIGRATIONS } from './index';

describe('migration 30: several keywords per keyword rule', () => {
  it('turns each one-pattern keyword rule into a rule with that one keyword, and leaves the others', () => {
    const file = path.join(tempDir(), 'db.sqlite');
    const old = openDatabase(
      file,
      MIGRATIONS.filter((m) => m.id < 30),
    );
    old
      .prepare(
        `INSERT INTO accounts (id, name, app_id, mode, callback_slug, created_at, updated_at)
      VALUES ('acc', 'A', 'wx1234567890abcdef', 'safe', 'a', 1, 1)`,
      )
      .run();
    const put = old.prepare(`INSERT INTO reply_rules (id, account_id, name, enabled, priority, kind, trig,
      replies, reply_mode, created_at, updated_at) VALUES (?, 'acc', ?, 1, ?, ?, ?, '[{"type":"text","content":"x"}]', 'all', 1, 1)`);
    put.run(
      'r1',
      'price',
      1,
      'keyword',
      JSON.stringify({ kind: 'keyword', match: 'exact', pattern: '价格' }),
    );
    put.run(
      'r2',
      'Help',
      2,
      'keyword',
      JSON.stringify({ kind: 'keyword', match: 'contains', pattern: 'Help', caseSensitive: true }),
    );
    put.run(
      'r3',
      'order',
      3,
      'keyword',
      JSON.stringify({ kind: 'keyword', match: 'regex', pattern: '^order\\s+\\d+$' }),
    );
    put.run('r4', 'hello', 4, 'subscribe', JSON.stringify({ kind: 'subscribe', scene: 'promo' }));
    old.close();

    const db = openDatabase(file, MIGRATIONS);
    const rules = new RulesRepo(db).list('acc');
    expect(rules.map((r) => r.trigger)).toEqual([
      { kind: 'keyword', keywords: [{ text: '价格', match: 'exact' }] },
      { kind: 'keyword', keywords: [{ text: 'Help', match: 'contains' }], caseSensitive: true },
      { kind: 'keyword', keywords: [{ text: '^order\\s+\\d+$', match: 'regex' }] },
      { kind: 'subscribe', scene: 'promo' },
    ]);
    db.close();
  });
});
