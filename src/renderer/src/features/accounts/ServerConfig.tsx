import type { MessageMode } from '../../../../shared/api/areas/accounts';
import { CopyButton } from '../../components/CopyButton';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/i18n';
import { tunnelHref } from '../settings/tunnel/tunnel-fields';
import type { PasteSecret } from './fresh-secrets';
import { SecretRow, UrlRow } from './ServerConfigRows';

/** Where WeChat should call: the tunnel's public URL when online, else the local listener. */
export interface CallbackBase {
  url: string;
  public: boolean;
}

/**
 * A secret as the panel sees it: a value the user has right now (typed, generated or regenerated
 * in this session), or only its state.
 */
export type SecretView = { value: string } | { state: 'saved' | 'missing' | 'typeFirst' };

/** The 服务器地址(URL), or why there is none to paste yet. */
export type ServerUrlView =
  | { value: string }
  | { pending: 'afterSave' | 'listener' }
  /** WeChat cannot call a local address: the URL comes once a tunnel or public URL is up. */
  | { pending: 'noPublicUrl'; local: string | null };

/** What to paste for a callback base (`base`) and path: only a public URL is worth pasting. */
export function serverUrlOf(base: CallbackBase | undefined, path: string | undefined): ServerUrlView {
  if (!base) return { pending: 'listener' };
  if (!path) return { pending: 'afterSave' };
  if (!base.public) return { pending: 'noPublicUrl', local: base.url + path };
  return { value: base.url + path };
}

export interface ServerConfigProps {
  url: ServerUrlView;
  token: SecretView;
  aesKey: SecretView;
  mode: MessageMode;
  /** The URL is the tunnel's public address (it changes if the tunnel's does). */
  viaTunnel?: boolean;
  /** Offered on a saved secret: make a new one, shown once (the card warns first). */
  onRegenerate?: (field: PasteSecret) => void;
  /** Offered while fresh secrets are shown: make them write-only again now. */
  onHideFresh?: () => void;
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
 * What to paste into the mp backend's 基本配置 → 服务器配置 form, in its order and words: 服务器地址(URL),
 * 令牌(Token), 消息加解密密钥(EncodingAESKey), 消息加解密方式, each with a copy button. Secrets are shown
 * only while the user has them (just created or regenerated); saved ones are never shown again.
 */
export function ServerConfig({
  url,
  token,
  aesKey,
  mode,
  viaTunnel = false,
  onRegenerate,
  onHideFresh,
}: ServerConfigProps) {
  const { t } = useI18n();
  const modeLabel = t(MODE_KEYS[mode]);
  const fresh = 'value' in token || 'value' in aesKey;
  return (
    <section className="server-config" aria-label={t('accounts.server.title')}>
      <h3 className="section-title">{t('accounts.section.server')}</h3>
      <p className="field-hint server-config-where">{t('accounts.server.where')}</p>
      <div className="kv">
        <UrlRow url={url} />
        <SecretRow
          label={t('accounts.server.token')}
          view={token}
          testId="server-token"
          onRegenerate={onRegenerate && (() => onRegenerate('token'))}
        />
        <SecretRow
          label={t('accounts.server.aesKey')}
          view={aesKey}
          testId="server-aes-key"
          onRegenerate={onRegenerate && (() => onRegenerate('encodingAESKey'))}
        />
        <span className="kv-label">{t('accounts.server.mode')}</span>
        <span className="kv-value" data-testid="server-mode">
          {modeLabel}
        </span>
        <CopyButton value={modeLabel} name={t('accounts.server.mode')} />
      </div>
      <p className="field-hint">
        {fresh ? t('accounts.server.freshHint') : t('accounts.server.secretHint')}
        {fresh && onHideFresh && (
          <>
            {' '}
            <button type="button" className="btn btn-sm btn-ghost" onClick={onHideFresh}>
              {t('accounts.server.hideFresh')}
            </button>
          </>
        )}
      </p>
      {viaTunnel && 'value' in url && <p className="field-hint">{t('accounts.server.viaTunnel')}</p>}
      {'local' in url && (
        <p className="notice" data-testid="server-url-local">
          {t('accounts.server.localNotice', { url: url.local ?? '—' })}{' '}
          <a href={tunnelHref()}>{t('accounts.server.setTunnel')}</a>
        </p>
      )}
    </section>
  );
}
