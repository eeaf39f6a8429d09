import { ComponentAuthorizers } from './component-authorizers';
import { ComponentPlatforms, type ComponentDeps } from './component-platforms';
import { ComponentTokens } from './component-tokens';

/** The third-party platform feature's three parts, built on one another in this order. */
export interface ComponentParts {
  /** Configuration, protocol keys and the platforms' state. */
  platforms: ComponentPlatforms;
  /** The verify ticket and the component_access_token. */
  tokens: ComponentTokens;
  /** Authorization, the code exchange and the authorizers' tokens. */
  authorizers: ComponentAuthorizers;
}

export function createComponentParts(d: ComponentDeps): ComponentParts {
  const platforms = new ComponentPlatforms(d);
  const tokens = new ComponentTokens(platforms);
  return { platforms, tokens, authorizers: new ComponentAuthorizers(platforms, tokens) };
}
