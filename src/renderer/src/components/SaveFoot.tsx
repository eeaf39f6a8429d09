import { useT } from '../i18n/i18n';

/** The foot of a form dialog: Cancel, and Save (the form's submit) showing "Saving…" while busy. */
export function SaveFoot({ busy, onCancel }: { busy: boolean; onCancel: () => void }) {
  const t = useT();
  return (
    <div className="dialog-foot">
      <button type="button" className="btn" onClick={onCancel}>
        {t('common.cancel')}
      </button>
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {busy ? t('common.saving') : t('common.save')}
      </button>
    </div>
  );
}
