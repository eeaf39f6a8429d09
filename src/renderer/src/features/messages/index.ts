import { useLive } from '../../api/use-live';
import type { FeatureModule } from '../feature-module';
import { MessagesScreen } from './MessagesScreen';

const sameUnread = <T>(u: T) => u;

/** Unread fan messages across accounts, for the navigation's badge. */
function useUnreadTotal(): number {
  return useLive('conversations.unread', 'conversations.unreadChanged', sameUnread).data?.total ?? 0;
}

export const messagesFeature: FeatureModule = {
  id: 'messages',
  titleKey: 'nav.messages',
  icon: 'messages',
  Screen: MessagesScreen,
  useBadge: useUnreadTotal,
};
