import type Database from 'better-sqlite3';
import { windowGrantOf } from '../wechat';
import { fanAt } from './fan-generator';

/** What a fan did inside WeChat, as the message WeChat then delivers describes it (§2.3-§2.4). */
export interface FanInteraction {
  msgType: string;
  event?: string | null;
  eventKey?: string | null;
}

/**
 * The platform's side of a fan's action: an unknown openid becomes a follower of the app (the
 * simulator plays fans the sandbox never generated), a follow or unfollow changes `subscribe`, and
 * what opens a customer-service grant (§10.1, wechat/service-window.ts) is noted with the position of
 * the last message sent so far, so only later sends count against it.
 */
export function recordInteraction(
  db: Database.Database,
  appid: string,
  openid: string,
  what: FanInteraction,
  nowMs: number,
): void {
  const nowS = Math.floor(nowMs / 1000);
  const event = (what.event ?? '').toLowerCase();
  db.transaction(() => {
    const known = db.prepare('SELECT 1 FROM fans WHERE appid = ? AND openid = ?').get(appid, openid);
    if (!known) {
      const seq = (
        db.prepare('SELECT coalesce(max(seq), 0) + 1 AS s FROM fans WHERE appid = ?').get(appid) as {
          s: number;
        }
      ).s;
      const f = fanAt(appid, seq);
      db.prepare(
        `INSERT INTO fans (appid, seq, openid, nickname, subscribe, subscribe_time, language, subscribe_scene)
         VALUES (?, ?, ?, ?, 1, ?, ?, 'ADD_SCENE_OTHERS')`,
      ).run(appid, seq, openid, f.nickname, nowS, f.language);
    }
    if (event === 'subscribe') {
      // §2.4: a follow through a parametric QR code carries EventKey qrscene_<scene>.
      const qr = what.eventKey?.startsWith('qrscene_') ? what.eventKey.slice('qrscene_'.length) : null;
      db.prepare(
        `UPDATE fans SET subscribe = 1, subscribe_time = ?, subscribe_scene = ? WHERE appid = ? AND openid = ?`,
      ).run(nowS, qr === null ? 'ADD_SCENE_SEARCH' : 'ADD_SCENE_QR_CODE', appid, openid);
    } else if (event === 'unsubscribe') {
      db.prepare('UPDATE fans SET subscribe = 0 WHERE appid = ? AND openid = ?').run(appid, openid);
    }
    const grant = windowGrantOf(what.msgType, what.event ?? null);
    if (!grant) return;
    const pos = (db.prepare('SELECT coalesce(max(id), 0) AS p FROM cs_messages').get() as { p: number }).p;
    const cols =
      grant === 'message' ? 'last_msg_at = ?, msg_cs_pos = ?' : 'last_action_at = ?, action_cs_pos = ?';
    db.prepare(`UPDATE fans SET ${cols} WHERE appid = ? AND openid = ?`).run(nowMs, pos, appid, openid);
  })();
}
