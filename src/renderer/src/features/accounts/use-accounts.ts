import type { AccountDto } from '../../../../shared/api/areas/accounts';
import { useLive, type LiveState } from '../../api/use-live';

const fromEvent = (p: { accounts: AccountDto[] }) => p.accounts;

/** accounts.list, kept current by accounts.changed (another window, the API, a restart). */
export function useAccounts(): LiveState<AccountDto[]> {
  return useLive('accounts.list', 'accounts.changed', fromEvent);
}
