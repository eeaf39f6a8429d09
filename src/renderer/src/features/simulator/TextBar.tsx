import { useId, useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/I18nProvider';

/** The chat's text input: type, send; the text stays if sending failed. */
export function TextBar({
  pending,
  onSend,
}: {
  pending: boolean;
  onSend: (text: string) => Promise<boolean>;
}) {
  const { t } = useI18n();
  const uid = useId();
  const [draft, setDraft] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft.trim()) return;
    if (await onSend(draft)) setDraft('');
  };
  return (
    <form className="sim-inputbar" onSubmit={submit}>
      <label className="visually-hidden" htmlFor={`${uid}-text`}>
        {t('sim.field.Content')}
      </label>
      <input
        id={`${uid}-text`}
        className="input"
        value={draft}
        maxLength={2000}
        autoComplete="off"
        placeholder={t('sim.field.Content')}
        onChange={(e) => setDraft(e.target.value)}
      />
      <button type="submit" className="btn btn-primary" disabled={pending || !draft.trim()}>
        {t('sim.send')}
      </button>
    </form>
  );
}
