import { useState } from 'react';
import type { CallbackEntryDto, ReplayResult } from '../../../../shared/api/areas/callbacks';
import { useApi } from '../../api/api-context';
import { copyText } from '../../components/clipboard';
import { useI18n } from '../../i18n/I18nProvider';
import { curlCommand } from './curl';
import { EditReplayDialog } from './EditReplayDialog';
import { exportEntries } from './export-json';

export type Flash = { tone: 'ok' | 'error'; text: string; showId?: number };

/** Replay, edit and replay, copy as curl, export: what can be done with the entry in the detail. */
export function DetailActions({
  entry,
  listenerUrl,
  onFlash,
}: {
  entry: CallbackEntryDto;
  listenerUrl: string | undefined;
  onFlash: (f: Flash) => void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const [busy, setBusy] = useState<string>();
  const [editing, setEditing] = useState(false);
  const id = entry.id;

  const replayDone = (r: ReplayResult) => {
    onFlash({
      tone: r.status < 400 ? 'ok' : 'error',
      text:
        r.logId !== null
          ? t('cb.action.replayed', { status: r.status, id: r.logId })
          : t('cb.action.replayedNoLog', { status: r.status }),
      showId: r.logId ?? undefined,
    });
  };
  const failed = (reason: string) => onFlash({ tone: 'error', text: t('cb.action.failed', { reason }) });

  const run = async (name: string, fn: () => Promise<void>) => {
    setBusy(name);
    try {
      await fn();
    } finally {
      setBusy(undefined);
    }
  };

  // A replay is a new delivery (the rules and forwarding run again); as a retry, dedupe answers it.
  const replay = (asRetry: boolean) =>
    run(asRetry ? 'retry' : 'replay', async () => {
      const r = await api.call('callbacks.replay', { id, asRetry });
      if (r.ok) replayDone(r.value);
      else failed(r.error.message);
    });

  return (
    <div className="cb-actions">
      <button
        type="button"
        className="btn btn-sm"
        title={t('cb.action.replayHint')}
        disabled={!!busy}
        onClick={() => replay(false)}
      >
        {busy === 'replay' ? t('cb.action.replaying') : t('cb.action.replay')}
      </button>
      <button
        type="button"
        className="btn btn-sm"
        title={t('cb.action.replayAsRetryHint')}
        disabled={!!busy || !entry.dedupeKey}
        onClick={() => replay(true)}
      >
        {busy === 'retry' ? t('cb.action.replaying') : t('cb.action.replayAsRetry')}
      </button>
      <button
        type="button"
        className="btn btn-sm"
        disabled={!!busy || !entry.accountId || !(entry.decryptedXml ?? entry.rawBody)}
        onClick={() => setEditing(true)}
      >
        {t('cb.action.editReplay')}
      </button>
      <button
        type="button"
        className="btn btn-sm"
        disabled={!listenerUrl}
        onClick={async () => {
          const ok = await copyText(curlCommand(listenerUrl!, entry));
          if (ok) onFlash({ tone: 'ok', text: t('cb.action.curlCopied') });
          else failed('clipboard');
        }}
      >
        {t('cb.action.curl')}
      </button>
      <button
        type="button"
        className="btn btn-sm"
        disabled={!!busy}
        onClick={() =>
          run('export', async () => {
            const r = await exportEntries(api, [id]);
            if (!r.ok) failed(r.error.message);
          })
        }
      >
        {busy === 'export' ? t('cb.action.exporting') : t('cb.action.export')}
      </button>
      {editing && (
        <EditReplayDialog
          entry={entry}
          onClose={() => setEditing(false)}
          onSent={(r) => {
            setEditing(false);
            replayDone(r);
          }}
        />
      )}
    </div>
  );
}
