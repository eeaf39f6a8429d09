import type { ReactNode } from 'react';
import { CopyButton } from '../../components/CopyButton';
import type { MessageKey } from '../../i18n/i18n';
import { useI18n } from '../../i18n/I18nProvider';
import type { SecretView, ServerUrlView } from './ServerConfig';

const PENDING: Record<'afterSave' | 'listener' | 'noPublicUrl', MessageKey> = {
  afterSave: 'accounts.server.urlAfterSave',
  listener: 'accounts.server.urlPending',
  noPublicUrl: 'accounts.server.urlNoPublic',
};

const SECRET_STATE: Record<Exclude<SecretView, { value: string }>['state'], MessageKey> = {
  saved: 'accounts.server.hidden',
  missing: 'accounts.server.notSet',
  typeFirst: 'accounts.server.typeFirst',
};

export function UrlRow({ url }: { url: ServerUrlView }) {
  const { t } = useI18n();
  const label = t('accounts.server.url');
  if ('value' in url) return <PasteRow label={label} testId="server-url" value={url.value} />;
  return <NoteRow label={label} testId="server-url" note={t(PENDING[url.pending])} />;
}

export function SecretRow({
  label,
  view,
  testId,
  onRegenerate,
}: {
  label: string;
  view: SecretView;
  testId: string;
  onRegenerate?: () => void;
}) {
  const { t } = useI18n();
  if ('value' in view) return <PasteRow label={label} testId={testId} value={view.value} />;
  const regenerate = onRegenerate && view.state !== 'typeFirst' && (
    <button
      type="button"
      className="btn btn-sm"
      aria-label={t('accounts.regenerate.named', { name: label })}
      onClick={onRegenerate}
    >
      {t('accounts.regenerate')}
    </button>
  );
  return <NoteRow label={label} testId={testId} note={t(SECRET_STATE[view.state])} action={regenerate} />;
}

/** A value to paste into the mp backend: label, the value, its copy button (three grid cells). */
function PasteRow({ label, testId, value }: { label: string; testId: string; value: string }) {
  return (
    <>
      <span className="kv-label">{label}</span>
      <code className="kv-value" data-testid={testId}>
        {value}
      </code>
      <CopyButton value={value} name={label} />
    </>
  );
}

/** Why there is no value to paste yet, and what to do about it if anything (three grid cells). */
function NoteRow({
  label,
  testId,
  note,
  action,
}: {
  label: string;
  testId: string;
  note: string;
  action?: ReactNode;
}) {
  return (
    <>
      <span className="kv-label">{label}</span>
      <span className="kv-value muted" data-testid={testId}>
        {note}
      </span>
      {action || <span />}
    </>
  );
}
