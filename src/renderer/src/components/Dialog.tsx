import { useI18n } from '../i18n/I18nProvider';
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { CloseButton } from './CloseButton';

/**
 * A modal built on <dialog>: the browser gives focus trapping, Esc (the `cancel` event, which we turn
 * into onClose) and the top layer. Mount it to open, unmount it to close. Mark the control that
 * should get focus first with `data-autofocus`.
 */
export function Dialog({
  title,
  onClose,
  children,
  wide = false,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
}) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    const opener = document.activeElement as HTMLElement | null;
    if (!d.open) d.showModal();
    // React's autoFocus ran before the dialog was shown (and failed); showModal() would pick the
    // close button. Focus the marked control, else the first field.
    const first =
      d.querySelector<HTMLElement>('[data-autofocus]') ??
      d.querySelector<HTMLElement>('input, select, textarea');
    first?.focus();
    return () => {
      if (d.open) d.close();
      // Give focus back to what opened the dialog, as a native modal would.
      opener?.focus?.();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog dialog-wide' : 'dialog'}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <div className="dialog-head">
        <h2 id={titleId}>{title}</h2>
        <CloseButton label={t('common.close')} onClick={onClose} />
      </div>
      {children}
    </dialog>
  );
}
