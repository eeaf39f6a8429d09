import { str, type SandboxContext, type SandboxRoute } from './sandbox-context';

/** §10.1 window rules: a user message opens 48 h with 5 messages. */
export const WINDOW_MS = 48 * 3_600_000;
export const WINDOW_QUOTA = 5;
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
  windowSent: number;
  typingUntil: number | null;
}

/** §10: customer-service send and typing, with the 48-hour window, its quota and the typing rules. */
export function customRoutes(ctx: SandboxContext): Record<string, SandboxRoute> {
  const db = ctx.db;
  const s = {
    fan: db.prepare(
      `SELECT subscribe, last_msg_at AS lastMsgAt, window_sent AS windowSent, typing_until AS typingUntil
       FROM fans WHERE appid = ? AND openid = ?`,
    ),
    sent: db.prepare(
      'UPDATE fans SET window_sent = window_sent + 1, typing_until = NULL WHERE appid = ? AND openid = ?',
    ),
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
      if (fan.lastMsgAt === null || now - fan.lastMsgAt > WINDOW_MS) {
        throw ctx.err(45015, 'response out of time limit or subscription is canceled');
      }
      if (fan.windowSent >= WINDOW_QUOTA) throw ctx.err(45047, 'out of response count limit');
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
      if (fan.lastMsgAt === null || now - fan.lastMsgAt > TYPING_NEEDS_MS) {
        throw ctx.err(45080, 'has not sent message to the user in 30 seconds');
      }
      if (fan.typingUntil !== null && now < fan.typingUntil) throw ctx.err(45081, 'already typing');
      s.typing.run(now + TYPING_LASTS_MS, appid, touser);
      return { errcode: 0, errmsg: 'ok' };
    },
  };
}
