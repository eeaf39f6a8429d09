import type { TokenManager } from '../api/token-manager';
import type { AreaHandlers } from './handler-types';

/** `tokens.*`: status (never the token) and a manual refresh. */
export function tokensHandlers(tokens: TokenManager): AreaHandlers<'tokens.'> {
  return {
    'tokens.status': ({ accountId }) => tokens.status(accountId),
    'tokens.refresh': ({ accountId }) => tokens.refresh(accountId),
  };
}
