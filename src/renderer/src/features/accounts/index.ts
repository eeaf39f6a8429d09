import type { FeatureModule } from '../feature-module';
import { AccountsScreen } from './AccountsScreen';

export const accountsFeature: FeatureModule = {
  id: 'accounts',
  titleKey: 'nav.accounts',
  icon: 'accounts',
  Screen: AccountsScreen,
};
