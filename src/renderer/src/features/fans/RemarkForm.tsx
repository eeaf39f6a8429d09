import { useId, useState, type FormEvent } from 'react';
import type { FanDto } from '../../../../shared/api/areas/fans';
import { useApi } from '../../api/api-context';
import { controlProps, Field } from '../../components/Field';
import { useI18n } from '../../i18n/I18nProvider';

/** The fan's remark (user/info/updateremark, §9): fewer than 30 characters, checked by core. */
export function RemarkForm({
  accountId,
  fan,
  onSaved,
}: {
  accountId: string;
  fan: FanDto;
  onSaved: (f: FanDto) => void;
}) {
  const { t, issueText, errorText } = useI18n();
  const api = useApi();
  const uid = useId();
  const [remark, setRemark] = useState(fan.remark);
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
      return;
    }
    const issue = r.error.issues?.find((i) => i.path === 'remark');
    setFieldError(issue ? issueText(issue) : undefined);
    setMsg(issue ? null : { text: t('fans.remark.failed', { reason: errorText(r.error) }), error: true });
  };

  return (
    <form onSubmit={save} className="fans-remark">
      <Field id={`${uid}-remark`} label={t('fans.remark')} error={fieldError} hint={t('fans.remark.hint')}>
        <input
          {...controlProps(`${uid}-remark`, fieldError, t('fans.remark.hint'))}
          className="input"
          value={remark}
          onChange={(e) => setRemark(e.target.value)}
        />
      </Field>
      <button type="submit" className="btn btn-primary" disabled={busy || remark === fan.remark}>
        {t('fans.remark.save')}
      </button>
      {msg && (
        <p role="status" className={msg.error ? 'fans-error' : 'fans-ok'}>
          {msg.text}
        </p>
      )}
    </form>
  );
}
