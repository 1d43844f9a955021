// The supervisor's floor (R-H3) in the real page: queues and agents, live. An agent's
// state change reaches the supervisor's screen within a second; a signed-out agent is
// Offline, not Not Ready; supervisors are not listed; a waiting chat shows in its queue,
// flagged once past the queue's target; each queue has its last-hour chart.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { clickItem, hasItem, launchBrowser, openDesktop, screenshot, waitForItem } from './support/browser.mjs';
import { callApi } from './support/api.mjs';
import { startServer } from './support/server.mjs';

const admin = { username: 'root', password: 'correct horse' };
let server;
let browser;
let rootCookie;
let chatQueue;

const api = (method, path, body, headers = { Cookie: rootCookie }) =>
  callApi(server, method, path, body, headers);

before(async () => {
  server = await startServer({ admin });
  rootCookie = await server.signIn(admin.username, admin.password);
  const queue = await api('POST', '/api/queues', { name: 'Chat' });
  chatQueue = queue.body.queue.id;
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

// What the floor shows (the middle pane), not the menu bar's own state control.
const floorTexts = (page) => page.evaluate(() => window.careDesktop.items()
  .filter((i) => i.visible && i.text && i.window.includes('##communication')).map((i) => i.text));

test('the floor shows agents only, Offline when signed out, Ready within a second, and a queue past its target', async () => {
  // Chat's targets, set by the admin: nobody should wait longer than a second.
  const targets = await api('PUT', `/api/queues/${chatQueue}/targets`, { longest_wait_ms: 1000, waiting: 1 });
  assert.equal(targets.status, 200);
  const { context, page, problems } = await openDesktop(browser, server.url);
  await clickItem(page, '##username');
  await page.keyboard.type('sam');
  await clickItem(page, '##password');
  await page.keyboard.type('sam password');
  await page.keyboard.press('Enter');
  // Supervisors land on the floor; Olga has never signed in: Offline, not Not Ready.
  await waitForItem(page, 'Agents');
  await waitForItem(page, 'Olga Hansen');
  await waitForItem(page, '● Offline');
  let texts = await floorTexts(page);
  assert.equal(texts.includes('● Not Ready'), false);
  assert.equal(texts.includes('● Ready'), false);
  // Only agents: not the supervisor looking, not the admin.
  assert.equal(texts.includes('Sam Supervisor'), false);
  assert.equal(texts.filter((t) => t.startsWith('●') && /Ready|Offline/.test(t)).length, 1);
  // Headers say what each column is.
  for (const header of ['Agent', 'State', 'In state for', 'Tasks', 'Service level', 'Target']) {
    assert.ok(await hasItem(page, header), `no column "${header}"`);
  }
  // The chart of the last hour is there for the queue.
  await waitForItem(page, 'Waiting and in progress, last hour: Chat');

  const olga = await server.signIn('olga', 'olga password');
  await waitForItem(page, '● Not Ready', { timeout: 2000 });  // signed in: Offline no more
  const asked = Date.now();
  assert.equal((await api('PUT', '/api/me/state', { state: 'ready' }, { Cookie: olga })).status, 200);
  await waitForItem(page, '● Ready', { timeout: 1000 });
  const seenAfter = Date.now() - asked;
  assert.ok(seenAfter <= 1000, `seen after ${seenAfter} ms`);

  // Olga goes Not Ready (so the chat waits), then a chat arrives: its queue counts it.
  await api('PUT', '/api/me/state', { state: 'not_ready', reason: 'lunch' }, { Cookie: olga });
  await waitForItem(page, '● Not Ready — Lunch');
  await api('POST', '/api/channels/chat', { name: 'Lars', email: 'lars@example.dk', question: 'Hej' }, {});
  // The Chat queue's row: its name, its standing, then 1 waiting of a target of 1; past
  // the one-second target it is flagged.
  await page.waitForFunction(() => {
    const texts = window.careDesktop.items().filter((i) => i.visible && i.text).map((i) => i.text);
    const row = texts.indexOf('Chat', texts.indexOf('Queues'));
    return row > 0 && texts[row + 1] === '● Over target' && texts[row + 2] === '1 / 1';
  }, null, { timeout: 5000 });
  await screenshot(page, 'floor');

  // Signing out shows her Offline again, at once.
  assert.equal((await api('DELETE', '/api/session', undefined, { Cookie: olga })).status, 204);
  await waitForItem(page, '● Offline', { timeout: 2000 });
  texts = await floorTexts(page);
  assert.equal(texts.includes('● Not Ready — Lunch'), false);
  assert.deepEqual(problems, []);
  await context.close();
});
