import { accountsMessages } from '../features/accounts/messages';
import { developerMessages } from '../features/accounts/developer/messages';
import { apilogMessages } from '../features/apilog/messages';
import { callbacksMessages } from '../features/callbacks/messages';
import { componentMessages } from '../features/component/messages';
import { dashboardMessages } from '../features/dashboard/messages';
import { fansMessages } from '../features/fans/messages';
import { menuMessages } from '../features/menu/messages';
import { messagesMessages } from '../features/messages/messages';
import { oauthMessages } from '../features/oauth/messages';
import { oauthGatewayMessages } from '../features/oauth/messages-gateway';
import { rulesMessages } from '../features/rules/messages';
import { settingsMessages } from '../features/settings/messages';
import { tunnelMessages } from '../features/settings/tunnel/messages';
import { simulatorMessages } from '../features/simulator/messages';
import { shellMessages } from '../shell/messages';
import { commonMessages } from './common-messages';
import type { MessageSet } from './define-messages';
import type { Locale } from './locale';
import { validationMessages } from './validation-messages';

/**
 * Every message set of the renderer. A new screen keeps its strings in its own messages.ts
 * (defineMessages) and lists the set here; its keys then type-check in `t()` everywhere.
 */
const SETS = [
  commonMessages,
  validationMessages,
  shellMessages,
  accountsMessages,
  developerMessages,
  apilogMessages,
  callbacksMessages,
  componentMessages,
  dashboardMessages,
  fansMessages,
  menuMessages,
  messagesMessages,
  oauthMessages,
  oauthGatewayMessages,
  rulesMessages,
  settingsMessages,
  tunnelMessages,
  simulatorMessages,
] as const;

type KeysOf<S> = S extends { en: infer E } ? keyof E & string : never;
/** Every key of every set: what `t()` accepts. */
export type MessageKey = KeysOf<(typeof SETS)[number]>;
export type Catalog = Readonly<Record<MessageKey, string>>;

/**
 * One flat dictionary per language. Keys are namespaced by their feature (`cb.`, `rules.`...); two
 * sets defining the same key would make one of them silently win, so that fails at load.
 */
function merge(sets: readonly MessageSet[], locale: Locale): Catalog {
  const out: Record<string, string> = {};
  for (const set of sets) {
    for (const [key, text] of Object.entries(set[locale])) {
      if (key in out) throw new Error(`i18n: message key "${key}" is defined twice`);
      out[key] = text;
    }
  }
  return out as Catalog;
}

export const CATALOGS: Readonly<Record<Locale, Catalog>> = {
  en: merge(SETS, 'en'),
  'zh-CN': merge(SETS, 'zh-CN'),
};

/** True for keys we have a text for: keys built at run time (`cb.reason.${reason}`), server keys. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(CATALOGS.en, key);
}
