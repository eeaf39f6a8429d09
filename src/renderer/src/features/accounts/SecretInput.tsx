import type { AccountDto } from '../../../../shared/api/areas/accounts';
import { Field, controlProps } from '../../components/Field';
import { useI18n } from '../../i18n/I18nProvider';
import type { SecretField } from './account-form';

/**
 * A write-only secret. New: an input (and Generate). Stored: "已设置" with Replace; replacing shows an
 * empty input where leaving it empty keeps the stored value.
 */
export function SecretInput({
  field,
  label,
  hint,
  existing,
  editing,
  value,
  error,
  onChange,
  onEditingChange,
  onGenerate,
  password = false,
}: {
  field: SecretField;
  label: string;
  hint: string;
  existing?: AccountDto;
  editing: boolean;
  value: string;
  error?: string;
  onChange: (v: string) => void;
  onEditingChange: (on: boolean) => void;
  onGenerate?: () => void;
  password?: boolean;
}) {
  const { t } = useI18n();
  const id = `account-${field}`;
  const stored = !!existing?.[field].isSet;
  if (stored && !editing) {
    return (
      <Field id={id} label={label} hint={hint} error={error}>
        <div className="secret-set">
          <span className="badge badge-ok">{t('common.set')}</span>
          <span className="spacer" />
          <button
            type="button"
            className="btn btn-sm"
            aria-label={t('accounts.secret.replaceNamed', { name: label })}
            onClick={() => onEditingChange(true)}
          >
            {t('accounts.secret.replace')}
          </button>
        </div>
      </Field>
    );
  }
  return (
    <Field id={id} label={label} hint={stored ? t('accounts.secret.keepHint') : hint} error={error}>
      <div className="field-row">
        <input
          className="input mono"
          {...controlProps(id, error, true)}
          type={password ? 'password' : 'text'}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          placeholder={stored ? t('accounts.secret.keepHint') : undefined}
          autoComplete={password ? 'new-password' : 'off'}
          spellCheck={false}
          autoFocus={stored}
        />
        {onGenerate && (
          <button
            type="button"
            className="btn"
            aria-label={t('common.generateNamed', { name: label })}
            onClick={onGenerate}
          >
            {t('common.generate')}
          </button>
        )}
        {stored && (
          <button type="button" className="btn btn-ghost" onClick={() => onEditingChange(false)}>
            {t('accounts.secret.keep')}
          </button>
        )}
      </div>
    </Field>
  );
}
