import { useEffect, useState } from 'react';
import type { AccountDto } from '../../../../shared/api/areas/accounts';
import type { TunnelStatus } from '../../../../shared/api/areas/tunnel';
import { useApi } from '../../api/api-context';
import { useLive } from '../../api/use-live';
import { useI18n } from '../../i18n/I18nProvider';
import { navigate, routeHref } from '../../shell/router';
import { AccountGate, AccountPicker } from './account-choice';
import { ChatView, type ChatNote } from './ChatView';
import { composeInput, newOpenid, type ComposeKind } from './compose';
import { useCall } from '../../api/use-call';
import { Composer } from './Composer';
import { FanSidebar, type SendTarget } from './FanSidebar';
import { PhoneMenu } from './PhoneMenu';
import { TextBar } from './TextBar';
import { replyFromFields } from './reply-view';
import { useAnswered } from './use-answered';
import { rememberReply, useConversations, useMessages } from './use-chat';
import './simulator.css';

const sameTunnel = (s: TunnelStatus) => s;

/** `#/simulator/<accountId>/<openid>`: play a fan of the account. */
export function SimulatorScreen({ params }: { params: string[] }) {
  return (
    <AccountGate param={params[0]} empty="sim">
      {(accounts, account) => <Simulator accounts={accounts} account={account} openidParam={params[1]} />}
    </AccountGate>
  );
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
  const { t, errorText } = useI18n();
  const api = useApi();
  const conversations = useConversations(account.id);
  const [fallbackOpenid] = useState(newOpenid);
  const openid = openidParam ?? conversations?.[0]?.openid ?? fallbackOpenid;
  const { messages } = useMessages(account.id, openid);
  const [notes, setNotes] = useState<ChatNote[]>([]);
  const [pending, setPending] = useState(false);
  const [target, setTarget] = useState<SendTarget>('local');
  const tunnel = useLive('tunnel.status', 'tunnel.changed', sameTunnel).data;
  const menu = useCall('menu.get', { accountId: account.id }).data?.menu;
  const answered = useAnswered(account.id);
  const publicUrl = tunnel?.state === 'online' ? tunnel.publicUrl : null;
  useEffect(() => setNotes([]), [openid]);

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
    if (ex.logId) {
      rememberReply(ex.logId, passive);
      void answered.learn(ex.logId);
    }
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

  const inputBar = <TextBar pending={pending} onSend={(text) => send('text', { Content: text })} />;

  return (
    <div className="sim-screen">
      <div className="page-head">
        <p>{t('sim.intro')}</p>
        <AccountPicker screen="simulator" accounts={accounts} value={account.id} label={t('sim.account')} />
      </div>
      <div className="sim-layout">
        <FanSidebar
          account={account}
          openid={openid}
          conversations={conversations}
          target={target}
          onTarget={setTarget}
          publicUrl={publicUrl}
        />

        <div className="sim-center">
          <ChatView
            title={account.name}
            messages={messages}
            notes={notes}
            pending={pending}
            answeredBy={answered.textOf}
          >
            {menu?.button.length ? (
              <PhoneMenu
                buttons={menu.button}
                busy={pending}
                keyboard={inputBar}
                onTap={(kind, values) => void send(kind, values)}
              />
            ) : (
              inputBar
            )}
          </ChatView>
        </div>

        <Composer accountId={account.id} busy={pending} onSend={send} />
      </div>
    </div>
  );
}
