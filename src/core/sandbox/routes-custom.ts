import { serviceWindow, type WindowMark } from '../wechat';
import { str, type SandboxContext, type SandboxRoute } from './sandbox-context';
/** §10.2: typing needs an interaction in the last 30 s and lasts 15 s. */
const TYPING_NEEDS_MS = 30_000;
const TYPING_LASTS_MS = 15_000;

const MSG_TYPES: Record<string, string[]> = {
  text: ['content'],
  image: ['media_id'],
  voice: ['media_id'],
  video: ['media_id'],
  music: ['thumb_media_id'],
  news: ['articles'],
  mpnews: ['media_id'],
  mpnewsarticle: ['article_id'],
  msgmenu: ['list'],
  wxcard: ['card_id'],
  miniprogrampage: ['appid', 'pagepath'],
};

interface FanWindow {
  subscribe: number;
  lastMsgAt: number | null;
  msgPos: number;
  lastActionAt: number | null;
  actionPos: number;
  typingUntil: number | null;
}

/**
 * §10: customer-service send and typing, with the window and its quota (the 48 hours of a sent
 * message and the minute of a click, follow or scan: wechat/service-window.ts) and the typing rules.
 */
export function customRoutes(ctx: SandboxContext): Record<string, SandboxRoute> {
  const db = ctx.db;
  const s = {
    fan: db.prepare(
      `SELECT subscribe, last_msg_at AS lastMsgAt, msg_cs_pos AS msgPos, last_action_at AS lastActionAt,
       action_cs_pos AS actionPos, typing_until AS typingUntil FROM fans WHERE appid = ? AND openid = ?`,
    ),
    sentAfter: db.prepare(
      'SELECT at, id AS pos FROM cs_messages WHERE appid = ? AND openid = ? AND id > ? ORDER BY id',
    ),
    sent: db.prepare('UPDATE fans SET typing_until = NULL WHERE appid = ? AND openid = ?'),
    typing: db.prepare('UPDATE fans SET typing_until = ? WHERE appid = ? AND openid = ?'),
    record: db.prepare('INSERT INTO cs_messages (appid, openid, msgtype, body, at) VALUES (?, ?, ?, ?, ?)'),
  };
  const fanOf = (appid: string, openid: string | undefined) => {
    const f = openid ? (s.fan.get(appid, openid) as FanWindow | undefined) : undefined;
    if (!f) throw ctx.err(40003, 'invalid openid');
    return f;
  };

  return {
    'POST /cgi-bin/message/custom/send': (req) => {
      const appid = ctx.authorize(req, 'custom/send');
      const b = req.body ?? {};
      const touser = str(b.touser);
      const msgtype = str(b.msgtype);
      const fan = fanOf(appid, touser);
      const fields = msgtype ? MSG_TYPES[msgtype] : undefined;
      if (!fields) throw ctx.err(40008, 'invalid message type');
      const payload = b[msgtype!] as Record<string, unknown> | undefined;
      if (!payload || typeof payload !== 'object') throw ctx.err(47001, 'data format error');
      if (msgtype === 'text' && !str(payload.content)) throw ctx.err(44004, 'empty content');
      if (msgtype === 'news' && Array.isArray(payload.articles) && payload.articles.length > 1) {
        throw ctx.err(45008, 'article size out of limit');
      }
      for (const f of fields)
        if (payload[f] === undefined) throw ctx.err(47001, `data format error: ${msgtype}.${f} missing`);
      if (!fan.subscribe) throw ctx.err(43004, 'require subscribe');
      const now = ctx.now();
      const openers = {
        message: fan.lastMsgAt === null ? null : { at: fan.lastMsgAt, pos: fan.msgPos },
        action: fan.lastActionAt === null ? null : { at: fan.lastActionAt, pos: fan.actionPos },
      };
      const sent = s.sentAfter.all(appid, touser, Math.min(fan.msgPos, fan.actionPos)) as WindowMark[];
      const verdict = serviceWindow(openers, sent, now).verdict;
      if (verdict === 45015) throw ctx.err(45015, 'response out of time limit or subscription is canceled');
      if (verdict === 45047) throw ctx.err(45047, 'out of response count limit');
      db.transaction(() => {
        s.sent.run(appid, touser);
        s.record.run(appid, touser, msgtype, JSON.stringify(b), now);
      })();
      return { errcode: 0, errmsg: 'ok' };
    },
    'POST /cgi-bin/message/custom/typing': (req) => {
      const appid = ctx.authorize(req);
      const b = req.body ?? {};
      const command = str(b.command);
      if (command !== 'Typing' && command !== 'CancelTyping') throw ctx.err(45072, 'command invalid');
      const touser = str(b.touser);
      const fan = fanOf(appid, touser);
      const now = ctx.now();
      if (command === 'CancelTyping') {
        s.typing.run(null, appid, touser);
        return { errcode: 0, errmsg: 'ok' };
      }
      const lastInteraction = Math.max(fan.lastMsgAt ?? -Infinity, fan.lastActionAt ?? -Infinity);
      if (now - lastInteraction > TYPING_NEEDS_MS) {
        throw ctx.err(45080, 'has not sent message to the user in 30 seconds');
      }
      if (fan.typingUntil !== null && now < fan.typingUntil) throw ctx.err(45081, 'already typing');
      s.typing.run(now + TYPING_LASTS_MS, appid, touser);
      return { errcode: 0, errmsg: 'ok' };
    },
  };
}
