// Internal notes with @mentions (issue 18), in the real page with two agents: Mette,
// in a chat, writes a note and names Bob through the completion (typed "@Bo", Enter);
// Bob's desktop, in a second browser context and a background tab, gets the system
// notification and the Mentions menu's count; choosing the mention opens the record
// with the note, and it is read.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { clickItem, launchBrowser, openDesktop, screenshot, signIn, waitForItem } from './support/browser.mjs';
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
  const mette = await server.createAgent(rootCookie, {
    username: 'mette', display_name: 'Mette Jensen', password: 'mette password', role: 'agent',
  });
  await api('PUT', `/api/agents/${mette.id}/routing`, { queues: [queue.body.queue.id] });
  await server.createAgent(rootCookie, {
    username: 'bob', display_name: 'Bob Jones', password: 'bob password', role: 'agent',
  });
  await api('POST', '/api/customers', { kind: 'contact', name: 'Lars Nielsen', email: 'lars@example.dk' });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// A visible item whose ImGui label starts with `prefix` (menu rows carry a time).
async function itemStartingWith(page, prefix) {
  const handle = await page.waitForFunction((start) => {
    const scale = Module.canvas.getBoundingClientRect().width / Module.canvas.width;
    const item = window.careDesktop.items().find((i) => i.visible && i.label.startsWith(start));
    return item ? { ...item, cx: (item.x + item.w / 2) * scale, cy: (item.y + item.h / 2) * scale } : null;
  }, prefix, { timeout: 10000 });
  return handle.jsonValue();
}

test('a note names a colleague through the completion, and their desktop opens the record from it', async () => {
  const mette = await openDesktop(browser, server.url);
  const bob = await openDesktop(browser, server.url, { permissions: ['notifications'] });
  await signIn(bob.page, 'bob');
  await waitForItem(bob.page, '@ Mentions###menu-mentions');
  // Bob is in another tab: the desktop must reach him through the system.
  await bob.page.evaluate(() => Object.defineProperty(document, 'hidden', { configurable: true, get: () => true }));

  await signIn(mette.page, 'mette');
  await clickItem(mette.page, '● Not Ready');
  await clickItem(mette.page, 'Ready');
  const chat = await api('POST', '/api/channels/chat', {
    name: 'Lars Nielsen', email: 'lars@example.dk', question: 'My parcel never came',
  }, {});
  assert.equal(chat.status, 201);
  await clickItem(mette.page, 'Accept###accept-offer');
  await waitForItem(mette.page, 'Chat · Lars Nielsen');

  // The note, in the Timeline tab: "@Bo" offers Bob; Enter takes him, not the note.
  await clickItem(mette.page, 'Timeline###tab-timeline');
  await clickItem(mette.page, '##quick-note');
  await mette.page.keyboard.type('@Bo');
  await waitForItem(mette.page, '@Bob Jones###mention-0');
  await screenshot(mette.page, 'mentions-completion');
  await mette.page.keyboard.press('Enter');
  // The field has the keyboard back, the caret after the name.
  await mette.page.waitForFunction(() => window.careDesktop.items()
    .some((i) => i.label === '##quick-note' && i.active), null, { timeout: 10000 });
  await mette.page.keyboard.type('can you call her back tomorrow?');
  await mette.page.keyboard.press('Enter');
  const text = '@Bob Jones can you call her back tomorrow?';
  // In her transcript, marked as a note (agents only).
  await clickItem(mette.page, 'Details###tab-details');
  await waitForItem(mette.page, text);
  await itemStartingWith(mette.page, 'Internal note · Mette Jensen');
  await screenshot(mette.page, 'mentions-note');
  // The customer's side of the chat never has it.
  const widget = await api('GET', `/api/channels/chat/${chat.body.chat.id}/messages`, undefined,
    { Authorization: `Bearer ${chat.body.chat.token}` });
  assert.equal(widget.status, 200);
  assert.ok(!JSON.stringify(widget.body).includes('call her back'));

  // Bob: the count in the menu bar, and the system notification of a background tab.
  await waitForItem(bob.page, '@ Mentions (1)###menu-mentions');
  const notified = await bob.page.evaluate(() => window.careDesktop.notified || []);
  assert.deepEqual(notified.map((n) => n.title), ['Mette Jensen mentioned you']);
  assert.equal(notified[0].body, text);
  // Its own tag: a mention's notification never replaces an offer's ('care-offer').
  assert.match(notified[0].tag, /^care-mention-\d+$/);
  await bob.page.evaluate(() => Object.defineProperty(document, 'hidden', { configurable: true, get: () => false }));

  await clickItem(bob.page, '@ Mentions (1)###menu-mentions');
  const row = await itemStartingWith(bob.page, '● Mette Jensen');
  await screenshot(bob.page, 'mentions-menu');
  await bob.page.mouse.move(row.cx, row.cy);
  await bob.page.waitForTimeout(50);
  await bob.page.mouse.down();
  await bob.page.waitForTimeout(50);
  await bob.page.mouse.up();
  // The record: Lars's journey with the chat selected, the note with it.
  await waitForItem(bob.page, text);
  await itemStartingWith(bob.page, 'Internal note · Mette Jensen');
  await waitForItem(bob.page, '@ Mentions###menu-mentions');
  await screenshot(bob.page, 'mentions-opened');
  const left = await callApi(server, 'GET', '/api/mentions?unread=true', undefined,
    { Cookie: await server.signIn('bob', 'bob password') });
  assert.equal(left.body.unread, 0);

  assert.deepEqual(mette.problems, []);
  assert.deepEqual(bob.problems, []);
  await mette.context.close();
  await bob.context.close();
});
