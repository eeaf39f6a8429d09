import type { FeatureModule } from '../feature-module';
import { SimulatorScreen } from './SimulatorScreen';

export const simulatorFeature: FeatureModule = {
  id: 'simulator',
  titleKey: 'nav.simulator',
  icon: 'simulator',
  Screen: SimulatorScreen,
};
