import type { CallbackEntryDto } from '../../../../shared/api/areas/callbacks';
import type { ApiClient } from '../../api/api-client';
import type { ErrorBody } from '../../../../shared/errors';

/** More than this is a database export, not a selection. */
export const EXPORT_MAX = 2000;

/** Fetches the full entries (a few requests at a time) and offers them as one JSON download. */
export async function exportEntries(
  api: ApiClient,
  ids: readonly number[],
): Promise<{ ok: true; count: number } | { ok: false; error: ErrorBody }> {
  const wanted = [...ids].sort((a, b) => a - b).slice(0, EXPORT_MAX);
  const entries: CallbackEntryDto[] = new Array(wanted.length);
  // One iterator shared by the workers: each takes the next id (array iterators survive a `return`).
  const queue = wanted.entries();
  let failure: ErrorBody | undefined;
  const worker = async () => {
    for (const [i, id] of queue) {
      if (failure) return;
      const r = await api.call('callbacks.get', { id });
      if (r.ok) entries[i] = r.value;
      else failure = r.error;
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
  if (failure) return { ok: false, error: failure };
  const blob = new Blob([JSON.stringify({ app: 'MPDesk', exportedAt: Date.now(), entries }, null, 2)], {
    type: 'application/json',
  });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download =
    wanted.length === 1
      ? `mpdesk-callback-${wanted[0]}.json`
      : `mpdesk-callbacks-${wanted[0]}-${wanted[wanted.length - 1]}.json`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { ok: true, count: entries.length };
}
