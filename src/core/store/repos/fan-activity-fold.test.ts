import { describe, expect, it } from 'vitest';
import { foldRows, type FanActivityRow } from './fan-activity-fold';

const row = (id: number, over: Partial<FanActivityRow> = {}): FanActivityRow => ({
  id,
  accountId: 'acc',
  openid: 'oFan',
  at: 1000 + id,
  msgType: 'text',
  event: null,
  ...over,
});
const follow = (id: number) => row(id, { msgType: 'event', event: 'subscribe' });
const unfollow = (id: number) => row(id, { msgType: 'event', event: 'UNSUBSCRIBE' });
const click = (id: number) => row(id, { msgType: 'event', event: 'CLICK' });

describe('folding callback activity per fan', () => {
  it('gives the same delta whatever order the rows were committed in', () => {
    const rows = [follow(1), row(2), click(3), row(4), unfollow(5), follow(6), row(7), click(8)];
    const inOrder = foldRows(rows);
    for (const order of [
      [...rows].reverse(),
      [rows[4], rows[0], rows[7], rows[2], rows[6], rows[1], rows[5], rows[3]],
    ]) {
      expect(foldRows(order.filter((r) => r !== undefined))).toEqual(inOrder);
    }
    expect(inOrder.last).toBe(8);
    expect(inOrder.deltas).toEqual([
      expect.objectContaining({
        lastPos: 8,
        firstAt: 1001,
        lastAt: 1008,
        unread: 3,
        msgPos: 7,
        msgAt: 1007,
        actPos: 8,
        follow: 1,
        followAt: 1006,
        unfollowAt: 1005,
      }),
    ]);
  });

  it('a follow committed after a newer unfollow does not undo it', () => {
    const [d] = foldRows([unfollow(9), follow(4)]).deltas;
    expect(d).toMatchObject({ follow: 0, followAt: 1004, unfollowAt: 1009 });
  });

  it('keeps fans of different accounts apart', () => {
    const { deltas } = foldRows([row(1), row(2, { accountId: 'other' }), row(3, { openid: 'oOther' })]);
    expect(deltas.map((d) => [d.accountId, d.openid, d.unread])).toEqual([
      ['acc', 'oFan', 1],
      ['other', 'oFan', 1],
      ['acc', 'oOther', 1],
    ]);
  });
});
