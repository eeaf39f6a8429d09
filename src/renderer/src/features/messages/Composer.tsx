import { useRef, useState, type FormEvent } from 'react';
import type {
  ConversationMessageDto,
  OutgoingMessage,
  ServiceWindowDto,
} from '../../../../shared/api/areas/conversations';
import type { ErrorBody } from '../../../../shared/errors';
import { useApi } from '../../api/api-context';
import { wechatRefusal } from '../../components/wechat-refusal';
import { useI18n } from '../../i18n/I18nProvider';
import { ComposerFields, EMPTY_DRAFT, type Draft, type DraftKind } from './ComposerFields';

/** §10.2: a Typing lasts 15 s; it is sent again only after that, while the operator keeps typing. */
const TYPING_LASTS_MS = 15_000;
const KINDS: DraftKind[] = ['text', 'image', 'news', 'mpnews'];

/** Drafts per thread for as long as the app is open: switching threads, or a refusal, loses nothing. */
const drafts = new Map<string, Draft>();

function toMessage(d: Draft): OutgoingMessage {
  switch (d.kind) {
    case 'text':
      return { type: 'text', content: d.text };
    case 'image':
      return { type: 'image', mediaId: d.mediaId.trim() };
    case 'mpnews':
      return { type: 'mpnews', mediaId: d.mediaId.trim() };
    case 'news':
      return {
        type: 'news',
        title: d.title,
        url: d.url.trim(),
        ...(d.description ? { description: d.description } : {}),
        ...(d.picUrl.trim() ? { picUrl: d.picUrl.trim() } : {}),
      };
  }
}

/**
 * The customer-service composer (§10.1): text, an image or mpnews by media_id, or one link card.
 * Typing tells the fan “对方正在输入” (§10.2). WeChat decides whether it goes: a refusal (45015
 * outside the window, 45047 over its quota) is shown with its explanation and the draft stays.
 */
export function Composer({
  accountId,
  openid,
  serviceWindow,
  onSent,
}: {
  accountId: string;
  openid: string;
  serviceWindow: ServiceWindowDto | undefined;
  onSent: (m: ConversationMessageDto, w: ServiceWindowDto) => void;
}) {
  const { t, pick, errorText, issueText } = useI18n();
  const api = useApi();
  const key = `${accountId}/${openid}`;
  const [draft, setDraftState] = useState<Draft>(() => drafts.get(key) ?? EMPTY_DRAFT);
  const [error, setError] = useState<ErrorBody>();
  const [busy, setBusy] = useState(false);
  const typedAt = useRef(0);

  const setDraft = (d: Draft) => {
    drafts.set(key, d);
    setDraftState(d);
    if (Date.now() - typedAt.current > TYPING_LASTS_MS) {
      typedAt.current = Date.now();
      // Best effort: WeChat refuses it outside 30 s of the fan's message (45080), which changes nothing here.
      void api.call('conversations.typing', { accountId, openid, typing: true });
    }
  };

  const send = async (e?: FormEvent) => {
    e?.preventDefault();
    setBusy(true);
    const r = await api.call('conversations.send', { accountId, openid, message: toMessage(draft) });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setError(undefined);
    typedAt.current = 0;
    const cleared = { ...EMPTY_DRAFT, kind: draft.kind };
    drafts.set(key, cleared);
    setDraftState(cleared);
    onSent(r.value.message, r.value.window);
  };

  const refusal = wechatRefusal(error, { pick });
  const closed = serviceWindow && serviceWindow.verdict !== 0;
  return (
    <form className="msg-composer" onSubmit={send} aria-label={t('msg.composer')}>
      <div className="msg-kinds" role="group" aria-label={t('msg.composer.kind')}>
        {KINDS.map((k) => (
          <button
            key={k}
            type="button"
            className="btn btn-sm"
            aria-pressed={draft.kind === k}
            onClick={() => setDraftState({ ...draft, kind: k })}
          >
            {t(`msg.compose.${k}`)}
          </button>
        ))}
      </div>
      <ComposerFields
        draft={draft}
        onChange={setDraft}
        issues={error?.issues}
        issueText={issueText}
        onSubmit={send}
      />
      {error && (
        <div className="msg-refusal" role="alert">
          {refusal ? (
            <>
              <strong>{t('msg.send.refused', { errcode: refusal.errcode, what: refusal.what })}</strong>
              {refusal.hint && <span>{refusal.hint}</span>}
              <span>{t('msg.send.kept')}</span>
            </>
          ) : (
            !error.issues?.length && <strong>{t('msg.send.failed', { reason: errorText(error) })}</strong>
          )}
        </div>
      )}
      <div className="msg-send-row">
        <span className="field-hint">{closed ? t('msg.send.closedHint') : t('msg.send.hint')}</span>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? t('msg.send.sending') : t('msg.send')}
        </button>
      </div>
    </form>
  );
}
