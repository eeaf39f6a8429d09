import { useEffect, useState } from 'react';
import { chooseClient } from './api/choose-client';
import type { AppStatus } from '../../shared/api/areas/app';

export function App() {
  const [status, setStatus] = useState<AppStatus | null>(null);
  useEffect(() => {
    const client = chooseClient();
    if ('missingToken' in client) return;
    void client.call('app.status', undefined).then((r) => r.ok && setStatus(r.value));
  }, []);
  return <pre>{status ? JSON.stringify(status, null, 2) : 'MPDesk'}</pre>;
}
