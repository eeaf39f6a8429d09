import { useI18n } from '../../i18n/I18nProvider';
import { useState } from 'react';

/**
 * How much of a payload the detail lays out before the user asks for the rest. A body can be close
 * to the listener's 1 MiB limit, and the boxes show about 1,500 characters without scrolling.
 */
export const CLIP_CHARS = 10_000;
/** Table cells (parsed fields) grow instead of scrolling: about 25 lines at the detail's width. */
export const CELL_CLIP_CHARS = 2_000;

/**
 * Chromium lays out one long pre-wrapped text node with CJK in it in quadratic time: a very long
 * WeChat text message froze the page for minutes (the measurements are in the commit that added
 * this). Cut into spans of this many characters the same text lays out in linear time.
 */
const CHUNK_CHARS = 500;

/** Where to cut `text` near `at` without splitting a surrogate pair (an emoji) in two. */
function cutAt(text: string, at: number): number {
  if (at >= text.length) return text.length;
  const c = text.charCodeAt(at - 1);
  return c >= 0xd800 && c <= 0xdbff ? at + 1 : at;
}

/** `text` as pieces of about CHUNK_CHARS. */
function chunks(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length;) {
    const end = cutAt(text, i + CHUNK_CHARS);
    out.push(text.slice(i, end));
    i = end;
  }
  return out;
}

/**
 * `text`, cut at `limit` characters with a button that lays out the rest on request. Copying (curl,
 * JSON export) always uses the full entry; only what is laid out is cut.
 */
export function ClippedText({ text, limit = CLIP_CHARS }: { text: string; limit?: number }) {
  const { t } = useI18n();
  // The text the user expanded: another entry's payload starts clipped again.
  const [expanded, setExpanded] = useState<string>();
  const clipped = expanded !== text && text.length > limit;
  const shown = clipped ? text.slice(0, cutAt(text, limit)) : text;
  return (
    <>
      {shown.length <= CHUNK_CHARS ? shown : chunks(shown).map((c, i) => <span key={i}>{c}</span>)}
      {clipped && (
        <>
          {'…\n'}
          <button type="button" className="btn btn-sm cb-clip-more" onClick={() => setExpanded(text)}>
            {t('cb.detail.showAll', { count: text.length })}
          </button>
        </>
      )}
    </>
  );
}

/** A payload in a scrollable monospace box, clipped when large. */
export function Code({ text, empty }: { text: string; empty?: string }) {
  if (!text) return <p className="field-hint">{empty ?? '–'}</p>;
  return (
    <pre className="code-box cb-code">
      <ClippedText text={text} />
    </pre>
  );
}
