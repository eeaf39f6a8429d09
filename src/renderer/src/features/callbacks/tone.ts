import type { CallbackSummaryDto } from '../../../../shared/api/areas/callbacks';
import { isError } from './filters';

/** The colour of an entry's status chip. */
export function tone(e: Pick<CallbackSummaryDto, 'outcome' | 'status'>): 'ok' | 'warn' | 'error' {
  return isError(e) ? 'error' : e.outcome === 'late' || e.outcome === 'duplicate' ? 'warn' : 'ok';
}
