import { createIntl, createIntlCache, type IntlShape } from 'react-intl';
import type { Bilingual } from '../../../shared/api/areas/common';
import { unreachableOf, type FieldIssue } from '../../../shared/errors';
import { CATALOGS, isMessageKey, type MessageKey } from './catalog';
import { createFormatter, type Formatter } from './format';
import type { Locale } from './locale';

export { isMessageKey, type MessageKey } from './catalog';
export type { Formatter, Instant } from './format';
/** Text the server sends in both languages (tunnel, doctor, errcode explanations). */
export type { Bilingual };

/** Values for a message's arguments: `{name}` takes text or a number, `{count, plural, ...}` a number. */
export type MessageValues = Record<string, string | number>;
export type Translate = (key: MessageKey, values?: MessageValues) => string;

/** Everything a screen needs to speak the UI language. One per language, built once. */
export interface I18n {
  locale: Locale;
  /** A message in the UI language (ICU MessageFormat: placeholders, plurals, selectordinal). */
  t: Translate;
  /** Dates, times and numbers in the UI language. */
  fmt: Formatter;
  /** The side of a server-sent {zh, en} text for this language ('' for none). */
  pick(text: Bilingual | null | undefined): string;
  /**
   * An error body: its code's text, then the server's detail. A server that could not be reached
   * is named in the UI language (无法连接微信服务器 …), from the error's details.
   */
  errorText(e: { code: string; message: string; details?: Record<string, unknown> }): string;
  /** A field issue by its key when we have one, else the server's English text. */
  issueText(issue: Pick<FieldIssue, 'key' | 'message'>): string;
  /** react-intl's object, for its components (<FormattedMessage>...) through the provider. */
  intl: IntlShape;
}

// One cache for both languages: Intl formatters and parsed messages are built once per option set.
const cache = createIntlCache();
const built = new Map<Locale, I18n>();

/**
 * The I18n of a language. Components use `useI18n()`; code outside React (exports, helpers called
 * from event handlers) calls this with the locale it was given.
 */
export function i18nFor(locale: Locale): I18n {
  let i = built.get(locale);
  if (!i) {
    i = build(locale);
    built.set(locale, i);
  }
  return i;
}

function build(locale: Locale): I18n {
  const intl = createIntl(
    {
      locale,
      defaultLocale: 'en',
      messages: CATALOGS[locale],
      onError: (err) => console.error(`i18n (${locale}):`, err.message),
    },
    cache,
  );
  // Tags are literal text in our messages (`/wx/<路径>`, `<xml>`): no rich-text parsing.
  const t: Translate = (key, values) => intl.formatMessage({ id: key }, values, { ignoreTag: true });
  return {
    locale,
    t,
    fmt: createFormatter(intl, locale),
    pick: (b) => (b ? (locale === 'zh-CN' ? b.zh : b.en) : ''),
    errorText(e) {
      const gone = unreachableText(e.details, t, locale);
      if (gone) return gone;
      const k = `error.${e.code}`;
      return isMessageKey(k) ? `${t(k)}: ${e.message}` : e.message;
    },
    issueText: (issue) => (isMessageKey(issue.key) ? t(issue.key) : issue.message),
    intl,
  };
}

/** "Cannot reach WeChat's server (api.weixin.qq.com, api2.weixin.qq.com): connection refused". */
function unreachableText(details: unknown, t: Translate, locale: Locale): string | null {
  const u = unreachableOf(details);
  if (!u) return null;
  if (u.unreachable === 'mpdesk') return t('error.mpdeskUnreachable');
  const how = t(`error.net.${u.net}`);
  if (u.unreachable === 'url') return t('error.urlUnreachable', { url: u.url, how });
  return t('error.wechatUnreachable', { hosts: u.hosts.join(locale === 'en' ? ', ' : '、'), how });
}
