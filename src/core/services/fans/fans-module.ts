import type Database from 'better-sqlite3';
import type { OauthSessionDto } from '../../../shared/api/areas/oauth';
import type { WechatClient } from '../../api/wechat-client';
import type { EventBus } from '../../event-bus';
import type { Runtime } from '../../runtime';
import type { CallbackRecorder } from '../../server/callback-recorder';
import type { ConversationsRepo } from '../../store/repos/conversations-repo';
import { FanActivityRepo } from '../../store/repos/fan-activity-repo';
import { FanSyncRepo } from '../../store/repos/fan-sync-repo';
import { FansRepo } from '../../store/repos/fans-repo';
import type { AreaHandlers } from '../handler-types';
import { requireAccount } from '../service-guards';
import { FanActivity } from './fan-activity';
import { FanSync } from './fan-sync';
import { FansService } from './fans-service';
import { MessageCentre } from './message-centre';

/**
 * What the callback pipeline tells the fans store (built before the callback module, which takes
 * `activity` as its recorder's observer).
 */
export function createFanActivity(db: Database.Database, events: EventBus) {
  const fans = new FansRepo(db);
  const repo = new FanActivityRepo(db, () => fans.indexNew());
  return { fans, repo, activity: new FanActivity(repo, events) };
}
export type FanActivityParts = ReturnType<typeof createFanActivity>;

export interface FansModuleDeps {
  db: Database.Database;
  events: EventBus;
  rt: Runtime;
  activity: FanActivityParts;
  client: () => WechatClient;
  conversations: ConversationsRepo;
  recorder: Pick<CallbackRecorder, 'appendConversation'>;
  /** The accounts there are (a sync the process was stopped in the middle of resumes for them). */
  accountIds: () => string[];
  sync?: { concurrency?: number; progressMs?: number };
}

function fansHandlers(
  fans: FansService,
  sync: FanSync,
  knownAccount: (id: string) => string,
): AreaHandlers<'fans.'> {
  return {
    'fans.list': (input) => fans.list(input),
    'fans.get': ({ accountId, openid, refresh }) => fans.get(accountId, openid, refresh),
    // A sync's rows hang off the account: an unknown one is not_found, never a failed insert.
    'fans.sync': ({ accountId, full }) => sync.start(knownAccount(accountId), full),
    'fans.syncStatus': ({ accountId }) => sync.status(knownAccount(accountId)),
    'fans.cancelSync': ({ accountId }) => sync.cancel(knownAccount(accountId)),
    'fans.remark': ({ accountId, openid, remark }) => fans.remark(accountId, openid, remark),
    'fans.tags': ({ accountId, refresh }) => fans.tags(accountId, refresh),
    'fans.createTag': ({ accountId, name }) => fans.createTag(accountId, name),
    'fans.renameTag': ({ accountId, tagId, name }) => fans.renameTag(accountId, tagId, name),
    'fans.deleteTag': ({ accountId, tagId }) => fans.deleteTag(accountId, tagId),
    'fans.tagFans': ({ accountId, openids, tagId, tagged }) =>
      fans.tagFans(accountId, openids, tagId, tagged),
    'fans.blacklist': ({ accountId, openids, blacklisted }) =>
      fans.blacklist(accountId, openids, blacklisted),
    'fans.export': ({ lang, ...filter }) => fans.export(filter, lang ?? 'zh-CN'),
  };
}

function conversationsHandlers(m: MessageCentre): AreaHandlers<'conversations.'> {
  return {
    'conversations.list': ({ accountId, limit, cursor }) => m.threads(accountId, limit ?? 50, cursor),
    'conversations.messages': ({ accountId, openid, limit, cursor }) =>
      m.messages(accountId, openid, limit ?? 100, cursor),
    'conversations.send': ({ accountId, openid, message }) => m.send(accountId, openid, message),
    'conversations.typing': ({ accountId, openid, typing }) => m.typing(accountId, openid, typing),
    'conversations.window': ({ accountId, openid }) => m.window(accountId, openid),
    'conversations.markRead': ({ accountId, openid, upTo }) => m.markRead(accountId, openid, upTo),
    'conversations.unread': () => m.unread(),
  };
}

/**
 * Fans in SQLite and the message centre as a core module (docs/architecture.md §5): the `fans.*` and
 * `conversations.*` areas, the background sync, the callback activity, and the OAuth profiles
 * (`oauth.completed` / `oauth.sessionChanged` carry the nickname and avatar a fan authorized).
 */
export function createFansModule(d: FansModuleDeps) {
  const { fans: repo, activity, repo: activityRepo } = d.activity;
  const clock = d.rt.clock;
  const sync = new FanSync({
    fans: repo,
    syncs: new FanSyncRepo(d.db, repo),
    client: d.client,
    events: d.events,
    clock,
    ...d.sync,
  });
  const fans = new FansService({ repo, client: d.client, activity, events: d.events, clock });
  const centre = new MessageCentre({
    conversations: d.conversations,
    fans: repo,
    activity,
    activityRepo,
    recorder: d.recorder,
    client: d.client,
    events: d.events,
    clock,
  });
  const profile = (s: OauthSessionDto | null) => {
    if (!s) return;
    try {
      repo.profile(s.accountId, s, clock.now());
      d.events.emit('fans.changed', { accountId: s.accountId, openids: [s.openid] });
    } catch (e) {
      console.error('[fans] could not store an OAuth profile', e);
    }
  };
  const knownAccount = (id: string) => {
    requireAccount((a) => d.accountIds().includes(a), id);
    return id;
  };
  let unsubscribe = () => {};
  return {
    sync,
    handlers: { ...fansHandlers(fans, sync, knownAccount), ...conversationsHandlers(centre) },
    async start() {
      unsubscribe = d.events.subscribe((e) => {
        if (e.name === 'oauth.completed') profile(e.payload.session);
        else if (e.name === 'oauth.sessionChanged') profile(e.payload.session);
      });
      sync.resumeInterrupted(d.accountIds());
      await activity.start();
    },
    /** Before the callback module and the API client stop: runs end after their calls in flight. */
    async stop() {
      unsubscribe();
      await sync.stop();
      activity.stop();
    },
  };
}

export type FansModule = ReturnType<typeof createFansModule>;
