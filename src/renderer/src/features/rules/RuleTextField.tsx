import { controlProps, Field } from '../../components/Field';
import type { RuleFormApi } from './use-rule-form';

/** One text field of the rule editor, with its error by path (`replies.0.content`). */
export function RuleTextField({
  f,
  path,
  label,
  value,
  onChange,
  hint,
  optional,
  multiline,
  mono,
}: {
  f: Pick<RuleFormApi, 'id' | 'err'>;
  path: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  hint?: string;
  optional?: boolean;
  multiline?: boolean;
  mono?: boolean;
}) {
  const id = f.id(path);
  const error = f.err(path);
  return (
    <Field id={id} label={label} hint={hint} optional={optional} error={error}>
      {multiline ? (
        <textarea
          className="input rules-textarea"
          rows={3}
          {...controlProps(id, error, hint)}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      ) : (
        <input
          className={mono ? 'input mono' : 'input'}
          {...controlProps(id, error, hint)}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}
