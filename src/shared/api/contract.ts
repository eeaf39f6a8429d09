/**
 * The API contract: the single source of truth for what the UI may ask of core and what core tells
 * the UI (docs/architecture.md §2). Each area keeps its methods, DTOs and events in `areas/<area>.ts`;
 * this file merges them. Adding a method there makes `Handlers` demand an implementation.
 */
import type { z } from 'zod';
import type { MethodSpec } from './define';
import { appMethods, type AppEvents } from './areas/app';
import { accountsMethods, type AccountsEvents } from './areas/accounts';
import { settingsMethods, type SettingsEvents } from './areas/settings';
import { callbacksMethods, type CallbacksEvents } from './areas/callbacks';
import { rulesMethods, type RulesEvents } from './areas/rules';
import { upstreamMethods, type UpstreamEvents } from './areas/upstream';
import { simulatorMethods } from './areas/simulator';
import { conversationsMethods, type ConversationsEvents } from './areas/conversations';
import { tunnelMethods, type TunnelEvents } from './areas/tunnel';
import { doctorMethods, type DoctorEvents } from './areas/doctor';
import { tokensMethods, type TokensEvents } from './areas/tokens';
import { apilogMethods, type ApilogEvents } from './areas/apilog';
import { apiMethods } from './areas/api';
import { sandboxMethods, type SandboxEvents } from './areas/sandbox';
import { oauthMethods, type OauthEvents } from './areas/oauth';
import { fansMethods, type FansEvents } from './areas/fans';
import { menuMethods } from './areas/menu';
import { componentMethods, type ComponentEvents } from './areas/component';

export const methods = {
  ...appMethods,
  ...accountsMethods,
  ...settingsMethods,
  ...callbacksMethods,
  ...rulesMethods,
  ...upstreamMethods,
  ...simulatorMethods,
  ...conversationsMethods,
  ...tunnelMethods,
  ...doctorMethods,
  ...tokensMethods,
  ...apilogMethods,
  ...apiMethods,
  ...sandboxMethods,
  ...fansMethods,
  ...menuMethods,
  ...oauthMethods,
  ...componentMethods,
} satisfies Record<string, MethodSpec>;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
/** What a caller sends (before validation: defaults may be missing). */
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
/** What a handler receives (after validation). */
export type MethodParsed<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = NonNullable<Methods[M]['__out']>;

export type Events = AppEvents &
  AccountsEvents &
  SettingsEvents &
  CallbacksEvents &
  RulesEvents &
  UpstreamEvents &
  ConversationsEvents &
  TunnelEvents &
  DoctorEvents &
  TokensEvents &
  ApilogEvents &
  SandboxEvents &
  OauthEvents &
  FansEvents &
  ComponentEvents;
export type EventName = keyof Events;

/** What travels to the UI: a sequence number (for SSE resume and ordering), the name and the payload. */
export type EventEnvelope<K extends EventName = EventName> = {
  [E in K]: { seq: number; name: E; payload: Events[E]; at: number };
}[K];

/** Who is calling; lets handlers know the shell without importing it. */
export interface CallContext {
  transport: 'ipc' | 'http' | 'internal';
}

export type Handlers = {
  [M in MethodName]: (input: MethodParsed<M>, ctx: CallContext) => Promise<MethodOutput<M>> | MethodOutput<M>;
};

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}
