import type { FeatureModule } from '../feature-module';
import { MenuScreen } from './MenuScreen';

export const menuFeature: FeatureModule = {
  id: 'menu',
  titleKey: 'nav.menu',
  icon: 'menu',
  Screen: MenuScreen,
};
