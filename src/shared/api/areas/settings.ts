import { z } from 'zod';
import { defineMethod } from '../define';
import { noInput } from './common';

export const LANGUAGES = ['auto', 'zh-CN', 'en'] as const;
export const THEMES = ['system', 'light', 'dark'] as const;

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** An update feed over https; plain http only on this machine (a feed can install code). */
const updateFeedUrl = z
  .string()
  .trim()
  .max(1024, { error: 'validation.tooLong' })
  .refine(
    (v) => {
      try {
        const u = new URL(v);
        if (u.username || u.password || u.search || u.hash) return false;
        return u.protocol === 'https:' || (u.protocol === 'http:' && LOOPBACK.has(u.hostname));
      } catch {
        return false;
      }
    },
    { error: 'validation.updateFeedUrl' },
  );
/** The dedupe memory's own span: WeChat's retries come within seconds, §14.5 asks for >= 30 s. */
export const TIMESTAMP_WINDOW_MIN_S = 300;

/** Every setting and its rule. Adding a setting = one line here and one default below. */
const settingsShape = {
  language: z.enum(LANGUAGES, { error: 'validation.enum' }),
  theme: z.enum(THEMES, { error: 'validation.enum' }),
  /** Budget for a passive reply; WeChat gives up at 5 s (docs/wechat-protocol.md §3.1). */
  replyDeadlineMs: z.number({ error: 'validation.number' }).int().min(500).max(4900),
  callbackLogRetentionDays: z.number({ error: 'validation.number' }).int().min(1).max(3650),
  // The desktop app's own settings; headless mode keeps them but has no window, tray or updater.
  /** Closing the window keeps MPDesk (and the callback listener) running in the tray. */
  closeToTray: z.boolean({ error: 'validation.invalid' }),
  startAtLogin: z.boolean({ error: 'validation.invalid' }),
  /** Desktop notifications, one switch per kind. */
  notifyFanMessages: z.boolean({ error: 'validation.invalid' }),
  notifyCallbackErrors: z.boolean({ error: 'validation.invalid' }),
  notifyTunnel: z.boolean({ error: 'validation.invalid' }),
  notifyTokens: z.boolean({ error: 'validation.invalid' }),
  /** electron-updater's generic feed (a folder holding latest.yml); '' = the one built in, if any. */
  updateFeedUrl: z.union([z.literal(''), updateFeedUrl], { error: 'validation.updateFeedUrl' }),
  /**
   * The most the database may hold, in MB (the callback log is nearly all of it). Past it the oldest
   * callback records are deleted first (services/log-size-cap.ts), whatever their age.
   */
  callbackLogMaxMb: z.number({ error: 'validation.number' }).int().min(16).max(1_048_576),
  /**
   * How far (seconds, either way) a signed callback's `timestamp` may lie from this machine's clock;
   * outside it the request is refused as `stale_timestamp` (a replayed capture, or a wrong clock).
   * Never shorter than the 5-minute dedupe memory; the memory grows with it (server/dedupe-store.ts).
   */
  callbackTimestampWindowS: z
    .number({ error: 'validation.number' })
    .int()
    .min(TIMESTAMP_WINDOW_MIN_S)
    .max(7 * 24 * 3600),
};
export const settingsSchema = z.strictObject(settingsShape);
export type Settings = z.output<typeof settingsSchema>;

export const SETTINGS_DEFAULTS: Settings = {
  language: 'auto',
  theme: 'system',
  replyDeadlineMs: 4500,
  callbackLogRetentionDays: 30,
  closeToTray: true,
  startAtLogin: false,
  notifyFanMessages: true,
  notifyCallbackErrors: true,
  notifyTunnel: true,
  notifyTokens: true,
  updateFeedUrl: '',
  callbackLogMaxMb: 1024,
  // WeChat's three deliveries come within ~15 s (docs/wechat-protocol.md §3.1); the rest is clock skew.
  callbackTimestampWindowS: TIMESTAMP_WINDOW_MIN_S,
};

/** A patch names only what changes; omitted settings keep their value. */
export const settingsPatchSchema = settingsSchema.partial();
export type SettingsPatch = z.output<typeof settingsPatchSchema>;

export const settingsMethods = {
  'settings.get': defineMethod<Settings>()(noInput),
  'settings.update': defineMethod<Settings>()(settingsPatchSchema),
};

export interface SettingsEvents {
  'settings.changed': Settings;
}
