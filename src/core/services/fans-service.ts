import type { Page } from '../../shared/api/areas/common';
import type { FanDto, FanTagDto } from '../../shared/api/areas/fans';
import { AppError } from '../../shared/errors';
import type { UserInfo, UserListPage } from '../api/types';
import { BATCHGET_MAX, type WechatClient } from '../api/wechat-client';
import type { Clock } from '../runtime';
import type { AreaHandlers } from './handler-types';

/** One user/get page is kept this long, so paging through it costs one batchget per screen. */
const PAGE_TTL_MS = 60_000;
const MAX_PAGES = 20;

const toDto = (u: UserInfo): FanDto => ({
  openid: u.openid,
  subscribed: u.subscribe === 1,
  ...(u.subscribe_time ? { subscribeTime: u.subscribe_time * 1000 } : {}),
  ...(u.language ? { language: u.language } : {}),
  ...(u.remark !== undefined ? { remark: u.remark } : {}),
  tagIds: u.tagid_list ?? [],
  ...(u.subscribe_scene ? { subscribeScene: u.subscribe_scene } : {}),
  ...(u.unionid ? { unionid: u.unionid } : {}),
});

/**
 * `fans.list`: a screen-sized window onto the account's followers. The cursor names the user/get
 * page (by the next_openid that fetched it) and the offset inside it.
 */
export class FansService {
  private readonly pages = new Map<string, { page: UserListPage; at: number }>();

  constructor(
    private readonly client: WechatClient,
    private readonly clock: Clock,
  ) {}

  async list(input: { accountId: string; limit?: number; cursor?: string }): Promise<Page<FanDto>> {
    const limit = Math.min(input.limit ?? 50, BATCHGET_MAX);
    const [start, offsetText] = (input.cursor ?? '|0').split('|');
    const offset = Number(offsetText);
    if (!Number.isInteger(offset) || offset < 0) throw new AppError('invalid_input', 'Bad fans cursor');
    const page = await this.userPage(input.accountId, start);
    const ids = page.data?.openid ?? [];
    const slice = ids.slice(offset, offset + limit);
    const items = slice.length
      ? (await this.client.userBatchGet(input.accountId, slice)).user_info_list.map(toDto)
      : [];
    const result: Page<FanDto> = { items, total: page.total };
    if (offset + limit < ids.length) result.nextCursor = `${start}|${offset + limit}`;
    // §9: next_openid comes back even on the last page; only a full page can have a successor.
    else if (page.next_openid && ids.length === page.count && page.count > 0 && ids.length >= 10_000) {
      result.nextCursor = `${page.next_openid}|0`;
    }
    return result;
  }

  async remark(input: { accountId: string; openid: string; remark: string }): Promise<FanDto> {
    await this.client.userRemark(input.accountId, input.openid, input.remark);
    return toDto(await this.client.userInfo(input.accountId, input.openid));
  }

  async tags(accountId: string): Promise<FanTagDto[]> {
    return (await this.client.tagsGet(accountId)).tags.map(({ id, name, count }) => ({ id, name, count }));
  }

  private async userPage(accountId: string, start: string): Promise<UserListPage> {
    const key = `${accountId}|${start}`;
    const now = this.clock.now();
    const hit = this.pages.get(key);
    if (hit && now - hit.at < PAGE_TTL_MS) return hit.page;
    const page = await this.client.userList(accountId, start || undefined);
    this.pages.set(key, { page, at: now });
    if (this.pages.size > MAX_PAGES) this.pages.delete(this.pages.keys().next().value!);
    return page;
  }
}

export function fansHandlers(fans: FansService): AreaHandlers<'fans.'> {
  return {
    'fans.list': (input) => fans.list(input),
    'fans.remark': (input) => fans.remark(input),
    'fans.tags': (input) => fans.tags(input.accountId),
  };
}
