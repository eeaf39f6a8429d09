import { useEffect, useId, useState, type FormEvent } from 'react';
import type { AccountDto } from '../../../../shared/api/areas/accounts';
import type { TunnelStatus } from '../../../../shared/api/areas/tunnel';
import { useApi } from '../../api/api-context';
import { useLive } from '../../api/use-live';
import { navigate, routeHref } from '../../shell/router';
import { AccountPicker, NoAccount, useAccountChoice } from './account-choice';
import { ChatView, type ChatNote } from './ChatView';
import { composeInput, newOpenid, OPENID_RE, type ComposeKind } from './compose';
import { Composer } from './Composer';
import { useErrorText, useFeatureT } from '../../i18n/feature-i18n';
import { simulatorMessages } from './messages';
import { replyFromFields } from './reply-view';
import { rememberReply, useConversations, useMessages } from './use-chat';
import './simulator.css';

const sameTunnel = (s: TunnelStatus) => s;

/** `#/simulator/<accountId>/<openid>`: play a fan of the account. */
export function SimulatorScreen({ params }: { params: string[] }) {
  const t = useFeatureT(simulatorMessages);
  const { accounts, account } = useAccountChoice(params[0]);
  if (accounts && !account)
    return (
      <NoAccount
        title={t('sim.noAccount.title')}
        body={t('sim.noAccount.body')}
        action={t('sim.noAccount.action')}
      />
    );
  if (!accounts || !account) return <p className="field-hint">{t('common.loading')}</p>;
  return <Simulator key={account.id} accounts={accounts} account={account} openidParam={params[1]} />;
}

function Simulator({
  accounts,
  account,
  openidParam,
}: {
  accounts: AccountDto[];
  account: AccountDto;
  openidParam: string | undefined;
}) {
  const t = useFeatureT(simulatorMessages);
  const errorText = useErrorText();
  const api = useApi();
  const uid = useId();
  const conversations = useConversations(account.id);
  const [fallbackOpenid] = useState(newOpenid);
  const openid = openidParam ?? conversations?.[0]?.openid ?? fallbackOpenid;
  const { messages } = useMessages(account.id, openid);
  const [notes, setNotes] = useState<ChatNote[]>([]);
  const [pending, setPending] = useState(false);
  const [draft, setDraft] = useState('');
  const [target, setTarget] = useState<'local' | 'public'>('local');
  const tunnel = useLive('tunnel.status', 'tunnel.changed', sameTunnel).data;
  const publicUrl = tunnel?.state === 'online' ? tunnel.publicUrl : null;
  const [openidDraft, setOpenidDraft] = useState(openid);
  useEffect(() => setOpenidDraft(openid), [openid]);
  useEffect(() => setNotes([]), [openid]);

  const selectFan = (id: string) => navigate(routeHref('simulator', account.id, id));

  const send = async (kind: ComposeKind, values: Record<string, string>): Promise<boolean> => {
    setPending(true);
    const at = Date.now();
    const r = await api.call('simulator.send', {
      accountId: account.id,
      compose: composeInput(kind, values),
      openid,
      url: target === 'public' && publicUrl ? publicUrl : undefined,
    });
    setPending(false);
    const note = (n: Omit<ChatNote, 'key' | 'at'>) =>
      setNotes((prev) => [...prev, { key: `n${at}-${prev.length}`, at: Date.now(), ...n }]);
    if (!r.ok) {
      note({ text: t('sim.sendFailed', { reason: errorText(r.error) }), tone: 'error', logId: null });
      return false;
    }
    const ex = r.value;
    const passive = ex.reply ? replyFromFields(ex.reply) : null;
    if (ex.logId) rememberReply(ex.logId, passive);
    if (!passive) {
      const body = ex.response.body.trim();
      const ok = ex.response.status === 200 && (body === '' || body === 'success');
      note({
        text: ok
          ? t('sim.noReply')
          : t('sim.noReplyStatus', { status: ex.response.status, body: body.slice(0, 160) || '—' }),
        tone: ok ? 'muted' : 'error',
        logId: ex.logId,
      });
    }
    // The stored conversation may not name this fan yet (first message): put it in the URL.
    if (!openidParam) navigate(routeHref('simulator', account.id, openid), { replace: true });
    return true;
  };

  const sendText = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft.trim()) return;
    if (await send('text', { Content: draft })) setDraft('');
  };

  const fans = conversations ?? [];
  const listed = fans.some((c) => c.openid === openid);

  return (
    <div className="sim-screen">
      <div className="page-head">
        <p>{t('sim.intro')}</p>
        <AccountPicker screen="simulator" accounts={accounts} value={account.id} label={t('sim.account')} />
      </div>
      <div className="sim-layout">
        <aside className="card sim-side">
          <div className="sim-side-head">
            <h2 className="section-title">{t('sim.fans')}</h2>
            <button type="button" className="btn btn-sm" onClick={() => selectFan(newOpenid())}>
              {t('sim.fans.new')}
            </button>
          </div>
          <ul className="sim-fans" aria-label={t('sim.fans.label')}>
            {!listed && (
              <li>
                <a className="sim-fan" href={routeHref('simulator', account.id, openid)} aria-current="true">
                  <code>{openid}</code>
                  <span className="sim-muted">{t('sim.fans.count', { count: 0 })}</span>
                </a>
              </li>
            )}
            {fans.map((c) => (
              <li key={c.openid}>
                <a
                  className="sim-fan"
                  href={routeHref('simulator', account.id, c.openid)}
                  aria-current={c.openid === openid ? 'true' : undefined}
                >
                  <code>{c.openid}</code>
                  <span className="sim-muted sim-ellipsis">{c.lastSummary}</span>
                </a>
              </li>
            ))}
            {fans.length === 0 && listed && <li className="sim-muted">{t('sim.fans.empty')}</li>}
          </ul>
          <form
            className="field"
            onSubmit={(e) => {
              e.preventDefault();
              if (OPENID_RE.test(openidDraft)) selectFan(openidDraft);
            }}
          >
            <label className="field-label" htmlFor={`${uid}-openid`}>
              {t('sim.openid')}
            </label>
            <div className="field-row">
              <input
                id={`${uid}-openid`}
                className="input mono"
                value={openidDraft}
                aria-invalid={!OPENID_RE.test(openidDraft) || undefined}
                aria-describedby={`${uid}-openid-hint`}
                onChange={(e) => setOpenidDraft(e.target.value)}
                onBlur={() => OPENID_RE.test(openidDraft) && openidDraft !== openid && selectFan(openidDraft)}
              />
            </div>
            <div className="field-hint" id={`${uid}-openid-hint`}>
              {OPENID_RE.test(openidDraft) ? t('sim.openid.hint') : t('sim.v.openid')}
            </div>
          </form>
          <fieldset className="fieldset">
            <legend className="field-label">{t('sim.target')}</legend>
            <label className="sim-radio">
              <input
                type="radio"
                name={`${uid}-target`}
                checked={target === 'local'}
                onChange={() => setTarget('local')}
              />
              {t('sim.target.local')}
            </label>
            <label className="sim-radio">
              <input
                type="radio"
                name={`${uid}-target`}
                checked={target === 'public'}
                disabled={!publicUrl}
                onChange={() => setTarget('public')}
              />
              {publicUrl ? t('sim.target.public') : t('sim.target.publicOff')}
            </label>
            <div className="field-hint">
              {target === 'public' && publicUrl ? <code>{publicUrl}</code> : t('sim.target.hint')}
            </div>
          </fieldset>
        </aside>

        <div className="sim-center">
          <ChatView title={account.name} messages={messages} notes={notes} pending={pending} t={t}>
            <form className="sim-inputbar" onSubmit={sendText}>
              <label className="visually-hidden" htmlFor={`${uid}-text`}>
                {t('sim.field.Content')}
              </label>
              <input
                id={`${uid}-text`}
                className="input"
                value={draft}
                maxLength={2000}
                autoComplete="off"
                placeholder={t('sim.field.Content')}
                onChange={(e) => setDraft(e.target.value)}
              />
              <button type="submit" className="btn btn-primary" disabled={pending || !draft.trim()}>
                {t('sim.send')}
              </button>
            </form>
          </ChatView>
        </div>

        <Composer accountId={account.id} busy={pending} onSend={send} t={t} />
      </div>
    </div>
  );
}
