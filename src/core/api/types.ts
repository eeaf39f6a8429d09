/**
 * Request and response shapes of the WeChat endpoints the client calls, field names exactly as
 * WeChat sends them (docs/wechat-protocol.md §5-§12).
 */

export interface ErrResult {
  errcode: number;
  errmsg: string;
}

// §7 menu
export interface MenuButton {
  type?: string;
  name: string;
  key?: string;
  url?: string;
  media_id?: string;
  appid?: string;
  pagepath?: string;
  article_id?: string;
  sub_button?: MenuButton[];
}
export interface Menu {
  button: MenuButton[];
}
export interface MenuGetResult {
  menu: Menu & { menuid?: number };
  conditionalmenu?: unknown[];
}
export interface SelfMenuButton {
  type?: string;
  name: string;
  key?: string;
  url?: string;
  value?: string;
  sub_button?: { list: SelfMenuButton[] };
  [k: string]: unknown;
}
export interface SelfMenuInfo {
  is_menu_open: 0 | 1;
  selfmenu_info?: { button: SelfMenuButton[] };
}

// §9 users and tags
export type Lang = 'zh_CN' | 'zh_TW' | 'en';
export interface UserListPage {
  total: number;
  count: number;
  data?: { openid: string[] };
  next_openid: string;
}
export interface UserInfo {
  subscribe: 0 | 1;
  openid: string;
  language?: string;
  subscribe_time?: number;
  unionid?: string;
  remark?: string;
  groupid?: number;
  tagid_list?: number[];
  subscribe_scene?: string;
  qr_scene?: number;
  qr_scene_str?: string;
}
export interface UserBatchResult {
  user_info_list: UserInfo[];
}
export interface TagsResult {
  tags: { id: number; name: string; count: number }[];
}
export interface TagCreateResult {
  tag: { id: number; name: string };
}
/** getblacklist: the user/get page shape, with the blacklist's total. */
export type BlacklistPage = UserListPage;

// §10 customer service
export type { CustomMessageBody } from '../wechat';
export type TypingCommand = 'Typing' | 'CancelTyping';

// §8 web OAuth
export interface SnsToken {
  access_token: string;
  expires_in: number;
  refresh_token: string;
  openid: string;
  scope: string;
  is_snapshotuser?: number;
  unionid?: string;
}
export interface SnsUserInfo {
  openid: string;
  nickname: string;
  sex: number;
  province: string;
  city: string;
  country: string;
  headimgurl: string;
  privilege: string[];
  unionid?: string;
}

// misc
export interface AutoreplyInfo {
  is_add_friend_reply_open: 0 | 1;
  is_autoreply_open: 0 | 1;
  add_friend_autoreply_info?: { type: string; content: string };
  message_default_autoreply_info?: { type: string; content: string };
  keyword_autoreply_info?: { list: unknown[] };
}
export interface CallbackIpResult {
  ip_list: string[];
}

// §11.4 component
export interface ComponentTokenResult {
  component_access_token: string;
  expires_in: number;
}
export interface PreAuthCodeResult {
  pre_auth_code: string;
  expires_in: number;
}
export interface FuncInfo {
  funcscope_category: { id: number };
}
export interface QueryAuthResult {
  authorization_info: {
    authorizer_appid: string;
    authorizer_access_token: string;
    expires_in: number;
    authorizer_refresh_token: string;
    func_info: FuncInfo[];
  };
}
export interface AuthorizerTokenResult {
  authorizer_access_token: string;
  expires_in: number;
  authorizer_refresh_token: string;
}
export interface AuthorizerInfoResult {
  authorizer_info: {
    nick_name: string;
    head_img: string;
    service_type_info: { id: number };
    verify_type_info: { id: number };
    user_name: string;
    principal_name: string;
    alias: string;
    qrcode_url: string;
    business_info?: Record<string, number>;
  };
  authorization_info: { authorizer_appid: string; func_info: FuncInfo[] };
}
