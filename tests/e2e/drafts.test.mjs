// Drafts per task (R-J5): three chats, a line typed into each and left unsent; the
// agent switches between them and reloads the page, and every line is still there,
// each with its own chat, and reaches its own customer when sent.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { clickItem, clickLabelled, goReady, hasItem, launchBrowser, openDesktop, screenshot, settled, signIn, waitForItem } from './support/browser.mjs';
import { callApi, chatQueueWith } from './support/api.mjs';
import { startServer } from './support/server.mjs';

const admin = { username: 'root', password: 'correct horse' };
let server;
let browser;

const api = (...args) => callApi(server, ...args);

before(async () => {
  server = await startServer({ admin });
  await chatQueueWith(server, admin, [['anna', 'Anna Petrova'], ['bob', 'Bob Berg']]);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// The row of a chat in the In progress list.
async function clickChat(page, name) {
  await settled(page);
  const handle = await page.waitForFunction((who) => {
    const canvas = Module.canvas;
    const scale = canvas.getBoundingClientRect().width / canvas.width;
    const row = window.careDesktop.items().find((i) => i.visible && i.label.includes('###task-') &&
      i.text.startsWith(`Chat · ${who}`));
    return row ? { cx: (row.x + row.w / 2) * scale, cy: (row.y + row.h / 2) * scale } : null;
  }, name, { timeout: 10000 });
  const { cx, cy } = await handle.jsonValue();
  await page.mouse.click(cx, cy);
  await waitForItem(page, `Chat · ${name}`);  // the conversation's title
}

test('a draft per chat survives switching and a reload, and each reaches its own customer', async () => {
  // At 1920 wide, as the agent of the shift worked.
  const { page, problems } = await openDesktop(browser, server.url, { width: 1920, height: 1080 });
  await signIn(page, 'anna');
  await goReady(page);

  const names = ['Alpha', 'Bravo', 'Charlie'];
  const chats = {};
  for (const name of names) {
    const chat = await api('POST', '/api/channels/chat', { name, email: `${name.toLowerCase()}@example.com`, question: `Hello from ${name}` });
    assert.equal(chat.status, 201);
    chats[name] = chat.body.chat;
    await clickItem(page, 'Accept###accept-offer');
    await waitForItem(page, `Hello from ${name}`);
  }

  // A line into each, none sent; each switch takes the line away with its chat.
  for (const name of names) {
    await clickChat(page, name);
    await clickItem(page, '##composer');
    await page.keyboard.type(`draft for ${name}`);
  }
  await clickChat(page, 'Alpha');
  await clickChat(page, 'Charlie');

  await page.reload();
  await page.waitForFunction(() => window.careDesktop && window.careDesktop.ready, null, { timeout: 20000 });
  await waitForItem(page, '● Ready');

  // In another order than typed: Enter sends what the composer holds for that chat.
  for (const name of ['Bravo', 'Charlie', 'Alpha']) {
    await clickChat(page, name);
    await clickItem(page, '##composer');
    await page.keyboard.press('Enter');
    await waitForItem(page, `draft for ${name}`);
  }
  for (const name of names) {
    const widget = { Authorization: `Bearer ${chats[name].token}` };
    const transcript = await api('GET', `/api/channels/chat/${chats[name].id}/messages`, undefined, widget);
    const lines = transcript.body.messages.map((m) => m.text);
    assert.deepEqual(lines.filter((t) => t.startsWith('draft for')), [`draft for ${name}`], `${name}: ${lines}`);
  }
  assert.deepEqual(problems, []);
});

// The close dialog's answers for an unknown contact, with the usual wrap-up code.
async function finishClose(page) {
  await clickLabelled(page, '###close-leave');
  await clickLabelled(page, '###wrap-resolved');
  await clickItem(page, 'Close###close-confirm');
}

test('Close asks about a typed line and request fields; they are sent and saved first, or dropped only when the agent says so', async () => {
  const { page, problems } = await openDesktop(browser, server.url, { width: 1920, height: 1080 });
  await signIn(page, 'bob');
  await goReady(page);
  const bob = { Cookie: await server.signIn('bob', 'bob password') };

  const chat = await api('POST', '/api/channels/chat', { name: 'Delta', email: 'delta@example.com', question: 'Hello from Delta' });
  await clickItem(page, 'Accept###accept-offer');
  await waitForItem(page, 'Hello from Delta');
  await clickItem(page, '##composer');
  await page.keyboard.type('Your refund is on its way');
  await clickItem(page, '##request-description');
  await page.keyboard.type('Refund promised');

  // Asked, with what would be lost named; Cancel keeps every word.
  await clickItem(page, 'Close###close-task');
  await waitForItem(page, 'You typed something that is not sent or saved:');
  await waitForItem(page, '\u2022 Reply: \u201cYour refund is on its way\u201d');
  await waitForItem(page, '\u2022 Changes to the request');
  await screenshot(page, 'close-unsent');
  await clickItem(page, 'Cancel###close-cancel');
  await clickItem(page, 'Close###close-task');
  await waitForItem(page, '\u2022 Reply: \u201cYour refund is on its way\u201d');

  // Send and save: the customer gets the line once, the request keeps the words, then it closes.
  await clickItem(page, 'Send and save it###close-send');
  await finishClose(page);
  await waitForItem(page, 'Nothing in progress');
  const widget = { Authorization: `Bearer ${chat.body.chat.token}` };
  const transcript = await api('GET', `/api/channels/chat/${chat.body.chat.id}/messages`, undefined, widget);
  assert.deepEqual(transcript.body.messages.map((m) => m.text).filter((t) => t.startsWith('Your refund')),
    ['Your refund is on its way']);
  const closed = await api('GET', '/api/tasks/closed', undefined, bob);
  const delta = closed.body.tasks.find((t) => t.activity.id === closed.body.tasks[0].activity.id);
  assert.equal(delta.request.description, 'Refund promised');
  assert.equal(delta.task.state, 'closed');

  // Discard, when chosen, drops the line: it never reaches the customer.
  const echo = await api('POST', '/api/channels/chat', { name: 'Echo', email: 'echo@example.com', question: 'Hello from Echo' });
  await clickItem(page, 'Accept###accept-offer');
  await waitForItem(page, 'Hello from Echo');
  await clickItem(page, '##composer');
  await page.keyboard.type('never mind this');
  await clickItem(page, 'Close###close-task');
  await clickItem(page, 'Discard it###close-drop');
  await finishClose(page);
  await waitForItem(page, 'Nothing in progress');
  const echoWidget = { Authorization: `Bearer ${echo.body.chat.token}` };
  const echoLines = await api('GET', `/api/channels/chat/${echo.body.chat.id}/messages`, undefined, echoWidget);
  assert.equal(echoLines.body.messages.some((m) => m.text === 'never mind this'), false);
  assert.deepEqual(problems, []);
});

test('accepting while typing keeps the agent in their chat: the words go to its customer only', async () => {
  // Anna is away: both chats are Bob's to be offered.
  const anna = await server.signIn('anna', 'anna password');
  assert.equal((await api('PUT', '/api/me/state', { state: 'not_ready', reason: 'break' }, { Cookie: anna })).status, 200);
  const { context, page, problems } = await openDesktop(browser, server.url);
  await signIn(page, 'bob');
  if (!(await hasItem(page, '● Ready'))) await goReady(page);
  const first = await api('POST', '/api/channels/chat', { name: 'Nora Lund', email: 'nora@example.se', question: 'Min router blinkar' });
  await clickItem(page, 'Accept###accept-offer');
  await waitForItem(page, 'Min router blinkar');
  await clickItem(page, '##composer');
  await page.keyboard.type('I see your router ');
  const second = await api('POST', '/api/channels/chat', { name: 'Olle Berg', email: 'olle@example.se', question: 'Hej?' });
  await waitForItem(page, 'Accept###accept-offer');
  // Alt+A mid-sentence: the offer is taken, the sentence stays where it was typed.
  await page.keyboard.press('Alt+A');
  await page.waitForFunction(() => window.careDesktop.items()
    .some((i) => i.visible && i.label.includes('###task-') && i.text.startsWith('Chat · Olle Berg')), null, { timeout: 10000 });
  await page.keyboard.type('blinking.');
  await page.keyboard.press('Enter');
  const lines = async (chat) => (await api('GET', `/api/channels/chat/${chat.id}/messages`, undefined,
    { Authorization: `Bearer ${chat.token}` })).body.messages.filter((m) => m.author === 'agent').map((m) => m.text);
  await page.waitForFunction(() => !window.careDesktop.items().some((i) => i.visible && i.text.endsWith('sending…')));
  await waitForItem(page, 'I see your router blinking.');
  assert.deepEqual(await lines(first.body.chat), ['I see your router blinking.']);
  assert.deepEqual(await lines(second.body.chat), []);
  assert.ok(await hasItem(page, 'Chat · Nora Lund'), 'Nora\'s chat is still on screen');
  assert.deepEqual(problems, []);
  await context.close();
});
