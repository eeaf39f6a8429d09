import { test, expect } from './fixtures';
import { callApi } from '../helpers/headless-process';

interface Account {
  id: string;
  isSandbox: boolean;
  callbackPath: string;
}

async function sandboxAccount(mpdesk: { apiBase: string; token: string }): Promise<Account> {
  const list = await callApi<Account[]>(mpdesk, 'accounts.list', {});
  const found = list.body.value?.find((a) => a.isSandbox) ?? list.body.value?.[0];
  if (!found) throw new Error('the dashboard spec needs the first-run Sandbox account');
  return found;
}

test.describe('dashboard', () => {
  test('is the home screen: listener, token status, and the doctor with what it saw and how to fix it', async ({
    mpdesk,
    page,
  }) => {
    await sandboxAccount(mpdesk);
    await page.goto(mpdesk.consoleUrl);
    await expect(page).toHaveURL(/#\/dashboard/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Dashboard|概览/);

    const tunnel = page.getByRole('region', { name: /Callback listener and tunnel|回调监听与隧道/ });
    await expect(tunnel).toContainText(new URL(mpdesk.callbackUrl).port);
    await expect(page.getByTestId('tunnel-state')).toHaveText(/Stopped|已停止/);

    await page.getByRole('button', { name: /^(Refresh token|刷新令牌)$/ }).click();
    const token = page.getByTestId('token-status');
    await expect(token).toContainText(/stable_token/);
    await expect(token).toContainText(/Cached|已缓存/);

    await page.getByRole('button', { name: /^(Run checks|开始检查)$/ }).click();
    await expect(page.getByTestId('doctor-verdict')).toContainText(/Not ready|尚未就绪/);
    const online = page.getByTestId('check-tunnel_online');
    await expect(online).toHaveAttribute('data-status', 'fail');
    await expect(online).toContainText(/Settings → Tunnel|设置 → 隧道/);
    await expect(
      online.getByRole('link', { name: /Open Settings → Tunnel|前往“设置 → 隧道”/ }),
    ).toHaveAttribute('href', '#/settings/tunnel');
    await expect(page.getByTestId('check-token_format')).toHaveAttribute('data-status', 'pass');
    // Without a tunnel the signature and echo checks still run, against the local listener.
    const echo = page.getByTestId('check-echo_exact');
    await expect(echo).toHaveAttribute('data-status', 'pass');
    await expect(echo).toContainText(/this machine|本机/);
    await expect(page.getByTestId('check-public_reach')).toContainText(/Needs a public URL|需要公网地址/);

    // The report outlives a reload (doctor.last).
    await page.reload();
    await expect(page.getByTestId('check-tunnel_online')).toHaveAttribute('data-status', 'fail');
  });

  test('a public URL gives the values to paste; when it changes, a loud alarm says so until acknowledged', async ({
    mpdesk,
    page,
  }) => {
    const made = await callApi<Account>(mpdesk, 'accounts.create', {
      name: '正式号',
      appId: 'wx0123456789abcdef',
      appSecret: 'Zq7AppSecretValue0123456789abcXY',
      token: 'tokenAbc123',
      mode: 'plain',
    });
    const account = made.body.value!;
    await callApi(mpdesk, 'tunnel.configure', {
      provider: 'external',
      externalBaseUrl: 'https://one.example.com',
    });
    await page.goto(mpdesk.consoleUrl);
    await page.goto(`${mpdesk.apiBase}/#/dashboard/${account.id}`);

    await page.getByRole('button', { name: /^(Start tunnel|启动隧道)$/ }).click();
    await expect(page.getByTestId('tunnel-state')).toHaveText(/Online|在线/);
    const paste = page.getByRole('region', { name: /What to paste|需要填写到公众平台/ });
    await expect(paste).toContainText(`https://one.example.com${account.callbackPath}`);
    await expect(paste.getByRole('button', { name: /^(Copy URL|复制服务器地址\(URL\))$/ })).toBeEnabled();
    await expect(page.getByTestId('url-changed')).toHaveCount(0);

    // The tunnel restarts on another URL (as free ngrok URLs do): the mp backend still has the old one.
    await callApi(mpdesk, 'tunnel.configure', { externalBaseUrl: 'https://two.example.com' });
    const banner = page.getByTestId('url-changed');
    await expect(banner).toBeVisible();
    await expect(banner).toContainText('https://one.example.com');
    await expect(banner).toContainText('https://two.example.com');
    await expect(paste).toContainText(`https://two.example.com${account.callbackPath}`);
    await expect(banner.getByTestId('url-changed-value')).toHaveText(
      `https://two.example.com${account.callbackPath}`,
    );

    // Every other screen says so too, and stopping and starting again does not hide it.
    await page
      .getByRole('navigation')
      .getByRole('link', { name: /^(Rules|自动回复)$/ })
      .click();
    await expect(page.getByTestId('url-changed-strip')).toContainText('https://two.example.com');
    await callApi(mpdesk, 'tunnel.stop');
    await callApi(mpdesk, 'tunnel.start');
    await page.goto(`${mpdesk.apiBase}/#/dashboard/${account.id}`);
    await expect(banner).toBeVisible();
    await banner.getByRole('button', { name: /I have updated the mp backend|我已在公众号后台更新/ }).click();
    await expect(banner).toHaveCount(0);
    await page.reload();
    await expect(page.getByTestId('tunnel-state')).toHaveText(/Online|在线/);
    await expect(banner).toHaveCount(0);

    await page.getByRole('button', { name: /^(Stop tunnel|停止隧道)$/ }).click();
    await expect(page.getByTestId('tunnel-state')).toHaveText(/Stopped|已停止/);
  });

  test('messages per hour and recent errors follow the callbacks live', async ({ mpdesk, page }) => {
    const account = await sandboxAccount(mpdesk);
    await page.goto(mpdesk.consoleUrl);
    await page.goto(`${mpdesk.apiBase}/#/dashboard/${account.id}`);
    await expect(page.getByTestId('traffic-total')).toContainText(/\b0\b/);

    await callApi(mpdesk, 'simulator.send', {
      accountId: account.id,
      message: { MsgType: 'text', Content: 'hi' },
    });
    // A plain message to a safe-mode account: rejected, and the dashboard says why.
    await callApi(mpdesk, 'simulator.send', {
      accountId: account.id,
      mode: 'plain',
      message: { MsgType: 'text', Content: 'plain' },
    });
    await expect(page.getByTestId('traffic-total')).toContainText(/\b2\b/);
    await expect(page.getByTestId('recent-errors').getByRole('listitem')).toHaveCount(1);
    await expect(page.getByRole('img', { name: /2 in all|共 2 条/ })).toBeVisible();
  });
});

/** Screenshots for docs/ (MPDESK_SCREENSHOTS=1). */
test('screenshots: dashboard', async ({ mpdesk, page }) => {
  test.skip(!process.env.MPDESK_SCREENSHOTS, 'set MPDESK_SCREENSHOTS=1 to refresh docs/screenshots');
  const account = await sandboxAccount(mpdesk);
  await callApi(mpdesk, 'tunnel.configure', {
    provider: 'external',
    externalBaseUrl: 'https://one.example.com',
  });
  await callApi(mpdesk, 'tunnel.start', {});
  await callApi(mpdesk, 'tunnel.configure', { externalBaseUrl: 'https://mpdesk-demo.example.com' });
  for (let i = 0; i < 6; i++)
    await callApi(mpdesk, 'simulator.send', {
      accountId: account.id,
      message: { MsgType: 'text', Content: `m${i}` },
    });
  await callApi(mpdesk, 'simulator.send', {
    accountId: account.id,
    mode: 'plain',
    message: { MsgType: 'text' },
  });
  await callApi(mpdesk, 'api.request', { accountId: account.id, method: 'GET', path: '/cgi-bin/menu/get' });
  await callApi(mpdesk, 'tokens.refresh', { accountId: account.id });
  await callApi(mpdesk, 'doctor.run', { accountId: account.id });
  await page.setViewportSize({ width: 1440, height: 1760 });
  await page.goto(mpdesk.consoleUrl);
  for (const language of ['zh-CN', 'en'] as const)
    for (const theme of ['light', 'dark'] as const) {
      await callApi(mpdesk, 'settings.update', { language, theme });
      await page.goto(`${mpdesk.apiBase}/#/dashboard/${account.id}`);
      await page.reload();
      await expect(page.getByTestId('doctor-verdict')).toBeVisible();
      await page.screenshot({
        path: `docs/screenshots/dashboard-${language === 'en' ? 'en' : 'zh'}-${theme}.png`,
      });
    }
});

test('shows the callback log’s size against its cap, and follows a new cap at once', async ({
  mpdesk,
  page,
}) => {
  const account = await sandboxAccount(mpdesk);
  await page.goto(mpdesk.consoleUrl);
  await page.goto(`${mpdesk.apiBase}/#/dashboard/${account.id}`);
  const figure = page.getByTestId('log-size');
  await expect(figure).toContainText(/(Callback log|回调日志).*1,024\s?MB/);
  await callApi(mpdesk, 'settings.update', { callbackLogMaxMb: 64 });
  await expect(figure).toContainText(/64\s?MB/);
});
