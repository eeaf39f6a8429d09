import { AppError } from '../../shared/errors';
import { BUSY_CODE } from './errcodes';
import type { ApiCall, WechatTransport } from './transport';
import { WechatApiError } from './wechat-error';

/** §6.2: `-1` (system busy) is retried with back-off, a bounded number of times. */
export const DEFAULT_BUSY_DELAYS_MS: readonly number[] = [200, 1_000];

const wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Sends a call and returns its JSON, or throws: WechatApiError for any non-zero errcode (success has
 * no errcode or errcode 0, §0), AppError('unavailable') for a body that is not a JSON object.
 */
export async function callJson<T>(
  transport: WechatTransport,
  call: ApiCall,
  busyDelaysMs: readonly number[] = DEFAULT_BUSY_DELAYS_MS,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const answer = await transport.send(call);
    const json = answer.json as { errcode?: unknown; errmsg?: unknown } | undefined;
    if (!json || typeof json !== 'object' || Array.isArray(json)) {
      throw new AppError(
        'unavailable',
        `${call.path} answered HTTP ${answer.status} with a body that is not a JSON object`,
        {
          details: { status: answer.status, path: call.path },
        },
      );
    }
    const errcode = typeof json.errcode === 'number' ? json.errcode : 0;
    if (errcode === 0) {
      if (answer.status >= 400) {
        throw new AppError('unavailable', `${call.path} answered HTTP ${answer.status}`, {
          details: { status: answer.status, path: call.path },
        });
      }
      return json as T;
    }
    const busyDelayMs = errcode === BUSY_CODE ? busyDelaysMs[attempt] : undefined;
    if (busyDelayMs !== undefined) {
      await wait(busyDelayMs);
      continue;
    }
    throw new WechatApiError(errcode, typeof json.errmsg === 'string' ? json.errmsg : '', call.path);
  }
}
