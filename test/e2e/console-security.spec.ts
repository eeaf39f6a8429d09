import { test, expect } from './fixtures';

/** The headless console API: token, Host and Origin checks (docs/architecture.md §2). */
test.describe('console API access control', () => {
  test('a missing or wrong token gets 401 and no data', async ({ mpdesk, request }) => {
    const missing = await request.post(`${mpdesk.apiBase}/api/call/accounts.list`, { data: {} });
    expect(missing.status()).toBe(401);
    expect((await missing.json()).error.code).toBe('unauthorized');

    const wrong = await request.post(`${mpdesk.apiBase}/api/call/accounts.list`, {
      data: {},
      headers: { authorization: `Bearer ${mpdesk.token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))}` },
    });
    expect(wrong.status()).toBe(401);

    const events = await request.get(`${mpdesk.apiBase}/api/events`);
    expect(events.status()).toBe(401);

    const ok = await request.post(`${mpdesk.apiBase}/api/call/accounts.list`, {
      data: {},
      headers: { authorization: `Bearer ${mpdesk.token}` },
    });
    expect(ok.status()).toBe(200);
    expect((await ok.json()).ok).toBe(true);
  });

  test('a request from a foreign Origin is refused even with the token', async ({ mpdesk, request }) => {
    const res = await request.post(`${mpdesk.apiBase}/api/call/app.status`, {
      data: {},
      headers: { authorization: `Bearer ${mpdesk.token}`, origin: 'https://evil.example' },
    });
    expect(res.status()).toBe(403);
    expect((await res.json()).error.message).toContain('evil.example');
  });

  test('a foreign Host (DNS rebinding) is refused', async ({ mpdesk, request }) => {
    const port = new URL(mpdesk.apiBase).port;
    const res = await request.post(`${mpdesk.apiBase}/api/call/app.status`, {
      data: {},
      headers: { authorization: `Bearer ${mpdesk.token}`, host: `rebind.example:${port}` },
    });
    expect(res.status()).toBe(403);
  });

  test('the page served to the browser carries a strict CSP', async ({ mpdesk, page }) => {
    const res = await page.goto(mpdesk.consoleUrl);
    expect(res?.headers()['content-security-policy']).toContain("default-src 'self'");
    expect(res?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  });
});
