import type { FeatureModule } from '../feature-module';
import { SettingsScreen } from './SettingsScreen';

export const settingsFeature: FeatureModule = {
  id: 'settings',
  titleKey: 'nav.settings',
  icon: 'settings',
  Screen: SettingsScreen,
};
