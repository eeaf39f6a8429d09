import { memo, useEffect, useState } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { DetailActions, type Flash } from './DetailActions';
import { EntryBody } from './EntryBody';
import { reasonLabel, typeLabel } from './format';
import { tone } from './tone';
import { useCallbackEntry } from './use-callback-entry';
import { CloseButton } from '../../components/CloseButton';

/**
 * One callback, everything about it: why it failed, where the time went, what went in and out.
 * Memoized: its props do not change when live entries arrive, so list updates skip it.
 */
export const CallbackDetail = memo(function CallbackDetail({
  id,
  deadlineMs,
  listenerUrl,
  accountName,
  onClose,
  onSelect,
}: {
  id: number;
  deadlineMs: number;
  listenerUrl: string | undefined;
  accountName: (id: string | null, slug: string | null) => string;
  onClose: () => void;
  onSelect: (id: number) => void;
}) {
  const { t, fmt } = useI18n();
  const { shown, error, deliveries } = useCallbackEntry(id);
  const [flash, setFlash] = useState<Flash>();
  useEffect(() => setFlash(undefined), [id]);
  const label = t('cb.detail.label', { id });

  return (
    <section
      className="cb-detail card"
      aria-label={label}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !(e.target as Element).closest('dialog')) {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <header className="cb-detail-head">
        <div className="cb-detail-title">
          <h2>{label}</h2>
          {shown && (
            <p className="cb-detail-meta">
              <span className="badge cb-chip" data-tone={tone(shown)}>
                {shown.status} · {reasonLabel(t, shown.reason)}
              </span>
              <code>
                {shown.method} {shown.path}
              </code>
              <span>{typeLabel(t, shown)}</span>
              <span>{accountName(shown.accountId, shown.slug)}</span>
              <span className="muted">{fmt.dateTimeMs(shown.at)}</span>
            </p>
          )}
        </div>
        <CloseButton label={t('cb.detail.close')} onClick={onClose} />
      </header>

      {shown && <DetailActions entry={shown} listenerUrl={listenerUrl} onFlash={setFlash} />}

      <div aria-live="polite">
        {flash && (
          <p className="cb-flash" data-tone={flash.tone} role="status">
            {flash.text}{' '}
            {flash.showId !== undefined && (
              <button type="button" className="btn btn-sm" onClick={() => onSelect(flash.showId!)}>
                {t('cb.action.show', { id: flash.showId })}
              </button>
            )}
          </p>
        )}
      </div>

      <div className="cb-detail-body">
        {error && (
          <div className="alert" role="alert">
            {t('cb.action.failed', { reason: error.message })}
          </div>
        )}
        {!shown && !error && <p className="field-hint">{t('cb.detail.loading')}</p>}
        {shown && (
          <EntryBody entry={shown} deadlineMs={deadlineMs} deliveries={deliveries} onSelect={onSelect} />
        )}
      </div>
    </section>
  );
});
