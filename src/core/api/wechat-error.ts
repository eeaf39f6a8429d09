import type { ErrcodeExplanationDto } from '../../shared/api/areas/api';
import { AppError } from '../../shared/errors';
import { explainErrcode, ipFrom40164 } from './errcodes';

/** An errcode answer from WeChat (or the sandbox), typed, with our explanation and fix hint. */
export class WechatApiError extends AppError {
  readonly errcode: number;
  readonly errmsg: string;
  readonly explanation: ErrcodeExplanationDto;
  /** For 40164: the IP WeChat saw. */
  readonly ip?: string;

  constructor(errcode: number, errmsg: string, path: string) {
    const explanation = explainErrcode(errcode);
    const ip = errcode === 40164 ? ipFrom40164(errmsg) : undefined;
    const what = ip ? `${explanation.en} (WeChat saw ${ip})` : explanation.en;
    super(
      'wechat_error',
      `WeChat ${path} failed with errcode ${errcode}: ${what}. ${explanation.hintEn}`.trim(),
      {
        details: { errcode, errmsg, path, explanation, ...(ip ? { ip } : {}) },
      },
    );
    this.errcode = errcode;
    this.errmsg = errmsg;
    this.explanation = explanation;
    this.ip = ip;
  }
}

export function isWechatApiError(e: unknown, code?: number): e is WechatApiError {
  return e instanceof WechatApiError && (code === undefined || e.errcode === code);
}
