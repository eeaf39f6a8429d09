import { request } from 'node:http';
import { type Page } from '@playwright/test';
import { startPublicStandIn, type ReverseProxy } from '../fakes/reverse-proxy';
import { callApi } from '../helpers/headless-process';
import { buildWechatRequest, readReplyAsWechat, textMessageXml } from '../helpers/wechat-side';
import { test, expect } from './fixtures';

/**
 * Going live, as a newcomer does it, in both languages: from a fresh data folder add a real-looking
 * account, give the callback listener a public URL (a local reverse proxy stands in for frp/nginx),
 * copy what the mp backend's 服务器配置 asks for, run the setup doctor through the public URL to
 * "ready", add a keyword reply, and answer a message WeChat sends through the public URL.
 */
const APP_ID = 'wx5f1e2d3c4b5a6978';
const APP_SECRET = 'Kq7mZp2Wx9Lr4Tn8Vb3Yc6Hd1Jf5Gs0A';
const SLUG = 'shop';

const WORDS = {
  'zh-CN': {
    accounts: '公众号',
    add: '添加公众号',
    addDialog: '添加公众号',
    name: '名称',
    appId: '开发者ID(AppID)',
    appSecret: '开发者密码(AppSecret)',
    slug: /^回调路径/,
    genToken: '随机生成令牌(Token)',
    genAes: '随机生成消息加解密密钥(EncodingAESKey)',
    token: '令牌(Token)',
    aesKey: '消息加解密密钥(EncodingAESKey)',
    save: '保存',
    dashboard: '概览',
    blocked: '无法启动：尚未选择隧道方式',
    chooseTunnel: '选择隧道方式',
    external: /我自己的公网地址/,
    publicUrl: '公网地址',
    saveAndStart: '保存并启动',
    online: '在线',
    copy: (what: string) => `复制${what}`,
    url: '服务器地址(URL)',
    mode: '消息加解密方式',
    safe: '安全模式',
    runChecks: '开始检查',
    ready: /已就绪/,
    rules: '自动回复',
    newRule: '添加回复',
    ruleName: '规则名称',
    matchN: (n: number) => `关键词 ${n} 的匹配方式`,
    keywordN: (n: number) => `关键词 ${n}`,
    addKeyword: '添加关键词',
    text: '文字',
    callbacks: '回调日志',
    detail: (id: number) => `回调 #${id}`,
    matchedName: '「价格咨询」',
    picker: '公众号',
    portWarning: /微信只访问 80/,
    noErrors: '最近没有错误。',
  },
  en: {
    accounts: 'Accounts',
    add: 'Add account',
    addDialog: 'Add Official Account',
    name: 'Display name',
    appId: 'AppID',
    appSecret: 'AppSecret',
    slug: /^Callback path/,
    genToken: 'Generate Token',
    genAes: 'Generate EncodingAESKey',
    token: 'Token',
    aesKey: 'EncodingAESKey',
    save: 'Save',
    dashboard: 'Dashboard',
    blocked: 'Start is off: no tunnel is chosen',
    chooseTunnel: 'Choose a tunnel',
    external: /My own public URL/,
    publicUrl: 'Public URL',
    saveAndStart: 'Save and start',
    online: 'Online',
    copy: (what: string) => `Copy ${what}`,
    url: 'URL',
    mode: 'Message encryption',
    safe: 'Safe mode',
    runChecks: 'Run checks',
    ready: /^Ready/,
    rules: 'Rules',
    newRule: 'New rule',
    ruleName: 'Rule name',
    matchN: (n: number) => `How keyword ${n} matches`,
    keywordN: (n: number) => `Keyword ${n}`,
    addKeyword: 'Add keyword',
    text: 'Text',
    callbacks: 'Callbacks',
    detail: (id: number) => `Callback #${id}`,
    matchedName: '“价格咨询”',
    picker: 'Official Account',
    portWarning: /WeChat only calls ports 80/,
    noErrors: 'No errors recently.',
  },
} as const;

/** POSTs a request to the public URL exactly as WeChat's servers would, and reads the answer. */
function postAsWechat(url: string, body: string): Promise<{ status: number; body: string; logId: number }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'text/xml' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8'),
          logId: Number(res.headers['x-mpdesk-log-id']),
        }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function shot(page: Page, lang: string, step: string) {
  await page.screenshot({ path: `reports/screenshots/golive-${lang}-${step}.png` });
}

for (const lang of ['zh-CN', 'en'] as const) {
  const w = WORDS[lang];
  test.describe(`go live (${lang})`, () => {
    test.use({
      locale: lang,
      permissions: ['clipboard-read', 'clipboard-write'],
      viewport: { width: 1360, height: 1500 },
    });
    let proxy: ReverseProxy | undefined;
    test.afterEach(async () => {
      await proxy?.close();
      proxy = undefined;
    });

    test('from a fresh start to a passing doctor on an external URL, and a fan answered through it', async ({
      mpdesk,
      page,
    }) => {
      test.setTimeout(120_000);
      const standIn = await startPublicStandIn(mpdesk.callbackUrl);
      proxy = standIn.proxy;
      const clipboard = () => page.evaluate(() => navigator.clipboard.readText());

      // 1. A real-looking account, added in the form; Token and EncodingAESKey generated there.
      await page.goto(mpdesk.consoleUrl);
      await page.getByRole('navigation').getByRole('link', { name: w.accounts, exact: true }).click();
      await page.getByRole('button', { name: w.add }).click();
      const dialog = page.getByRole('dialog', { name: w.addDialog });
      await dialog.getByLabel(w.name, { exact: true }).fill('我的服务号');
      await dialog.getByLabel(w.appId, { exact: true }).fill(APP_ID);
      await dialog.getByLabel(w.appSecret, { exact: true }).fill(APP_SECRET);
      await dialog.getByLabel(w.slug).fill(SLUG);
      await dialog.getByRole('button', { name: w.genToken }).click();
      await dialog.getByRole('button', { name: w.genAes }).click();
      const token = await dialog.getByLabel(w.token, { exact: true }).inputValue();
      const aesKey = await dialog.getByLabel(w.aesKey, { exact: true }).inputValue();
      expect(token).toMatch(/^[A-Za-z0-9]{32}$/);
      expect(aesKey).toMatch(/^[A-Za-z0-9]{43}$/);
      await shot(page, lang, '1-account-form');
      await dialog.getByRole('button', { name: w.save }).click();
      await expect(dialog).toBeHidden();
      const accounts = await callApi<{ id: string; appId: string }[]>(mpdesk, 'accounts.list');
      const account = accounts.body.value!.find((a) => a.appId === APP_ID)!;
      // Its API calls go to the built-in platform, so token calls work offline (the form has no API host field).
      await callApi(mpdesk, 'accounts.update', { id: account.id, apiBase: 'sandbox' });

      // 2. The dashboard: Start is off and says why, with a link to the field that fixes it.
      await page.getByRole('navigation').getByRole('link', { name: w.dashboard, exact: true }).click();
      await page.getByRole('combobox', { name: w.picker }).selectOption(account.id);
      await expect(page.getByTestId('tunnel-start-blocked')).toContainText(w.blocked);
      await shot(page, lang, '2-dashboard-no-tunnel');
      await page.getByTestId('tunnel-start-blocked').getByRole('link', { name: w.chooseTunnel }).click();
      await expect(page).toHaveURL(/#\/settings\/tunnel\/provider$/);

      // 3. Settings → Tunnel: an external public URL (the stand-in for frp/nginx), saved and started.
      await page.getByRole('radio', { name: w.external }).check();
      await page.getByLabel(w.publicUrl, { exact: true }).fill(proxy.url);
      if (!standIn.onPort80)
        await expect(page.getByTestId('external-port-warning')).toContainText(w.portWarning);
      await shot(page, lang, '3-tunnel-settings');
      await page.getByRole('button', { name: w.saveAndStart }).click();
      await expect(page.getByTestId('tunnel-settings-status')).toContainText(w.online);
      await expect(page.getByTestId('tunnel-settings-status')).toContainText(proxy.url);

      // 4. What to paste, in the mp backend's order, each copied with its button.
      await page.getByRole('navigation').getByRole('link', { name: w.dashboard, exact: true }).click();
      const serverUrl = `${proxy.url}/wx/${SLUG}`;
      const paste = page.getByRole('region', {
        name: lang === 'en' ? 'Paste into mp.weixin.qq.com' : '填写到公众平台',
      });
      await expect(paste.getByTestId('server-url')).toHaveText(serverUrl);
      for (const [label, value] of [
        [w.url, serverUrl],
        [w.token, token],
        [w.aesKey, aesKey],
        [w.mode, w.safe],
      ] as const) {
        await paste.getByRole('button', { name: w.copy(label), exact: true }).click();
        await expect.poll(clipboard).toBe(value);
      }
      await shot(page, lang, '4-paste');

      // 5. The setup doctor, through the public URL.
      await page.getByRole('button', { name: w.runChecks }).click();
      const verdict = page.getByTestId('doctor-verdict');
      await expect(verdict).toBeVisible({ timeout: 30_000 });
      for (const id of ['tunnel_online', 'public_reach', 'echo_exact', 'signature_enforced', 'round_trip'])
        await expect(page.getByTestId(`check-${id}`)).toHaveAttribute('data-status', 'pass');
      if (standIn.onPort80) {
        await expect(page.getByTestId('check-public_port')).toHaveAttribute('data-status', 'pass');
        await expect(verdict).toHaveAttribute('data-tone', 'ok');
        await expect(verdict).toContainText(w.ready);
      } else {
        // Without the right to bind port 80 the stand-in is on another port, which WeChat never calls.
        await expect(page.getByTestId('check-public_port')).toHaveAttribute('data-status', 'fail');
      }
      expect(proxy.requests.some((r) => r.path.startsWith(`/wx/${SLUG}?signature=`))).toBe(true);
      // The doctor's own probes (a deliberately wrong signature among them) are not the account's errors.
      await expect(page.getByText(w.noErrors)).toBeVisible();
      await shot(page, lang, '5-doctor');

      // 6. A 关键词回复 rule with two keywords.
      await page.getByRole('navigation').getByRole('link', { name: w.rules, exact: true }).click();
      await page.goto(`${mpdesk.apiBase}/#/rules/${account.id}`);
      await page.getByRole('button', { name: w.newRule }).click();
      const editor = page.getByRole('dialog');
      await editor.getByLabel(w.ruleName).fill('价格咨询');
      await editor.getByLabel(w.matchN(1), { exact: true }).selectOption('contains');
      await editor.getByRole('textbox', { name: w.keywordN(1), exact: true }).fill('价格');
      await editor.getByRole('button', { name: w.addKeyword }).click();
      await editor.getByLabel(w.matchN(2), { exact: true }).selectOption('exact');
      await editor.getByRole('textbox', { name: w.keywordN(2), exact: true }).fill('多少钱');
      await editor.getByLabel(w.text, { exact: true }).fill('套餐 99 元/月');
      await editor.getByRole('button', { name: w.save }).click();
      await expect(editor).toBeHidden();

      // 7. WeChat sends a fan's message through the public URL, signed and encrypted as WeChat does.
      const side = { token, aesKey, appId: APP_ID, mode: 'safe' as const };
      const now = Math.floor(Date.now() / 1000);
      const wx = buildWechatRequest(
        side,
        textMessageXml({
          to: 'gh_5f1e2d3c4b5a',
          from: 'oGoLiveFan000000000000000001',
          content: '多少钱',
          createTime: now,
        }),
        { timestamp: now, nonce: String(now % 1_000_000_000) },
      );
      const answer = await postAsWechat(wx.url(serverUrl), wx.body);
      expect(answer.status).toBe(200);
      const reply = readReplyAsWechat(side, answer.body);
      expect(reply.kind).toBe('encrypted');
      expect(reply.kind !== 'ack' && reply.fields.Content).toBe('套餐 99 元/月');

      // 8. The callback log shows it, with the rule by its name.
      await page.getByRole('navigation').getByRole('link', { name: w.callbacks, exact: true }).click();
      await page.getByRole('option').filter({ hasText: '多少钱' }).click();
      const entry = page.getByRole('region', { name: w.detail(answer.logId) });
      await expect(entry.getByTestId('cb-matched')).toHaveText(w.matchedName);
      await shot(page, lang, '6-callback-log');
    });
  });
}
