import type { MessageMode } from '../../../shared/api/areas/accounts';
import type { DoctorPasteValues } from '../../../shared/api/areas/doctor';
import type { Bilingual } from '../../../shared/api/areas/common';
import { maskSecret } from '../../tunnel/mask-secret';
import type { DoctorCheckDef, DoctorContext } from './check-context';

/** The mp backend's names for the modes (基本配置 → 服务器配置 → 消息加解密方式, §4.1). */
export const MODE_LABELS: Record<MessageMode, Bilingual> = {
  plain: { zh: '明文模式', en: 'Plain text (明文模式)' },
  compatible: { zh: '兼容模式', en: 'Compatible (兼容模式)' },
  safe: { zh: '安全模式（推荐）', en: 'Safe (安全模式, recommended)' },
};

export function pasteValues(ctx: Pick<DoctorContext, 'account' | 'urls'>): DoctorPasteValues {
  const { account, urls } = ctx;
  return {
    serverUrl: urls?.serverUrl ?? null,
    tokenHint: account.token ? maskSecret(account.token) : null,
    encodingAESKeyHint: account.encodingAESKey ? maskSecret(account.encodingAESKey) : null,
    mode: account.mode,
    modeLabel: MODE_LABELS[account.mode],
  };
}

/** What to paste into the mp backend, in the form's order. */
export const pasteValuesCheck: DoctorCheckDef = {
  id: 'paste_values',
  title: { zh: '公众号后台要填写的内容', en: 'What to paste in the mp backend' },
  run(ctx) {
    const p = pasteValues(ctx);
    const url = p.serverUrl ?? '（隧道在线后显示）';
    const urlEn = p.serverUrl ?? '(shown once the tunnel is online)';
    return {
      status: 'info',
      saw: {
        zh: `设置与开发 → 基本配置 → 服务器配置：URL = ${url}；Token = ${p.tokenHint ?? '未设置'}；EncodingAESKey = ${p.encodingAESKeyHint ?? '未设置'}；消息加解密方式 = ${p.modeLabel.zh}。`,
        en: `Settings & Development → Basic configuration → Server configuration: URL = ${urlEn}; Token = ${p.tokenHint ?? 'not set'}; EncodingAESKey = ${p.encodingAESKeyHint ?? 'not set'}; encryption mode = ${p.modeLabel.en}.`,
      },
      facts: { serverUrl: p.serverUrl, mode: p.mode },
    };
  },
};
