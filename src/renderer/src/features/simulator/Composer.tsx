import { useEffect, useId, useState, type FormEvent } from 'react';
import { useApi } from '../../api/api-context';
import { controlProps, Field } from '../../components/Field';
import {
  EVENT_KINDS,
  FIELDS,
  initialValues,
  MENU_TYPE_OF,
  menuKeys,
  MESSAGE_KINDS,
  validate,
  type ComposeKind,
} from './compose';
import { useI18n } from '../../i18n/I18nProvider';

/** The menu's CLICK / scancode keys and VIEW URLs, read with the 接口调试 call (`/cgi-bin/menu/get`) when asked for. */
function useMenuKeys(accountId: string, enabled: boolean) {
  const api = useApi();
  const [keys, setKeys] = useState<{ key: string; name: string; type: string }[]>([]);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    void api.call('api.request', { accountId, method: 'GET', path: '/cgi-bin/menu/get' }).then((r) => {
      if (live && r.ok) setKeys(menuKeys(r.value.response));
    });
    return () => {
      live = false;
    };
  }, [api, accountId, enabled]);
  return keys;
}

/** Every message and event a fan can produce, with its fields; validates before it sends. */
export function Composer({
  accountId,
  busy,
  onSend,
}: {
  accountId: string;
  busy: boolean;
  onSend: (kind: ComposeKind, values: Record<string, string>) => Promise<boolean>;
}) {
  const { t } = useI18n();
  const uid = useId();
  const [kind, setKind] = useState<ComposeKind>('subscribe');
  const [values, setValues] = useState(() => initialValues('subscribe'));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const menuType = MENU_TYPE_OF[kind];
  const wantsKeys = !!menuType;
  const keys = useMenuKeys(accountId, wantsKeys);
  const offered = keys.filter((k) => k.type === menuType);
  const isEvent = (EVENT_KINDS as readonly string[]).includes(kind);

  const choose = (k: ComposeKind) => {
    setKind(k);
    setValues(initialValues(k));
    setErrors({});
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const errs = validate(kind, values);
    setErrors(Object.fromEntries(Object.entries(errs).map(([k, v]) => [k, t(v)])));
    if (Object.keys(errs).length > 0) return;
    await onSend(kind, values);
  };

  return (
    <form className="card sim-composer" onSubmit={submit} aria-labelledby={`${uid}-h`} noValidate>
      <h2 id={`${uid}-h`} className="section-title">
        {t('sim.compose')}
      </h2>
      <div className="field">
        <label className="field-label" htmlFor={`${uid}-kind`}>
          {t('sim.kind')}
        </label>
        <select
          id={`${uid}-kind`}
          className="select"
          value={kind}
          onChange={(e) => choose(e.target.value as ComposeKind)}
        >
          <optgroup label={t('sim.compose.messages')}>
            {MESSAGE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`sim.kind.${k}`)}
              </option>
            ))}
          </optgroup>
          <optgroup label={t('sim.compose.events')}>
            {EVENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`sim.kind.${k}`)} · {k}
              </option>
            ))}
          </optgroup>
        </select>
      </div>
      {FIELDS[kind].map((f) => {
        const id = `${uid}-${f.name}`;
        const hint = f.hint ? t(f.hint) : undefined;
        const common = {
          ...controlProps(id, errors[f.name], hint),
          value: values[f.name] ?? '',
          onChange: (e: { target: { value: string } }) =>
            setValues((v) => ({ ...v, [f.name]: e.target.value })),
        };
        const listId = f.name === 'EventKey' && wantsKeys ? `${uid}-keys` : undefined;
        return (
          <Field
            key={f.name}
            id={id}
            label={t(f.label)}
            optional={!f.required}
            hint={hint}
            error={errors[f.name]}
          >
            {f.multiline ? (
              <textarea className="input sim-textarea" rows={3} {...common} />
            ) : (
              <input className="input" list={listId} autoComplete="off" {...common} />
            )}
          </Field>
        );
      })}
      {wantsKeys && (
        <datalist id={`${uid}-keys`}>
          {offered.map((k) => (
            <option key={k.key} value={k.key}>
              {k.name}
            </option>
          ))}
        </datalist>
      )}
      {wantsKeys && offered.length > 0 && (
        <div className="sim-chips" aria-label={t('sim.field.clickKey.hint')}>
          {offered.map((k) => (
            <button
              key={k.key}
              type="button"
              className="btn btn-sm"
              aria-pressed={values.EventKey === k.key}
              onClick={() => setValues((v) => ({ ...v, EventKey: k.key }))}
            >
              {k.name} <code>{k.key}</code>
            </button>
          ))}
        </div>
      )}
      <div>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {isEvent ? t('sim.trigger') : t('sim.send')}
        </button>
      </div>
    </form>
  );
}
