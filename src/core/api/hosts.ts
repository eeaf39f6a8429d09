import { OFFICIAL_API_BASE, SANDBOX_API_BASE } from '../../shared/api/areas/tokens';
import { AppError } from '../../shared/errors';

/** §12: the disaster-recovery host to switch to when the default one fails. */
export const BACKUP_API_BASE = 'https://api2.weixin.qq.com';
const OFFICIAL_FAMILY = /^https:\/\/((sh|sz|hk)\.)?api\.weixin\.qq\.com$/;

/**
 * The origins to try for an account, in order: its base (the official host by default, a regional
 * host, a proxy, or the sandbox wherever it listens now) and then its backup, if any.
 */
export function apiHostsFor(
  settings: { apiBase: string | null; apiBackupBase: string | null },
  sandboxUrl: string | null,
): string[] {
  const base = (settings.apiBase ?? OFFICIAL_API_BASE).replace(/\/+$/, '');
  let primary = base;
  if (base === SANDBOX_API_BASE) {
    if (!sandboxUrl) throw new AppError('unavailable', 'The built-in sandbox platform is not running');
    primary = sandboxUrl;
  }
  let backup = settings.apiBackupBase?.replace(/\/+$/, '') ?? null;
  if (!backup && OFFICIAL_FAMILY.test(primary)) backup = BACKUP_API_BASE;
  if (!backup && primary === BACKUP_API_BASE) backup = OFFICIAL_API_BASE;
  return backup && backup !== primary ? [primary, backup] : [primary];
}
