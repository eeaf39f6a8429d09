import { z } from 'zod';
import { defineMethod } from '../define';
import { idSchema, pageInput, type Page } from './common';

/** One HTTP call to a WeChat API host (or the sandbox), with secrets masked before it is stored. */
export interface ApiLogEntryDto {
  /** Sequence as a string (JSON-safe and cursor-friendly). */
  id: string;
  accountId: string | null;
  at: number;
  method: string;
  /** Origin, e.g. `https://api.weixin.qq.com`. */
  host: string;
  path: string;
  /** The query with access_token, secret, code and the like masked. */
  query: string;
  requestBody: string | null;
  status: number | null;
  responseBody: string | null;
  latencyMs: number;
  errcode: number | null;
  errmsg: string | null;
  /** Network or timeout failure (no HTTP answer). */
  error: string | null;
  /** Who asked: the app itself, the token manager, or the 接口调试 console (`api.request`). */
  origin: 'client' | 'token' | 'console';
}

export const apilogMethods = {
  'apilog.list': defineMethod<Page<ApiLogEntryDto>>()(
    z.strictObject({ accountId: idSchema.optional(), ...pageInput }),
  ),
};

export interface ApilogEvents {
  'apilog.appended': ApiLogEntryDto;
}
