import type { FanDto, FanExportDto, FanTagDto } from '../../../shared/api/areas/fans';
import type { FanFilter } from '../../store/repos/fan-query';
import type { FansRepo } from '../../store/repos/fans-repo';

type Lang = 'zh-CN' | 'en';

/** Rows read per slice, with the event loop running between (an export of 100 000 fans takes a while). */
const SLICE = 2_000;

const HEADERS: Record<Lang, string[]> = {
  'zh-CN': [
    'OpenID',
    'UnionID',
    '备注名',
    '昵称',
    '是否关注',
    '关注时间',
    '关注来源',
    '标签',
    '语言',
    '黑名单',
    '最近互动',
    '最近消息',
  ],
  en: [
    'OpenID',
    'UnionID',
    'Remark',
    'Nickname',
    'Following',
    'Followed at',
    'Source',
    'Tags',
    'Language',
    'Blacklisted',
    'Last seen',
    'Last message',
  ],
};
const YES_NO: Record<Lang, [string, string]> = { 'zh-CN': ['是', '否'], en: ['yes', 'no'] };
const TAG_JOIN: Record<Lang, string> = { 'zh-CN': '、', en: '; ' };

/** Local date and time as Excel reads it: 2026-01-05 10:00:00. */
function dateTime(ms: number | undefined): string {
  if (!ms) return '';
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/**
 * One CSV cell (RFC 4180 quoting). A cell that a spreadsheet would run as a formula (=, +, -, @, a
 * tab or a return first) gets a leading apostrophe: nicknames come from fans, and a nickname such as
 * `=HYPERLINK(…)` must stay text.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function row(f: FanDto, tags: Map<number, string>, lang: Lang): string {
  const [yes, no] = YES_NO[lang];
  return [
    f.openid,
    f.unionid ?? '',
    f.remark,
    f.nickname ?? '',
    f.subscribed ? yes : no,
    dateTime(f.subscribeTime),
    f.subscribeScene ?? '',
    f.tagIds.map((id) => tags.get(id) ?? `#${id}`).join(TAG_JOIN[lang]),
    f.language ?? '',
    f.blacklisted ? yes : no,
    dateTime(f.lastSeen),
    dateTime(f.lastMessageAt),
  ]
    .map(csvCell)
    .join(',');
}

/**
 * The fans of a filter as CSV (UTF-8 with a byte-order mark, CRLF lines: what Excel opens with Chinese
 * intact), read in slices so a large export does not hold the event loop the listener shares.
 */
export async function exportFansCsv(
  repo: FansRepo,
  filter: FanFilter,
  tags: readonly FanTagDto[],
  lang: Lang,
  now: number,
): Promise<FanExportDto> {
  const names = new Map(tags.map((t) => [t.id, t.name]));
  const lines = [HEADERS[lang].map(csvCell).join(',')];
  const ids = repo.sparseIds(filter);
  let cursor: string | undefined;
  do {
    const page = repo.page(filter, SLICE, cursor, ids);
    for (const f of page.items) lines.push(row(f, names, lang));
    cursor = page.nextCursor;
    if (cursor) await new Promise((r) => setImmediate(r));
  } while (cursor);
  const stamp = dateTime(now).replace(/[-: ]/g, '').slice(0, 12);
  return {
    fileName: `fans-${filter.accountId}-${stamp}.csv`,
    csv: `\uFEFF${lines.join('\r\n')}\r\n`,
    rows: lines.length - 1,
  };
}
