import path from 'node:path';
import { test as mp, expect, type MpdeskFixture } from './fixtures';
import { callApi } from '../helpers/headless-process';
import { firstOf } from '../helpers/indexed';

interface Account {
  id: string;
  isSandbox: boolean;
}
const OUT = path.resolve(__dirname, '../../docs/screenshots');

async function sandbox(mpdesk: MpdeskFixture): Promise<Account> {
  const list = await callApi<Account[]>(mpdesk, 'accounts.list', {});
  return list.body.value!.find((a) => a.isSandbox)!;
}

/** A fan writes, as WeChat would deliver it (the simulator plays WeChat's side). */
async function fanWrites(mpdesk: MpdeskFixture, accountId: string, openid: string, Content: string) {
  const r = await callApi(mpdesk, 'simulator.send', {
    accountId,
    openid,
    compose: { kind: 'text', Content },
  });
  expect(r.body.ok).toBe(true);
}

const T = {
  en: {
    send: 'Send',
    refused: 'WeChat refused the message: 45015',
    quota: 'WeChat refused the message: 45047',
  },
  'zh-CN': { send: '发送', refused: '微信拒绝了这条消息：45015', quota: '微信拒绝了这条消息：45047' },
} as const;

for (const lang of ['en', 'zh-CN'] as const) {
  mp.describe(`message centre (${lang})`, () => {
    mp(
      'a fan writes: unread in the list and the nav, read on opening, answered in the window',
      async ({ mpdesk, page }) => {
        await callApi(mpdesk, 'settings.update', { language: lang });
        const account = await sandbox(mpdesk);
        const openid = 'oE2eWriter_000000000000001';
        await fanWrites(mpdesk, account.id, openid, '请问今天营业吗？');
        await page.goto(mpdesk.consoleUrl);
        await page.evaluate(`window.location.hash = '#/messages/${account.id}'`);
        const nav = page.getByRole('navigation');
        await expect(nav.locator('.nav-badge')).toHaveText('1');
        const thread = page.locator(`.msg-thread[data-openid="${openid}"]`);
        await expect(thread).toContainText('请问今天营业吗？');
        await expect(thread.locator('.msg-unread')).toHaveText('1');
        await thread.click();
        await expect(thread.locator('.msg-unread')).toHaveCount(0);
        await expect(nav.locator('.nav-badge')).toHaveCount(0);
        const window = page.locator('.msg-window');
        await expect(window).toHaveAttribute('data-verdict', '0');
        await expect(window).toContainText(lang === 'en' ? '5 more messages' : '还可发送 5 条');

        const box = page.getByRole('textbox', { name: /^(Message|消息内容)$/ });
        await box.fill('您好，今天 9:00 到 21:00 营业。');
        await page.getByRole('button', { name: T[lang].send, exact: true }).click();
        const ours = page.locator('.msg-row-out');
        await expect(ours).toContainText('您好，今天 9:00 到 21:00 营业。');
        await expect(ours).toContainText(lang === 'en' ? 'customer-service message' : '客服消息');
        await expect(box).toHaveValue('');
        await expect(window).toContainText(lang === 'en' ? '4 more messages' : '还可发送 4 条');

        // A link card, then the fan writes again while the thread is open: it appears, already read.
        await page.getByRole('button', { name: lang === 'en' ? 'Link card' : '图文链接' }).click();
        await page.getByLabel(/^(Title|标题)$/).fill('本周活动');
        await page
          .getByLabel(/^(Link \(http or https\)|链接（http 或 https）)$/)
          .fill('https://example.com/week');
        await page.getByRole('button', { name: T[lang].send, exact: true }).click();
        await expect(ours.filter({ hasText: '本周活动' })).toBeVisible();
        await fanWrites(mpdesk, account.id, openid, '好的，谢谢');
        await expect(page.locator('.msg-row-in').filter({ hasText: '好的，谢谢' })).toBeVisible();
        await expect(nav.locator('.nav-badge')).toHaveCount(0);
      },
    );

    mp(
      'outside the window the send is refused with WeChat’s 45015 and its reason; the draft stays',
      async ({ mpdesk, page }) => {
        await callApi(mpdesk, 'settings.update', { language: lang });
        const account = await sandbox(mpdesk);
        await callApi(mpdesk, 'fans.sync', { accountId: account.id });
        await expect
          .poll(
            async () =>
              (await callApi<{ state: string }>(mpdesk, 'fans.syncStatus', { accountId: account.id })).body
                .value!.state,
          )
          .toBe('done');
        // A follower who never wrote: no customer-service window.
        const fan = firstOf(
          (
            await callApi<{ items: { openid: string }[] }>(mpdesk, 'fans.list', {
              accountId: account.id,
              limit: 1,
            })
          ).body.value!.items,
        ).openid;
        await page.goto(mpdesk.consoleUrl);
        await page.evaluate(`window.location.hash = '#/fans/${account.id}/${fan}'`);
        await page
          .getByRole('complementary')
          .getByRole('link', { name: /Send a message|发消息/ })
          .click();
        await expect(page).toHaveURL(new RegExp(`#/messages/${account.id}/${fan}$`));
        const window = page.locator('.msg-window');
        await expect(window).toHaveAttribute('data-verdict', '45015');
        const box = page.getByRole('textbox', { name: /^(Message|消息内容)$/ });
        await box.fill('您好，您之前咨询的问题已处理。');
        await page.getByRole('button', { name: T[lang].send, exact: true }).click();
        const alert = page.locator('.msg-refusal');
        await expect(alert).toContainText(T[lang].refused);
        await expect(alert).toContainText(lang === 'en' ? 'window closed' : '回复时间超过限制');
        await expect(box).toHaveValue('您好，您之前咨询的问题已处理。');
        await expect(page.locator('.msg-row-out')).toHaveCount(0);
      },
    );

    mp('the window’s 5 are used: the 6th is refused with 45047', async ({ mpdesk, page }) => {
      await callApi(mpdesk, 'settings.update', { language: lang });
      const account = await sandbox(mpdesk);
      const openid = 'oE2eQuota_0000000000000001';
      await fanWrites(mpdesk, account.id, openid, 'hi');
      for (let i = 0; i < 5; i++) {
        const r = await callApi(mpdesk, 'conversations.send', {
          accountId: account.id,
          openid,
          message: { type: 'text', content: `第 ${i + 1} 条` },
        });
        expect(r.body.ok).toBe(true);
      }
      await page.goto(mpdesk.consoleUrl);
      await page.evaluate(`window.location.hash = '#/messages/${account.id}/${openid}'`);
      await expect(page.locator('.msg-window')).toHaveAttribute('data-verdict', '45047');
      await page.getByRole('textbox', { name: /^(Message|消息内容)$/ }).fill('第 6 条');
      await page.getByRole('button', { name: T[lang].send, exact: true }).click();
      await expect(page.locator('.msg-refusal')).toContainText(T[lang].quota);
      await expect(page.locator('.msg-row-out')).toHaveCount(5);
    });
  });
}

for (const lang of ['en', 'zh-CN'] as const) {
  for (const theme of ['light', 'dark'] as const) {
    mp(`screenshot messages ${lang} ${theme}`, async ({ page, mpdesk }) => {
      mp.skip(!process.env.MPDESK_SCREENSHOTS, 'set MPDESK_SCREENSHOTS=1 to refresh docs/screenshots');
      await page.setViewportSize({ width: 1440, height: 900 });
      await callApi(mpdesk, 'settings.update', { language: lang, theme });
      const account = await sandbox(mpdesk);
      const fans = [
        'oShotFan_00000000000000001',
        'oShotFan_00000000000000002',
        'oShotFan_00000000000000003',
      ] as const;
      const send = (openid: string, compose: unknown) =>
        callApi(mpdesk, 'simulator.send', { accountId: account.id, openid, compose });
      await send(fans[1], { kind: 'voice', Format: 'amr', Recognition: '我想预约明天下午两点' });
      await send(fans[2], { kind: 'text', Content: 'Hello! Do you ship abroad?' });
      await send(fans[0], { kind: 'subscribe', scene: '' });
      await send(fans[0], { kind: 'text', Content: '你好，请问周末营业吗？' });
      await send(fans[0], {
        kind: 'location',
        Location_X: '23.13',
        Location_Y: '113.26',
        Scale: '15',
        Label: '广州市天河区',
      });
      await callApi(mpdesk, 'conversations.send', {
        accountId: account.id,
        openid: fans[0],
        message: { type: 'text', content: '您好，周末正常营业 9:00–21:00，欢迎光临！' },
      });
      await callApi(mpdesk, 'conversations.send', {
        accountId: account.id,
        openid: fans[0],
        message: {
          type: 'news',
          title: '周末活动：全场八折',
          description: '本周六、日两天',
          url: 'https://example.com/weekend',
        },
      });
      await callApi(mpdesk, 'fans.remark', {
        accountId: account.id,
        openid: fans[0],
        remark: '老王 VIP',
      }).catch(() => {});
      await page.goto(mpdesk.consoleUrl);
      await page.evaluate(`window.location.hash = '#/messages/${account.id}/${fans[0]}'`);
      await expect(page.locator('.msg-row-out')).toHaveCount(2);
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(OUT, `messages-${lang === 'en' ? 'en' : 'zh'}-${theme}.png`) });
    });
  }
}
