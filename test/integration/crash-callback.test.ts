import { Pool } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallbackEntryDto, CallbackSummaryDto } from '../../src/shared/api/areas/callbacks';
import type { Page } from '../../src/shared/api/areas/common';
import type { ConversationMessageDto } from '../../src/shared/api/areas/conversations';
import { fieldsToXml } from '../../src/core/server/wechat-request';
import { callApi, startHeadless, type HeadlessProcess } from '../helpers/headless-process';
import { accountInput } from '../helpers/test-core';
import { tempDir } from '../helpers/temp-dir';
import { buildWechatRequest } from '../helpers/wechat-side';

const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const TOKEN = 'tokenABC123';
const APP_ID = 'wx1234567890abcdef';

const running: HeadlessProcess[] = [];
afterEach(async () => {
  for (const p of running.splice(0)) await p.stop('SIGKILL');
});

async function must<T>(h: HeadlessProcess, method: string, input?: unknown): Promise<T> {
  const r = await callApi<T>(h, method, input);
  if (!r.body.ok) throw new Error(`${method}: ${JSON.stringify(r.body.error)}`);
  return r.body.value as T;
}

describe('crash safety of the callback log', () => {
  it('keeps every request that got HTTP 200 when the process is SIGKILLed under load', async () => {
    const dataDir = tempDir();
    const first = await startHeadless({ dataDir, mode: 'source', timeoutMs: 60_000 });
    running.push(first);
    const account = await must<{ id: string }>(first, 'accounts.create', {
      ...accountInput({ appId: APP_ID, token: TOKEN, encodingAESKey: AES_KEY, mode: 'safe' }),
      callbackSlug: 'crash',
    });

    const pool = new Pool(first.callbackUrl, { connections: 32, pipelining: 1 });
    const acked = new Map<number, string>(); // log id -> MsgId
    const KILL_AFTER = 300;
    let killed = false;
    let seq = 0;
    const worker = async () => {
      while (!killed) {
        const n = ++seq;
        const msgId = String(7_000_000_000_000_000_000n + BigInt(n));
        const xml = fieldsToXml({
          ToUserName: 'gh_0123456789ab',
          FromUserName: `oFAN_${n % 17}`,
          CreateTime: String(1700000000 + n),
          MsgType: 'text',
          Content: `load ${n}`,
          MsgId: msgId,
        });
        const req = buildWechatRequest({ token: TOKEN, appId: APP_ID, aesKey: AES_KEY, mode: 'safe' }, xml, {
          timestamp: String(Math.floor(Date.now() / 1000)),
          nonce: String(n),
        });
        try {
          const res = await pool.request({
            path: `/wx/crash?${req.query}`,
            method: 'POST',
            body: req.body,
            headers: req.headers,
          });
          await res.body.text();
          if (res.statusCode === 200) {
            acked.set(Number(res.headers['x-mpdesk-log-id']), msgId);
            if (acked.size >= KILL_AFTER && !killed) {
              killed = true;
              // In the middle of the load: other requests are in flight right now.
              first.proc.kill('SIGKILL');
            }
          }
        } catch {
          // Connections cut by the kill.
        }
      }
    };
    await Promise.all(Array.from({ length: 32 }, worker));
    await first.stop('SIGKILL');
    await pool.destroy();
    expect(acked.size).toBeGreaterThanOrEqual(KILL_AFTER);

    const second = await startHeadless({ dataDir, mode: 'source', timeoutMs: 60_000 });
    running.push(second);
    const ids = new Set<number>();
    let cursor: string | undefined;
    do {
      const page: Page<CallbackSummaryDto> = await must(second, 'callbacks.list', { limit: 1000, cursor });
      for (const e of page.items) ids.add(e.id);
      cursor = page.nextCursor;
    } while (cursor);
    const missing = [...acked.keys()].filter((id) => !ids.has(id));
    expect(missing).toEqual([]);
    // Spot-check that the rows are the messages that were acknowledged.
    for (const id of [...acked.keys()].slice(0, 20)) {
      const e = await must<CallbackEntryDto>(second, 'callbacks.get', { id });
      expect((e.parsed as { msgId: string }).msgId).toBe(acked.get(id));
      expect(e.status).toBe(200);
    }
    // Conversations are written after the responses, in batches: the restart rebuilds the ones the
    // kill cut off from the log, so every acknowledged message is in its fan's conversation, once.
    const inbound = new Map<number, number>(); // log id -> inbound messages
    for (let fan = 0; fan < 17; fan++) {
      let c: string | undefined;
      do {
        const page: Page<ConversationMessageDto> = await must(second, 'conversations.messages', {
          accountId: account.id,
          openid: `oFAN_${fan}`,
          limit: 500,
          cursor: c,
        });
        for (const m of page.items)
          if (m.direction === 'in' && m.logId !== null) inbound.set(m.logId, (inbound.get(m.logId) ?? 0) + 1);
        c = page.nextCursor;
      } while (c);
    }
    expect([...acked.keys()].filter((id) => inbound.get(id) !== 1)).toEqual([]);
  }, 120_000);
});
