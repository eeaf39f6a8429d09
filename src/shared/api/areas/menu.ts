import { z } from 'zod';
import { defineMethod } from '../define';
import { idSchema } from './common';

/**
 * §7.2: the scanner and picker buttons. Each pushes an event named after its type (§2.4), carrying
 * its `key`, as `click` pushes `CLICK`.
 */
export const SCAN_AND_PICK_BUTTON_TYPES = [
  'scancode_push',
  'scancode_waitmsg',
  'pic_sysphoto',
  'pic_photo_or_album',
  'pic_weixin',
  'location_select',
] as const;
/** §7.2: the types that need a `media_id` (permanent material). */
export const MEDIA_BUTTON_TYPES = ['media_id', 'view_limited'] as const;
/** §7.2: the types that need an `article_id` (a published article). */
export const ARTICLE_BUTTON_TYPES = ['article_id', 'article_view_limited'] as const;

/** Every custom-menu button type (docs/wechat-protocol.md §7.2), in the order the editor offers them. */
export const MENU_BUTTON_TYPES = [
  'click',
  'view',
  'miniprogram',
  ...SCAN_AND_PICK_BUTTON_TYPES,
  ...MEDIA_BUTTON_TYPES,
  ...ARTICLE_BUTTON_TYPES,
] as const;
export type MenuButtonType = (typeof MENU_BUTTON_TYPES)[number];

/** §7.2: the types whose button pushes an event carrying its `key`. */
export const KEY_BUTTON_TYPES: readonly MenuButtonType[] = ['click', ...SCAN_AND_PICK_BUTTON_TYPES];

/**
 * One custom-menu button with WeChat's own field names (docs/wechat-protocol.md §7.2), so a menu read
 * from `menu/get` round-trips unchanged. A container carries only `name` + `sub_button`.
 */
export interface MenuButtonDto {
  type?: string;
  name: string;
  key?: string;
  url?: string;
  appid?: string;
  pagepath?: string;
  media_id?: string;
  article_id?: string;
  sub_button?: MenuButtonDto[];
}
export interface MenuDto {
  button: MenuButtonDto[];
}

/** One problem core found in a menu, with the errcode WeChat would answer `menu/create` with (§6.1). */
export interface MenuIssueDto {
  /** Dotted path, e.g. `button.1.sub_button.2.name`; `button` for the whole menu. */
  path: string;
  /** `error` would be refused by WeChat; `warning` is accepted but probably not what you want. */
  severity: 'error' | 'warning';
  /** 40016, 40018, ... (0 for warnings WeChat has no code for). */
  errcode: number;
  /** i18n key (`validation.menuName`). */
  key: string;
  /** English text. */
  message: string;
}

export interface MenuValidation {
  ok: boolean;
  issues: MenuIssueDto[];
}

export interface MenuDraftDto {
  menu: MenuDto;
  updatedAt: number;
}

// Deliberately loose: the shape is checked here, WeChat's rules by core's menu validator, which
// reports every problem with its path and errcode instead of refusing the call.
const text = z.string().max(4096, { error: 'validation.tooLong' });
const buttonFields = {
  type: text.optional(),
  name: z.string({ error: 'validation.required' }).max(4096, { error: 'validation.tooLong' }),
  key: text.optional(),
  url: text.optional(),
  appid: text.optional(),
  pagepath: text.optional(),
  media_id: text.optional(),
  article_id: text.optional(),
};
const subButtonSchema = z.strictObject(buttonFields);
const buttonSchema = z.strictObject({
  ...buttonFields,
  sub_button: z.array(subButtonSchema).max(20, { error: 'validation.tooMany' }).optional(),
});
export const menuSchema = z.strictObject({
  button: z.array(buttonSchema).max(10, { error: 'validation.tooMany' }),
});

export const menuAccountSchema = z.strictObject({ accountId: idSchema });
export const menuWithAccountSchema = z.strictObject({ accountId: idSchema, menu: menuSchema });
/** With an account, OAuth links in view buttons are also checked against its AppID and 网页授权域名. */
export const menuValidateSchema = z.strictObject({ menu: menuSchema, accountId: idSchema.optional() });

export const menuMethods = {
  /** The account's current API menu (`menu/get`); `null` when it has none (46003). */
  'menu.get': defineMethod<{ menu: MenuDto | null }>()(menuAccountSchema),
  /** Core's own check of §7.2's rules: every issue, with path and errcode. */
  'menu.validate': defineMethod<MenuValidation>()(menuValidateSchema),
  /** Validates, then `menu/create`. Refused with `invalid_input` + issues when invalid. */
  'menu.publish': defineMethod<{ publishedAt: number }>()(menuWithAccountSchema),
  /** `menu/delete` (§7.1). */
  'menu.delete': defineMethod<{ deleted: true }>()(menuAccountSchema),
  /** The locally saved draft of an account's menu, so edits survive a restart. */
  'menu.draftGet': defineMethod<{ draft: MenuDraftDto | null }>()(menuAccountSchema),
  'menu.draftSave': defineMethod<MenuDraftDto>()(menuWithAccountSchema),
  'menu.draftDelete': defineMethod<{ deleted: boolean }>()(menuAccountSchema),
};
