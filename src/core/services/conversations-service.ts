import type { ConversationsRepo } from '../store/repos/conversations-repo';
import type { AreaHandlers } from './handler-types';

/** Read side of the per-fan conversations the callback pipeline writes. */
export function conversationsHandlers(repo: ConversationsRepo): AreaHandlers<'conversations.'> {
  return {
    'conversations.list': ({ accountId, limit, cursor }) => {
      return repo.threads(accountId, limit ?? 50, cursor);
    },
    'conversations.messages': ({ accountId, openid, limit, cursor }) => {
      return repo.messages(accountId, openid, limit ?? 100, cursor);
    },
  };
}
