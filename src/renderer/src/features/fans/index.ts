import type { FeatureModule } from '../feature-module';
import { FansScreen } from './FansScreen';

export const fansFeature: FeatureModule = {
  id: 'fans',
  titleKey: 'nav.fans',
  icon: 'fans',
  Screen: FansScreen,
};
