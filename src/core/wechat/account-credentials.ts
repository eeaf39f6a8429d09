import type { MessageMode } from '../../shared/api/areas/accounts';

/**
 * What protocol code needs to serve an account: the callback pipeline (server/) verifies and
 * decrypts with it, the API client (api/) fetches tokens with it. Never leaves core.
 * services/accounts-service.ts opens it from the sealed secrets.
 */
export interface AccountCredentials {
  id: string;
  appId: string;
  mode: MessageMode;
  appSecret?: string;
  token?: string;
  encodingAESKey?: string;
}
