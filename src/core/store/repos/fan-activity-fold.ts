import { windowGrantOf } from '../../wechat';

/** A committed callback log row as the fans store reads it. */
export interface FanActivityRow {
  id: number;
  accountId: string;
  openid: string;
  at: number;
  msgType: string | null;
  event: string | null;
}

/** What a batch of rows did to one fan. */
export interface FanDelta {
  accountId: string;
  openid: string;
  /** The newest row of the batch for this fan (fans.activity_pos, store/migrations/032). */
  lastPos: number;
  firstAt: number;
  lastAt: number;
  msgAt: number | null;
  msgPos: number | null;
  actAt: number | null;
  actPos: number | null;
  unread: number;
  /** 1 followed, 0 unfollowed (whichever came last), null neither. */
  follow: 0 | 1 | null;
  followAt: number | null;
  unfollowAt: number | null;
}

/** A delta with the positions its last follow and unfollow came from (not stored). */
interface Folding extends FanDelta {
  followPos: number;
  unfollowPos: number;
}

/**
 * Folds log rows into one delta per fan as they come, in any order: each field keeps what the
 * newest row (by log id) says, so a row committed late (a slow forward) cannot undo a newer one.
 * The live path folds each committed row at once (services/fans/fan-activity.ts), so a busy second
 * holds a delta per fan rather than an object per row for the GC to carry.
 */
export class FanFold {
  private byFan = new Map<string, Folding>();
  private last = 0;

  get size(): number {
    return this.byFan.size;
  }

  add(r: FanActivityRow): void {
    const key = `${r.accountId}\n${r.openid}`;
    let d = this.byFan.get(key);
    if (!d) {
      d = {
        accountId: r.accountId,
        openid: r.openid,
        lastPos: r.id,
        firstAt: r.at,
        lastAt: r.at,
        msgAt: null,
        msgPos: null,
        actAt: null,
        actPos: null,
        unread: 0,
        follow: null,
        followAt: null,
        unfollowAt: null,
        followPos: 0,
        unfollowPos: 0,
      };
      this.byFan.set(key, d);
    }
    if (r.id > this.last) this.last = r.id;
    if (r.id > d.lastPos) d.lastPos = r.id;
    if (r.at < d.firstAt) d.firstAt = r.at;
    if (r.at > d.lastAt) d.lastAt = r.at;
    const grant = windowGrantOf(r.msgType, r.event);
    if (grant === 'message') {
      d.unread++;
      if (d.msgPos === null || r.id > d.msgPos) {
        d.msgAt = r.at;
        d.msgPos = r.id;
      }
    } else if (grant === 'action' && (d.actPos === null || r.id > d.actPos)) {
      d.actAt = r.at;
      d.actPos = r.id;
    }
    const event = (r.msgType ?? '').toLowerCase() === 'event' ? (r.event ?? '').toLowerCase() : '';
    if (event === 'subscribe' && r.id > d.followPos) {
      d.followPos = r.id;
      d.followAt = r.at;
    } else if (event === 'unsubscribe' && r.id > d.unfollowPos) {
      d.unfollowPos = r.id;
      d.unfollowAt = r.at;
    }
    if (d.followPos || d.unfollowPos) d.follow = d.followPos > d.unfollowPos ? 1 : 0;
  }

  /** The deltas folded so far and the newest row among them; the fold starts afresh. */
  take(): { deltas: FanDelta[]; last: number } {
    const taken = { deltas: [...this.byFan.values()], last: this.last };
    this.byFan = new Map();
    this.last = 0;
    return taken;
  }
}

/** `rows` folded per fan. */
export function foldRows(rows: readonly FanActivityRow[]): { deltas: FanDelta[]; last: number } {
  const fold = new FanFold();
  for (const r of rows) fold.add(r);
  return fold.take();
}
