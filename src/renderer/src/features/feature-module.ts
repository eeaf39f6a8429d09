import type { ComponentType } from 'react';
import type { MessageKey } from '../i18n/i18n';
import type { IconName } from '../shell/icons';

/**
 * One screen of the console. A screen lives in its own folder (features/<id>/) and exports one of
 * these; the navigation and the router are built from the registry, so unbuilt screens never show.
 */
export interface FeatureModule {
  /** Route segment: `#/<id>`. */
  id: FeatureId;
  titleKey: MessageKey;
  icon: IconName;
  Screen: ComponentType<{ params: string[] }>;
  /** A count the navigation shows beside the title (unread messages); 0 shows nothing. */
  useBadge?: () => number;
}

/** Every planned screen, in navigation order. The nav shows those present in the registry. */
export const NAV_ORDER = [
  'dashboard',
  'callbacks',
  'simulator',
  'rules',
  'fans',
  'messages',
  'menu',
  'oauth',
  'apilog',
  'component',
  'settings',
  'accounts',
] as const;
export type FeatureId = (typeof NAV_ORDER)[number];
