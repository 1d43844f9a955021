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

// The offer docks above the columns: it covers neither the conversation nor its
// composer, and it never takes the keyboard, so a line being typed when it comes
// goes on into the composer whole.
test('an offer that arrives mid-sentence covers nothing and takes no keystroke', async () => {
  // Ivan is away: both chats are Anna's to be offered. Anna starts from Not Ready.
  for (const who of ['ivan', 'anna']) {
    const cookie = await server.signIn(who, `${who} password`);
    assert.equal((await api('PUT', '/api/me/state', { state: 'not_ready', reason: 'break' }, { Cookie: cookie })).status, 200);
  }
  const { context, page, problems } = await openDesktop(browser, server.url, { width: 1024, height: 700 });
  await signIn(page, 'anna');
  await goReady(page);
  const first = await api('POST', '/api/channels/chat', { name: 'Lars Holm', email: 'lars@example.dk', question: 'Mit modem er dødt' });
  assert.equal(first.status, 201);
  await clickItem(page, 'Accept###accept-offer');
  await waitForItem(page, 'Mit modem er dødt');

  await clickItem(page, '##composer');
  await page.keyboard.type('Let me check your modem ');
  const second = await api('POST', '/api/channels/chat', { name: 'Eva Berg', email: 'eva@example.dk', question: 'Hello?' });
  assert.equal(second.status, 201);
  await waitForItem(page, 'Accept###accept-offer');
  await page.keyboard.type('from here.');

  const overlaps = await page.evaluate(() => {
    const items = window.careDesktop.items().filter((i) => i.visible);
    const dock = items.filter((i) => i.window.includes('##offer-dock'));
    const work = items.filter((i) => ['##composer', 'Close###close-task', 'Mit modem er dødt'].includes(i.label));
    const hit = (a, b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
    return { work: work.length, dock: dock.length,
      hits: work.flatMap((w) => dock.filter((d) => hit(w, d)).map((d) => `${w.label} under ${d.label}`)) };
  });
  assert.equal(overlaps.work, 3, 'the transcript, the composer and Close are on screen');
  assert.ok(overlaps.dock >= 3, 'the docked offer is on screen');
  assert.deepEqual(overlaps.hits, []);
  await screenshot(page, 'offer-docked-over-a-chat');

  await page.keyboard.press('Enter');
  const widget = { Authorization: `Bearer ${first.body.chat.token}` };
  let lines = [];
  for (let i = 0; i < 50 && !lines.includes('Let me check your modem from here.'); ++i) {
    lines = (await api('GET', `/api/channels/chat/${first.body.chat.id}/messages`, undefined, widget)).body.messages.map((m) => m.text);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.ok(lines.includes('Let me check your modem from here.'), JSON.stringify(lines));
  await clickItem(page, 'Decline###decline-offer');
  assert.deepEqual(problems, []);
  await context.close();
});
