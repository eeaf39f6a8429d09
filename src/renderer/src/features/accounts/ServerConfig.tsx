import type { MessageMode } from '../../../../shared/api/areas/accounts';
import { CopyButton } from '../../components/CopyButton';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/i18n';

/** Where WeChat should call: the tunnel's public URL when online, else the local listener. */
export interface CallbackBase {
  url: string;
  public: boolean;
}

/** A secret as the panel sees it: a value the user has in the form right now, or only its state. */
export type SecretView = { value: string } | { state: 'saved' | 'missing' | 'typeFirst' };

export interface ServerConfigProps {
  /** Full URL, or why there is none yet. */
  url: { value: string } | { pending: 'afterSave' | 'listener' };
  token: SecretView;
  aesKey: SecretView;
  mode: MessageMode;
  /** True when the listener is on loopback: WeChat cannot reach it without a tunnel. */
  local: boolean;
  /** The URL is the tunnel's public address (it changes if the tunnel's does). */
  viaTunnel?: boolean;
}

const MODE_KEYS: Record<MessageMode, MessageKey> = {
  plain: 'accounts.mode.plain',
  compatible: 'accounts.mode.compatible',
  safe: 'accounts.mode.safe',
};

export function modeLabelKey(mode: MessageMode): MessageKey {
  return MODE_KEYS[mode];
}

/**
 * What to paste into the mp backend's 服务器配置 form, each value with a copy button. Secrets are
 * copyable only while the user has them in the form; saved ones are never shown again.
 */
export function ServerConfig({ url, token, aesKey, mode, local, viaTunnel = false }: ServerConfigProps) {
  const { t } = useI18n();
  const urlLabel = t('accounts.server.url');
  const modeLabel = t(MODE_KEYS[mode]);
  return (
    <section className="server-config" aria-label={t('accounts.server.title')}>
      <h3 className="section-title">{t('accounts.server.title')}</h3>
      <p className="field-hint server-config-where">{t('accounts.server.where')}</p>
      <div className="kv">
        <span className="kv-label">{urlLabel}</span>
        {'value' in url ? (
          <code className="kv-value" data-testid="server-url">
            {url.value}
          </code>
        ) : (
          <span className="kv-value muted">
            {t(url.pending === 'afterSave' ? 'accounts.server.urlAfterSave' : 'accounts.server.urlPending')}
          </span>
        )}
        {'value' in url ? <CopyButton value={url.value} name={urlLabel} /> : <span />}

        <SecretRow label={t('accounts.server.token')} view={token} testId="server-token" />
        <SecretRow label={t('accounts.server.aesKey')} view={aesKey} testId="server-aes-key" />

        <span className="kv-label">{t('accounts.server.mode')}</span>
        <span className="kv-value" data-testid="server-mode">
          {modeLabel}
        </span>
        <CopyButton value={modeLabel} name={t('accounts.server.mode')} />
      </div>
      <p className="field-hint">{t('accounts.server.secretHint')}</p>
      {viaTunnel && 'value' in url && <p className="field-hint">{t('accounts.server.viaTunnel')}</p>}
      {local && 'value' in url && <p className="notice">{t('accounts.server.localNotice')}</p>}
    </section>
  );
}

function SecretRow({ label, view, testId }: { label: string; view: SecretView; testId: string }) {
  const { t } = useI18n();
  if ('value' in view) {
    return (
      <>
        <span className="kv-label">{label}</span>
        <code className="kv-value" data-testid={testId}>
          {view.value}
        </code>
        <CopyButton value={view.value} name={label} />
      </>
    );
  }
  const text: Record<typeof view.state, MessageKey> = {
    saved: 'accounts.server.hidden',
    missing: 'accounts.server.notSet',
    typeFirst: 'accounts.server.typeFirst',
  };
  return (
    <>
      <span className="kv-label">{label}</span>
      <span className="kv-value muted" data-testid={testId}>
        {t(text[view.state])}
      </span>
      <span />
    </>
  );
}

/** Loopback addresses are fine for the sandbox and local tests but unreachable for WeChat. */
export function isLocalUrl(url: string): boolean {
  try {
    const h = new URL(url).hostname;
    return h === 'localhost' || h === '[::1]' || h.startsWith('127.');
  } catch {
    return false;
  }
}
