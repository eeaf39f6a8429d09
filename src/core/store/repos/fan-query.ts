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

/** Whether the filter narrows the account's fans at all (beyond the account). */
export const narrows = (f: FanFilter) =>
  f.subscribed !== undefined || f.blacklisted !== undefined || f.tagId !== undefined || !!f.query?.trim();

/**
 * The WHERE clause of a fan filter over `fans <alias>`, with its parameters. A fragment of three
 * characters or more is found through the FTS5 trigram index; a shorter one is a LIKE on the
 * columns (which trigram search could only answer with the same scan; the fans_text index makes that
 * scan read the three columns only).
 */
export function fanWhere(f: FanFilter, alias = 'f'): { sql: string; params: unknown[] } {
  const a = alias;
  const clauses = [`${a}.account_id = ?`];
  const params: unknown[] = [f.accountId];
  if (f.subscribed !== undefined) {
    clauses.push(`${a}.subscribed = ?`);
    params.push(f.subscribed ? 1 : 0);
  }
  if (f.blacklisted !== undefined) {
    clauses.push(`${a}.blacklisted = ?`);
    params.push(f.blacklisted ? 1 : 0);
  }
  if (f.tagId !== undefined) {
    clauses.push(`${a}.id IN (SELECT fan_id FROM fan_tags WHERE account_id = ? AND tag_id = ?)`);
    params.push(f.accountId, f.tagId);
  }
  const q = f.query?.trim() ?? '';
  if (q && [...q].length >= TRIGRAM) {
    clauses.push(`${a}.id IN (SELECT rowid FROM fans_fts WHERE fans_fts MATCH ?)`);
    params.push(ftsPhrase(q));
  } else if (q) {
    clauses.push(
      `(${a}.openid LIKE ? ESCAPE '\\' OR ${a}.remark LIKE ? ESCAPE '\\' OR ${a}.nickname LIKE ? ESCAPE '\\')`,
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
