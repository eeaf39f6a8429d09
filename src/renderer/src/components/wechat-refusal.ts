import type { ErrcodeExplanationDto } from '../../../shared/api/areas/api';
import type { ErrorBody } from '../../../shared/errors';
import type { I18n } from '../i18n/i18n';

/** What WeChat said no with (an errcode and core's explanation of it), when the error is WeChat's. */
export interface WechatRefusal {
  errcode: number;
  /** 客服窗口已关闭 · customer-service window closed */
  what: string;
  /** How to fix it, or ''. */
  hint: string;
}

export function wechatRefusal(e: ErrorBody | undefined, i18n: Pick<I18n, 'pick'>): WechatRefusal | null {
  const errcode = e?.details?.errcode;
  if (e?.code !== 'wechat_error' || typeof errcode !== 'number') return null;
  const x = e.details?.explanation as ErrcodeExplanationDto | undefined;
  return {
    errcode,
    what: x ? i18n.pick(x) : e.message,
    hint: x ? i18n.pick({ zh: x.hintZh, en: x.hintEn }) : '',
  };
}

/** An error in one line: WeChat's errcode and its meaning, or the error's own text. */
export function errorLine(e: ErrorBody, i18n: Pick<I18n, 'pick' | 'errorText'>): string {
  const r = wechatRefusal(e, i18n);
  if (!r) return i18n.errorText(e);
  return `${r.errcode} ${r.what}${r.hint ? ` — ${r.hint}` : ''}`;
}
