import { accountsFeature } from './accounts';
import { apilogFeature } from './apilog';
import { callbacksFeature } from './callbacks';
import { componentFeature } from './component';
import { dashboardFeature } from './dashboard';
import { fansFeature } from './fans';
import { NAV_ORDER, type FeatureModule } from './feature-module';
import { menuFeature } from './menu';
import { messagesFeature } from './messages';
import { oauthFeature } from './oauth';
import { rulesFeature } from './rules';
import { settingsFeature } from './settings';
import { simulatorFeature } from './simulator';

/** Built screens. To add one: create features/<id>/index.ts exporting a FeatureModule, list it here. */
const REGISTERED: FeatureModule[] = [
  accountsFeature,
  apilogFeature,
  callbacksFeature,
  dashboardFeature,
  fansFeature,
  menuFeature,
  messagesFeature,
  oauthFeature,
  componentFeature,
  rulesFeature,
  settingsFeature,
  simulatorFeature,
];

export const features: readonly FeatureModule[] = [...REGISTERED].sort(
  (a, b) => NAV_ORDER.indexOf(a.id) - NAV_ORDER.indexOf(b.id),
);

/** Where `#/` and unknown routes go: the dashboard once it exists, the accounts screen until then. */
export const homeFeature: FeatureModule = features.find((f) => f.id === 'dashboard') ?? accountsFeature;

export function findFeature(id: string): FeatureModule | undefined {
  return features.find((f) => f.id === id);
}
