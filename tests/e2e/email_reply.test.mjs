// An email reply is written in lines (R-B3): Enter adds a line and sends nothing;
// Ctrl+Enter sends the whole reply, lines and all.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { clickItem, goReady, launchBrowser, openDesktop, screenshot, signIn, waitForItem } from './support/browser.mjs';
import { callApi, routedAgent } from './support/api.mjs';
import { startServer } from './support/server.mjs';

const admin = { username: 'root', password: 'correct horse' };
const gateway = { Authorization: 'Bearer gateway-key' };
let server;
let browser;
let rootCookie;

const api = (...args) => callApi(server, ...args);

before(async () => {
  server = await startServer({ admin, args: ['--integration-key', 'gateway-key'] });
  rootCookie = await server.signIn(admin.username, admin.password);
  const queue = await api('POST', '/api/queues', { name: 'Email' }, { Cookie: rootCookie });
  await routedAgent(server, rootCookie, queue.body.queue.id, 'anna', 'Anna Petrova');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function messagesOf(activity) {
  const seen = await api('GET', `/api/activities/${activity}`, undefined, { Cookie: rootCookie });
  return seen.body.activity.messages.map((m) => m.text);
}

test('Enter in an email reply adds a line and sends nothing; Ctrl+Enter sends it all', async () => {
  const { page, problems } = await openDesktop(browser, server.url);
  await signIn(page, 'anna');
  await goReady(page);

  const email = await api('POST', '/api/channels/email', {
    from: 'maria@example.bg', to: 'support@example.com', subject: 'Invoice twice',
    body: 'I was charged twice for October.',
  }, gateway);
  assert.equal(email.status, 201);
  const activity = email.body.activity.id;
  await clickItem(page, 'Accept###accept-offer');
  await waitForItem(page, 'Subject: Invoice twice');
  await waitForItem(page, 'Enter adds a line, Ctrl+Enter sends');

  await clickItem(page, '##composer');
  await page.keyboard.type('Dear Maria,');
  await page.keyboard.press('Enter');
  await page.keyboard.type('the second charge is refunded.');
  await page.waitForTimeout(500);
  assert.deepEqual(await messagesOf(activity), ['I was charged twice for October.']);

  await page.keyboard.press('Control+Enter');
  let lines = [];
  for (let i = 0; i < 50 && lines.length < 2; ++i) {
    lines = await messagesOf(activity);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.deepEqual(lines, ['I was charged twice for October.', 'Dear Maria,\nthe second charge is refunded.']);
  await screenshot(page, 'email-reply');
  assert.deepEqual(problems, []);
});
