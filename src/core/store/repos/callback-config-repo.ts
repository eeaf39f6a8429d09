import type Database from 'better-sqlite3';
import type { UpstreamConfigDto, VerifyFileDto } from '../../../shared/api/areas/upstream';

/** Per-account developer settings: upstream forwarding and MP_verify files. */
export class CallbackConfigRepo {
  private readonly s;
  constructor(db: Database.Database) {
    this.s = {
      upstream: db.prepare(`SELECT account_id AS accountId, upstream_enabled AS enabled, upstream_url AS url,
        upstream_order AS "order", upstream_timeout_ms AS timeoutMs FROM callback_config WHERE account_id = ?`),
      setUpstream:
        db.prepare(`INSERT INTO callback_config (account_id, upstream_enabled, upstream_url, upstream_order,
        upstream_timeout_ms) VALUES (@accountId, @enabled, @url, @order, @timeoutMs)
        ON CONFLICT(account_id) DO UPDATE SET upstream_enabled = excluded.upstream_enabled,
        upstream_url = excluded.upstream_url, upstream_order = excluded.upstream_order,
        upstream_timeout_ms = excluded.upstream_timeout_ms`),
      files:
        db.prepare(`SELECT account_id AS accountId, file_name AS fileName, content, updated_at AS updatedAt
        FROM verify_files WHERE account_id = ? ORDER BY file_name`),
      file: db.prepare(`SELECT account_id AS accountId, file_name AS fileName, content, updated_at AS updatedAt
        FROM verify_files WHERE file_name = ?`),
      putFile:
        db.prepare(`INSERT INTO verify_files (file_name, account_id, content, updated_at) VALUES (?, ?, ?, ?)
        ON CONFLICT(file_name) DO UPDATE SET account_id = excluded.account_id, content = excluded.content,
        updated_at = excluded.updated_at`),
      deleteFile: db.prepare('DELETE FROM verify_files WHERE account_id = ? AND file_name = ?'),
    };
  }
  upstream(accountId: string): UpstreamConfigDto {
    const r = this.s.upstream.get(accountId) as
      (Omit<UpstreamConfigDto, 'enabled'> & { enabled: number }) | undefined;
    if (!r) return { accountId, enabled: false, url: '', order: 'rules-first', timeoutMs: 3000 };
    return { ...r, enabled: r.enabled === 1 };
  }
  setUpstream(c: UpstreamConfigDto): void {
    this.s.setUpstream.run({ ...c, enabled: c.enabled ? 1 : 0 });
  }
  files(accountId: string): VerifyFileDto[] {
    return this.s.files.all(accountId) as VerifyFileDto[];
  }
  file(fileName: string): VerifyFileDto | undefined {
    return this.s.file.get(fileName) as VerifyFileDto | undefined;
  }
  putFile(f: Omit<VerifyFileDto, 'updatedAt'>, at: number): void {
    this.s.putFile.run(f.fileName, f.accountId, f.content, at);
  }
  deleteFile(accountId: string, fileName: string): boolean {
    return this.s.deleteFile.run(accountId, fileName).changes > 0;
  }
}
