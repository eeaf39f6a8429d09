import type { ReactNode } from 'react';
import type {
  CallbackEntryDto,
  CallbackSummaryDto,
  ReplyLintDto,
} from '../../../../shared/api/areas/callbacks';
import { useLocale } from '../../i18n/i18n';
import { CELL_CLIP_CHARS, ClippedText, Code } from './ClippedText';
import { isError } from './filters';
import { explanationKeys, fullTime, ms, ordinal, reasonLabel } from './format';
import { StageTimeline } from './StageTimeline';
import type { CbTranslate } from './use-cb-t';

/**
 * The body of one callback entry in the detail pane: the explanation, the stage timeline, what
 * went in and what went out, with the reply checked as WeChat would (CallbackDetail.tsx holds the
 * header, actions and loading around it).
 */
export function EntryBody({
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
        {e.replyLint && <Verdict lint={e.replyLint} t={t} />}
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

/** Core's reply lint (callbacks.get), each finding in this screen's words. */
function Verdict({ lint: v, t }: { lint: ReplyLintDto; t: CbTranslate }) {
  const tone = v.kind === 'invalid' || v.kind === 'rejected' ? 'error' : 'ok';
  const sealed = v.encrypted && v.kind === 'reply';
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
      {(v.findings.length > 0 || sealed) && (
        <ul>
          {v.findings.map((f, i) => (
            <li key={i} data-tone={f.severity === 'error' ? 'error' : undefined}>
              {t(`cb.lint.code.${f.code}`, f.params)}
            </li>
          ))}
          {sealed && <li>{t('cb.lint.encryptedOk')}</li>}
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

/** The colour of an entry's status chip. */
export function tone(e: Pick<CallbackSummaryDto, 'outcome' | 'status'>): 'ok' | 'warn' | 'error' {
  return isError(e) ? 'error' : e.outcome === 'late' || e.outcome === 'duplicate' ? 'warn' : 'ok';
}
