// The outbox (R-J5): the server is gone for 20 s while the agent sends three lines and
// types a fourth. The lines wait in the transcript as "sending…", go out in order once
// the server is back, and reach the customer once each; the draft is still there.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { clickItem, goReady, launchBrowser, openDesktop, screenshot, signIn, waitForItem } from './support/browser.mjs';
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

async function transcript(chat) {
  const answer = await api('GET', `/api/channels/chat/${chat.id}/messages`, undefined,
    { Authorization: `Bearer ${chat.token}` });
  assert.equal(answer.status, 200);
  return answer.body.messages.filter((m) => m.author === 'agent').map((m) => m.text);
}

test('lines sent while the server is away reach the customer once each, in order', async () => {
  const { page, problems } = await openDesktop(browser, server.url);
  await signIn(page, 'anna');
  await goReady(page);
  const started = await api('POST', '/api/channels/chat', { name: 'Vera', email: 'vera@example.com', question: 'Is my order late?' });
  assert.equal(started.status, 201);
  const chat = started.body.chat;
  await clickItem(page, 'Accept###accept-offer');
  await waitForItem(page, 'Is my order late?');

  // The server goes while the agent is mid-sentence: the banner that comes must not
  // take the keys from the composer. It comes when the event stream breaks, not when
  // the next presence heartbeat (10 s away) fails.
  await clickItem(page, '##composer');
  await page.keyboard.type('Let me check ');
  const { port, dataDir } = server;
  await server.stop({ keepData: true });
  await page.waitForFunction(() => window.careDesktop.items().some(
    (i) => i.visible && i.text.startsWith('Connection lost')), null, { timeout: 6000 });
  await page.keyboard.type('that for you.');
  await page.keyboard.press('Enter');
  const lines = ['Let me check that for you.', 'It left the warehouse today.', 'You will have it tomorrow.'];
  await waitForItem(page, lines[0]);
  for (const line of lines.slice(1)) {
    await page.keyboard.type(line);
    await page.keyboard.press('Enter');
    await waitForItem(page, line);  // in the transcript at once, not gone
  }
  await waitForItem(page, 'Anna Petrova  sending…');
  await page.keyboard.type('And one more thing');  // a draft, not sent
  await screenshot(page, 'outbox-sending');
  await page.waitForTimeout(20000);

  server = await startServer({ port, dataDir });
  // The lines go as soon as the event stream is back (it retries every 2 s), not when
  // the back-off's next try comes round: by now that is up to 30 s away.
  await page.waitForFunction(() => !window.careDesktop.items().some(
    (i) => i.visible && i.text === 'Anna Petrova  sending…'), null, { timeout: 20000 });
  assert.deepEqual(await transcript(chat), lines);
  // Nothing comes twice later either (a retry racing its own answer).
  await page.waitForTimeout(1500);
  assert.deepEqual(await transcript(chat), lines);

  // The draft was kept through it all: Enter sends exactly it.
  await clickItem(page, '##composer');
  await page.keyboard.press('Enter');
  await waitForItem(page, 'And one more thing');
  await page.waitForFunction(() => !window.careDesktop.items().some(
    (i) => i.visible && i.text === 'Anna Petrova  sending…'), null, { timeout: 10000 });
  assert.deepEqual(await transcript(chat), [...lines, 'And one more thing']);
  assert.deepEqual(problems, []);
});

// A proxy in front (or the server itself) can say "not now" (503, 429) to one line: it
// goes again by itself a moment later, not only when the agent sends the next one.
test('a line turned away for now goes again by itself', async () => {
  const { page, problems } = await openDesktop(browser, server.url);
  await signIn(page, 'anna');
  await goReady(page);
  const started = await api('POST', '/api/channels/chat', { name: 'Walt', email: 'walt@example.com', question: 'Still open?' });
  assert.equal(started.status, 201);
  const chat = started.body.chat;
  await clickItem(page, 'Accept###accept-offer');
  await waitForItem(page, 'Still open?');
  let turnedAway = 0;
  await page.route('**/api/activities/*/messages', async (route) => {
    if (route.request().method() === 'POST' && turnedAway === 0) {
      turnedAway += 1;
      return route.fulfill({ status: 503, contentType: 'application/json',
        body: JSON.stringify({ error: 'unavailable', message: 'try again shortly' }) });
    }
    return route.continue();
  });
  await clickItem(page, '##composer');
  await page.keyboard.type('Yes, until six.');
  await page.keyboard.press('Enter');
  // The server's transcript decides (the screen's "sending…" may not be drawn yet when
  // looked at): the line arrives by itself after the back-off, once.
  let lines = [];
  for (let i = 0; i < 100 && lines.length === 0; ++i) {
    lines = await transcript(chat);
    if (lines.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.equal(turnedAway, 1);
  assert.deepEqual(lines, ['Yes, until six.']);
  await page.waitForFunction(() => !window.careDesktop.items().some(
    (i) => i.visible && i.text === 'Anna Petrova  sending…'), null, { timeout: 10000 });
  assert.deepEqual(await transcript(chat), ['Yes, until six.']);
  assert.deepEqual(problems, []);
});
