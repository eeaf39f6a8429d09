import { useState } from 'react';
import {
  UPSTREAM_ORDERS,
  upstreamSetSchema,
  type UpstreamConfigDto,
} from '../../../../../shared/api/areas/upstream';
import { useApi } from '../../../api/api-context';
import { controlProps, Field } from '../../../components/Field';
import { useI18n } from '../../../i18n/I18nProvider';
import { useCall } from '../../../api/use-call';
import { CheckboxLabel } from '../../../components/CheckboxLabel';
import { RadioCards } from '../../../components/RadioCards';

const TIMEOUT = { min: 100, max: 4500 };

/** Forwarding to the developer's own server: on/off, its URL, the order with the rules, a timeout. */
export function ForwardingCard({ accountId }: { accountId: string }) {
  const { t } = useI18n();
  const saved = useCall('upstream.get', { accountId });
  return (
    <section className="card settings-card" aria-labelledby="dev-fwd-h" id="dev-forwarding">
      <h2 id="dev-fwd-h">{t('dev.fwd.title')}</h2>
      <p className="field-hint">{t('dev.fwd.intro')}</p>
      {saved.data ? (
        <ForwardingForm config={saved.data} onSaved={saved.set} />
      ) : (
        <p className="field-hint">{t('common.loading')}</p>
      )}
    </section>
  );
}

function ForwardingForm({
  config,
  onSaved,
}: {
  config: UpstreamConfigDto;
  onSaved: (c: UpstreamConfigDto) => void;
}) {
  const { t, issueText, errorText } = useI18n();
  const api = useApi();
  const [v, setV] = useState({ ...config, timeoutMs: String(config.timeoutMs) });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [note, setNote] = useState<{ text: string; tone: 'ok' | 'error' }>();
  const edit = (patch: Partial<typeof v>) => {
    setV({ ...v, ...patch });
    setNote(undefined);
  };

  const save = async () => {
    const input = { ...v, url: v.url.trim(), timeoutMs: Number(v.timeoutMs) };
    const local = upstreamSetSchema.safeParse(input);
    const found: Record<string, string> = {};
    for (const i of local.success ? [] : local.error.issues) {
      const k = String(i.path[0]);
      found[k] ??= i.message.startsWith('validation.') ? i.message : 'validation.invalid';
    }
    if (input.enabled && !input.url) found.url = 'validation.url';
    setErrors(found);
    if (Object.keys(found).length) return;
    const r = await api.call('upstream.set', input);
    if (r.ok) {
      onSaved(r.value);
      setNote({ text: t('dev.fwd.saved'), tone: 'ok' });
    } else {
      setErrors(Object.fromEntries((r.error.issues ?? []).map((i) => [i.path, i.key])));
      setNote({ text: t('dev.fwd.saveFailed', { reason: errorText(r.error) }), tone: 'error' });
    }
  };
  const err = (k: string) =>
    errors[k]
      ? k === 'timeoutMs'
        ? t('settings.range', TIMEOUT)
        : issueText({ key: errors[k], message: errors[k] })
      : undefined;

  return (
    <>
      <CheckboxLabel className="settings-check" checked={v.enabled} onChange={(on) => edit({ enabled: on })}>
        {t('dev.fwd.enabled')}
      </CheckboxLabel>
      <Field id="dev-fwd-url" label={t('dev.fwd.url')} hint={t('dev.fwd.url.hint')} error={err('url')}>
        <input
          className="input mono"
          {...controlProps('dev-fwd-url', err('url'), true)}
          value={v.url}
          placeholder="http://127.0.0.1:8080/wechat"
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => edit({ url: e.target.value })}
        />
      </Field>
      <fieldset className="field fieldset">
        <legend className="field-label">{t('dev.fwd.order')}</legend>
        <RadioCards
          name="dev-fwd-order"
          options={UPSTREAM_ORDERS}
          value={v.order}
          onChange={(o) => edit({ order: o })}
          title={(o) => t(`dev.fwd.order.${o}`)}
          desc={(o) => t(`dev.fwd.order.${o}.desc`)}
        />
      </fieldset>
      <Field
        id="dev-fwd-timeout"
        label={t('dev.fwd.timeout')}
        hint={t('dev.fwd.timeout.hint', TIMEOUT)}
        error={err('timeoutMs')}
      >
        <div className="field-row">
          <input
            className="input"
            style={{ maxWidth: 160 }}
            inputMode="numeric"
            {...controlProps('dev-fwd-timeout', err('timeoutMs'), true)}
            value={v.timeoutMs}
            onChange={(e) => edit({ timeoutMs: e.target.value })}
          />
          <span className="field-hint">{t('settings.unit.ms')}</span>
        </div>
      </Field>
      <div className="field-row">
        <button type="button" className="btn btn-primary" onClick={() => void save()}>
          {t('common.save')}
        </button>
        <span role="status" className={note?.tone === 'error' ? 'field-error' : 'field-hint'}>
          {note?.text}
        </span>
      </div>
    </>
  );
}
