// Status lines say what is so now (issue 13): a line that said the server did not
// answer goes once it answers again, and a link a customer shares in a chat opens in
// a new tab when the agent clicks it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { clickItem, goReady, hasItem, launchBrowser, openDesktop, screenshot, scrollOver, signIn, waitForItem } from './support/browser.mjs';
import { callApi, chatQueueWith } from './support/api.mjs';
import { startServer } from './support/server.mjs';

const admin = { username: 'root', password: 'correct horse' };
const noAnswer = 'The server cannot be reached; it will be tried again';
let server;
let browser;

const api = (...args) => callApi(server, ...args);

before(async () => {
  server = await startServer({ admin });
  await chatQueueWith(server, admin, [['anna', 'Anna Petrova']]);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a shared link opens in a new tab; a no-answer line goes when the server is back', async () => {
  const { page, problems } = await openDesktop(browser, server.url);
  await signIn(page, 'anna');
  await goReady(page);
  const link = `${server.url}/help.html`;
  const started = await api('POST', '/api/channels/chat', {
    name: 'Vera', email: 'vera@example.com', question: `Is this page right? ${link}.`,
  });
  assert.equal(started.status, 201);
  await clickItem(page, 'Accept###accept-offer');

  // The link is an item of its own (the full stop after it is not part of it).
  await waitForItem(page, link);
  await screenshot(page, 'status-link');
  const opened = page.context().waitForEvent('page', { timeout: 10000 });
  await clickItem(page, link);
  const tab = await opened;
  await tab.waitForURL(link, { timeout: 10000 });
  assert.equal(tab.url(), link);
  // No opener: the customer's page cannot reach back into the desktop.
  assert.equal(await tab.evaluate(() => window.opener), null);
  await tab.close();

  // A quick note while the server is away: said in the agent's words, and gone once
  // the server answers again (it stayed for the whole session before).
  const { port, dataDir } = server;
  await server.stop({ keepData: true });
  await scrollOver(page, 'Activity details');
  await clickItem(page, '##comment-input');
  await page.keyboard.type('Checked the page');
  await clickItem(page, 'Add comment###add-comment');
  await waitForItem(page, noAnswer);
  await screenshot(page, 'status-no-answer');
  server = await startServer({ port, dataDir });
  await page.waitForFunction((text) => !window.careDesktop.find(text).some((i) => i.visible),
    noAnswer, { timeout: 40000 });
  assert.equal(await hasItem(page, noAnswer), false);
  assert.deepEqual(problems, []);
});
