/**
 * Indexed reads that a test expects to succeed. With `noUncheckedIndexedAccess` an array element or
 * a map entry may be absent; these helpers return the value when it is there and throw a message
 * naming what was missing when it is not, so a test fails where its premise broke instead of with
 * "cannot read properties of undefined" a few lines later. Benches use them too.
 */

/** The element at `index` (a negative index counts from the end, as `Array.prototype.at`). */
export function itemAt<T>(items: readonly T[], index: number): T {
  const item = items.at(index);
  if (item === undefined) {
    throw new Error(`expected an element at index ${index}, but there are ${items.length}`);
  }
  return item;
}

/** The first element; throws when there is none. */
export function firstOf<T>(items: readonly T[]): T {
  if (items.length === 0) throw new Error('expected at least one element, got none');
  return itemAt(items, 0);
}

/** The last element; throws when there is none. */
export function lastOf<T>(items: readonly T[]): T {
  if (items.length === 0) throw new Error('expected at least one element, got none');
  return itemAt(items, -1);
}

/** The one element of a list that should hold exactly one. */
export function only<T>(items: readonly T[]): T {
  if (items.length !== 1) throw new Error(`expected exactly one element, got ${items.length}`);
  return itemAt(items, 0);
}

type Tuple<T, N extends number, Built extends T[] = []> = Built['length'] extends N
  ? Built
  : Tuple<T, N, [...Built, T]>;

/** The first `count` elements as a tuple, for `const [a, b] = firstN(fans, 2)`; throws when fewer. */
export function firstN<T, N extends number>(items: readonly T[], count: N): Tuple<T, N> {
  if (items.length < count) {
    throw new Error(`expected at least ${count} elements, got ${items.length}`);
  }
  return items.slice(0, count) as Tuple<T, N>;
}

/** A map entry that must exist. */
export function mustGet<K, V>(map: ReadonlyMap<K, V>, key: K): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`expected an entry for ${String(key)}`);
  return value;
}

/** A regular expression's capture group that must have matched (`what` names it in the failure). */
export function groupOf(
  match: RegExpMatchArray | RegExpExecArray | null,
  group: number,
  what: string,
): string {
  const value = match?.[group];
  if (value === undefined) throw new Error(`expected ${what} to match`);
  return value;
}

/** Each element with the one before it, `[previous, current]`, for checks on neighbours. */
export function adjacentPairs<T>(items: readonly T[]): [T, T][] {
  return items.slice(1).map((item, i) => [itemAt(items, i), item]);
}
