import type { FeatureModule } from '../feature-module';
import { OauthScreen } from './OauthScreen';

export const oauthFeature: FeatureModule = {
  id: 'oauth',
  titleKey: 'nav.oauth',
  icon: 'oauth',
  Screen: OauthScreen,
};
