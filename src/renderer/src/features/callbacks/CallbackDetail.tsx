import { memo, useEffect, useState } from 'react';
import type {
  CallbackEntryDto,
  CallbackSummaryDto,
  ReplayResult,
} from '../../../../shared/api/areas/callbacks';
import type { ErrorBody } from '../../../../shared/errors';
import { useApi, useApiEvent } from '../../api/api-context';
import { copyText } from '../../components/clipboard';
import { useLocale } from '../../i18n/i18n';
import { curlCommand } from './curl';
import { EditReplayDialog } from './EditReplayDialog';
import { EntryBody, tone } from './EntryBody';
import { exportEntries } from './export-json';
import { fullTime, reasonLabel, typeLabel } from './format';
import { useCbT } from './use-cb-t';

type Flash = { tone: 'ok' | 'error'; text: string; showId?: number };

/**
 * One callback, everything about it: why it failed, where the time went, what went in and out.
 * Memoized: its props do not change when live entries arrive, so list updates skip it.
 */
export const CallbackDetail = memo(function CallbackDetail({
  id,
  deadlineMs,
  listenerUrl,
  accountName,
  onClose,
  onSelect,
}: {
  id: number;
  deadlineMs: number;
  listenerUrl: string | undefined;
  accountName: (id: string | null, slug: string | null) => string;
  onClose: () => void;
  onSelect: (id: number) => void;
}) {
  const t = useCbT();
  const locale = useLocale();
  const api = useApi();
  const [entry, setEntry] = useState<CallbackEntryDto>();
  const [error, setError] = useState<ErrorBody>();
  const [deliveries, setDeliveries] = useState<CallbackSummaryDto[]>([]);
  const [flash, setFlash] = useState<Flash>();
  const [busy, setBusy] = useState<string>();
  const [editing, setEditing] = useState(false);
  const [nonce, setNonce] = useState(0);

  // A short delay: holding j/k should not fire a request per row.
  useEffect(() => {
    let live = true;
    const timer = setTimeout(async () => {
      const r = await api.call('callbacks.get', { id });
      if (!live) return;
      if (r.ok) {
        setEntry(r.value);
        setError(undefined);
      } else setError(r.error);
    }, 60);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, id, nonce]);

  useEffect(() => setFlash(undefined), [id]);

  const exchangeId = entry?.id === id ? entry.exchangeId : null;
  const [deliveriesNonce, setDeliveriesNonce] = useState(0);
  useEffect(() => {
    if (!exchangeId) {
      setDeliveries([]);
      return;
    }
    let live = true;
    void api.call('callbacks.list', { exchangeId, limit: 10 }).then((r) => {
      if (live && r.ok)
        setDeliveries([...r.value.items].sort((a, b) => a.delivery - b.delivery || a.id - b.id));
    });
    return () => {
      live = false;
    };
  }, [api, exchangeId, deliveriesNonce]);

  useApiEvent('callbacks.logged', ({ entries }) => {
    if (exchangeId && entries.some((e) => e.exchangeId === exchangeId)) setDeliveriesNonce((n) => n + 1);
  });
  useApiEvent('callbacks.updated', (p) => {
    if (p.id === id) setNonce((n) => n + 1);
  });

  const shown = entry?.id === id ? entry : undefined;

  const replayDone = (r: ReplayResult) => {
    setFlash({
      tone: r.status < 400 ? 'ok' : 'error',
      text:
        r.logId !== null
          ? t('cb.action.replayed', { status: r.status, id: r.logId })
          : t('cb.action.replayedNoLog', { status: r.status }),
      showId: r.logId ?? undefined,
    });
  };

  const run = async (name: string, fn: () => Promise<void>) => {
    setBusy(name);
    try {
      await fn();
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <section
      className="cb-detail card"
      aria-label={t('cb.detail.label', { id })}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !(e.target as Element).closest('dialog')) {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <header className="cb-detail-head">
        <div className="cb-detail-title">
          <h2>{t('cb.detail.label', { id })}</h2>
          {shown && (
            <p className="cb-detail-meta">
              <span className="cb-chip" data-tone={tone(shown)}>
                {shown.status} · {reasonLabel(t, shown.reason)}
              </span>
              <code>
                {shown.method} {shown.path}
              </code>
              <span>{typeLabel(t, shown)}</span>
              <span>{accountName(shown.accountId, shown.slug)}</span>
              <span className="muted">{fullTime(shown.at, locale)}</span>
            </p>
          )}
        </div>
        <button
          type="button"
          className="btn btn-ghost btn-sm"
          aria-label={t('cb.detail.close')}
          onClick={onClose}
        >
          <span aria-hidden="true">✕</span>
        </button>
      </header>

      {shown && (
        <div className="cb-actions">
          <button
            type="button"
            className="btn btn-sm"
            title={t('cb.action.replayHint')}
            disabled={!!busy}
            onClick={() =>
              run('replay', async () => {
                const r = await api.call('callbacks.replay', { id });
                if (r.ok) replayDone(r.value);
                else setFlash({ tone: 'error', text: t('cb.action.failed', { reason: r.error.message }) });
              })
            }
          >
            {busy === 'replay' ? t('cb.action.replaying') : t('cb.action.replay')}
          </button>
          <button
            type="button"
            className="btn btn-sm"
            disabled={!!busy || !shown.accountId || !(shown.decryptedXml ?? shown.rawBody)}
            onClick={() => setEditing(true)}
          >
            {t('cb.action.editReplay')}
          </button>
          <button
            type="button"
            className="btn btn-sm"
            disabled={!listenerUrl}
            onClick={async () => {
              const ok = await copyText(curlCommand(listenerUrl!, shown));
              setFlash(
                ok
                  ? { tone: 'ok', text: t('cb.action.curlCopied') }
                  : { tone: 'error', text: t('cb.action.failed', { reason: 'clipboard' }) },
              );
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
                if (!r.ok)
                  setFlash({ tone: 'error', text: t('cb.action.failed', { reason: r.error.message }) });
              })
            }
          >
            {busy === 'export' ? t('cb.action.exporting') : t('cb.action.export')}
          </button>
        </div>
      )}

      <div aria-live="polite">
        {flash && (
          <p className="cb-flash" data-tone={flash.tone} role="status">
            {flash.text}{' '}
            {flash.showId !== undefined && (
              <button type="button" className="btn btn-sm" onClick={() => onSelect(flash.showId!)}>
                {t('cb.action.show', { id: flash.showId })}
              </button>
            )}
          </p>
        )}
      </div>

      <div className="cb-detail-body">
        {error && (
          <div className="alert" role="alert">
            {t('cb.action.failed', { reason: error.message })}
          </div>
        )}
        {!shown && !error && <p className="field-hint">{t('cb.detail.loading')}</p>}
        {shown && (
          <EntryBody
            entry={shown}
            deadlineMs={deadlineMs}
            deliveries={deliveries}
            onSelect={onSelect}
            t={t}
          />
        )}
      </div>

      {editing && shown && (
        <EditReplayDialog
          entry={shown}
          onClose={() => setEditing(false)}
          onSent={(r) => {
            setEditing(false);
            replayDone(r);
          }}
        />
      )}
    </section>
  );
});
