import type { CallbackEntryDto, CallbackSummaryDto } from '../../../../shared/api/areas/callbacks';
import { useI18n } from '../../i18n/I18nProvider';
import { Code } from './ClippedText';
import { KvTable, Section } from './EntryParts';
import { DedupeSection, LateSection, ReplySection, UpstreamSection } from './EntrySections';
import { isError } from './filters';
import { explanationKeys, reasonLabel } from './format';
import { StageTimeline } from './StageTimeline';
import { tone } from './tone';

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
}: {
  entry: CallbackEntryDto;
  deadlineMs: number;
  deliveries: CallbackSummaryDto[];
  onSelect: (id: number) => void;
}) {
  const { t } = useI18n();
  const parsed = e.parsed ? Object.entries(e.parsed).filter(([k]) => k !== 'raw') : [];
  return (
    <>
      <Explanation entry={e} />

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

      <ReplySection entry={e} />
      {e.upstream && <UpstreamSection upstream={e.upstream} />}
      <DedupeSection entry={e} deliveries={deliveries} onSelect={onSelect} />
      {e.lateReplies.length > 0 && <LateSection lateReplies={e.lateReplies} />}
    </>
  );
}

/** Why it failed and how to fix it, in plain words, with what MPDesk recorded. */
function Explanation({ entry: e }: { entry: CallbackEntryDto }) {
  const { t } = useI18n();
  const why = explanationKeys(e.reason);
  if (!why)
    return e.detail ? <p className="muted mono">{t('cb.explain.detail', { detail: e.detail })}</p> : null;
  return (
    <div className="cb-explain" data-tone={tone(e)} role={isError(e) ? 'alert' : undefined}>
      <h3>{t('cb.explain.title', { reason: reasonLabel(t, e.reason) })}</h3>
      <p>{t(why.explain)}</p>
      <p>
        <strong>{t('cb.explain.fix')}</strong> {t(why.fix)}
      </p>
      {e.detail && <p className="muted mono">{t('cb.explain.detail', { detail: e.detail })}</p>}
    </div>
  );
}
