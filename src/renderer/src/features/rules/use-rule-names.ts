import { useEffect, useState } from 'react';
import { useApi, useApiEvent, useResyncKey } from '../../api/api-context';
import type { Translate } from '../../i18n/i18n';

/** The account's rules by id → name, kept current; undefined until loaded (or without an account). */
export function useRuleNames(accountId: string | null | undefined): Map<string, string> | undefined {
  const api = useApi();
  const resync = useResyncKey();
  const [names, setNames] = useState<Map<string, string>>();
  const [nonce, setNonce] = useState(0);
  useEffect(() => {
    if (!accountId) return;
    let live = true;
    void api.call('rules.list', { accountId }).then((r) => {
      if (live && r.ok) setNames(new Map(r.value.rules.map((x) => [x.id, x.name])));
    });
    return () => {
      live = false;
    };
  }, [api, accountId, resync, nonce]);
  useApiEvent('rules.changed', (p) => {
    if (p.accountId === accountId) setNonce((n) => n + 1);
  });
  return accountId ? names : undefined;
}

/**
 * Who answered, in words: the log keeps `rule:<id>[,rule:<id>]` or `upstream`; the UI says the
 * rules' names (「价格咨询」, “Prices”), "your server", or that the rule was deleted since.
 */
export function answeredBy(
  matched: string,
  names: Map<string, string> | undefined,
  t: Translate,
  words: { upstream: Parameters<Translate>[0]; deleted: Parameters<Translate>[0] },
): string {
  return matched
    .split(',')
    .map((part) => {
      if (part === 'upstream') return t(words.upstream);
      if (!part.startsWith('rule:')) return part;
      const name = names?.get(part.slice('rule:'.length));
      return name ? t('rules.quoted', { name }) : names ? t(words.deleted) : '…';
    })
    .join(', ');
}
