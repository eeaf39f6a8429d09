import { useId, useState } from 'react';
import type { CallbackEntryDto, ReplayResult } from '../../../../shared/api/areas/callbacks';
import { useApi } from '../../api/api-context';
import { Dialog } from '../../components/Dialog';
import { useI18n } from '../../i18n/I18nProvider';
import { FieldsEditor, type Field } from './FieldsEditor';
import { xmlFields } from './xml-fields';
import { CheckboxLabel } from '../../components/CheckboxLabel';

function cdata(v: string): string {
  return `<![CDATA[${v.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

/** Fields back to WeChat's XML shape: numbers bare, nested XML as is, text in CDATA (§2.2). */
export function fieldsToXml(fields: readonly Field[]): string {
  const lines = fields
    .filter(([k]) => /^[A-Za-z_][\w.-]*$/.test(k))
    .map(([k, v]) => {
      const inner = /^\d+$/.test(v) ? v : v.trim().startsWith('<') ? v : cdata(v);
      return `  <${k}>${inner}</${k}>`;
    });
  return `<xml>\n${lines.join('\n')}\n</xml>`;
}

/** A MsgId WeChat could have sent: 64-bit decimal (kept as a string). */
function freshMsgId(): string {
  const hi = Math.floor(Math.random() * 2 ** 20) + 2 ** 21;
  const lo = Math.floor(Math.random() * 10 ** 12);
  return `${hi}${String(lo).padStart(12, '0')}`;
}

/**
 * Edit the message (as fields or as XML) and send it again: core re-signs it with the account's
 * Token and encrypts it the way the original request was, so it passes the listener's checks.
 */
export function EditReplayDialog({
  entry,
  onClose,
  onSent,
}: {
  entry: CallbackEntryDto;
  onClose: () => void;
  onSent: (r: ReplayResult) => void;
}) {
  const { t } = useI18n();
  const api = useApi();
  const original = entry.decryptedXml ?? entry.rawBody;
  const [mode, setMode] = useState<'fields' | 'xml'>('fields');
  const [fields, setFields] = useState<Field[]>(() => xmlFields(original) ?? []);
  const [xml, setXml] = useState(original);
  const [fresh, setFresh] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const ids = useId();

  const switchTo = (m: 'fields' | 'xml') => {
    if (m === mode) return;
    if (m === 'xml') setXml(fieldsToXml(fields));
    else {
      const parsed = xmlFields(xml);
      if (!parsed) {
        setError(t('cb.edit.badXml', { reason: 'XML' }));
        return;
      }
      setFields(parsed);
    }
    setError(undefined);
    setMode(m);
  };

  const send = async () => {
    let list = mode === 'fields' ? fields : xmlFields(xml);
    if (!list) {
      setError(t('cb.edit.badXml', { reason: 'XML' }));
      return;
    }
    if (fresh) {
      const now = String(Math.floor(Date.now() / 1000));
      list = list.map(([k, v]): Field =>
        k === 'MsgId' ? [k, freshMsgId()] : k === 'CreateTime' ? [k, now] : [k, v],
      );
    }
    const body = mode === 'xml' && !fresh ? xml : fieldsToXml(list);
    setBusy(true);
    setError(undefined);
    const r = await api.call('callbacks.replayEdited', { id: entry.id, xml: body });
    setBusy(false);
    if (r.ok) onSent(r.value);
    else setError(t('cb.action.failed', { reason: r.error.message }));
  };

  return (
    <Dialog title={t('cb.edit.title', { id: entry.id })} onClose={onClose} wide>
      <form
        className="dialog-form"
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <div className="dialog-body">
          <p className="field-hint" style={{ marginTop: 0 }}>
            {t('cb.edit.intro')}
          </p>
          {!entry.accountId && (
            <div className="alert" role="alert">
              {t('cb.edit.noAccount')}
            </div>
          )}
          <div className="segmented" role="group" aria-label={t('cb.edit.title', { id: entry.id })}>
            <button type="button" aria-pressed={mode === 'fields'} onClick={() => switchTo('fields')}>
              {t('cb.edit.fields')}
            </button>
            <button type="button" aria-pressed={mode === 'xml'} onClick={() => switchTo('xml')}>
              {t('cb.edit.xml')}
            </button>
          </div>
          {mode === 'fields' ? (
            <FieldsEditor fields={fields} onChange={setFields} />
          ) : (
            <div className="field">
              <label className="field-label" htmlFor={`${ids}-xml`}>
                {t('cb.edit.xmlLabel')}
              </label>
              <textarea
                id={`${ids}-xml`}
                className="input mono cb-edit-xml"
                spellCheck={false}
                value={xml}
                onChange={(e) => setXml(e.target.value)}
                rows={14}
              />
            </div>
          )}
          <CheckboxLabel className="cb-check" checked={fresh} onChange={setFresh}>
            {t('cb.edit.fresh')}
          </CheckboxLabel>
          {error && (
            <div className="alert" role="alert">
              {error}
            </div>
          )}
        </div>
        <div className="dialog-foot">
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy || !entry.accountId}>
            {busy ? t('cb.action.replaying') : t('cb.edit.send')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
