import type {
  CallbackEntryDto,
  CallbackSummaryDto,
  ReplyLintDto,
} from '../../../../shared/api/areas/callbacks';
import { useI18n } from '../../i18n/I18nProvider';
import { answeredBy, useRuleNames } from '../rules/use-rule-names';
import { Code } from './ClippedText';
import { Section } from './EntryParts';
import { ms, reasonLabel } from './format';
import { tone } from './tone';

/** What went out: the reply as built, what was sent on the wire, and the reply checked as WeChat would. */
export function ReplySection({ entry: e }: { entry: CallbackEntryDto }) {
  const { t } = useI18n();
  const names = useRuleNames(e.matched?.includes('rule:') ? e.accountId : null);
  const replySent = e.replyBody;
  const encryptedReply = replySent !== (e.replyPlain ?? replySent);
  return (
    <Section title={t('cb.detail.section.reply')}>
      {e.replyLint && <Verdict lint={e.replyLint} />}
      {e.matched && (
        <p className="cb-line">
          <span className="muted">{t('cb.detail.matched')}</span>{' '}
          <span data-testid="cb-matched" title={e.matched}>
            {answeredBy(e.matched, names, t, {
              upstream: 'cb.matched.upstream',
              deleted: 'cb.matched.deleted',
            })}
          </span>
        </p>
      )}
      <h4 className="cb-sub">{t('cb.detail.replyPlain')}</h4>
      <Code text={e.replyPlain ?? replySent} empty={t('cb.detail.noBody')} />
      <h4 className="cb-sub">{t('cb.detail.replySent')}</h4>
      {encryptedReply ? <Code text={replySent} /> : <p className="field-hint">{t('cb.detail.replySame')}</p>}
    </Section>
  );
}

/** Core's check of the reply (callbacks.get's replyLint), worded in the UI language. */
function Verdict({ lint: v }: { lint: ReplyLintDto }) {
  const { t } = useI18n();
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

/** The developer's own server, when the request was forwarded to it. */
export function UpstreamSection({ upstream: u }: { upstream: NonNullable<CallbackEntryDto['upstream']> }) {
  const { t, fmt } = useI18n();
  return (
    <Section title={t('cb.detail.section.upstream')}>
      <p className="cb-line">
        <code>{u.url}</code> · HTTP {u.status ?? '–'} · {ms(fmt, u.ms)} ms ·{' '}
        {u.relayed
          ? t('cb.detail.upstreamRelayed')
          : t('cb.detail.upstreamNotRelayed', { error: u.error ?? '' })}
      </p>
      {u.note && <p className="field-hint">{u.note}</p>}
      {u.body !== null && <Code text={u.body} empty={t('cb.detail.noBody')} />}
    </Section>
  );
}

/** Retries: the dedupe verdict, and every delivery of the same message with a link to each. */
export function DedupeSection({
  entry: e,
  deliveries,
  onSelect,
}: {
  entry: CallbackEntryDto;
  deliveries: CallbackSummaryDto[];
  onSelect: (id: number) => void;
}) {
  const { t, fmt } = useI18n();
  return (
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
              <span className="cb-delivery-n">{t('cb.detail.deliveryOrdinal', { n: d.delivery })}</span>
              <button
                type="button"
                className="btn btn-sm btn-ghost"
                onClick={() => onSelect(d.id)}
                disabled={d.id === e.id}
              >
                {t('cb.detail.openEntry', { id: d.id })}
              </button>
              <span className="mono">{fmt.dateTimeMs(d.at)}</span>
              <span className="badge cb-chip" data-tone={tone(d)}>
                {d.status} · {reasonLabel(t, d.reason)}
              </span>
              <span className="mono">{ms(fmt, d.totalMs)} ms</span>
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}

/** Replies sent after the 5 s window through the customer-service API. */
export function LateSection({ lateReplies }: { lateReplies: CallbackEntryDto['lateReplies'] }) {
  const { t } = useI18n();
  return (
    <Section title={t('cb.detail.section.late')}>
      <ul className="cb-late">
        {lateReplies.map((l) => (
          <li key={l.id}>
            <span
              className="badge cb-chip"
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
  );
}
