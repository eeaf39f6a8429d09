import type Database from 'better-sqlite3';
import type { UpstreamConfigDto, UpstreamSetInput, VerifyFileDto } from '../../shared/api/areas/upstream';
import { AppError } from '../../shared/errors';
import type { EventBus } from '../event-bus';
import type { Clock } from '../runtime';
import { CallbackConfigRepo } from '../store/repos/callback-config-repo';
import type { AreaHandlers } from './handler-types';
import { requireAccount, writeOrFail } from './service-guards';

export interface UpstreamServiceDeps {
  db: Database.Database;
  events: EventBus;
  clock: Clock;
  accountExists: (id: string) => boolean;
}

/**
 * Per-account developer settings of the callback listener: forwarding to the developer's server
 * and MP_verify files (docs/wechat-protocol.md §8.1). Both are read on the hot path, so cached.
 */
export class UpstreamService {
  private readonly repo: CallbackConfigRepo;
  private readonly cache = new Map<string, UpstreamConfigDto>();
  private readonly files = new Map<string, VerifyFileDto | null>();

  constructor(private readonly d: UpstreamServiceDeps) {
    this.repo = new CallbackConfigRepo(d.db);
  }

  get(accountId: string): UpstreamConfigDto {
    let c = this.cache.get(accountId);
    if (!c) {
      c = this.repo.upstream(accountId);
      this.cache.set(accountId, c);
    }
    return c;
  }

  set(input: UpstreamSetInput): UpstreamConfigDto {
    requireAccount(this.d.accountExists, input.accountId);
    if (input.enabled && !input.url) {
      throw new AppError('invalid_input', 'Forwarding needs the URL of your server', {
        issues: [{ path: 'url', key: 'validation.url', message: 'A URL starting with http:// or https://' }],
      });
    }
    const c: UpstreamConfigDto = { ...input };
    writeOrFail('save the forwarding settings', () => this.repo.setUpstream(c));
    this.cache.set(c.accountId, c);
    this.d.events.emit('upstream.changed', c);
    return c;
  }

  verifyFiles(accountId: string): VerifyFileDto[] {
    requireAccount(this.d.accountExists, accountId);
    return this.repo.files(accountId);
  }

  /** The file served at `/<fileName>`, whichever account it belongs to. */
  verifyFile(fileName: string): VerifyFileDto | undefined {
    if (!this.files.has(fileName)) this.files.set(fileName, this.repo.file(fileName) ?? null);
    return this.files.get(fileName) ?? undefined;
  }

  setVerifyFile(f: { accountId: string; fileName: string; content: string }): VerifyFileDto {
    requireAccount(this.d.accountExists, f.accountId);
    const at = this.d.clock.now();
    const previous = this.repo.file(f.fileName);
    writeOrFail('save the verification file', () => this.repo.putFile(f, at));
    this.files.delete(f.fileName);
    // A file name is one URL on the domain: saving it for this account takes it from another.
    if (previous && previous.accountId !== f.accountId) this.filesChanged(previous.accountId);
    this.filesChanged(f.accountId);
    return { ...f, updatedAt: at };
  }

  deleteVerifyFile(accountId: string, fileName: string): { fileName: string } {
    if (!this.repo.deleteFile(accountId, fileName))
      throw new AppError('not_found', `No file ${fileName} for this account`);
    this.files.delete(fileName);
    this.filesChanged(accountId);
    return { fileName };
  }

  private filesChanged(accountId: string): void {
    this.d.events.emit('upstream.verifyFilesChanged', { accountId, files: this.repo.files(accountId) });
  }

  /** Accounts were deleted or changed: rows cascade away, so forget what we cached. */
  invalidate(): void {
    this.cache.clear();
    this.files.clear();
  }
}

export function upstreamHandlers(s: UpstreamService): AreaHandlers<'upstream.'> {
  return {
    'upstream.get': ({ accountId }) => s.get(accountId),
    'upstream.set': (input) => s.set(input),
    'upstream.verifyFiles': ({ accountId }) => s.verifyFiles(accountId),
    'upstream.setVerifyFile': (input) => s.setVerifyFile(input),
    'upstream.deleteVerifyFile': ({ accountId, fileName }) => s.deleteVerifyFile(accountId, fileName),
  };
}
