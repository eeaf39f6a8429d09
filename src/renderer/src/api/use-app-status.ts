import type { AppStatus } from '../../../shared/api/areas/app';
import { useLive, type LiveState } from './use-live';

const same = (s: AppStatus) => s;

/** `app.status`, kept current by `app.changed`. */
export function useAppStatus(): LiveState<AppStatus> {
  return useLive('app.status', 'app.changed', same);
}
