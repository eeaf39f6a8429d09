import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { FanDto, FanTagDto } from '../../../../shared/api/areas/fans';
import { useApi } from '../../api/api-context';
import { CopyButton } from '../../components/CopyButton';
import { controlProps, Field } from '../../components/Field';
import { useI18n } from '../../i18n/I18nProvider';
import { sceneLabel, tagNames } from './FanList';

/** One follower's user/info, with the remark editable (user/info/updateremark, §9). */
export function FanDrawer({
  accountId,
  fan,
  tags,
  onSaved,
  onClose,
}: {
  accountId: string;
  fan: FanDto;
  tags: FanTagDto[];
  onSaved: (f: FanDto) => void;
  onClose: () => void;
}) {
  const { t, fmt, issueText, errorText } = useI18n();
  const api = useApi();
  const uid = useId();
  const [remark, setRemark] = useState(fan.remark ?? '');
  const [msg, setMsg] = useState<{ text: string; error?: boolean } | null>(null);
  const [fieldError, setFieldError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const r = await api.call('fans.remark', { accountId, openid: fan.openid, remark });
    setBusy(false);
    if (r.ok) {
      setFieldError(undefined);
      setMsg({ text: t('fans.remark.saved') });
      onSaved(r.value);
    } else {
      const issue = r.error.issues?.find((i) => i.path === 'remark');
      setFieldError(issue ? issueText(issue) : undefined);
      setMsg(issue ? null : { text: t('fans.remark.failed', { reason: errorText(r.error) }), error: true });
    }
  };

  const row = (label: string, value: ReactNode) => (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
  return (
    <aside className="card fans-drawer" aria-label={t('fans.detail')}>
      <header className="fans-drawer-head">
        <h2>{fan.remark || t('fans.noRemark')}</h2>
        <button type="button" className="btn btn-sm" onClick={onClose} aria-label={t('fans.close')}>
          ✕
        </button>
      </header>
      <dl className="fans-kv">
        {row(
          t('fans.field.openid'),
          <span className="fans-openid">
            {fan.openid} <CopyButton value={fan.openid} name="OpenID" />
          </span>,
        )}
        {fan.unionid && row(t('fans.field.unionid'), <span className="fans-openid">{fan.unionid}</span>)}
        {row(t('fans.field.subscribed'), fan.subscribed ? t('fans.yes') : t('fans.no'))}
        {row(t('fans.field.time'), fan.subscribeTime ? fmt.dateTime(fan.subscribeTime) : '—')}
        {row(t('fans.field.scene'), sceneLabel(t, fan.subscribeScene))}
        {row(t('fans.field.language'), fan.language ?? '—')}
        {row(t('fans.field.tags'), tagNames(tags, fan.tagIds).join('、') || '—')}
      </dl>
      <form onSubmit={save} className="fans-remark">
        <Field id={`${uid}-remark`} label={t('fans.remark')} error={fieldError} hint={t('fans.remark.hint')}>
          <input
            {...controlProps(`${uid}-remark`, fieldError, t('fans.remark.hint'))}
            className="input"
            value={remark}
            onChange={(e) => setRemark(e.target.value)}
          />
        </Field>
        <button type="submit" className="btn btn-primary" disabled={busy || remark === (fan.remark ?? '')}>
          {t('fans.remark.save')}
        </button>
        {msg && (
          <p role="status" className={msg.error ? 'fans-error' : 'fans-ok'}>
            {msg.text}
          </p>
        )}
      </form>
      <p className="field-hint">{t('fans.nicknameNote')}</p>
    </aside>
  );
}
