import { z } from 'zod';
import { defineMethod } from '../define';
import { noInput } from './common';

export const LANGUAGES = ['auto', 'zh-CN', 'en'] as const;
export const THEMES = ['system', 'light', 'dark'] as const;

/** Every setting and its rule. Adding a setting = one line here and one default below. */
const settingsShape = {
  language: z.enum(LANGUAGES, { error: 'validation.enum' }),
  theme: z.enum(THEMES, { error: 'validation.enum' }),
  /** Budget for a passive reply; WeChat gives up at 5 s (docs/wechat-protocol.md §3.1). */
  replyDeadlineMs: z.number({ error: 'validation.number' }).int().min(500).max(4900),
  callbackLogRetentionDays: z.number({ error: 'validation.number' }).int().min(1).max(3650),
};
export const settingsSchema = z.strictObject(settingsShape);
export type Settings = z.output<typeof settingsSchema>;

export const SETTINGS_DEFAULTS: Settings = {
  language: 'auto',
  theme: 'system',
  replyDeadlineMs: 4500,
  callbackLogRetentionDays: 30,
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
