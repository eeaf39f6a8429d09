import type { AccountDto } from '../../../../shared/api/areas/accounts';
import type { TunnelStatus } from '../../../../shared/api/areas/tunnel';
import { useAppStatus } from '../../api/use-app-status';
import { useLive } from '../../api/use-live';
import { useI18n } from '../../i18n/I18nProvider';
import { AccountGate, AccountPicker } from '../simulator/account-choice';
import { DoctorCard } from './DoctorCard';
import { TokenCard } from './TokenCard';
import { TrafficCard } from './TrafficCard';
import { PasteCard, TunnelCard } from './TunnelCard';
import './dashboard.css';

const sameTunnel = (s: TunnelStatus) => s;

/** `#/dashboard/<accountId>`: the home screen. Is everything in place for WeChat to reach us? */
export function DashboardScreen({ params }: { params: string[] }) {
  return (
    <AccountGate param={params[0]} empty="dash">
      {(accounts, account) => <Dashboard accounts={accounts} account={account} />}
    </AccountGate>
  );
}

function Dashboard({ accounts, account }: { accounts: AccountDto[]; account: AccountDto }) {
  const { t } = useI18n();
  const tunnel = useLive('tunnel.status', 'tunnel.changed', sameTunnel);
  const { data: status } = useAppStatus();
  const listenerUrl = status?.callbackListener?.url;
  return (
    <div className="dash-screen">
      <div className="page-head">
        <p>{t('dash.intro')}</p>
        <AccountPicker screen="dashboard" accounts={accounts} value={account.id} label={t('dash.account')} />
      </div>
      <div className="dash-grid">
        <div className="dash-col">
          <TunnelCard
            tunnel={tunnel.data}
            listenerUrl={listenerUrl}
            accountId={account.id}
            onChange={tunnel.set}
          />
          <PasteCard account={account} tunnel={tunnel.data} listenerUrl={listenerUrl} />
          <DoctorCard account={account} />
        </div>
        <div className="dash-col">
          <TokenCard accountId={account.id} />
          <TrafficCard accountId={account.id} />
        </div>
      </div>
    </div>
  );
}
