import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/helpers/temp-dir';
import { EventBus } from '../event-bus';
import { CallbackRecorder } from './callback-recorder';
import { logRowMessages } from '../store/repos/conversation-messages';
import { MIGRATIONS } from '../store/migrations';
import { openDatabase } from '../store/open-database';
import { CallbackLogRepo } from '../store/repos/callback-log-repo';
import { ConversationsRepo } from '../store/repos/conversations-repo';
import { LateRepliesRepo } from '../store/repos/late-replies-repo';
import { LateReplyQueue, toCustomMessage, WAITING_FOR_API } from './late-reply-queue';
import type { CustomMessageBody } from '../wechat';

function setup() {
  const db = openDatabase(path.join(tempDir(), 'db.sqlite'), MIGRATIONS);
  const clock = { now: () => 1_700_000_000_000 };
  const events = new EventBus(clock);
  const conv = new ConversationsRepo(db, logRowMessages);
  const recorder = new CallbackRecorder({ db, log: new CallbackLogRepo(db), conversations: conv, events });
  const queue = new LateReplyQueue({ repo: new LateRepliesRepo(db), recorder, events, clock });
  const messages = (openid: string) => conv.messages('acc', openid, 10);
  return { db, queue, messages };
}

describe('LateReplyQueue', () => {
  it('keeps replies waiting without an API client and sends them, in order, once one is attached', async () => {
    const { db, queue, messages } = setup();
    await queue.enqueue(
      'acc',
      7,
      'oFAN',
      [
        { type: 'text', content: 'one' },
        { type: 'text', content: 'two' },
      ],
      'follow-up',
    );
    expect(queue.byLog(7).map((l) => [l.state, l.detail])).toEqual([
      ['waiting', `follow-up: ${WAITING_FOR_API}`],
      ['waiting', `follow-up: ${WAITING_FOR_API}`],
    ]);
    const sent: CustomMessageBody[] = [];
    await queue.attachSender({ sendCustomMessage: async (_a, body) => void sent.push(body) });
    expect(sent.map((b) => (b.text as { content: string }).content)).toEqual(['one', 'two']);
    expect(queue.byLog(7).map((l) => l.state)).toEqual(['sent', 'sent']);
    expect(messages('oFAN').items.map((m) => [m.via, m.summary])).toEqual([
      ['customer-service', 'two'],
      ['customer-service', 'one'],
    ]);
    db.close();
  });

  it('drops a transfer (customer service cannot carry it) and maps news to one article (§10.1)', async () => {
    const { db, queue } = setup();
    await queue.enqueue('acc', 8, 'oFAN', [{ type: 'transfer' }], 'deadline passed');
    expect(queue.byLog(8)[0]?.state).toBe('dropped');
    expect(
      toCustomMessage('oFAN', {
        type: 'news',
        articles: [{ title: 'a', url: 'https://x' }, { title: 'b' }],
      }),
    ).toEqual({
      touser: 'oFAN',
      msgtype: 'news',
      news: { articles: [{ title: 'a', description: '', url: 'https://x', picurl: '' }] },
    });
    db.close();
  });
});
