// The seed flow in the real page (R-A3, R-A6, R-B1, R-C1, R-C4, R-C5, R-D3, R-E1): a
// chat arrives, the offer counts down, the agent accepts, talks with the customer,
// edits the request, tags and comments the activity, and closes with the questions.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { clickItem, hasItem, launchBrowser, openDesktop, screenshot, scrollOver, waitForItem } from './support/browser.mjs';
import { callApi } from './support/api.mjs';
import { startServer } from './support/server.mjs';

const admin = { username: 'root', password: 'correct horse' };
let server;
let browser;
let rootCookie;
const agentIds = {};

const api = (...args) => callApi(server, ...args);

before(async () => {
  server = await startServer({ admin, args: ['--offer-timeout', '8s'] });
  rootCookie = await server.signIn(admin.username, admin.password);
  const queue = await api('POST', '/api/queues', { name: 'Chat' }, { Cookie: rootCookie });
  for (const [username, name] of [['anna', 'Anna Petrova'], ['ivan', 'Ivan Georgiev'], ['olaf', 'Olaf Berg']]) {
    const agent = await server.createAgent(rootCookie, {
      username, display_name: name, password: `${username} password`, role: 'agent',
    });
    await api('PUT', `/api/agents/${agent.id}/routing`, { queues: [queue.body.queue.id] }, { Cookie: rootCookie });
    agentIds[username] = agent.id;
  }
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function signIn(page, username) {
  await waitForItem(page, '##username');
  await clickItem(page, '##username');
  await page.keyboard.type(username);
  await clickItem(page, '##password');
  await page.keyboard.type(`${username} password`);
  await page.keyboard.press('Enter');
  await waitForItem(page, '● Not Ready');
}

async function goReady(page) {
  await clickItem(page, '● Not Ready');
  await clickItem(page, 'Ready');
  await waitForItem(page, '● Ready');
}

function startChat(question, email = 'maria@example.bg') {
  return api('POST', '/api/channels/chat', {
    name: 'Мария Иванова', email, question,
    visitor: { authenticated: false, browser: 'Chromium', operating_system: 'Linux', location: 'Europe/Sofia', language: 'bg' },
  });
}

test('offer, accept, chat both ways, edit, tag, comment and close', async () => {
  const { context, page, problems } = await openDesktop(browser, server.url);
  await signIn(page, 'anna');
  await goReady(page);

  const chat = await startChat('Рутерът мига в червено');
  assert.equal(chat.status, 201);
  await waitForItem(page, 'New offer · Chat');
  await waitForItem(page, 'Мария Иванова');
  await screenshot(page, 'desk-offer');
  await clickItem(page, 'Accept###accept-offer');
  await waitForItem(page, 'Chat · Мария Иванова');
  await waitForItem(page, 'Рутерът мига в червено');

  // The customer writes; the line appears without a reload.
  const widget = { Authorization: `Bearer ${chat.body.chat.token}` };
  await api('POST', `/api/channels/chat/${chat.body.chat.id}/messages`, { text: 'Вече го рестартирах.' }, widget);
  await waitForItem(page, 'Вече го рестартирах.');

  // The agent answers from the composer: Enter sends. (Typed in Latin letters: the
  // test's keyboard cannot press Cyrillic keys; pasting Cyrillic is tested in clipboard.)
  await clickItem(page, '##composer');
  await page.keyboard.type('Dobre, proveryavam liniyata.');
  await page.keyboard.press('Enter');
  await waitForItem(page, 'Dobre, proveryavam liniyata.');
  const transcript = await api('GET', `/api/channels/chat/${chat.body.chat.id}/messages`, undefined, widget);
  assert.equal(transcript.body.messages.at(-1).text, 'Dobre, proveryavam liniyata.');

  // Title: edited in place with its counter, saved with the version it started from.
  await clickItem(page, '##request-title');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Router: red light');
  await waitForItem(page, '17 / 2000');
  await clickItem(page, 'Save###save-request');
  const activityId = chat.body.chat.id;
  let request;
  for (let i = 0; i < 50; ++i) {
    const seen = await api('GET', `/api/activities/${activityId}`, undefined, { Cookie: rootCookie });
    request = await api('GET', `/api/requests/${seen.body.activity.request}`, undefined, { Cookie: rootCookie });
    if (request.body.request.title === 'Router: red light') break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.equal(request.body.request.title, 'Router: red light');
  await waitForItem(page, 'Saved');  // the agent sees it saved

  // A blank title is refused before sending: Save stays off and says why.
  await clickItem(page, '##request-title');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await waitForItem(page, 'Title: write something first');
  assert.equal(await hasItem(page, 'Saved'), false);
  await page.keyboard.type('Router: red light');

  // Tags: Enter and Tab add; a duplicate in other case and 51 characters are refused.
  await scrollOver(page, 'Request details', 200);
  await clickItem(page, '##tag-input');
  await page.keyboard.type('Router');
  await page.keyboard.press('Enter');
  await waitForItem(page, 'Router  ×');
  await page.keyboard.type('line check');
  await page.keyboard.press('Tab');
  await waitForItem(page, 'line check  ×');
  await page.keyboard.type('ROUTER');
  await page.keyboard.press('Enter');
  await waitForItem(page, 'Tag: already there');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('x'.repeat(51));
  await page.keyboard.press('Enter');
  await waitForItem(page, 'Tag: at most 50 characters');
  await screenshot(page, 'desk-tags');
  // The line goes as the agent types again, not at the next Enter.
  await page.keyboard.type('x');
  await page.waitForFunction(() => !window.careDesktop.find('Tag: at most 50 characters')
    .some((i) => i.visible), null, { timeout: 5000 });
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');

  // A comment, below the fold of the details pane.
  await scrollOver(page, 'Activity details');
  await clickItem(page, '##comment-input');
  await page.keyboard.type('Line checked, all fine');
  await page.keyboard.press('Enter');
  await waitForItem(page, 'Line checked, all fine');
  await screenshot(page, 'desk-conversation');

  // Close asks about the unknown contact and the wrap-up code.
  await clickItem(page, 'Close###close-task');
  await waitForItem(page, 'No customer record exists for this contact.');
  await clickItem(page, 'Leave without creating###close-leave');
  await clickItem(page, 'Resolved###wrap-resolved');
  await screenshot(page, 'desk-close');
  await clickItem(page, 'Close###close-confirm');
  await waitForItem(page, 'Nothing in progress');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a missed offer turns the agent Not Ready and says why', async () => {
  const { context, page } = await openDesktop(browser, server.url);
  await signIn(page, 'ivan');
  await goReady(page);
  // Ivan is in another tab: the offer is announced with a tone and a notification.
  await page.evaluate(() => Object.defineProperty(document, 'hidden', { get: () => true, configurable: true }));
  await startChat('Никой не отговаря', 'nobody@example.bg');
  await waitForItem(page, 'New offer · Chat');
  const notified = await page.waitForFunction(() => window.careDesktop.notified?.[0], null, { timeout: 5000 });
  assert.deepEqual(await notified.jsonValue(), { title: 'New offer · Chat', body: 'Мария Иванова', tag: 'care-offer' });
  await waitForItem(page, '● Not Ready — Missed offer', { timeout: 15000 });
  await waitForItem(page, 'You did not accept an offer in time and are Not Ready now.');
  assert.equal(await hasItem(page, 'Accept###accept-offer'), false);
  await screenshot(page, 'desk-missed-offer');
  // The notice speaks the agent's language now, and goes when the state changes
  // (here a supervisor's break; going Ready would be offered the chat again).
  await clickItem(page, 'Language###menu-language');
  await clickItem(page, 'Magyar');
  await waitForItem(page, 'Nem fogadott el időben egy feladatot, ezért most nem áll készen.');
  const changed = await api('PUT', `/api/agents/${agentIds.ivan}/state`, { state: 'not_ready', reason: 'break' },
    { Cookie: rootCookie });
  assert.equal(changed.status, 200);
  await page.waitForFunction(() => !window.careDesktop.items()
    .some((i) => i.visible && i.text.startsWith('Nem fogadott el')), null, { timeout: 5000 });
  await context.close();
});

test('the unknown contact of a chat becomes a customer from the desktop (R-D2, R-D3)', async () => {
  const { context, page, problems } = await openDesktop(browser, server.url);
  await signIn(page, 'olaf');
  await goReady(page);
  // The chat Ivan missed above waits at the head of the queue: Olaf takes it first.
  await waitForItem(page, 'Мария Иванова');
  await clickItem(page, 'Accept###accept-offer');
  await waitForItem(page, 'Никой не отговаря');
  const chat = await api('POST', '/api/channels/chat', {
    name: 'Karen Dahl', email: 'karen.dahl@example.dk', question: 'Kan I hjælpe mig?',
  });
  await waitForItem(page, 'Karen Dahl');
  await clickItem(page, 'Accept###accept-offer');
  await waitForItem(page, 'Kan I hjælpe mig?');
  // The form comes filled from the survey; the agent adds the phone and checks it.
  await clickItem(page, '##customer-phone');
  await page.keyboard.type('12');
  await clickItem(page, 'Create customer###create-customer');
  await waitForItem(page, 'Phone: at least 6 digits');
  await clickItem(page, '##customer-phone');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('+45 31 22 33 44');
  await clickItem(page, 'Create customer###create-customer');
  // The form gives way to the customer's card once the server has linked the record
  // (the tab's title already read "Chat · Karen Dahl" from the contact's own name).
  await page.waitForFunction(() => !window.careDesktop.find('##customer-phone').some((i) => i.visible));
  const activity = await api('GET', `/api/activities/${chat.body.chat.id}`, undefined, { Cookie: rootCookie });
  const customer = await api('GET', `/api/customers/${activity.body.activity.customer}`, undefined, { Cookie: rootCookie });
  assert.equal(customer.body.customer.name, 'Karen Dahl');
  assert.equal(customer.body.customer.email, 'karen.dahl@example.dk');
  assert.equal(customer.body.customer.phone, '+45 31 22 33 44');
  // Close no longer asks about an unknown contact.
  await clickItem(page, 'Close###close-task');
  await clickItem(page, 'Resolved###wrap-resolved');
  assert.equal(await hasItem(page, 'No customer record exists for this contact.'), false);
  await clickItem(page, 'Close###close-confirm');
  await page.waitForFunction(() => window.careDesktop.items()
    .some((i) => i.visible && i.label.includes('###closed-') && i.text.startsWith('Chat · Karen Dahl')));
  assert.deepEqual(problems, []);
  await context.close();
});
