import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * A key that changes at most once per `ms` however often `bump` is called: a list refetched when
 * events say it changed stays one fetch behind a burst, not one fetch per event.
 */
export function useThrottledKey(ms = 300): [key: number, bump: () => void] {
  const [key, setKey] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const last = useRef(0);
  useEffect(() => () => clearTimeout(timer.current), []);
  const bump = useCallback(() => {
    if (timer.current) return;
    const wait = Math.max(0, last.current + ms - Date.now());
    timer.current = setTimeout(() => {
      timer.current = undefined;
      last.current = Date.now();
      setKey((k) => k + 1);
    }, wait);
  }, [ms]);
  return [key, bump];
}
