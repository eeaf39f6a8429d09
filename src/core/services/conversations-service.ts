import type { ConversationsRepo } from '../store/repos/conversations-repo';
import type { AreaHandlers } from './handler-types';

/** Read side of the per-fan conversations the callback pipeline writes. */
export function conversationsHandlers(repo: ConversationsRepo): AreaHandlers<'conversations.'> {
  return {
    'conversations.list': async ({ accountId, limit, cursor }) => {
      await repo.ready(accountId);
      return repo.threads(accountId, limit ?? 50, cursor);
    },
    'conversations.messages': async ({ accountId, openid, limit, cursor }) => {
      await repo.ready(accountId);
      return repo.messages(accountId, openid, limit ?? 100, cursor);
    },
  };
}
