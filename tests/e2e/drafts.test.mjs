// Drafts per task (R-J5): three chats, a line typed into each and left unsent; the
// agent switches between them and reloads the page, and every line is still there,
// each with its own chat, and reaches its own customer when sent.
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
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// The row of a chat in the In progress list.
async function clickChat(page, name) {
  const handle = await page.waitForFunction((who) => {
    const canvas = Module.canvas;
    const scale = canvas.getBoundingClientRect().width / canvas.width;
    const row = window.careDesktop.items().find((i) => i.visible && i.label.includes('###task-') &&
      i.text.startsWith(`Chat · Unknown contact: ${who}`));
    return row ? { cx: (row.x + row.w / 2) * scale, cy: (row.y + row.h / 2) * scale } : null;
  }, name, { timeout: 10000 });
  const { cx, cy } = await handle.jsonValue();
  await page.mouse.click(cx, cy);
  await waitForItem(page, `Chat · Unknown contact: ${name}`);  // the conversation's title
}

test('a draft per chat survives switching and a reload, and each reaches its own customer', async () => {
  // Wide enough that each row shows the whole name it is found by.
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
