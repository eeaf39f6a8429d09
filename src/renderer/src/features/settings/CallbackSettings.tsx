import { useEffect, useRef, useState, type FormEvent } from 'react';
import { settingsSchema, type Settings } from '../../../../shared/api/areas/settings';
import { Field, controlProps } from '../../components/Field';
import { useI18n } from '../../i18n/I18nProvider';
import { isMessageKey } from '../../i18n/i18n';
import { usePreferences } from '../../preferences/PreferencesProvider';

type NumberSetting =
  'replyDeadlineMs' | 'callbackLogRetentionDays' | 'callbackLogMaxMb' | 'callbackTimestampWindowS';
const RANGES: Record<NumberSetting, { min: number; max: number }> = {
  replyDeadlineMs: { min: 500, max: 4900 },
  callbackLogRetentionDays: { min: 1, max: 3650 },
  callbackLogMaxMb: { min: 16, max: 1048576 },
  callbackTimestampWindowS: { min: 300, max: 604800 },
};
const NUMBER_SETTINGS = Object.keys(RANGES) as NumberSetting[];

/** The callback log's limits and the reply deadline, saved together. */
export function CallbackSettings({ settings, focus }: { settings: Settings; focus: boolean }) {
  const { t, issueText } = useI18n();
  const card = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (!focus) return;
    card.current?.scrollIntoView({ block: 'start' });
    document.getElementById('settings-replyDeadlineMs')?.focus();
  }, [focus]);
  const { update } = usePreferences();
  const [values, setValues] = useState<Record<NumberSetting, string>>(() => toStrings(settings));
  const [errors, setErrors] = useState<Partial<Record<NumberSetting, string>>>({});
  const [status, setStatus] = useState<string>();

  // Another window (or the API) changed them: follow, unless the user is mid-edit of that field.
  const server = toStrings(settings);
  const [last, setLast] = useState(server);
  if (NUMBER_SETTINGS.some((k) => server[k] !== last[k])) {
    setLast(server);
    setValues(server);
  }

  useEffect(() => {
    if (!status) return;
    const id = setTimeout(() => setStatus(undefined), 2500);
    return () => clearTimeout(id);
  }, [status]);

  const rangeText = (k: NumberSetting) => t('settings.range', RANGES[k]);

  const check = (k: NumberSetting, raw: string): string | undefined => {
    if (raw.trim() === '' || !/^-?\d+(\.\d+)?$/.test(raw.trim())) return t('validation.number');
    const r = settingsSchema.shape[k].safeParse(Number(raw));
    return r.success ? undefined : rangeText(k);
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setStatus(undefined);
    const found: Partial<Record<NumberSetting, string>> = {};
    for (const k of NUMBER_SETTINGS) {
      const err = check(k, values[k]);
      if (err) found[k] = err;
    }
    setErrors(found);
    if (Object.keys(found).length) return;
    const r = await update(Object.fromEntries(NUMBER_SETTINGS.map((k) => [k, Number(values[k])])));
    if (r.ok) {
      setStatus(t('settings.saved'));
      return;
    }
    const fieldErrors: Partial<Record<NumberSetting, string>> = {};
    for (const issue of r.error.issues ?? []) {
      if (issue.path in RANGES) {
        const k = issue.path as NumberSetting;
        // zod's min/max carry no key of ours: say the range, in the user's language.
        fieldErrors[k] = issue.key === 'validation.invalid' ? rangeText(k) : issueText(issue);
      }
    }
    setErrors(fieldErrors);
    const codeKey = `error.${r.error.code}`;
    setStatus(t('settings.saveFailed', { reason: isMessageKey(codeKey) ? t(codeKey) : r.error.message }));
  }

  const numberInput = (k: NumberSetting, id: string, unit: string) => (
    <div className="field-row">
      <input
        className="input"
        style={{ maxWidth: 160 }}
        {...controlProps(id, errors[k], true)}
        inputMode="numeric"
        value={values[k]}
        onChange={(e) => setValues({ ...values, [k]: e.target.value })}
      />
      <span className="field-hint">{unit}</span>
    </div>
  );

  return (
    <form
      className="card settings-card"
      aria-labelledby="settings-callbacks"
      onSubmit={submit}
      noValidate
      ref={card}
    >
      <h2 id="settings-callbacks">{t('settings.callbacks')}</h2>
      <Field
        id="settings-replyDeadlineMs"
        label={t('settings.replyDeadline')}
        hint={t('settings.replyDeadline.hint')}
        error={errors.replyDeadlineMs}
      >
        {numberInput('replyDeadlineMs', 'settings-replyDeadlineMs', t('settings.unit.ms'))}
      </Field>
      <Field
        id="settings-callbackLogRetentionDays"
        label={t('settings.retention')}
        hint={t('settings.retention.hint')}
        error={errors.callbackLogRetentionDays}
      >
        {numberInput(
          'callbackLogRetentionDays',
          'settings-callbackLogRetentionDays',
          t('settings.unit.days'),
        )}
      </Field>
      <Field
        id="settings-callbackLogMaxMb"
        label={t('settings.logMax')}
        hint={t('settings.logMax.hint')}
        error={errors.callbackLogMaxMb}
      >
        {numberInput('callbackLogMaxMb', 'settings-callbackLogMaxMb', t('settings.unit.mb'))}
      </Field>
      <Field
        id="settings-callbackTimestampWindowS"
        label={t('settings.timestampWindow')}
        hint={t('settings.timestampWindow.hint')}
        error={errors.callbackTimestampWindowS}
      >
        {numberInput(
          'callbackTimestampWindowS',
          'settings-callbackTimestampWindowS',
          t('settings.unit.seconds'),
        )}
      </Field>
      <div className="field-row">
        <button type="submit" className="btn btn-primary">
          {t('common.save')}
        </button>
        <span role="status" className="field-hint">
          {status}
        </span>
      </div>
    </form>
  );
}

function toStrings(s: Settings): Record<NumberSetting, string> {
  return Object.fromEntries(NUMBER_SETTINGS.map((k) => [k, String(s[k])])) as Record<NumberSetting, string>;
}
