import { useState, type ReactNode } from 'react';
import type { FanDto, FanTagDto } from '../../../../shared/api/areas/fans';
import type { Result } from '../../../../shared/api/result';
import { useApi } from '../../api/api-context';
import { CopyButton } from '../../components/CopyButton';
import { errorLine } from '../../components/wechat-refusal';
import { useI18n } from '../../i18n/I18nProvider';
import { routeHref } from '../../shell/router';
import { sceneLabel } from './FanList';
import { RemarkForm } from './RemarkForm';

/** One fan from the store: their user/info, remark, tags and blacklist, and a way to write to them. */
export function FanDrawer({
  accountId,
  fan,
  tags,
  onChanged,
  onClose,
}: {
  accountId: string;
  fan: FanDto;
  tags: FanTagDto[];
  onChanged: (f: FanDto) => void;
  onClose: () => void;
}) {
  const i18n = useI18n();
  const { t, fmt } = i18n;
  const api = useApi();
  const [note, setNote] = useState<{ text: string; error?: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  /** Runs a change, then shows the fan as the store has them now. */
  const change = async (call: () => Promise<Result<unknown>>) => {
    setBusy(true);
    const r = await call();
    if (!r.ok) setNote({ text: errorLine(r.error, i18n), error: true });
    else setNote(null);
    const now = await api.call('fans.get', { accountId, openid: fan.openid });
    setBusy(false);
    if (now.ok) onChanged(now.value);
  };
  const toggleTag = (tagId: number, tagged: boolean) =>
    change(() => api.call('fans.tagFans', { accountId, openids: [fan.openid], tagId, tagged }));

  const row = (label: string, value: ReactNode) => (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
  return (
    <aside className="card fans-drawer" aria-label={t('fans.detail')}>
      <header className="fans-drawer-head">
        <h2>{fan.remark || fan.nickname || t('fans.noRemark')}</h2>
        <button type="button" className="btn btn-sm" onClick={onClose} aria-label={t('fans.close')}>
          ✕
        </button>
      </header>
      <div className="fans-drawer-actions">
        <a className="btn btn-sm btn-primary" href={routeHref('messages', accountId, fan.openid)}>
          {t('fans.message')}
        </a>
        <button
          type="button"
          className="btn btn-sm"
          disabled={busy}
          onClick={() =>
            void change(() => api.call('fans.get', { accountId, openid: fan.openid, refresh: true }))
          }
        >
          {t('fans.refresh')}
        </button>
        <button
          type="button"
          className="btn btn-sm"
          disabled={busy}
          onClick={() =>
            void change(() =>
              api.call('fans.blacklist', { accountId, openids: [fan.openid], blacklisted: !fan.blacklisted }),
            )
          }
        >
          {fan.blacklisted ? t('fans.unblacklist') : t('fans.blacklistOne')}
        </button>
      </div>
      {note && (
        <p className={note.error ? 'fans-error' : 'fans-ok'} role={note.error ? 'alert' : 'status'}>
          {note.text}
        </p>
      )}
      <dl className="fans-kv">
        {row(
          t('fans.field.openid'),
          <span className="fans-openid">
            {fan.openid} <CopyButton value={fan.openid} name="OpenID" />
          </span>,
        )}
        {fan.unionid && row(t('fans.field.unionid'), <span className="fans-openid">{fan.unionid}</span>)}
        {fan.nickname && row(t('fans.field.nickname'), fan.nickname)}
        {row(t('fans.field.subscribed'), fan.subscribed ? t('fans.yes') : t('fans.no'))}
        {row(t('fans.field.blacklisted'), fan.blacklisted ? t('fans.yes') : t('fans.no'))}
        {row(t('fans.field.time'), fan.subscribeTime ? fmt.dateTime(fan.subscribeTime) : '—')}
        {row(t('fans.field.scene'), sceneLabel(t, fan.subscribeScene))}
        {row(t('fans.field.language'), fan.language ?? '—')}
        {row(t('fans.field.seen'), fan.lastSeen ? fmt.dateTime(fan.lastSeen) : '—')}
        {row(t('fans.field.info'), fan.infoAt ? fmt.dateTime(fan.infoAt) : t('fans.field.infoNever'))}
      </dl>
      <fieldset className="fieldset fans-tag-boxes">
        <legend className="field-label">{t('fans.field.tags')}</legend>
        {tags.map((tag) => (
          <label key={tag.id} className="fans-tag-box">
            <input
              type="checkbox"
              disabled={busy}
              checked={fan.tagIds.includes(tag.id)}
              onChange={(e) => void toggleTag(tag.id, e.target.checked)}
            />
            {tag.name}
          </label>
        ))}
      </fieldset>
      <RemarkForm accountId={accountId} fan={fan} onSaved={onChanged} />
      <p className="field-hint">{t('fans.nicknameNote')}</p>
    </aside>
  );
}
