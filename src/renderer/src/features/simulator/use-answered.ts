import { useCallback, useState } from 'react';
import { useApi } from '../../api/api-context';
import { useI18n } from '../../i18n/I18nProvider';
import { answeredBy, useRuleNames } from '../rules/use-rule-names';

/**
 * Who answered the messages sent in this session, by their log id: the callback log entry's
 * `matched` (rule ids, or the developer's server) in words, with the rules' names.
 */
export function useAnswered(accountId: string) {
  const { t } = useI18n();
  const api = useApi();
  const names = useRuleNames(accountId);
  const [matched, setMatched] = useState<ReadonlyMap<number, string>>(new Map());
  const learn = useCallback(
    async (logId: number) => {
      const r = await api.call('callbacks.get', { id: logId });
      const m = r.ok ? r.value.matched : null;
      if (m) setMatched((prev) => new Map(prev).set(logId, m));
    },
    [api],
  );
  const textOf = (logId: number | null): string | undefined => {
    const m = logId ? matched.get(logId) : undefined;
    if (!m) return undefined;
    const who = answeredBy(m, names, t, {
      upstream: 'sim.answeredBy.upstream',
      deleted: 'sim.answeredBy.deleted',
    });
    return t('sim.answeredBy', { names: who });
  };
  return { learn, textOf };
}
