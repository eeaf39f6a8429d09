import type { FanListInput } from '../../../shared/api/areas/fans';
import { AppError } from '../../../shared/errors';

/** The filter part of fans.list and fans.export (everything but paging). */
export type FanFilter = Omit<FanListInput, 'limit' | 'cursor'>;

/** The trigram tokenizer indexes runs of three characters: shorter fragments cannot use it. */
const TRIGRAM = 3;

const SORT_COLUMN = { followed: 'f.subscribe_time', active: 'f.last_seen' } as const;

/** A query string as one FTS5 phrase: the trigram tokenizer then matches it as a substring. */
const ftsPhrase = (q: string) => `"${q.replace(/"/g, '""')}"`;
const likeAny = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The WHERE clause of a fan filter over `fans f`, with its parameters. A fragment of three
 * characters or more is found through the FTS5 trigram index; a shorter one is a LIKE on the
 * columns (which trigram search could only answer with the same scan).
 */
export function fanWhere(f: FanFilter): { sql: string; params: unknown[] } {
  const clauses = ['f.account_id = ?'];
  const params: unknown[] = [f.accountId];
  if (f.subscribed !== undefined) {
    clauses.push('f.subscribed = ?');
    params.push(f.subscribed ? 1 : 0);
  }
  if (f.blacklisted !== undefined) {
    clauses.push('f.blacklisted = ?');
    params.push(f.blacklisted ? 1 : 0);
  }
  if (f.tagId !== undefined) {
    clauses.push('f.id IN (SELECT fan_id FROM fan_tags WHERE account_id = ? AND tag_id = ?)');
    params.push(f.accountId, f.tagId);
  }
  const q = f.query?.trim() ?? '';
  if (q && [...q].length >= TRIGRAM) {
    clauses.push('f.id IN (SELECT rowid FROM fans_fts WHERE fans_fts MATCH ?)');
    params.push(ftsPhrase(q));
  } else if (q) {
    clauses.push(
      "(f.openid LIKE ? ESCAPE '\\' OR f.remark LIKE ? ESCAPE '\\' OR f.nickname LIKE ? ESCAPE '\\')",
    );
    const like = likeAny(q);
    params.push(like, like, like);
  }
  return { sql: clauses.join(' AND '), params };
}

/** ORDER BY and the keyset condition after `cursor` (`<sort value>:<id>` of the last row shown). */
export function fanOrder(f: FanFilter, cursor: string | undefined) {
  const col = SORT_COLUMN[f.sort ?? 'followed'];
  const asc = f.order === 'asc';
  const orderBy = `${col} ${asc ? 'ASC' : 'DESC'}, f.id ${asc ? 'ASC' : 'DESC'}`;
  if (!cursor) return { orderBy, after: null, col };
  const m = /^(-?\d+):(\d+)$/.exec(cursor);
  if (!m) throw new AppError('invalid_input', 'Bad fans cursor');
  return {
    orderBy,
    col,
    after: { sql: `(${col}, f.id) ${asc ? '>' : '<'} (?, ?)`, params: [Number(m[1]), Number(m[2])] },
  };
}

export const cursorOf = (sortValue: number, id: number) => `${sortValue}:${id}`;
