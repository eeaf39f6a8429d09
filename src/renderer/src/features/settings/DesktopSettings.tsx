import { useState, type FormEvent } from 'react';
import type { Settings } from '../../../../shared/api/areas/settings';
import { Field, controlProps } from '../../components/Field';
import type { MessageKey } from '../../i18n/i18n';
import { useI18n } from '../../i18n/I18nProvider';
import { usePreferences } from '../../preferences/PreferencesProvider';

type Toggle = 'closeToTray' | 'startAtLogin';
type Notify = 'notifyFanMessages' | 'notifyCallbackErrors' | 'notifyTunnel' | 'notifyTokens';
const NOTIFY: Notify[] = ['notifyFanMessages', 'notifyCallbackErrors', 'notifyTunnel', 'notifyTokens'];

/** The desktop app's own settings (src/main reads them): tray, login, notifications, update feed. */
export function DesktopSettings({ settings }: { settings: Settings }) {
  const { t } = useI18n();
  const { update } = usePreferences();
  // A switch shows the click at once; the saved settings take over when the server answers.
  const [pending, setPending] = useState<Partial<Record<Toggle | Notify, boolean>>>({});
  const toggle = async (key: Toggle | Notify, on: boolean) => {
    setPending((p) => ({ ...p, [key]: on }));
    await update({ [key]: on });
    setPending(({ [key]: _, ...rest }) => rest);
  };
  const check = (key: Toggle | Notify, label: MessageKey, hint?: MessageKey) => (
    <label className="settings-check" key={key}>
      <input
        type="checkbox"
        checked={pending[key] ?? settings[key]}
        aria-describedby={hint ? `settings-${key}-hint` : undefined}
        onChange={(e) => void toggle(key, e.target.checked)}
      />
      <span>
        {t(label)}
        {hint && (
          <span className="field-hint" id={`settings-${key}-hint`}>
            {t(hint)}
          </span>
        )}
      </span>
    </label>
  );
  return (
    <section className="card settings-card" aria-labelledby="settings-desktop">
      <h2 id="settings-desktop">{t('settings.desktop')}</h2>
      {check('closeToTray', 'settings.closeToTray', 'settings.closeToTray.hint')}
      {check('startAtLogin', 'settings.startAtLogin')}
      <fieldset className="settings-fieldset">
        <legend className="field-label">{t('settings.notifications')}</legend>
        {NOTIFY.map((k) => check(k, `settings.${k}`))}
      </fieldset>
      <UpdateFeed value={settings.updateFeedUrl} />
    </section>
  );
}

function UpdateFeed({ value }: { value: string }) {
  const { t, issueText } = useI18n();
  const { update } = usePreferences();
  const [draft, setDraft] = useState(value);
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const r = await update({ updateFeedUrl: draft.trim() });
    if (r.ok) {
      setError(undefined);
      setSaved(true);
      return;
    }
    const issue = r.error.issues?.find((i) => i.path === 'updateFeedUrl');
    setError(issue ? issueText(issue) : r.error.message);
  }

  return (
    <form onSubmit={submit} noValidate>
      <Field
        id="settings-updateFeedUrl"
        label={t('settings.updateFeed')}
        hint={t('settings.updateFeed.hint')}
        error={error}
      >
        <div className="field-row">
          <input
            className="input mono"
            {...controlProps('settings-updateFeedUrl', error, true)}
            placeholder="https://dl.example.com/mpdesk/"
            spellCheck={false}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
          />
          <button type="submit" className="btn">
            {t('common.save')}
          </button>
          <span role="status" className="field-hint">
            {saved ? t('settings.saved') : ''}
          </span>
        </div>
      </Field>
    </form>
  );
}
