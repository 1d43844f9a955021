// Presence (R-F8) without input: an agent who sits reading a chat is still there for
// everyone else looking at the record.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { clickItem, goReady, launchBrowser, openDesktop, signIn, waitForItem } from './support/browser.mjs';
import { callApi, chatQueueWith } from './support/api.mjs';
import { startServer } from './support/server.mjs';

const admin = { username: 'root', password: 'correct horse' };
let server;
let browser;

const api = (...args) => callApi(server, ...args);

before(async () => {
  server = await startServer({ admin });
  await chatQueueWith(server, admin, [['anna', 'Anna Petrova']]);
  const rootCookie = await server.signIn(admin.username, admin.password);
  await server.createAgent(rootCookie, {
    username: 'sam', display_name: 'Sam Supervisor', password: 'sam password', role: 'supervisor',
  });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// Presence says "still here" every 10 s (the server forgets a viewer after 30 s). The
// platform keeps only the earliest wake, so a heartbeat's own wake gives way to an
// earlier one (an offer's countdown ticking beside the chat): the desktop must ask
// again each frame, or once the offer goes the agent vanishes from the record.
test('a chat left quiet keeps saying its agent is there', async () => {
  const { page, problems } = await openDesktop(browser, server.url);
  await signIn(page, 'anna');
  await goReady(page);
  const started = await api('POST', '/api/channels/chat', { name: 'Quiet Quentin', email: 'quentin@example.com', question: 'Anyone there?' });
  assert.equal(started.status, 201);
  await clickItem(page, 'Accept###accept-offer');
  await waitForItem(page, 'Anyone there?');
  // A second chat is offered and counts down past a heartbeat, then is declined.
  const second = await api('POST', '/api/channels/chat', { name: 'Rita', email: 'rita@example.com', question: 'Me too?' });
  assert.equal(second.status, 201);
  await waitForItem(page, 'Decline###decline-offer');
  await page.waitForTimeout(11000);
  await clickItem(page, 'Decline###decline-offer');
  await page.mouse.move(1, 1);
  const samCookie = await server.signIn('sam', 'sam password');
  const activity = await api('GET', `/api/activities/${started.body.task.activity}`, undefined, { Cookie: samCookie });
  assert.equal(activity.status, 200);
  const request = activity.body.activity.request;
  assert.ok(request, 'the chat has a request');
  let heartbeats = 0;
  page.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith('/api/presence')) heartbeats += 1; });
  await page.waitForTimeout(45000);  // no input: only wakes draw frames
  // One every 10 s: 4 or 5 in 45 s (without asking again, 2: a gap of 30 s).
  assert.ok(heartbeats >= 4, `${heartbeats} heartbeats in 45 s`);
  const viewers = await api('GET', `/api/presence?record=request&id=${request}`, undefined, { Cookie: samCookie });
  assert.equal(viewers.status, 200);
  assert.deepEqual(viewers.body.viewers.map((v) => v.display_name), ['Anna Petrova']);
  assert.deepEqual(problems, []);
});
