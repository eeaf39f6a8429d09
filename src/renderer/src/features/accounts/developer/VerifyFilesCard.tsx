import { useRef, useState } from 'react';
import { verifyFileSchema, type VerifyFileDto } from '../../../../../shared/api/areas/upstream';
import { useApi, useApiEvent } from '../../../api/api-context';
import { useTunnelStatus } from '../../../api/use-tunnel-status';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { CopyButton } from '../../../components/CopyButton';
import { useI18n } from '../../../i18n/I18nProvider';
import { useCall } from '../../../api/use-call';

const MAX_BYTES = 1024;

/** The code an MP_verify file carries is the 16 characters of its name (docs/wechat-protocol.md §8.1). */
const codeOf = (fileName: string) => /^MP_verify_([0-9a-zA-Z]{16})\.txt$/.exec(fileName)?.[1];

/** MP_verify files: upload the .txt the mp backend gives, see where it is served, delete it. */
export function VerifyFilesCard({ accountId }: { accountId: string }) {
  const { t, fmt, errorText } = useI18n();
  const api = useApi();
  const files = useCall('upstream.verifyFiles', { accountId });
  const tunnel = useTunnelStatus().data;
  const input = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string>();
  const [warning, setWarning] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [deleting, setDeleting] = useState<VerifyFileDto>();
  useApiEvent('upstream.verifyFilesChanged', (p) => {
    if (p.accountId === accountId) files.set(p.files);
  });
  const publicBase = tunnel?.state === 'online' ? tunnel.publicUrl : null;

  const upload = async (file: File) => {
    setProblem(undefined);
    setWarning(undefined);
    if (file.size > MAX_BYTES)
      return setProblem(t('dev.verify.tooBig', { name: file.name, size: file.size }));
    const content = await file.text();
    const parsed = verifyFileSchema.safeParse({ accountId, fileName: file.name, content });
    if (!parsed.success) return setProblem(t('dev.verify.badName', { name: file.name }));
    setBusy(true);
    const r = await api.call('upstream.setVerifyFile', parsed.data);
    setBusy(false);
    if (!r.ok) return setProblem(t('dev.verify.failed', { reason: errorText(r.error) }));
    if (content.trim() !== codeOf(file.name)) setWarning(t('dev.verify.contentMismatch'));
  };

  return (
    <section className="card settings-card" aria-labelledby="dev-verify-h" id="dev-verify">
      <h2 id="dev-verify-h">{t('dev.verify.title')}</h2>
      <p className="field-hint">{t('dev.verify.intro')}</p>
      <div className="field-row">
        <input
          ref={input}
          type="file"
          accept=".txt,text/plain"
          className="visually-hidden"
          id="dev-verify-file"
          aria-label={t('dev.verify.upload')}
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void upload(f);
          }}
        />
        <button
          type="button"
          className="btn btn-primary"
          disabled={busy}
          onClick={() => input.current?.click()}
        >
          {busy ? t('dev.verify.uploading') : t('dev.verify.upload')}
        </button>
      </div>
      {problem && (
        <div className="alert" role="alert">
          {problem}
        </div>
      )}
      {warning && <p className="notice">{warning}</p>}
      {files.data?.length === 0 && <p className="field-hint">{t('dev.verify.empty')}</p>}
      {!!files.data?.length && (
        <table className="dev-table" data-testid="verify-files">
          <thead>
            <tr>
              <th>{t('dev.verify.file')}</th>
              <th>{t('dev.verify.content')}</th>
              <th>{t('dev.verify.url')}</th>
              <th>{t('dev.verify.updated')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {files.data.map((f) => {
              const url = publicBase ? `${publicBase}/${f.fileName}` : null;
              return (
                <tr key={f.fileName}>
                  <td className="mono">{f.fileName}</td>
                  <td className="mono">{f.content}</td>
                  <td>
                    {url ? (
                      <>
                        <code>{url}</code> <CopyButton value={url} name={f.fileName} />
                      </>
                    ) : (
                      <span className="field-hint">{t('dev.verify.urlPending')}</span>
                    )}
                  </td>
                  <td>{fmt.dateTime(f.updatedAt)}</td>
                  <td>
                    <button
                      type="button"
                      className="btn btn-sm btn-danger"
                      aria-label={t('dev.verify.deleteNamed', { name: f.fileName })}
                      onClick={() => setDeleting(f)}
                    >
                      {t('dev.verify.delete')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {deleting && (
        <ConfirmDialog
          title={t('dev.verify.delete.title', { name: deleting.fileName })}
          confirmLabel={t('dev.verify.delete')}
          onClose={() => setDeleting(undefined)}
          onConfirm={async () => {
            const r = await api.call('upstream.deleteVerifyFile', { accountId, fileName: deleting.fileName });
            setDeleting(undefined);
            if (!r.ok) setProblem(t('dev.verify.failed', { reason: errorText(r.error) }));
          }}
        >
          <p style={{ margin: 0 }}>{t('dev.verify.delete.body')}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
