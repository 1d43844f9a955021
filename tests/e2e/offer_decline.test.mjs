// Decline (R-A3): the agent says no to an offer; they stay Ready, the card goes, and
// the task is offered to another agent instead of back to them.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { clickItem, goReady, hasItem, launchBrowser, openDesktop, screenshot, signIn, waitForItem } from './support/browser.mjs';
import { callApi, chatQueueWith } from './support/api.mjs';
import { startServer } from './support/server.mjs';

const admin = { username: 'root', password: 'correct horse' };
let server;
let browser;

const api = (...args) => callApi(server, ...args);

before(async () => {
  server = await startServer({ admin });
  await chatQueueWith(server, admin, [['anna', 'Anna Petrova'], ['ivan', 'Ivan Georgiev']]);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('Decline keeps the agent Ready and the task goes to another agent', async () => {
  const { page, problems } = await openDesktop(browser, server.url);
  await signIn(page, 'anna');
  await goReady(page);

  const chat = await api('POST', '/api/channels/chat', { name: 'Karen Dahl', email: 'karen@example.dk', question: 'Hej' });
  assert.equal(chat.status, 201);
  await waitForItem(page, 'New offer · Chat');
  await screenshot(page, 'offer-decline');
  await clickItem(page, 'Decline###decline-offer');
  await page.waitForFunction(() => !window.careDesktop.items().some((i) => i.visible && i.label === '##offer-dock'
    || (i.visible && i.label === 'Accept###accept-offer')), null, { timeout: 5000 });
  await waitForItem(page, '● Ready');
  assert.equal(await hasItem(page, 'You did not accept an offer in time and are Not Ready now.'), false);

  // Ivan goes Ready: the chat is offered to him, not to Anna again.
  const ivan = await server.signIn('ivan', 'ivan password');
  assert.equal((await api('PUT', '/api/me/state', { state: 'ready' }, { Cookie: ivan })).status, 200);
  let offered;
  for (let i = 0; i < 50 && !offered; ++i) {
    offered = (await api('GET', '/api/tasks', undefined, { Cookie: ivan })).body.tasks
      .find((t) => t.task.id === chat.body.task.id && t.task.state === 'offered');
    if (!offered) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.ok(offered, 'the declined chat is offered to Ivan');
  assert.equal(await hasItem(page, 'Accept###accept-offer'), false);
  assert.deepEqual(problems, []);
});
