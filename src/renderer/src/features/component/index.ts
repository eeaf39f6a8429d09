import type { FeatureModule } from '../feature-module';
import { ComponentScreen } from './ComponentScreen';

export const componentFeature: FeatureModule = {
  id: 'component',
  titleKey: 'nav.component',
  icon: 'oauth',
  Screen: ComponentScreen,
};
