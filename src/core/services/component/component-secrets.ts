import { randomAlnum, type Random } from '../../runtime';
import type { SecretStore } from '../../secrets/secret-store';

/** §11.2: a verify ticket is valid 12 h. */
export const TICKET_TTL_MS = 12 * 3_600_000;

/** The platform's sealed values in the SecretStore (docs/architecture.md §5), namespaced by platform. */
export type Sec = 'appSecret' | 'token' | 'aesKey' | 'ticket' | 'componentToken' | 'sandboxSecret';
export const secName = (id: string, k: Sec) => `component:${id}:${k}`;
export const authName = (id: string, appid: string, k: 'access' | 'refresh') =>
  `component:${id}:authorizer:${appid}:${k}`;

/**
 * The secret the built-in sandbox knows a sandbox platform by: its own, made on first use, never
 * the platform's real AppSecret (the sandbox's file holds it in clear).
 */
export function sandboxSecretOf(secrets: SecretStore, random: Random, id: string): string {
  const name = secName(id, 'sandboxSecret');
  const have = secrets.get(name);
  if (have) return have;
  const made = randomAlnum(random, 32);
  secrets.set(name, made);
  return made;
}
