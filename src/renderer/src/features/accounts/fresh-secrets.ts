import { useSyncExternalStore } from 'react';

/** The two secrets the mp backend's 服务器配置 asks for, which the user must paste there. */
export type PasteSecret = 'token' | 'encodingAESKey';
export type FreshSecrets = Partial<Record<PasteSecret, string>>;

/**
 * Token and EncodingAESKey values the user has just created or regenerated, held in this page's
 * memory only (never stored, never sent back by core) so the paste card can show them in clear
 * until the page reloads or the user hides them. After that they are write-only again.
 */
const fresh = new Map<string, FreshSecrets>();
const listeners = new Set<() => void>();
const EMPTY: FreshSecrets = {};

function changed(): void {
  for (const l of listeners) l();
}

export function rememberFresh(accountId: string, values: FreshSecrets): void {
  const kept = Object.fromEntries(Object.entries(values).filter(([, v]) => !!v)) as FreshSecrets;
  if (Object.keys(kept).length === 0) return;
  fresh.set(accountId, { ...fresh.get(accountId), ...kept });
  changed();
}

export function forgetFresh(accountId: string): void {
  if (fresh.delete(accountId)) changed();
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useFreshSecrets(accountId: string): FreshSecrets {
  return useSyncExternalStore(subscribe, () => fresh.get(accountId) ?? EMPTY);
}
