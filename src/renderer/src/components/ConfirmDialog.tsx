import { useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { Dialog } from './Dialog';

/** "Are you sure?" with the destructive button named after the action, e.g. 删除. */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  onConfirm,
  onClose,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => Promise<void> | void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  return (
    <Dialog title={title} onClose={onClose}>
      <div className="dialog-body">{children}</div>
      <div className="dialog-foot">
        <button type="button" className="btn" onClick={onClose} data-autofocus>
          {t('common.cancel')}
        </button>
        <button
          type="button"
          className="btn btn-danger-solid"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            try {
              await onConfirm();
            } finally {
              setBusy(false);
            }
          }}
        >
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
