// Connection loss (R-J5): the desktop says so at once, retries with back-off, and when
// the server is back it resyncs and the agent is still signed in.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { clickItem, hasItem, launchBrowser, openDesktop, screenshot, signIn, waitForItem } from './support/browser.mjs';
import { callApi, chatQueueWith } from './support/api.mjs';
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

// What came while the stream was away reaches the pane on screen once it is back:
// the queue list is read again on the resync, not only on the next event (the
// server's restart forgot who shows the list, so no event would come).
test('the queue list on screen is read again when the stream comes back', async () => {
  await chatQueueWith(server, admin, [['anna', 'Anna Petrova']]);
  const { context, page, problems } = await openDesktop(browser, server.url);
  await signIn(page, 'anna');
  await clickItem(page, 'Queue###pane-queue');
  await waitForItem(page, 'No tasks are waiting');

  // The desktop is kept away (every request refused) until the chat has come.
  await page.route('**/api/**', (route) => route.abort());
  const { port, dataDir } = server;
  await server.stop({ keepData: true });
  server = await startServer({ port, dataDir });
  const chat = await callApi(server, 'POST', '/api/channels/chat', {
    name: 'Zsófia Kovács', email: 'zsofia@example.hu', question: 'A számlám kétszer jött',
  }, {});
  assert.equal(chat.status, 201);
  await page.unroute('**/api/**');

  const handle = await page.waitForFunction(
    () => window.careDesktop.items().find((i) => i.visible && i.label.includes('###queued-'))?.text, null, { timeout: 20000 });
  assert.match(await handle.jsonValue(), /^Chat · Zsófia Kovács/);
  assert.deepEqual(problems, []);
  await context.close();
});
