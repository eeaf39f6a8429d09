import type { Dispatch, SetStateAction } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { CloseButton } from '../../components/CloseButton';

/** One element of the message: its name and its text. */
export type Field = [string, string];

/** The message as name/value rows: edit, remove, add. */
export function FieldsEditor({
  fields,
  onChange,
}: {
  fields: Field[];
  onChange: Dispatch<SetStateAction<Field[]>>;
}) {
  const { t } = useI18n();
  return (
    <div className="cb-edit-fields">
      {fields.map(([k, v], i) => (
        <div className="cb-edit-field" key={i}>
          <input
            className="input mono"
            aria-label={t('cb.edit.fieldName')}
            value={k}
            onChange={(e) => onChange((fs) => fs.map((f, j) => (j === i ? [e.target.value, f[1]] : f)))}
          />
          <input
            className="input mono"
            aria-label={t('cb.edit.fieldValue', { name: k })}
            value={v}
            onChange={(e) => onChange((fs) => fs.map((f, j) => (j === i ? [f[0], e.target.value] : f)))}
          />
          <CloseButton
            label={t('cb.edit.removeField', { name: k })}
            onClick={() => onChange((fs) => fs.filter((_, j) => j !== i))}
          />
        </div>
      ))}
      <button type="button" className="btn btn-sm" onClick={() => onChange((fs) => [...fs, ['', '']])}>
        {t('cb.edit.addField')}
      </button>
    </div>
  );
}
