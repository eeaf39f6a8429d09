import path from 'node:path';
import Database from 'better-sqlite3';
import { anAccount, simulate } from './callback-helpers';
import { expect, test } from './fixtures';

/**
 * The callback log refuses rows from outside the app: another connection adds a trigger that fails
 * every insert, as SQLite fails them on a full disk. Real process, real SQLite, real browser.
 */
function breakTheLog(dataDir: string): () => void {
  const db = new Database(path.join(dataDir, 'mpdesk.sqlite'));
  db.pragma('busy_timeout = 5000');
  db.exec(`CREATE TRIGGER e2e_refuse BEFORE INSERT ON callback_log
    BEGIN SELECT RAISE(FAIL, 'e2e: the log refuses rows'); END`);
  return () => {
    db.exec('DROP TRIGGER e2e_refuse');
    db.close();
  };
}

test('a callback log that cannot be written is shown on every screen until a request is recorded again', async ({
  page,
  mpdesk,
}) => {
  const account = await anAccount(mpdesk);
  await page.goto(mpdesk.consoleUrl);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const banner = page.getByTestId('log-failure');
  await expect(banner).toHaveCount(0);

  const repair = breakTheLog(mpdesk.dataDir);
  const refused = await simulate(mpdesk, account, { MsgType: 'text', Content: 'while broken' });
  expect(refused.response.status).toBe(500);
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('the callback log cannot be written (a storage error)');
  await expect(banner).toContainText('Requests refused since');
  await banner.getByText('Error', { exact: true }).click();
  await expect(banner).toContainText('e2e: the log refuses rows');

  // Another screen: the banner stays.
  await page.getByRole('link', { name: 'Callbacks' }).click();
  await expect(banner).toBeVisible();
  await simulate(mpdesk, account, { MsgType: 'text', Content: 'still broken' });
  await expect(banner).toContainText(': 2.');

  repair();
  const recorded = await simulate(mpdesk, account, { MsgType: 'text', Content: 'repaired' });
  expect(recorded.response.status).toBe(200);
  await expect(banner).toHaveCount(0);
  await expect(page.getByRole('listbox').getByRole('option')).toHaveCount(1);
});
