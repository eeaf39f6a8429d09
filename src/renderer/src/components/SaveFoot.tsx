import { useI18n } from '../i18n/I18nProvider';

/** The foot of a form dialog: Cancel, and Save (the form's submit) showing "Saving…" while busy. */
export function SaveFoot({ busy, onCancel }: { busy: boolean; onCancel: () => void }) {
  const { t } = useI18n();
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
