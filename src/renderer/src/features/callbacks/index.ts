import type { FeatureModule } from '../feature-module';
import { CallbacksScreen } from './CallbacksScreen';

export const callbacksFeature: FeatureModule = {
  id: 'callbacks',
  titleKey: 'nav.callbacks',
  icon: 'callbacks',
  Screen: CallbacksScreen,
};
