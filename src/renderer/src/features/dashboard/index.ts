import type { FeatureModule } from '../feature-module';
import { DashboardScreen } from './DashboardScreen';

export const dashboardFeature: FeatureModule = {
  id: 'dashboard',
  titleKey: 'nav.dashboard',
  icon: 'dashboard',
  Screen: DashboardScreen,
};
