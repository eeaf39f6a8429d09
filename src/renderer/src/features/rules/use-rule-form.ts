import { useId, useState, type FormEvent } from 'react';
import type { RuleDto } from '../../../../shared/api/areas/rules';
import { useApi } from '../../api/api-context';
import { useI18n } from '../../i18n/I18nProvider';
import { formOf, inputOf, validateInput, type ReplyForm, type RuleForm } from './rule-form';

/**
 * The rule being edited and its problems by field path: the contract's validator first, then the
 * server's issues, each worded in the UI language next to its field.
 */
export function useRuleForm({
  accountId,
  existing,
  nextPriority,
  onSaved,
}: {
  accountId: string;
  existing?: RuleDto;
  nextPriority: number;
  onSaved: (rule: RuleDto) => void;
}) {
  const { issueText, errorText } = useI18n();
  const api = useApi();
  const uid = useId();
  const [form, setForm] = useState<RuleForm>(() => formOf(existing));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);

  const set = <K extends keyof RuleForm>(k: K, v: RuleForm[K]) => setForm((f) => ({ ...f, [k]: v }));
  const setReply = (i: number, patch: Partial<ReplyForm>) =>
    setForm((f) => ({ ...f, replies: f.replies.map((r, j) => (j === i ? { ...r, ...patch } : r)) }));
  /** The problem at a field path (`replies.0.content`), worded. */
  const err = (path: string) =>
    errors[path] ? issueText({ key: errors[path], message: errors[path] }) : undefined;
  /** A DOM id for a field path, unique to this editor. */
  const id = (path: string) => `${uid}-${path.replace(/\./g, '-')}`;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const input = inputOf(form, accountId, existing, nextPriority);
    const local = validateInput(input);
    setErrors(local);
    setFailure(undefined);
    if (Object.keys(local).length > 0) {
      // Move focus to the first field that needs attention.
      requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setBusy(true);
    const r = await api.call('rules.save', input);
    setBusy(false);
    if (r.ok) return onSaved(r.value);
    if (r.error.issues?.length) setErrors(Object.fromEntries(r.error.issues.map((i) => [i.path, i.key])));
    setFailure(errorText(r.error));
  };

  return { uid, form, set, setReply, err, id, failure, busy, submit };
}

export type RuleFormApi = ReturnType<typeof useRuleForm>;
