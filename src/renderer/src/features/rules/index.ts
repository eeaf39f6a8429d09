import type { FeatureModule } from '../feature-module';
import { RulesScreen } from './RulesScreen';

export const rulesFeature: FeatureModule = {
  id: 'rules',
  titleKey: 'nav.rules',
  icon: 'rules',
  Screen: RulesScreen,
};
