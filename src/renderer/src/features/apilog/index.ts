import type { FeatureModule } from '../feature-module';
import { ApiLogScreen } from './ApiLogScreen';

export const apilogFeature: FeatureModule = {
  id: 'apilog',
  titleKey: 'nav.apilog',
  icon: 'apilog',
  Screen: ApiLogScreen,
};
