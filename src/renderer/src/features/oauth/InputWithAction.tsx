import type { ReactNode } from 'react';
import { controlProps } from '../../components/Field';

/** A labelled monospace input with a button beside it and, below, its error or its hint. */
export function InputWithAction({
  id,
  label,
  value,
  placeholder,
  maxLength,
  onChange,
  error,
  hint,
  action,
}: {
  id: string;
  label: string;
  value: string;
  placeholder?: string;
  maxLength?: number;
  onChange: (v: string) => void;
  error: string | undefined;
  hint: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <div className="oauth-row">
        <input
          className="input mono"
          {...controlProps(id, error, hint)}
          value={value}
          placeholder={placeholder}
          maxLength={maxLength}
          onChange={(e) => onChange(e.target.value)}
          spellCheck={false}
        />
        {action}
      </div>
      {error ? (
        <div className="field-error" id={`${id}-error`} role="alert">
          {error}
        </div>
      ) : (
        <div className="field-hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
    </div>
  );
}
