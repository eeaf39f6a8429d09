import { z } from 'zod';
import { defineMethod } from '../define';
import { idSchema } from './common';
import type { Bilingual } from './common';
import type { AccountPublicUrls, TunnelProvider } from './tunnel';

/**
 * The setup doctor: proves, per account, that WeChat's server verification will succeed before the
 * user presses 提交 in the mp backend (docs/wechat-protocol.md §1), and that the OAuth and MP_verify
 * URLs work (§8.1). Every check says what it saw and how to fix it, in both languages.
 */
export const DOCTOR_CHECK_IDS = [
  'tunnel_online',
  'public_reach',
  'echo_exact',
  'signature_enforced',
  'public_port',
  'round_trip',
  'token_format',
  'aes_key_format',
  'paste_values',
  'oauth_domain',
  'browser_interstitial',
  'mp_verify',
  'clock',
] as const;
export type DoctorCheckId = (typeof DOCTOR_CHECK_IDS)[number];

/** `info` carries values to copy; `skip` means a check this one depends on failed or it does not apply. */
export const DOCTOR_STATUSES = ['pass', 'warn', 'fail', 'skip', 'info'] as const;
export type DoctorStatus = (typeof DOCTOR_STATUSES)[number];

/** The screen (and field) where what a check found is fixed; the UI links there. */
export const DOCTOR_FIX_TARGETS = [
  'tunnel_settings',
  'account',
  'developer_settings',
  'callback_settings',
] as const;
export type DoctorFixTarget = (typeof DOCTOR_FIX_TARGETS)[number];

export interface DoctorCheck {
  id: DoctorCheckId;
  status: DoctorStatus;
  title: Bilingual;
  /** What the doctor observed (status codes, bytes, timings), in plain words. */
  saw: Bilingual;
  /** How to fix it; absent when nothing needs fixing. */
  fix?: Bilingual;
  /** Where to fix it (or, for a skipped check, where to set what it needs). */
  fixAt?: DoctorFixTarget;
  /** Wall time the check took, ms. */
  durationMs: number;
  /** Machine-readable facts for the UI (JSON-safe; never secrets). */
  facts?: Record<string, string | number | boolean | null>;
}

/** What the user pastes into 基本配置 → 服务器配置 (§1, §4.1). The Token is never returned in clear. */
export interface DoctorPasteValues {
  serverUrl: string | null;
  /** Masked, e.g. `to****23`: the user typed it; this only helps recognise it. */
  tokenHint: string | null;
  encodingAESKeyHint: string | null;
  mode: 'plain' | 'compatible' | 'safe';
  /** The mp backend's label for the mode: 明文模式 / 兼容模式 / 安全模式. */
  modeLabel: Bilingual;
}

export interface DoctorReport {
  accountId: string;
  startedAt: number;
  finishedAt: number;
  provider: TunnelProvider;
  publicUrl: string | null;
  /** Worst status over the checks: fail > warn > pass. */
  overall: 'pass' | 'warn' | 'fail';
  /** True when no check that WeChat's verification depends on failed: the user can press 提交. */
  readyToSubmit: boolean;
  urls: AccountPublicUrls | null;
  paste: DoctorPasteValues;
  checks: DoctorCheck[];
}

const byAccount = z.strictObject({ accountId: idSchema });

export const doctorMethods = {
  'doctor.run': defineMethod<DoctorReport>()(byAccount),
  /** The last report for the account; `report` is null when the doctor never ran for it. */
  'doctor.last': defineMethod<{ report: DoctorReport | null }>()(byAccount),
};

export interface DoctorProgress {
  accountId: string;
  /** Checks finished so far, out of `total`. */
  done: number;
  total: number;
  check: DoctorCheck;
}

export interface DoctorEvents {
  /** After each check of a run, so the UI can fill the list while slow checks are still going. */
  'doctor.progress': DoctorProgress;
  'doctor.completed': DoctorReport;
}
