import type { Page } from '../../../shared/api/areas/common';
import type { FanDto, FanExportDto, FanListInput, FanTagDto } from '../../../shared/api/areas/fans';
import { AppError, isAppError } from '../../../shared/errors';
import { BLACKLIST_BATCH_MAX, TAG_BATCH_MAX, type WechatClient } from '../../api/wechat-client';
import type { EventBus } from '../../event-bus';
import type { Clock } from '../../runtime';
import type { FanFilter } from '../../store/repos/fan-query';
import type { FansRepo } from '../../store/repos/fans-repo';
import { exportFansCsv } from './fan-csv';
import type { FanActivity } from './fan-activity';
import { toFanInfo } from './fan-sync';

export type FanClient = Pick<
  WechatClient,
  | 'userInfo'
  | 'userRemark'
  | 'tagsGet'
  | 'tagsCreate'
  | 'tagsUpdate'
  | 'tagsDelete'
  | 'tagMembers'
  | 'blacklistMembers'
>;

export interface FansServiceDeps {
  repo: FansRepo;
  client: () => FanClient;
  activity: FanActivity;
  events: EventBus;
  clock: Clock;
}

/**
 * The Fans screen's use cases (用户管理): reads from the store only; changes go to WeChat first
 * (remark, tags, blacklist, §9) and into the store once WeChat took them.
 */
export class FansService {
  constructor(private readonly d: FansServiceDeps) {}

  list(input: FanListInput): Page<FanDto> {
    this.d.activity.flush();
    const { limit, cursor, ...filter } = input;
    return this.d.repo.list(filter, limit ?? 100, cursor);
  }

  async get(accountId: string, openid: string, refresh = false): Promise<FanDto> {
    if (refresh) {
      const info = await this.d.client().userInfo(accountId, openid);
      this.d.repo.applyInfos(accountId, [toFanInfo(info)], this.d.clock.now());
    }
    this.d.activity.flush();
    const fan = this.d.repo.get(accountId, openid);
    if (!fan)
      throw new AppError('not_found', `No fan ${openid} in this account's store; sync the fans first`);
    return fan;
  }

  async remark(accountId: string, openid: string, remark: string): Promise<FanDto> {
    await this.d.client().userRemark(accountId, openid, remark);
    this.d.repo.setRemark(accountId, openid, remark);
    this.changed(accountId, [openid]);
    return this.get(accountId, openid);
  }

  async tags(accountId: string, refresh = false): Promise<FanTagDto[]> {
    if (refresh || !this.d.repo.hasTagDefs(accountId)) {
      this.d.repo.replaceTagDefs(accountId, (await this.d.client().tagsGet(accountId)).tags);
    }
    return this.d.repo.tags(accountId);
  }

  async createTag(accountId: string, name: string): Promise<FanTagDto[]> {
    const { tag } = await this.d.client().tagsCreate(accountId, name);
    this.d.repo.putTagDef(accountId, tag.id, tag.name);
    return this.d.repo.tags(accountId);
  }

  async renameTag(accountId: string, tagId: number, name: string): Promise<FanTagDto[]> {
    await this.d.client().tagsUpdate(accountId, tagId, name);
    this.d.repo.putTagDef(accountId, tagId, name);
    return this.d.repo.tags(accountId);
  }

  async deleteTag(accountId: string, tagId: number): Promise<FanTagDto[]> {
    await this.d.client().tagsDelete(accountId, tagId);
    this.d.repo.deleteTagDef(accountId, tagId);
    this.changed(accountId);
    return this.d.repo.tags(accountId);
  }

  /** members/batchtagging or batchuntagging, 50 at a time. */
  tagFans(
    accountId: string,
    openids: string[],
    tagId: number,
    tagged: boolean,
  ): Promise<{ changed: number }> {
    return this.inBatches(accountId, openids, TAG_BATCH_MAX, async (batch) => {
      await this.d.client().tagMembers(accountId, tagId, batch, tagged);
      this.d.repo.setTagged(accountId, batch, tagId, tagged);
    });
  }

  /** members/batchblacklist or batchunblacklist, 20 at a time. */
  blacklist(accountId: string, openids: string[], blacklisted: boolean): Promise<{ changed: number }> {
    return this.inBatches(accountId, openids, BLACKLIST_BATCH_MAX, async (batch) => {
      await this.d.client().blacklistMembers(accountId, batch, blacklisted);
      this.d.repo.setBlacklisted(accountId, batch, blacklisted);
    });
  }

  async export(filter: FanFilter, lang: 'zh-CN' | 'en'): Promise<FanExportDto> {
    this.d.activity.flush();
    return exportFansCsv(this.d.repo, filter, this.d.repo.tags(filter.accountId), lang, this.d.clock.now());
  }

  /**
   * Sends `openids` to WeChat in batches of `size`, one after the other. A batch WeChat refuses stops
   * there: the batches before it stay done (in WeChat and in the store), and the error says how many.
   */
  private async inBatches(
    accountId: string,
    openids: string[],
    size: number,
    send: (batch: string[]) => Promise<void>,
  ): Promise<{ changed: number }> {
    const unique = [...new Set(openids)];
    const done: string[] = [];
    try {
      for (let i = 0; i < unique.length; i += size) {
        const batch = unique.slice(i, i + size);
        await send(batch);
        done.push(...batch);
      }
    } catch (e) {
      if (!isAppError(e)) throw e;
      throw new AppError(e.code, e.message, {
        cause: e,
        issues: e.issues,
        details: { ...e.details, changed: done.length, of: unique.length },
      });
    } finally {
      if (done.length) this.changed(accountId, done);
    }
    return { changed: done.length };
  }

  private changed(accountId: string, openids?: string[]): void {
    this.d.events.emit('fans.changed', openids ? { accountId, openids } : { accountId });
  }
}
