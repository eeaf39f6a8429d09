import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { callApi } from '../helpers/headless-process';
import { anAccount, simulate, type Account } from './callback-helpers';
import { expect, test, type MpdeskFixture } from './fixtures';
import { firstOf } from '../helpers/indexed';

/** A POST straight to the callback port, signed with a signature that cannot match the Token. */
async function sendBadSignature(mpdesk: MpdeskFixture, account: Account) {
  const res = await fetch(
    `${mpdesk.callbackUrl}${account.callbackPath}?signature=0000000000000000000000000000000000000000&timestamp=1700000000&nonce=42&openid=oBadSig`,
    {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: '<xml><ToUserName><![CDATA[gh_x]]></ToUserName><FromUserName><![CDATA[oBadSig]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[forged]]></Content><MsgId>1</MsgId></xml>',
    },
  );
  expect(res.status).toBe(401);
}

async function openCallbacks(page: Page, mpdesk: MpdeskFixture, search = '') {
  await page.goto(mpdesk.consoleUrl);
  // A string: the node-side typecheck has no DOM types.
  await page.evaluate(`window.location.hash = ${JSON.stringify(`#/callbacks${search}`)}`);
}

const list = (page: Page, name: string | RegExp = /Callback log|回调日志/) =>
  page.getByRole('listbox', { name });

test('a request with a wrong signature appears live as an error, explained with its fix', async ({
  page,
  mpdesk,
}) => {
  const account = await anAccount(mpdesk);
  await openCallbacks(page, mpdesk);
  await expect(page.getByRole('heading', { level: 1, name: 'Callbacks' })).toBeVisible();
  // The screen is open before the request exists: it has to arrive over the live event stream.
  await expect(page.getByRole('heading', { name: 'No callbacks yet' })).toBeVisible();

  await sendBadSignature(mpdesk, account);
  const row = list(page).getByRole('option', { name: /Bad signature/ });
  await expect(row).toBeVisible();
  await expect(row).toContainText('401');

  await row.click();
  const detail = page.getByRole('region', { name: /Callback #\d+/ });
  await expect(detail.getByRole('heading', { name: 'What went wrong: Bad signature' })).toBeVisible();
  await expect(detail).toContainText("does not match the one computed from this account's Token");
  await expect(detail).toContainText('Server configuration');
  await expect(detail).toContainText('signature does not match the Token');
  // The request as it arrived: query and raw body.
  await expect(detail.getByRole('row', { name: /nonce 42/ })).toBeVisible();
  await expect(detail).toContainText('forged');
  // The timeline stops after verification.
  await expect(detail.getByRole('meter', { name: /Stage timings/ })).toBeVisible();
  await expect(detail.getByRole('listitem').filter({ hasText: 'Decrypt' })).toContainText('did not run');
});

test('replay and edit-and-replay send again and show up as new entries', async ({ page, mpdesk }) => {
  const account = await anAccount(mpdesk);
  const sent = await simulate(mpdesk, account, {
    MsgType: 'text',
    Content: 'hello desk',
    FromUserName: 'oFan1',
  });
  await openCallbacks(page, mpdesk);
  const first = list(page).getByRole('option', { name: /Text/ });
  await expect(first).toHaveCount(1);
  await first.click();
  const detail = page.getByRole('region', { name: `Callback #${sent.logId}` });
  await expect(detail).toContainText('hello desk');

  // Replay: the same bytes again as a new delivery, so the rules run again (ngrok's replay).
  await detail.getByRole('button', { name: 'Replay', exact: true }).click();
  await expect(detail.getByRole('status')).toContainText(/Replayed: HTTP 200, logged as #\d+/);
  await expect(list(page).getByRole('option')).toHaveCount(2);
  const replayed = list(page).getByRole('option').filter({ hasText: 'Replay' });
  await expect(replayed).toHaveCount(1);
  await expect(replayed).not.toContainText('Retry');
  // As WeChat's retry: dedupe answers it with the first reply, and nothing runs.
  await detail.getByRole('button', { name: 'Replay as WeChat’s retry' }).click();
  await expect(list(page).getByRole('option')).toHaveCount(3);
  const retry = list(page).getByRole('option', { name: /Retry 2/ });
  await expect(retry).toContainText('Retry answered');
  await expect(retry).toContainText('Replay');
  // The first entry's deliveries list it and its retry; the fresh replay is a delivery of its own.
  await expect(detail.getByRole('list', { name: 'Delivery' }).getByRole('listitem')).toHaveCount(2);

  // Edit and replay: change Content; core re-signs, and a fresh MsgId makes it a new message.
  await detail.getByRole('button', { name: 'Edit and replay' }).click();
  const dialog = page.getByRole('dialog', { name: `Edit and replay #${sent.logId}` });
  await dialog.getByRole('textbox', { name: 'Value of Content' }).fill('edited text');
  await dialog.getByRole('button', { name: 'Sign and send' }).click();
  await expect(dialog).toBeHidden();
  await expect(detail.getByRole('status')).toContainText(/Replayed: HTTP 200, logged as #\d+/);
  await expect(list(page).getByRole('option')).toHaveCount(4);
  await detail.getByRole('button', { name: /Show #\d+/ }).click();
  const edited = page.getByRole('region', { name: /Callback #\d+/ });
  await expect(edited).toContainText('edited text');
  await expect(edited).toContainText('a replay sent as a new delivery');
  await expect(edited).toContainText('Replay');
});

test("an encrypted reply is checked by core as WeChat opens it, in the screen's words", async ({
  page,
  mpdesk,
}) => {
  const account = await anAccount(mpdesk);
  await callApi(mpdesk, 'accounts.update', {
    id: account.id,
    mode: 'safe',
    encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  });
  await callApi(mpdesk, 'rules.save', {
    accountId: account.id,
    name: 'hi',
    trigger: { kind: 'keyword', match: 'exact', pattern: 'hi' },
    replies: [{ type: 'text', content: 'hello back' }],
  });
  const sent = await simulate(mpdesk, account, { MsgType: 'text', Content: 'hi', FromUserName: 'oFan2' });
  await openCallbacks(page, mpdesk);
  await list(page).getByRole('option', { name: /Text/ }).click();
  const verdict = page
    .getByRole('region', { name: `Callback #${sent.logId}` })
    .getByRole('group', { name: 'Reply check' });
  await expect(verdict).toContainText('Valid text reply.');
  await expect(verdict).toContainText('Encrypted envelope');
  await expect(verdict).not.toContainText('missing');
  await expect(verdict.getByRole('listitem')).toHaveCount(1);

  // Both replays are checked the same way, in either language (issue 22: never "缺少 MsgType").
  const detail = page.getByRole('region', { name: `Callback #${sent.logId}` });
  await detail.getByRole('button', { name: 'Replay', exact: true }).click();
  await expect(list(page).getByRole('option')).toHaveCount(2);
  await detail.getByRole('button', { name: 'Replay as WeChat’s retry' }).click();
  await expect(list(page).getByRole('option')).toHaveCount(3);
  expect((await callApi(mpdesk, 'settings.update', { language: 'zh-CN' })).body.ok).toBe(true);
  await openCallbacks(page, mpdesk);
  for (const row of await list(page, '回调日志').getByRole('option').all()) {
    await row.click();
    const zhVerdict = page
      .getByRole('region', { name: /回调 #\d+/ })
      .getByRole('group', { name: '回复检查' });
    await expect(zhVerdict).toContainText('有效的text回复');
    await expect(zhVerdict).not.toContainText('缺少');
  }
});

test('filters narrow the list, live entries respect them, and they survive a reload', async ({
  page,
  mpdesk,
}) => {
  const account = await anAccount(mpdesk);
  await simulate(mpdesk, account, { MsgType: 'text', Content: 'one' });
  await simulate(mpdesk, account, { MsgType: 'event', Event: 'subscribe' });
  await simulate(mpdesk, account, { MsgType: 'event', Event: 'CLICK', EventKey: 'V1001_TODAY' });
  await sendBadSignature(mpdesk, account);
  await openCallbacks(page, mpdesk);
  await expect(list(page).getByRole('option')).toHaveCount(4);

  await page.getByRole('combobox', { name: 'Type' }).selectOption('text');
  // The forged request was rejected before parsing: its type is unknown, so only the real text is left.
  await expect(list(page).getByRole('option')).toHaveCount(1);
  await expect(list(page).getByRole('option')).toContainText('Text');
  // Beside the type, what the fan said (the row's preview).
  await expect(list(page).getByRole('option')).toContainText('one');
  await expect(page).toHaveURL(/type=text/);

  await page.getByRole('combobox', { name: 'Type' }).selectOption('event:CLICK');
  await expect(list(page).getByRole('option')).toHaveCount(1);
  await expect(list(page).getByRole('option')).toContainText('Menu click');
  await expect(list(page).getByRole('option')).toContainText('V1001_TODAY');

  await page.getByRole('combobox', { name: 'Type' }).selectOption('');
  await page.getByRole('checkbox', { name: 'Errors only' }).check();
  await expect(list(page).getByRole('option')).toHaveCount(1);
  await expect(list(page).getByRole('option')).toContainText('Bad signature');

  // A live entry that does not match stays out; one that does comes in.
  await simulate(mpdesk, account, { MsgType: 'text', Content: 'two' });
  await sendBadSignature(mpdesk, account);
  await expect(list(page).getByRole('option')).toHaveCount(2);

  await page.getByRole('checkbox', { name: 'Errors only' }).uncheck();
  await page.getByRole('searchbox', { name: 'Search' }).fill('V1001_TODAY');
  await expect(list(page).getByRole('option')).toHaveCount(1);
  await expect(page).toHaveURL(/q=V1001_TODAY/);

  await page.reload();
  await expect(page.getByRole('searchbox', { name: 'Search' })).toHaveValue('V1001_TODAY');
  await expect(list(page).getByRole('option')).toHaveCount(1);
  await expect(list(page).getByRole('option')).toContainText('Menu click');

  // Live entries under free text: the server reads the rows from the oldest of them on (afterId);
  // the one that matches comes in, the other stays out.
  await simulate(mpdesk, account, { MsgType: 'event', Event: 'CLICK', EventKey: 'V1001_TODAY' });
  await simulate(mpdesk, account, { MsgType: 'text', Content: 'three' });
  await expect(list(page).getByRole('option')).toHaveCount(2);

  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(list(page).getByRole('option')).toHaveCount(8);
});

test('keyboard: j/k and arrows move, Enter opens, Esc closes; new entries wait while the user reads', async ({
  page,
  mpdesk,
}) => {
  const account = await anAccount(mpdesk);
  for (let i = 0; i < 40; i++) await simulate(mpdesk, account, { MsgType: 'text', Content: `msg ${i}` });
  await openCallbacks(page, mpdesk);
  const lb = list(page);
  await expect(lb.getByRole('option').first()).toBeVisible();
  await lb.focus();
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('k');
  const active = lb.locator('[data-active]');
  await expect(active).toHaveAttribute('aria-selected', 'true');
  const id = await active.getAttribute('data-id');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: `Callback #${id}` })).toBeVisible();
  await page.keyboard.press('j');
  const next = await lb.locator('[data-active]').getAttribute('data-id');
  expect(Number(next)).toBe(Number(id) - 1);
  await expect(page.getByRole('region', { name: `Callback #${next}` })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('region', { name: /Callback #/ })).toBeHidden();
  await expect(lb).toBeFocused();

  // Scroll away from the top: a new entry must not move the rows being read.
  await lb.evaluate((el) => (el.scrollTop = 300));
  await page.waitForTimeout(100); // let the scroll event land
  const before = await lb.evaluate((el) => el.scrollTop);
  const topRowBefore = await lb.getByRole('option').first().getAttribute('data-id');
  await simulate(mpdesk, account, { MsgType: 'text', Content: 'while reading' });
  const pill = page.getByRole('button', { name: 'Show 1 new entry' });
  await expect(pill).toBeVisible();
  expect(await lb.evaluate((el) => el.scrollTop)).toBe(before);
  expect(await lb.getByRole('option').first().getAttribute('data-id')).toBe(topRowBefore);
  await pill.click();
  await expect(pill).toBeHidden();
  await expect(lb.getByRole('option').first()).toContainText('Text');
  expect(await lb.evaluate((el) => el.scrollTop)).toBe(0);
});

test('a near-limit Chinese message opens at once, clipped; Show all lays out the rest', async ({
  page,
  mpdesk,
}) => {
  const account = await anAccount(mpdesk);
  // 200,000 characters of mixed Chinese and ASCII: laid out as one pre-wrapped text node, Chromium
  // takes tens of seconds over it (quadratic line breaking); the detail must stay quick.
  const content = '长文 long text '.repeat(20_000).slice(0, 200_000);
  const sent = await callApi<{ logId: number | null }>(mpdesk, 'simulator.send', {
    accountId: account.id,
    xml: `<xml><ToUserName><![CDATA[gh_x]]></ToUserName><FromUserName><![CDATA[oLong]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content><MsgId>4242</MsgId></xml>`,
  });
  expect(sent.body.ok, JSON.stringify(sent.body)).toBe(true);
  await openCallbacks(page, mpdesk, `/?id=${sent.body.value!.logId}`);
  const detail = page.getByRole('region', { name: `Callback #${sent.body.value!.logId}` });
  // The raw body (plain mode) or the decrypted XML (safe mode, the Sandbox's): the message in clear.
  const rawBody = detail.locator('pre.cb-code', { hasText: '长文 long text' }).first();
  await expect(rawBody).toBeVisible({ timeout: 5000 });
  const shownBefore = await rawBody.evaluate((el) => el.textContent!.length);
  expect(shownBefore).toBeLessThan(20_000);
  await rawBody.getByRole('button', { name: /^Show all [\d,]+ characters$/ }).click();
  await expect
    .poll(() => rawBody.evaluate((el) => el.textContent!.length), { timeout: 10_000 })
    .toBeGreaterThan(200_000);
  // The parsed Content field is clipped on its own.
  await expect(detail.getByRole('button', { name: 'Show all 200,000 characters' })).toBeVisible();
});

test('works in 中文 and in dark mode', async ({ page, mpdesk }) => {
  const account = await anAccount(mpdesk);
  const r = await callApi(mpdesk, 'settings.update', { language: 'zh-CN', theme: 'dark' });
  expect(r.body.ok).toBe(true);
  await simulate(mpdesk, account, { MsgType: 'event', Event: 'subscribe' });
  await sendBadSignature(mpdesk, account);
  await openCallbacks(page, mpdesk);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByRole('heading', { level: 1, name: '回调日志' })).toBeVisible();
  const lb = list(page, '回调日志');
  await expect(lb.getByRole('option', { name: /关注/ })).toBeVisible();
  await lb.getByRole('option', { name: /签名校验失败/ }).click();
  const detail = page.getByRole('region', { name: /回调 #\d+/ });
  await expect(detail.getByRole('heading', { name: '出错原因：签名校验失败' })).toBeVisible();
  await expect(detail).toContainText('令牌(Token)');
  await expect(detail.getByRole('button', { name: '编辑后重放' })).toBeVisible();
  await page.getByRole('combobox', { name: '消息类型' }).selectOption('event:subscribe');
  await expect(lb.getByRole('option')).toHaveCount(1);
  // Dark theme really applies to the screen's own surfaces.
  await expect(detail).toHaveCSS('background-color', 'rgb(27, 29, 32)');
});

test('a Chinese UI shows 24-hour Chinese times even in an English browser, in the evening', async ({
  mpdesk,
  browser,
}) => {
  // A time zone where it is 21:xx now, so a 12-hour clock would show "9:xx PM" (or 下午/晚上).
  const offset = ((21 - new Date().getUTCHours() + 36) % 24) - 12;
  const timeZone = offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
  const account = await anAccount(mpdesk);
  expect((await callApi(mpdesk, 'settings.update', { language: 'zh-CN' })).body.ok).toBe(true);
  const sent = await simulate(mpdesk, account, { MsgType: 'text', Content: '几点了' });
  const entry = await callApi<{ at: number }>(mpdesk, 'callbacks.get', { id: sent.logId });
  const at = entry.body.value!.at;
  const part = (o: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat('en-GB', { timeZone, ...o }).format(at);
  const clock = `${part({ hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })}.${String(at % 1000).padStart(3, '0')}`;
  const date = `${part({ year: 'numeric' })}/${part({ month: '2-digit' })}/${part({ day: '2-digit' })}`;
  expect(clock).toMatch(/^2\d:/);

  const context = await browser.newContext({ locale: 'en-US', timezoneId: timeZone });
  const page = await context.newPage();
  await openCallbacks(page, mpdesk);
  const row = list(page, '回调日志').getByRole('option', { name: /文本消息/ });
  await expect(row.locator('.cb-c-time')).toHaveText(clock);
  await row.click();
  const meta = page.getByRole('region', { name: /回调 #\d+/ }).locator('.cb-detail-meta');
  await expect(meta).toContainText(`${date} ${clock}`);
  await expect(meta).not.toContainText(/AM|PM|上午|下午|晚上/);
  await context.close();
});

test('copy as curl reproduces the exact request; export downloads the selected entries as JSON', async ({
  page,
  context,
  mpdesk,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const account = await anAccount(mpdesk);
  const sent = await simulate(mpdesk, account, {
    MsgType: 'text',
    Content: `it's "quoted"\nand $HOME \\ stays`,
  });
  await simulate(mpdesk, account, { MsgType: 'event', Event: 'subscribe' });
  await openCallbacks(page, mpdesk);
  await list(page).locator(`[data-id="${sent.logId}"]`).click();
  const detail = page.getByRole('region', { name: `Callback #${sent.logId}` });
  await detail.getByRole('button', { name: 'Copy as curl' }).click();
  await expect(detail.getByRole('status')).toHaveText('curl copied');
  const cmd = await page.evaluate<string>('navigator.clipboard.readText()');
  expect(cmd).toContain(`${mpdesk.callbackUrl}${account.callbackPath}?`);

  // Run it: same bytes, same query, same signature, so the listener takes it for WeChat's retry.
  const out = execFileSync('bash', ['-c', cmd]).toString();
  expect(out).toMatch(/^HTTP\/1\.1 200/);
  await expect(list(page).getByRole('option', { name: /Retry 2/ })).toBeVisible();

  // Export two entries picked with Ctrl+click.
  await list(page).locator(`[data-id="${sent.logId}"]`).click();
  await list(page)
    .locator(`[data-id="${sent.logId! + 1}"]`)
    .click({ modifiers: ['Control'] });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export 2 as JSON' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^mpdesk-callbacks-\d+-\d+\.json$/);
  const json = JSON.parse(fs.readFileSync(await download.path(), 'utf8')) as {
    entries: { id: number; rawBody: string; query: Record<string, string> }[];
  };
  expect(json.entries.map((e) => e.id)).toEqual([sent.logId, sent.logId! + 1]);
  expect(firstOf(json.entries).rawBody.length).toBeGreaterThan(0);
  expect(firstOf(json.entries).query.signature).toMatch(/^[0-9a-f]{40}$/);
});
