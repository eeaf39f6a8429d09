/**
 * Why a signed callback's `timestamp` (seconds, docs/wechat-protocol.md §2.1) is refused, or null
 * when it lies within `windowS` of `nowMs`. Plain mode signs only token, timestamp and nonce, so
 * without this check one captured request could be sent again with any body, forever.
 */
export function timestampProblem(timestamp: string, nowMs: number, windowS: number): string | null {
  if (!/^\d{1,12}$/.test(timestamp)) {
    return timestamp
      ? `timestamp "${timestamp.slice(0, 24)}" is not a number of seconds`
      : 'timestamp missing from the query';
  }
  const skew = Number(timestamp) - Math.floor(nowMs / 1000);
  if (Math.abs(skew) <= windowS) return null;
  const when = skew < 0 ? `${span(-skew)} old` : `${span(skew)} ahead of this machine's clock`;
  return `timestamp ${timestamp} is ${when}; signed requests more than ${windowS} s from now are refused (a replayed capture, or a wrong clock: run the setup doctor)`;
}

function span(s: number): string {
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  if (s < 2 * 86400) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86400)} days`;
}
