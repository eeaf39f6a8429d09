import { useState } from 'react';
import type { FanTagDto } from '../../../../shared/api/areas/fans';
import type { Result } from '../../../../shared/api/result';
import { useApi } from '../../api/api-context';
import { errorLine } from '../../components/wechat-refusal';
import { useI18n } from '../../i18n/I18nProvider';

/** What acts on the fans ticked in the list: tag or untag (50 a batch), blacklist (20 a batch). */
export function BatchBar({
  accountId,
  openids,
  tags,
  onClear,
}: {
  accountId: string;
  openids: string[];
  tags: FanTagDto[];
  onClear: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const api = useApi();
  const [tagId, setTagId] = useState<number | null>(tags[0]?.id ?? null);
  const [note, setNote] = useState<{ text: string; error?: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const done = (r: Result<{ changed: number }>) => {
    setBusy(false);
    if (r.ok) return setNote({ text: t('fans.batch.done', { count: r.value.changed }) });
    const changed = Number(r.error.details?.changed ?? 0);
    setNote({ text: t('fans.batch.failed', { changed, reason: errorLine(r.error, i18n) }), error: true });
  };
  const tagFans = async (tagged: boolean) => {
    if (tagId === null) return;
    setBusy(true);
    done(await api.call('fans.tagFans', { accountId, openids, tagId, tagged }));
  };
  const blacklist = async (blacklisted: boolean) => {
    setBusy(true);
    done(await api.call('fans.blacklist', { accountId, openids, blacklisted }));
  };
  return (
    <div className="fans-batch" role="region" aria-label={t('fans.batch.label')}>
      <strong>{t('fans.batch.selected', { count: openids.length })}</strong>
      <select
        className="select"
        aria-label={t('fans.batch.tag')}
        value={tagId ?? ''}
        onChange={(e) => setTagId(Number(e.target.value))}
      >
        {tags.map((tag) => (
          <option key={tag.id} value={tag.id}>
            {tag.name}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="btn btn-sm"
        disabled={busy || tagId === null}
        onClick={() => void tagFans(true)}
      >
        {t('fans.batch.addTag')}
      </button>
      <button
        type="button"
        className="btn btn-sm"
        disabled={busy || tagId === null}
        onClick={() => void tagFans(false)}
      >
        {t('fans.batch.removeTag')}
      </button>
      <button type="button" className="btn btn-sm" disabled={busy} onClick={() => void blacklist(true)}>
        {t('fans.batch.blacklist')}
      </button>
      <button type="button" className="btn btn-sm" disabled={busy} onClick={() => void blacklist(false)}>
        {t('fans.batch.unblacklist')}
      </button>
      <button type="button" className="btn btn-sm btn-ghost" onClick={onClear}>
        {t('fans.batch.clear')}
      </button>
      {note && (
        <span className={note.error ? 'fans-error' : 'fans-ok'} role={note.error ? 'alert' : 'status'}>
          {note.text}
        </span>
      )}
    </div>
  );
}
