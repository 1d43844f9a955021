// The supervisor's floor (R-H3) in the real page: queues and agents, live. An agent's
// state change reaches the supervisor's screen within a second; a waiting chat shows
// in its queue with the longest wait.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { clickItem, launchBrowser, openDesktop, screenshot, waitForItem } from './support/browser.mjs';
import { callApi } from './support/api.mjs';
import { startServer } from './support/server.mjs';

const admin = { username: 'root', password: 'correct horse' };
let server;
let browser;
let rootCookie;

const api = (method, path, body, headers = { Cookie: rootCookie }) =>
  callApi(server, method, path, body, headers);

before(async () => {
  server = await startServer({ admin });
  rootCookie = await server.signIn(admin.username, admin.password);
  const queue = await api('POST', '/api/queues', { name: 'Chat' });
  const olga = await server.createAgent(rootCookie, {
    username: 'olga', display_name: 'Olga Hansen', password: 'olga password', role: 'agent',
  });
  await api('PUT', `/api/agents/${olga.id}/routing`, { queues: [queue.body.queue.id] });
  await server.createAgent(rootCookie, {
    username: 'sam', display_name: 'Sam Supervisor', password: 'sam password', role: 'supervisor',
  });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the floor shows an agent going Ready within a second, and a waiting chat', async () => {
  const { context, page, problems } = await openDesktop(browser, server.url);
  await clickItem(page, '##username');
  await page.keyboard.type('sam');
  await clickItem(page, '##password');
  await page.keyboard.type('sam password');
  await page.keyboard.press('Enter');
  // Supervisors land on the floor.
  await waitForItem(page, 'Agents');
  await waitForItem(page, 'Olga Hansen');
  assert.equal(await page.evaluate(() => window.careDesktop.items()
    .some((i) => i.visible && i.text === '● Ready')), false);

  const olga = await server.signIn('olga', 'olga password');
  const asked = Date.now();
  assert.equal((await api('PUT', '/api/me/state', { state: 'ready' }, { Cookie: olga })).status, 200);
  await waitForItem(page, '● Ready', { timeout: 1000 });
  const seenAfter = Date.now() - asked;
  assert.ok(seenAfter <= 1000, `seen after ${seenAfter} ms`);

  // Olga goes Not Ready (so the chat waits), then a chat arrives: its queue counts it.
  await api('PUT', '/api/me/state', { state: 'not_ready', reason: 'lunch' }, { Cookie: olga });
  await waitForItem(page, '● Not Ready — Lunch');
  await api('POST', '/api/channels/chat', { name: 'Lars', email: 'lars@example.dk', question: 'Hej' }, {});
  // The Chat queue's row: its name, then 1 waiting.
  await page.waitForFunction(() => {
    const texts = window.careDesktop.items().filter((i) => i.visible && i.text).map((i) => i.text);
    const row = texts.indexOf('Chat', texts.indexOf('Queues'));
    return row > 0 && texts[row + 1] === '1';
  }, null, { timeout: 3000 });
  await screenshot(page, 'floor');
  assert.deepEqual(problems, []);
  await context.close();
});
