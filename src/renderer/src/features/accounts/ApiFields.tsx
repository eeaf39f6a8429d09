import { useState } from 'react';
import { TOKEN_SOURCES, type TokenSource } from '../../../../shared/api/areas/tokens';
import { Field, controlProps } from '../../components/Field';
import type { MessageKey } from '../../i18n/i18n';
import { useI18n } from '../../i18n/I18nProvider';
import type { AccountForm } from './use-account-form';

type Choice = 'official' | 'sandbox' | 'custom';
const choiceOf = (apiBase: string): Choice =>
  apiBase === '' ? 'official' : apiBase === 'sandbox' ? 'sandbox' : 'custom';

/**
 * Where the account's API calls (and so its AppSecret) go: WeChat's host, the sandbox, or a proxy.
 * Changing it on a saved account needs the AppSecret again, and plain http only for a proxy on this
 * machine that the user vouches for (the server checks both; the form says so first).
 */
export function ApiFields({ form }: { form: AccountForm }) {
  const { t } = useI18n();
  const { values, set, setAllowPlainHttp } = form;
  const errorText = form.fieldError;
  const [choice, setChoice] = useState<Choice>(() => choiceOf(values.apiBase));
  const plainHttp = [values.apiBase, values.tokenSource === 'borrow' ? values.tokenBorrowUrl : '']
    .map((u) => u.trim())
    .some((u) => /^http:/i.test(u));
  const choose = (c: Choice) => {
    setChoice(c);
    set('apiBase', c === 'official' ? '' : c === 'sandbox' ? 'sandbox' : '');
  };
  return (
    <section className="form-section">
      <h3 className="section-title">{t('accounts.section.api')}</h3>
      <div className="form-grid">
        <Field id="account-apiBase" label={t('accounts.field.apiBase')} error={errorText('apiBase')}>
          <div className="field-row">
            <select
              className="select"
              aria-label={t('accounts.field.apiBase')}
              value={choice}
              onChange={(e) => choose(e.target.value as Choice)}
            >
              <option value="official">{t('accounts.api.official')}</option>
              <option value="sandbox">{t('accounts.api.sandbox')}</option>
              <option value="custom">{t('accounts.api.custom')}</option>
            </select>
            {choice === 'custom' && (
              <input
                className="input mono"
                {...controlProps('account-apiBase', errorText('apiBase'))}
                value={values.apiBase}
                placeholder="https://wx-proxy.example.com"
                onChange={(e) => set('apiBase', e.target.value)}
                autoComplete="off"
                spellCheck={false}
              />
            )}
          </div>
        </Field>
        <Field
          id="account-tokenSource"
          label={t('accounts.field.tokenSource')}
          error={errorText('tokenSource')}
        >
          <select
            className="select"
            id="account-tokenSource"
            value={values.tokenSource}
            onChange={(e) => set('tokenSource', e.target.value as TokenSource)}
          >
            {TOKEN_SOURCES.map((s) => (
              <option key={s} value={s}>
                {t(`accounts.tokenSource.${s}` as MessageKey)}
              </option>
            ))}
          </select>
        </Field>
        {values.tokenSource === 'borrow' && (
          <Field
            id="account-tokenBorrowUrl"
            label={t('accounts.field.tokenBorrowUrl')}
            error={errorText('tokenBorrowUrl')}
          >
            <input
              className="input mono"
              {...controlProps('account-tokenBorrowUrl', errorText('tokenBorrowUrl'))}
              value={values.tokenBorrowUrl}
              placeholder="https://my-server.example.com/wx/token"
              onChange={(e) => set('tokenBorrowUrl', e.target.value)}
              autoComplete="off"
              spellCheck={false}
            />
          </Field>
        )}
        {plainHttp && (
          <label className="form-span" style={{ display: 'flex', gap: 6, alignItems: 'center' }}>
            <input
              type="checkbox"
              checked={values.allowPlainHttp}
              onChange={(e) => setAllowPlainHttp(e.target.checked)}
            />{' '}
            {t('accounts.api.allowPlainHttp')}
          </label>
        )}
        <p className="form-span field-hint">{t('accounts.api.secretHint')}</p>
      </div>
    </section>
  );
}
