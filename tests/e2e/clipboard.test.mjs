// The desktop uses the system clipboard both ways (R-J3), not a page-private one.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { clickItem, launchBrowser, openDesktop, waitForItem } from './support/browser.mjs';
import { startServer } from './support/server.mjs';

const admin = { username: 'root', password: 'correct horse' };
let server;
let browser;

before(async () => {
  server = await startServer({ admin });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('text copied in the desktop reaches the system clipboard', async () => {
  const { context, page } = await openDesktop(browser, server.url, { permissions: ['clipboard-read', 'clipboard-write'] });
  await page.evaluate(() => navigator.clipboard.writeText('sentinel'));
  await clickItem(page, '##username');
  await page.keyboard.type('Ъгъл ő æ');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+C');
  await page.waitForFunction(async () => (await navigator.clipboard.readText()) === 'Ъгъл ő æ', null, { timeout: 5000 });
  await context.close();
});

test('text from the system clipboard pastes into the desktop', async () => {
  const { context, page } = await openDesktop(browser, server.url, { permissions: ['clipboard-read', 'clipboard-write'] });
  await page.evaluate(() => navigator.clipboard.writeText('root'));
  await clickItem(page, '##username');
  await page.keyboard.press('Control+V');
  await clickItem(page, '##password');
  await page.keyboard.type('correct horse');
  await page.keyboard.press('Enter');
  // Signing in as "root" proves the pasted text landed in the username field.
  await waitForItem(page, 'Signed in as root');
  assert.ok(true);
  await context.close();
});
