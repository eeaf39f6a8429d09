/**
 * A page from rows read with one more than `limit` (so whether more follow is known without a
 * count): the first `limit` rows, and when more follow, the cursor of the page's last row.
 */
export function pageOf<T>(
  rows: readonly T[],
  limit: number,
  cursorOf: (last: T) => string,
): { items: T[]; nextCursor: string | undefined } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last !== undefined ? cursorOf(last) : undefined };
}
