// Connection loss (R-J5): the desktop says so at once, retries with back-off, and when
// the server is back it resyncs and the agent is still signed in.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { clickItem, hasItem, launchBrowser, openDesktop, screenshot, waitForItem } from './support/browser.mjs';
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

test('a lost server shows the banner; when it is back the agent carries on', async () => {
  const { context, page } = await openDesktop(browser, server.url);
  await clickItem(page, '##username');
  await page.keyboard.type('root');
  await clickItem(page, '##password');
  await page.keyboard.type('correct horse');
  await page.keyboard.press('Enter');
  await waitForItem(page, 'Signed in as root');

  const { port, dataDir } = server;
  await server.stop({ keepData: true });
  // The next request finds nobody there: going Ready fails and the banner shows.
  await clickItem(page, '● Not Ready');
  await clickItem(page, 'Ready');
  await page.waitForFunction(
    () => window.careDesktop.items().some((i) => i.text.startsWith('Connection lost')), null, { timeout: 10000 });
  await waitForItem(page, 'Server unreachable — retrying');
  await screenshot(page, 'connection-lost');

  server = await startServer({ port, dataDir });
  await waitForItem(page, 'Connected', { timeout: 20000 });
  assert.equal(await hasItem(page, 'Reconnect now'), false);
  // The session lives in the server's database, so the restart did not sign anyone out.
  await waitForItem(page, 'Signed in as root');
  await context.close();
});
