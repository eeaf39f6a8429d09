import { useState } from 'react';
import { useApi } from '../../api/api-context';
import { useI18n } from '../../i18n/I18nProvider';

/** Sandbox accounts only: more generated fans on the sandbox platform, then a sync to read them. */
export function SandboxFans({ accountId, onGenerated }: { accountId: string; onGenerated: () => void }) {
  const { t, errorText } = useI18n();
  const api = useApi();
  const [count, setCount] = useState(1000);
  const [note, setNote] = useState<{ text: string; error?: boolean } | null>(null);
  const generate = async () => {
    const r = await api.call('sandbox.generateFans', { accountId, count });
    if (!r.ok) return setNote({ text: errorText(r.error), error: true });
    setNote({ text: t('fans.generated', { added: r.value.added, total: r.value.total }) });
    onGenerated();
  };
  return (
    <div className="fans-generate">
      <span className="field-hint">{t('fans.generate.hint')}</span>
      <input
        className="input"
        type="number"
        min={1}
        max={200000}
        aria-label={t('fans.generateCount')}
        value={count}
        onChange={(e) => setCount(Math.max(1, Math.min(200_000, Number(e.target.value) || 1)))}
      />
      <button type="button" className="btn" onClick={() => void generate()}>
        {t('fans.generate')}
      </button>
      {note && (
        <span className={note.error ? 'fans-error' : 'fans-ok'} role="status">
          {note.text}
        </span>
      )}
    </div>
  );
}
