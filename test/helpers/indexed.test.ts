import { describe, expect, it } from 'vitest';
import { adjacentPairs, firstN, firstOf, groupOf, itemAt, lastOf, mustGet, only } from './indexed';

describe('indexed reads a test expects to succeed', () => {
  it('return the element when it is there', () => {
    expect(itemAt(['a', 'b', 'c'], 1)).toBe('b');
    expect(itemAt(['a', 'b', 'c'], -1)).toBe('c');
    expect(firstOf([0, 1])).toBe(0);
    expect(lastOf([0, 1])).toBe(1);
    expect(only(['x'])).toBe('x');
    expect(firstN([1, 2, 3], 2)).toEqual([1, 2]);
    expect(mustGet(new Map([['k', 0]]), 'k')).toBe(0);
    expect(groupOf(/(\d+)/.exec('a42'), 1, 'the number')).toBe('42');
    expect(adjacentPairs([1, 2, 3])).toEqual([
      [1, 2],
      [2, 3],
    ]);
    expect(adjacentPairs([1])).toEqual([]);
  });

  it('throw naming what was missing when it is not', () => {
    expect(() => itemAt(['a'], 3)).toThrow('expected an element at index 3, but there are 1');
    expect(() => firstOf([])).toThrow('expected at least one element, got none');
    expect(() => lastOf([])).toThrow('expected at least one element, got none');
    expect(() => only([1, 2])).toThrow('expected exactly one element, got 2');
    expect(() => firstN([1], 2)).toThrow('expected at least 2 elements, got 1');
    expect(() => mustGet(new Map<string, number>(), 'k')).toThrow('expected an entry for k');
    expect(() => groupOf(/(\d+)/.exec('abc'), 1, 'the number')).toThrow('expected the number to match');
  });
});
