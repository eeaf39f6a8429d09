import { test, expect, type Page } from '@playwright/test';
import { test as mp } from './fixtures';
import { callApi } from '../helpers/headless-process';
import { anAccount } from './callback-helpers';

void test;

interface Rule {
  id: string;
  name: string;
  priority: number;
  trigger: { kind: string };
}

async function open(page: Page, mpdesk: { consoleUrl: string; apiBase: string }, hash: string) {
  await page.goto(mpdesk.consoleUrl);
  await page.goto(`${mpdesk.apiBase}/${hash}`);
}

const rowNames = (page: Page) => page.getByTestId('rule-row').locator('.rules-name').allTextContents();

mp.describe('rules', () => {
  mp(
    'a keyword rule with two keywords (半匹配 and 全匹配) answers in the try-it box and in the simulator',
    async ({ mpdesk, page }) => {
      const account = await anAccount(mpdesk);
      await open(page, mpdesk, `#/rules/${account.id}`);

      await page.getByRole('button', { name: /^(New rule|添加回复)$/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(/^(Rule name|规则名称)/).fill('价格咨询');
      await dialog.getByLabel(/^(How keyword 1 matches|关键词 1 的匹配方式)$/).selectOption('contains');
      await dialog.getByRole('textbox', { name: /^(Keyword 1|关键词 1)$/ }).fill('价格');
      await dialog.getByRole('button', { name: /^(Add keyword|添加关键词)$/ }).click();
      await dialog.getByLabel(/^(How keyword 2 matches|关键词 2 的匹配方式)$/).selectOption('exact');
      await dialog.getByRole('textbox', { name: /^(Keyword 2|关键词 2)$/ }).fill('多少钱');
      await dialog.getByLabel(/^(Text|文字)$/).fill('套餐 99 元/月，回复“购买”了解详情');
      await dialog.getByRole('button', { name: /^(Save|保存)$/ }).click();
      await expect(dialog).toBeHidden();
      await expect(page.getByRole('listitem', { name: '价格咨询' })).toBeVisible();

      await page.getByPlaceholder(/Message text|消息内容/).fill('请问价格多少');
      await page.getByRole('button', { name: /^(Check|检查)$/ }).click();
      const result = page.getByTestId('try-result');
      await expect(result).toContainText('价格咨询');
      await expect(result).toContainText('套餐 99 元/月');
      await expect(page.getByTestId('try-keyword')).toHaveText(/(Contains|半匹配).*价格/);
      await page.getByPlaceholder(/Message text|消息内容/).fill('多少钱');
      await page.getByRole('button', { name: /^(Check|检查)$/ }).click();
      await expect(page.getByTestId('try-keyword')).toHaveText(/(Exact|全匹配).*多少钱/);
      // 全匹配: the whole message must be the keyword.
      await page.getByPlaceholder(/Message text|消息内容/).fill('这个多少钱呀');
      await page.getByRole('button', { name: /^(Check|检查)$/ }).click();
      await expect(result).toContainText(/No rule answers|没有规则/);
      await expect(page.getByRole('listitem', { name: '价格咨询' })).toContainText(
        /半匹配 · 价格 \/ 全匹配 · 多少钱|Contains · 价格 \/ Exact · 多少钱/,
      );

      await page.goto(`${mpdesk.apiBase}/#/simulator/${account.id}/oRulesSpecFan00000000000001`);
      await page.getByPlaceholder(/^(Message|消息内容)$/).fill('价格是多少？');
      await page
        .getByRole('button', { name: /^(Send|发送)$/ })
        .first()
        .click();
      await expect(page.getByTestId('sim-reply').filter({ hasText: '套餐 99 元/月' })).toBeVisible();
    },
  );

  mp(
    'the editor shows errors next to their fields, including a bad regular expression',
    async ({ mpdesk, page }) => {
      const account = await anAccount(mpdesk);
      await open(page, mpdesk, `#/rules/${account.id}`);
      await page.getByRole('button', { name: /^(New rule|添加回复)$/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: /^(Save|保存)$/ }).click();
      await expect(dialog.getByLabel(/^(Rule name|规则名称)/)).toHaveAttribute('aria-invalid', 'true');
      await expect(dialog.getByRole('textbox', { name: /^(Keyword 1|关键词 1)$/ })).toHaveAttribute(
        'aria-invalid',
        'true',
      );
      await expect(dialog.getByLabel(/^(Text|文字)$/)).toHaveAttribute('aria-invalid', 'true');

      await dialog.getByLabel(/^(Rule name|规则名称)/).fill('regex');
      await dialog.getByLabel(/^(How keyword 1 matches|关键词 1 的匹配方式)$/).selectOption('regex');
      await dialog.getByRole('textbox', { name: /^(Keyword 1|关键词 1)$/ }).fill('([a-z');
      await dialog.getByLabel(/^(Text|文字)$/).fill('x');
      await dialog.getByRole('button', { name: /^(Save|保存)$/ }).click();
      await expect(dialog.getByText(/Not a valid regular expression|不是有效的正则表达式/)).toBeVisible();
      const saved = await callApi<{ rules: Rule[] }>(mpdesk, 'rules.list', { accountId: account.id });
      expect(saved.body.value?.rules).toHaveLength(0);
    },
  );

  mp(
    'rules reorder with the keyboard arrows and by drag and drop, and the order is saved',
    async ({ mpdesk, page }) => {
      const account = await anAccount(mpdesk);
      for (const [i, name] of ['A', 'B', 'C'].entries())
        await callApi(mpdesk, 'rules.save', {
          accountId: account.id,
          name,
          priority: (i + 1) * 10,
          trigger: { kind: 'keyword', match: 'exact', pattern: name },
          replies: [{ type: 'text', content: name }],
        });
      await callApi(mpdesk, 'rules.save', {
        accountId: account.id,
        name: 'Default',
        trigger: { kind: 'default' },
        replies: [{ type: 'text', content: '收到' }],
      });
      await open(page, mpdesk, `#/rules/${account.id}`);
      await expect.poll(() => rowNames(page)).toEqual(['A', 'B', 'C', 'Default']);

      await page.getByRole('button', { name: /^(Move A down|下移 A)$/ }).click();
      await expect.poll(() => rowNames(page)).toEqual(['B', 'A', 'C', 'Default']);
      // Focus stays on the arrow, so a second press keeps moving the same rule.
      await page.keyboard.press('Enter');
      await expect.poll(() => rowNames(page)).toEqual(['B', 'C', 'A', 'Default']);

      await page
        .getByRole('listitem', { name: 'A', exact: true })
        .dragTo(page.getByRole('listitem', { name: 'B', exact: true }));
      await expect.poll(() => rowNames(page)).toEqual(['A', 'B', 'C', 'Default']);

      await expect
        .poll(async () => {
          const r = await callApi<{ rules: Rule[] }>(mpdesk, 'rules.list', { accountId: account.id });
          return r.body
            .value!.rules.filter((x) => x.trigger.kind !== 'default')
            .sort((a, b) => a.priority - b.priority)
            .map((x) => x.name);
        })
        .toEqual(['A', 'B', 'C']);
      await page.reload();
      await expect.poll(() => rowNames(page)).toEqual(['A', 'B', 'C', 'Default']);
      await expect(page.getByRole('button', { name: /^(Move Default up|上移 Default)$/ })).toBeDisabled();
    },
  );
});

/** Screenshots for docs/ (MPDESK_SCREENSHOTS=1): both languages and themes, and the editor. */
mp('screenshots: rules', async ({ mpdesk, page }) => {
  mp.skip(!process.env.MPDESK_SCREENSHOTS, 'set MPDESK_SCREENSHOTS=1 to refresh docs/screenshots');
  const account = await anAccount(mpdesk);
  const rules = [
    {
      name: '价格咨询',
      trigger: { kind: 'keyword', match: 'contains', pattern: '价格' },
      replies: [{ type: 'text', content: '套餐 99 元/月，回复“购买”了解详情' }],
    },
    {
      name: '订单查询',
      trigger: { kind: 'keyword', match: 'regex', pattern: '^订单\\s*\\d{6,}$' },
      replies: [{ type: 'transfer' }],
    },
    {
      name: '海报关注',
      trigger: { kind: 'subscribe', scene: 'poster2026' },
      replies: [
        {
          type: 'news',
          articles: [
            {
              title: '新人礼包已到账',
              description: '点击领取 3 张优惠券',
              picUrl: 'https://example.com/p.png',
              url: 'https://example.com/',
            },
          ],
        },
      ],
    },
    {
      name: '菜单：联系我们',
      trigger: { kind: 'click', key: 'V1001_CONTACT' },
      replies: [
        { type: 'text', content: '客服电话 400-000-0000' },
        { type: 'text', content: '工作时间 9:00-18:00' },
      ],
    },
    {
      name: '收到消息回复',
      trigger: { kind: 'default' },
      replies: [{ type: 'text', content: '消息已收到，我们会尽快回复。' }],
    },
  ];
  for (const [i, r] of rules.entries())
    await callApi(mpdesk, 'rules.save', { accountId: account.id, priority: (i + 1) * 10, ...r });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(mpdesk.consoleUrl);
  for (const language of ['zh-CN', 'en'] as const)
    for (const theme of ['light', 'dark'] as const) {
      await callApi(mpdesk, 'settings.update', { language, theme });
      await page.goto(`${mpdesk.apiBase}/#/rules/${account.id}`);
      await page.reload();
      await page.getByPlaceholder(/Message text|消息内容/).fill('请问价格多少');
      await page.getByRole('button', { name: /^(Check|检查)$/ }).click();
      await expect(page.getByTestId('try-result')).toBeVisible();
      const lang = language === 'en' ? 'en' : 'zh';
      await page.screenshot({ path: `docs/screenshots/rules-${lang}-${theme}.png` });
      if (theme === 'light') {
        await page.getByRole('button', { name: /^(Edit|编辑) 海报关注$/ }).click();
        await expect(page.getByRole('dialog')).toBeVisible();
        await page.screenshot({ path: `docs/screenshots/rules-editor-${lang}-${theme}.png` });
        await page.keyboard.press('Escape');
      }
    }
});
