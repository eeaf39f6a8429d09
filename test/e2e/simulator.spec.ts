import { test, expect } from './fixtures';
import { callApi } from '../helpers/headless-process';
import { anAccount } from './callback-helpers';

test.describe('simulator', () => {
  test('a fan sends text, sees the rule reply as a bubble and follows it to the callback log', async ({
    mpdesk,
    page,
  }) => {
    const account = await anAccount(mpdesk);
    const saved = await callApi(mpdesk, 'rules.save', {
      accountId: account.id,
      name: 'hello',
      trigger: { kind: 'keyword', match: 'exact', pattern: '你好' },
      replies: [{ type: 'text', content: '欢迎来到沙箱公众号' }],
    });
    expect(saved.body.ok).toBe(true);

    await page.goto(mpdesk.consoleUrl);
    await page.goto(`${mpdesk.apiBase}/#/simulator/${account.id}`);
    const phone = page.getByRole('region', { name: new RegExp(account.name) });
    await expect(phone).toBeVisible();

    await page.getByPlaceholder(/Message|消息内容/).fill('你好');
    await page
      .getByRole('button', { name: /^(Send|发送)$/ })
      .first()
      .click();

    const reply = phone.getByTestId('sim-reply').filter({ hasText: '欢迎来到沙箱公众号' });
    await expect(reply).toBeVisible();
    await expect(phone.getByTestId('sim-sent').filter({ hasText: '你好' })).toBeVisible();

    const link = reply.getByRole('link', { name: /callback log entry|查看回调日志/ });
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^#\/callbacks\/?\?id=\d+$/);
    const logId = Number(href!.split('=').pop());
    const entry = await callApi<{ replyPlain: string; source: string }>(mpdesk, 'callbacks.get', {
      id: logId,
    });
    expect(entry.body.value?.source).toBe('simulator');
    expect(entry.body.value?.replyPlain).toContain('欢迎来到沙箱公众号');

    await link.click();
    await expect(page).toHaveURL(new RegExp(`#/callbacks/?\\?(.*&)?id=${logId}`));
    await expect(page.getByRole('region', { name: new RegExp(`(Callback|回调) #${logId}$`) })).toBeVisible();
  });

  test('events and a news reply: follow with a scene, the card shows title and description', async ({
    mpdesk,
    page,
  }) => {
    const account = await anAccount(mpdesk);
    await callApi(mpdesk, 'rules.save', {
      accountId: account.id,
      name: 'greeting',
      trigger: { kind: 'subscribe', scene: 'poster' },
      replies: [
        {
          type: 'news',
          articles: [
            {
              title: '新人礼包',
              description: '点击领取',
              picUrl: 'https://example.com/a.png',
              url: 'https://example.com/',
            },
          ],
        },
      ],
    });

    await page.goto(mpdesk.consoleUrl);
    await page.goto(`${mpdesk.apiBase}/#/simulator/${account.id}/oE2E_fan_000000000000000001`);
    await page.getByLabel(/What the fan does|粉丝操作/).selectOption('subscribe');
    await page.getByLabel(/QR scene|二维码场景值/).fill('poster');
    await page.getByRole('button', { name: /^(Trigger|触发)$/ }).click();

    const phone = page.getByRole('region', { name: new RegExp(account.name) });
    await expect(phone.getByTestId('sim-event')).toContainText(/poster/);
    const card = phone.getByRole('article', { name: '新人礼包' });
    await expect(card).toBeVisible();
    await expect(card).toContainText('点击领取');

    // An event nobody answers: the chat says so instead of staying silent.
    await page.getByLabel(/What the fan does|粉丝操作/).selectOption('unsubscribe');
    await page.getByRole('button', { name: /^(Trigger|触发)$/ }).click();
    await expect(phone.getByText(/No reply|未回复/)).toBeVisible();

    // The form checks a link with core's own schema before it sends: per field, in the UI's words.
    await page.getByLabel(/What the fan does|粉丝操作/).selectOption('link');
    await page.getByLabel(/^(URL|链接)/).fill('ftp://example.com/');
    const form = page.getByRole('form', { name: /Compose|编写/ });
    await form.getByRole('button', { name: /^(Send|发送)$/ }).click();
    await expect(form.getByText(/^(Required|此项为必填项)$/)).toBeVisible();
    await expect(form.getByText(/http:\/\/ or https:\/\/|http:\/\/ 或 https:\/\//)).toBeVisible();
  });
});

test('CLICK offers the keys of the account menu and the click rule answers', async ({ mpdesk, page }) => {
  const account = await anAccount(mpdesk);
  const menu = await callApi<{ errcode: number | null }>(mpdesk, 'api.request', {
    accountId: account.id,
    method: 'POST',
    path: '/cgi-bin/menu/create',
    body: { button: [{ type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' }] },
  });
  expect(menu.body.ok).toBe(true);
  await callApi(mpdesk, 'rules.save', {
    accountId: account.id,
    name: 'music',
    trigger: { kind: 'click', key: 'V1001_TODAY_MUSIC' },
    replies: [{ type: 'text', content: '今天推荐：《晴天》' }],
  });
  await page.goto(mpdesk.consoleUrl);
  await page.goto(`${mpdesk.apiBase}/#/simulator/${account.id}/oE2E_fan_click_00000000000001`);
  await page.getByLabel(/What the fan does|粉丝操作/).selectOption('CLICK');
  await page
    .getByRole('form', { name: /Compose|编写/ })
    .getByRole('button', { name: /今日歌曲/ })
    .click();
  await expect(page.getByRole('combobox', { name: /Menu key|菜单 KEY/ })).toHaveValue('V1001_TODAY_MUSIC');
  await page.getByRole('button', { name: /^(Trigger|触发)$/ }).click();
  await expect(page.getByTestId('sim-reply').filter({ hasText: '今天推荐：《晴天》' })).toBeVisible();
});

test('the phone shows the published menu: a click button answers, a view button opens its URL, VIEW offers the URLs', async ({
  mpdesk,
  page,
}) => {
  const account = await anAccount(mpdesk);
  const menu = await callApi(mpdesk, 'menu.publish', {
    accountId: account.id,
    menu: {
      button: [
        { type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' },
        {
          name: '更多',
          sub_button: [
            { type: 'view', name: '官网', url: 'https://www.example.com/' },
            { type: 'scancode_push', name: '扫一扫', key: 'SCAN_1' },
          ],
        },
      ],
    },
  });
  expect(menu.body.ok, JSON.stringify(menu.body)).toBe(true);
  await callApi(mpdesk, 'rules.save', {
    accountId: account.id,
    name: '今日推荐',
    trigger: { kind: 'click', key: 'V1001_TODAY_MUSIC' },
    replies: [{ type: 'text', content: '今天推荐：《晴天》' }],
  });
  await page.goto(mpdesk.consoleUrl);
  await page.goto(`${mpdesk.apiBase}/#/simulator/${account.id}/oE2E_fan_menu_000000000000001`);
  const bar = page.getByTestId('phone-menu');
  await bar.getByRole('button', { name: '今日歌曲' }).click();
  await expect(page.getByTestId('sim-reply').filter({ hasText: '今天推荐：《晴天》' })).toBeVisible();
  // Who answered: the rule by its name.
  await expect(page.getByTestId('sim-answered-by')).toContainText(/今日推荐/);

  await bar.getByRole('button', { name: /更多/ }).click();
  await expect(bar.getByRole('button', { name: '扫一扫' })).toBeDisabled();
  await bar.getByRole('button', { name: '官网' }).click();
  await expect(page.getByTestId('sim-event').last()).toContainText('https://www.example.com/');

  // The keyboard switch brings the text input back.
  await bar.getByRole('button', { name: /Switch to the keyboard|切换到键盘/ }).click();
  await expect(page.getByPlaceholder(/^(Message|消息内容)$/)).toBeVisible();

  // Compose → VIEW offers the menu's URLs.
  await page.getByLabel(/What the fan does|粉丝操作/).selectOption('VIEW');
  const compose = page.getByRole('form', { name: /Compose|编写/ });
  await compose.getByRole('button', { name: /官网/ }).click();
  await expect(compose.getByRole('combobox', { name: /URL|链接/ })).toHaveValue('https://www.example.com/');
});

/** Screenshots for docs/ (MPDESK_SCREENSHOTS=1): both languages, both themes, after a short conversation. */
test('screenshots: simulator', async ({ mpdesk, page }) => {
  test.skip(!process.env.MPDESK_SCREENSHOTS, 'set MPDESK_SCREENSHOTS=1 to refresh docs/screenshots');
  const account = await anAccount(mpdesk);
  await callApi(mpdesk, 'rules.save', {
    accountId: account.id,
    name: 'greeting',
    trigger: { kind: 'subscribe' },
    replies: [
      {
        type: 'news',
        articles: [
          {
            title: '欢迎关注 MPDesk 沙箱号',
            description: '回复“菜单”查看功能，回复“你好”打个招呼。',
            picUrl: 'https://example.com/cover.png',
            url: 'https://example.com/',
          },
        ],
      },
    ],
  });
  await callApi(mpdesk, 'rules.save', {
    accountId: account.id,
    name: 'hello',
    trigger: { kind: 'keyword', match: 'contains', pattern: '你好' },
    replies: [{ type: 'text', content: '你好！这是关键词回复。' }],
  });
  const openid = 'oMPDesk_docs_fan_0000000001';
  for (const message of [
    { MsgType: 'event', Event: 'subscribe' },
    { MsgType: 'text', Content: '你好呀' },
    { MsgType: 'location', Location_X: '39.9', Location_Y: '116.4', Scale: '15', Label: '天安门广场' },
  ])
    await callApi(mpdesk, 'simulator.send', {
      accountId: account.id,
      message: { ...message, FromUserName: openid },
    });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(mpdesk.consoleUrl);
  for (const language of ['zh-CN', 'en'] as const)
    for (const theme of ['light', 'dark'] as const) {
      await callApi(mpdesk, 'settings.update', { language, theme });
      await page.goto(`${mpdesk.apiBase}/#/simulator/${account.id}/${openid}`);
      await page.reload();
      await expect(page.getByRole('article')).toBeVisible();
      await page.screenshot({
        path: `docs/screenshots/simulator-${language === 'en' ? 'en' : 'zh'}-${theme}.png`,
      });
    }
});
