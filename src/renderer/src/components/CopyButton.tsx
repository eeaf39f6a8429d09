import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { copyText } from './clipboard';

/** "复制" with the thing it copies in its accessible name ("复制令牌(Token)"), and brief feedback. */
export function CopyButton({ value, name, disabled }: { value: string; name: string; disabled?: boolean }) {
  const { t } = useI18n();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const id = setTimeout(() => setState('idle'), 1600);
    return () => clearTimeout(id);
  }, [state]);
  return (
    <button
      type="button"
      className="btn btn-sm"
      disabled={disabled || !value}
      aria-label={t('common.copyNamed', { name })}
      title={state === 'failed' ? t('common.copyFailed') : undefined}
      onClick={async () => setState((await copyText(value)) ? 'copied' : 'failed')}
    >
      <span aria-live="polite">{state === 'copied' ? t('common.copied') : t('common.copy')}</span>
    </button>
  );
}
