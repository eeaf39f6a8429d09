import type { FanListInput, FanTagDto } from '../../../../shared/api/areas/fans';

/** What the toolbar holds; `toListInput` turns it into fans.list's filter. */
export interface FanFilterState {
  query: string;
  tagId: number | null;
  state: 'all' | 'subscribed' | 'unsubscribed' | 'blacklisted';
  sort: 'followed-desc' | 'followed-asc' | 'active-desc';
}

export const FIRST_FILTER: FanFilterState = { query: '', tagId: null, state: 'all', sort: 'followed-desc' };

export function toListInput(accountId: string, f: FanFilterState): Omit<FanListInput, 'limit' | 'cursor'> {
  const [sort, order] = f.sort.split('-') as ['followed' | 'active', 'desc' | 'asc'];
  return {
    accountId,
    ...(f.query.trim() ? { query: f.query.trim() } : {}),
    ...(f.tagId !== null ? { tagId: f.tagId } : {}),
    ...(f.state === 'subscribed' ? { subscribed: true } : {}),
    ...(f.state === 'unsubscribed' ? { subscribed: false } : {}),
    ...(f.state === 'blacklisted' ? { blacklisted: true } : {}),
    sort,
    order,
  };
}

export const tagNames = (tags: FanTagDto[], ids: number[]) =>
  ids.map((id) => tags.find((x) => x.id === id)?.name ?? `#${id}`);
