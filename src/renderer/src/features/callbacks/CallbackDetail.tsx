import { memo, useEffect, useMemo, useState, type ReactNode } from 'react';
import type {
  CallbackEntryDto,
  CallbackSummaryDto,
  ReplayResult,
} from '../../../../shared/api/areas/callbacks';
import type { ErrorBody } from '../../../../shared/errors';
import { useApi, useApiEvent } from '../../api/api-context';
import { copyText } from '../../components/clipboard';
import { useLocale } from '../../i18n/i18n';
import { CELL_CLIP_CHARS, ClippedText, Code } from './ClippedText';
import { curlCommand } from './curl';
import { EditReplayDialog } from './EditReplayDialog';
import { exportEntries } from './export-json';
import { isError } from './filters';
import { explanationKeys, fullTime, ms, ordinal, reasonLabel, typeLabel } from './format';
import { checkReply, type ReplyVerdict } from './reply-verdict';
import { StageTimeline } from './StageTimeline';
import { useCbT, type CbTranslate } from './use-cb-t';

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

function tone(e: Pick<CallbackSummaryDto, 'outcome' | 'status'>): 'ok' | 'warn' | 'error' {
  return isError(e) ? 'error' : e.outcome === 'late' || e.outcome === 'duplicate' ? 'warn' : 'ok';
}

function EntryBody({
  entry: e,
  deadlineMs,
  deliveries,
  onSelect,
  t,
}: {
  entry: CallbackEntryDto;
  deadlineMs: number;
  deliveries: CallbackSummaryDto[];
  onSelect: (id: number) => void;
  t: CbTranslate;
}) {
  const locale = useLocale();
  const why = explanationKeys(e.reason);
  // A DOM parse of the reply: once per entry, not on every re-render of the detail.
  const verdict = useMemo(() => checkReply(e), [e]);
  const parsed = e.parsed ? Object.entries(e.parsed).filter(([k]) => k !== 'raw') : [];
  const replySent = e.replyBody;
  const encryptedReply = replySent !== (e.replyPlain ?? replySent);
  return (
    <>
      {why && (
        <div className="cb-explain" data-tone={tone(e)} role={isError(e) ? 'alert' : undefined}>
          <h3>{t('cb.explain.title', { reason: reasonLabel(t, e.reason) })}</h3>
          <p>{t(why.explain)}</p>
          <p>
            <strong>{t('cb.explain.fix')}</strong> {t(why.fix)}
          </p>
          {e.detail && <p className="muted mono">{t('cb.explain.detail', { detail: e.detail })}</p>}
        </div>
      )}
      {!why && e.detail && <p className="muted mono">{t('cb.explain.detail', { detail: e.detail })}</p>}

      <Section title={t('cb.detail.section.timeline')}>
        <StageTimeline timings={e.timings} totalMs={e.totalMs} deadlineMs={deadlineMs} />
      </Section>

      <Section title={t('cb.detail.section.request')}>
        <h4 className="cb-sub">{t('cb.detail.query')}</h4>
        <KvTable rows={Object.entries(e.query)} />
        <details className="cb-sub-details">
          <summary>
            {t('cb.detail.headers')} ({Object.keys(e.headers).length})
          </summary>
          <KvTable rows={Object.entries(e.headers)} />
        </details>
        <h4 className="cb-sub">{t('cb.detail.body')}</h4>
        <Code text={e.rawBody} empty={t('cb.detail.noBody')} />
      </Section>

      {e.decryptedXml && (
        <Section title={t('cb.detail.section.decrypted')}>
          <Code text={e.decryptedXml} />
        </Section>
      )}

      {parsed.length > 0 && (
        <Section title={t('cb.detail.section.parsed')}>
          <KvTable rows={parsed.map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])} />
        </Section>
      )}

      <Section title={t('cb.detail.section.reply')}>
        {verdict && <Verdict verdict={verdict} t={t} />}
        {e.matched && (
          <p className="cb-line">
            <span className="muted">{t('cb.detail.matched')}</span> <code>{e.matched}</code>
          </p>
        )}
        <h4 className="cb-sub">{t('cb.detail.replyPlain')}</h4>
        <Code text={e.replyPlain ?? replySent} empty={t('cb.detail.noBody')} />
        <h4 className="cb-sub">{t('cb.detail.replySent')}</h4>
        {encryptedReply ? (
          <Code text={replySent} />
        ) : (
          <p className="field-hint">{t('cb.detail.replySame')}</p>
        )}
      </Section>

      {e.upstream && (
        <Section title={t('cb.detail.section.upstream')}>
          <p className="cb-line">
            <code>{e.upstream.url}</code> · HTTP {e.upstream.status ?? '–'} · {ms(e.upstream.ms)} ms ·{' '}
            {e.upstream.relayed
              ? t('cb.detail.upstreamRelayed')
              : t('cb.detail.upstreamNotRelayed', { error: e.upstream.error ?? '' })}
          </p>
          {e.upstream.note && <p className="field-hint">{e.upstream.note}</p>}
          {e.upstream.body !== null && <Code text={e.upstream.body} empty={t('cb.detail.noBody')} />}
        </Section>
      )}

      <Section title={t('cb.detail.section.dedupe')}>
        <div className="kv cb-kv">
          <span className="kv-label">{t('cb.detail.dedupeVerdict')}</span>
          <span className="kv-value">{t(`cb.detail.dedupe.${e.dedupe}`)}</span>
          <span />
          {e.dedupeKey && (
            <>
              <span className="kv-label">{t('cb.detail.dedupeKey')}</span>
              <code className="kv-value">{e.dedupeKey}</code>
              <span />
            </>
          )}
          <span className="kv-label">{t('cb.detail.source')}</span>
          <span className="kv-value">{t(`cb.source.${e.source}`)}</span>
          <span />
        </div>
        {deliveries.length > 0 && (
          <ol className="cb-deliveries" aria-label={t('cb.detail.delivery')}>
            {deliveries.map((d) => (
              <li key={d.id} aria-current={d.id === e.id ? 'true' : undefined}>
                <span className="cb-delivery-n">{ordinal(t, d.delivery)}</span>
                <button
                  type="button"
                  className="btn btn-sm btn-ghost"
                  onClick={() => onSelect(d.id)}
                  disabled={d.id === e.id}
                >
                  {t('cb.detail.openEntry', { id: d.id })}
                </button>
                <span className="mono">{fullTime(d.at, locale)}</span>
                <span className="cb-chip" data-tone={tone(d)}>
                  {d.status} · {reasonLabel(t, d.reason)}
                </span>
                <span className="mono">{ms(d.totalMs)} ms</span>
              </li>
            ))}
          </ol>
        )}
      </Section>

      {e.lateReplies.length > 0 && (
        <Section title={t('cb.detail.section.late')}>
          <ul className="cb-late">
            {e.lateReplies.map((l) => (
              <li key={l.id}>
                <span
                  className="cb-chip"
                  data-tone={l.state === 'sent' ? 'ok' : l.state === 'waiting' ? 'warn' : 'error'}
                >
                  {l.state}
                </span>{' '}
                {l.detail}
                <Code text={l.body} />
              </li>
            ))}
          </ul>
        </Section>
      )}
    </>
  );
}

function Verdict({ verdict: v, t }: { verdict: ReplyVerdict; t: CbTranslate }) {
  const tone = v.kind === 'invalid' || v.kind === 'rejected' ? 'error' : 'ok';
  const head =
    v.kind === 'ack'
      ? t('cb.lint.ack')
      : v.kind === 'reply'
        ? t('cb.lint.ok', { type: v.msgType ?? '' })
        : v.kind === 'rejected'
          ? t('cb.lint.rejected')
          : t('cb.lint.invalid');
  return (
    <div className="cb-verdict" data-tone={tone} aria-label={t('cb.lint.label')} role="group">
      <strong>{t('cb.lint.labelColon')}</strong> {head}
      {(v.problems.length > 0 || v.notes.length > 0) && (
        <ul>
          {v.problems.map((p, i) => (
            <li key={`p${i}`} data-tone="error">
              {t(p.key, p.params)}
            </li>
          ))}
          {v.notes.map((p, i) => (
            <li key={`n${i}`}>{t(p.key, p.params)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <details className="cb-section" open>
      <summary>
        <h3>{title}</h3>
      </summary>
      <div className="cb-section-body">{children}</div>
    </details>
  );
}

function KvTable({ rows }: { rows: [string, string][] }) {
  if (!rows.length) return <p className="field-hint">–</p>;
  return (
    <table className="cb-kv-table">
      <tbody>
        {rows.map(([k, v]) => (
          <tr key={k}>
            <th scope="row">{k}</th>
            <td className="mono">
              <ClippedText text={v} limit={CELL_CLIP_CHARS} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
