import { useI18n } from '../i18n/I18nProvider';
import type { ReactNode } from 'react';

/** Props that bind a control to its Field's label, hint and error (pass to the <input>). */
export function controlProps(id: string, error?: string, hint?: ReactNode) {
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ');
  return {
    id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy || undefined,
  } as const;
}

/** A labelled form row: label, control, then the error (in the user's language) or a hint. */
export function Field({
  id,
  label,
  optional = false,
  hint,
  error,
  children,
}: {
  id: string;
  label: ReactNode;
  optional?: boolean;
  hint?: ReactNode;
  error?: string;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <div className="field" data-field={id}>
      <label className="field-label" htmlFor={id}>
        {label}
        {optional && <span className="field-optional">{t('common.optional')}</span>}
      </label>
      {children}
      {error && (
        <div className="field-error" id={`${id}-error`} role="alert">
          {error}
        </div>
      )}
      {hint && (
        <div className="field-hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
    </div>
  );
}
