import { chromium } from '@playwright/test';
const url = process.argv[2];
const out = process.argv[3] ?? '/tmp/h9/shots';
const routes = (process.argv[4] ?? 'dashboard,settings,accounts,rules,menu,simulator,callbacks').split(',');
const lang = process.argv[5] ?? 'zh-CN';
import fs from 'node:fs';
fs.mkdirSync(out, { recursive: true });
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-dev-shm-usage'] });
const ctx = await b.newContext({ viewport: { width: 1400, height: 900 }, locale: lang });
const p = await ctx.newPage();
await p.goto(url);
await p.waitForTimeout(1500);
for (const r of routes) {
  await p.evaluate((r) => { location.hash = '#/' + r; }, r);
  await p.waitForTimeout(1500);
  await p.screenshot({ path: `${out}/${r.replace(/\//g,'_')}-${lang}.png`, fullPage: true });
}
await b.close();
