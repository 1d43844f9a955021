// The records beside the work, in the real page against a real server: the queue list
// with preview and pull (R-A5), moving an activity between requests (R-C6), the
// customer pane with Search and Recent (R-D4), the journey (R-D5), customer edits
// (R-D2), two agents on one request (R-E1), and the desktop in Ukrainian (R-J2).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { clickItem, hasItem, launchBrowser, openDesktop, screenshot, waitForItem } from './support/browser.mjs';
import { callApi } from './support/api.mjs';
import { startServer } from './support/server.mjs';

const admin = { username: 'root', password: 'correct horse' };
let server;
let browser;
let rootCookie;
let customer;
const requests = {};

const api = (method, path, body, headers = { Cookie: rootCookie }) =>
  callApi(server, method, path, body, headers);

before(async () => {
  server = await startServer({ admin });
  rootCookie = await server.signIn(admin.username, admin.password);
  const queue = await api('POST', '/api/queues', { name: 'Chat' });
  for (const [username, name] of [['anna', 'Anna Petrova'], ['ivan', 'Ivan Georgiev']]) {
    const agent = await server.createAgent(rootCookie, {
      username, display_name: name, password: `${username} password`, role: 'agent',
    });
    await api('PUT', `/api/agents/${agent.id}/routing`, { queues: [queue.body.queue.id] });
  }
  customer = (await api('POST', '/api/customers', {
    kind: 'contact', name: 'Zsófia Kovács', email: 'zsofia@example.hu', phone: '+36 30 123 4567',
  })).body.customer;
  for (const title of ['Invoice twice', 'Router replacement']) {
    const made = await api('POST', `/api/customers/${customer.id}/requests`, { title });
    assert.equal(made.status, 201);
    requests[title] = made.body.request;
  }
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function signIn(page, username) {
  await clickItem(page, '##username');
  await page.keyboard.type(username);
  await clickItem(page, '##password');
  await page.keyboard.type(`${username} password`);
  await page.keyboard.press('Enter');
  await waitForItem(page, '● Not Ready');
}

async function replaceText(page, field, text) {
  await clickItem(page, field);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

async function eventually(check, what) {
  for (let i = 0; i < 50; ++i) {
    const value = await check();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`never: ${what}`);
}

test('pull from the queue after a preview, then move the activity to another request', async () => {
  const { context, page, problems } = await openDesktop(browser, server.url);
  await signIn(page, 'anna');
  await clickItem(page, 'Queue###pane-queue');
  await waitForItem(page, 'No tasks are waiting');

  // Anna stays Not Ready, so nothing is offered: the chat waits in the list.
  const chat = await api('POST', '/api/channels/chat', {
    name: 'Zsófia Kovács', email: 'zsofia@example.hu', question: 'A számlám kétszer jött',
  }, {});
  assert.equal(chat.status, 201);
  const line = await eventually(async () => (await page.evaluate(
    () => window.careDesktop.items().find((i) => i.visible && i.label.includes('###queued-'))))?.text,
  'the chat in the queue list');
  assert.match(line, /^Chat · Zsófia Kovács/);
  // Hovering shows the first line in a tooltip as wide as the line, not a strip.
  const row = await waitForItem(page, line);
  await page.mouse.move(row.cx, row.cy);
  const tip = await waitForItem(page, 'A számlám kétszer jött');
  assert.ok(tip.w > 120 && tip.h < 40, `the tooltip's line is ${tip.w}×${tip.h} px`);
  await clickItem(page, line);
  await waitForItem(page, 'Queue: Chat');
  await waitForItem(page, 'zsofia@example.hu');
  // The accept rule's pick, the newest open request, is shown before accepting.
  await waitForItem(page, 'Router replacement');
  await screenshot(page, 'records-queue-preview');
  await clickItem(page, 'Accept###accept-queued');
  await waitForItem(page, 'Chat · Zsófia Kovács');
  await waitForItem(page, 'A számlám kétszer jött');
  const task = chat.body.task.id;
  const hand = await api('GET', '/api/tasks', undefined, {
    Cookie: await server.signIn('anna', 'anna password'),
  });
  assert.equal(hand.body.tasks.find((t) => t.task.id === task).request.id,
    requests['Router replacement'].id);

  // It is about the invoice: move it there (R-C6).
  await clickItem(page, 'Move to request ▾###move-activity');
  await clickItem(page, `Invoice twice###move-to-${requests['Invoice twice'].id}`);
  await eventually(async () => (await api('GET', `/api/activities/${chat.body.chat.id}`)).body.activity.request
    === requests['Invoice twice'].id, 'the activity moved');
  await waitForItem(page, `${'Invoice twice'.length} / 2000`);  // the title field's counter
  await screenshot(page, 'records-moved');
  assert.deepEqual(problems, []);
  await context.close();
});

test('search, open, edit and reopen a customer from Recent; the journey by request', async () => {
  const { context, page, problems } = await openDesktop(browser, server.url);
  await signIn(page, 'ivan');
  await clickItem(page, 'Customers###pane-customers');
  await clickItem(page, '##customer-search');
  // (The test's keyboard types ASCII only; searching is by prefix anyway.)
  await page.keyboard.type('Kov');
  await page.keyboard.press('Enter');
  await clickItem(page, 'Zsófia Kovács  zsofia@example.hu');
  await waitForItem(page, 'Zsófia Kovács  ·  Contact');
  // Grouped by request, newest first: both requests and the chat under its request.
  await waitForItem(page, 'Customer journey  (1)');
  const rows = await page.evaluate(() => window.careDesktop.items()
    .filter((i) => i.visible && i.kind === 'text' && i.window.includes('journey')).map((i) => i.text));
  const titles = rows.filter((t) => t.includes('Invoice twice') || t.includes('Router replacement'));
  assert.equal(titles.length, 2, JSON.stringify(rows));
  assert.match(titles[0], /^Router replacement/);
  // The channel filter leaves only requests with a matching activity.
  await clickItem(page, 'Call###filter-call');
  await eventually(async () => !(await page.evaluate(() => window.careDesktop.items()
    .some((i) => i.visible && i.text.startsWith('Invoice twice')))), 'the filter hides the chat');
  await clickItem(page, 'All channels###filter-all');
  await page.waitForFunction(() => window.careDesktop.items()
    .some((i) => i.visible && i.text.startsWith('Invoice twice  ·  Open')));
  await screenshot(page, 'records-journey');

  // Edit and save (R-D2): a bad email is refused here, a good phone is saved.
  await replaceText(page, '##edit-customer-email', 'not-an-email');
  await clickItem(page, 'Save###save-customer');
  await waitForItem(page, "Email: an address needs an '@', as in name@example.com");
  await replaceText(page, '##edit-customer-email', 'zsofia.k@example.hu');
  await screenshot(page, 'records-customer-edit');
  await clickItem(page, 'Save###save-customer');
  await eventually(async () => (await api('GET', `/api/customers/${customer.id}`)).body.customer.email
    === 'zsofia.k@example.hu', 'the email saved');
  await waitForItem(page, 'Saved');  // said on screen too…
  // …and fades away by itself after a few seconds, without any input.
  await page.waitForFunction(() => !window.careDesktop.find('Saved').some((i) => i.visible),
    null, { timeout: 9000 });
  await replaceText(page, '##edit-customer-phone', '+36 30 123 4568');
  assert.equal(await hasItem(page, 'Saved'), false);

  // Add a request from the pane (R-C6).
  await clickItem(page, '##new-request-title');
  await page.keyboard.type('Roaming question');
  await clickItem(page, 'Add request###add-request');
  await eventually(async () => (await api('GET', `/api/customers/${customer.id}/journey`)).body.requests
    .some((r) => r.title === 'Roaming question'), 'the request added');
  await page.waitForFunction(() => window.careDesktop.items()
    .some((i) => i.visible && i.text.startsWith('Roaming question  ·  Open')));

  // Recent survives a reload of the page: reopen from there (R-D4).
  await page.reload();
  await page.waitForFunction(() => window.careDesktop && window.careDesktop.ready);
  await waitForItem(page, '● Not Ready');
  await clickItem(page, 'Customers###pane-customers');
  await clickItem(page, `Zsófia Kovács###recent-${customer.id}`);
  await waitForItem(page, 'Zsófia Kovács  ·  Contact');
  assert.deepEqual(problems, []);
  await context.close();
});

test('two agents on one request: the second is told at once and Load brings the change', async () => {
  const anna = await openDesktop(browser, server.url);
  const ivan = await openDesktop(browser, server.url);
  await signIn(anna.page, 'anna');
  await signIn(ivan.page, 'ivan');
  const chatId = (await api('GET', `/api/customers/${customer.id}/journey`)).body.activities[0].id;
  for (const { page } of [anna, ivan]) {
    await page.keyboard.press('Control+K');
    await page.keyboard.type('Kov');
    await clickItem(page, 'Find customer: Kov');
    await clickItem(page, 'Zsófia Kovács  zsofia.k@example.hu');
    await clickItem(page, await eventually(async () => (await page.evaluate((id) => window.careDesktop.items()
      .find((i) => i.visible && i.label.endsWith(`###journey-${id}`)), chatId))?.label, 'the chat in the journey'));
    await waitForItem(page, '##request-title');
  }
  // Each sees the other on the request (R-F8), and when the other starts editing.
  await waitForItem(anna.page, 'Also here: Ivan Georgiev');
  await waitForItem(ivan.page, 'Also here: Anna Petrova');
  // Anna starts editing; Ivan saves first.
  await replaceText(anna.page, '##request-title', 'Invoice sent twice (Anna)');
  await waitForItem(ivan.page, 'Also here: Anna Petrova (editing)');
  await replaceText(ivan.page, '##request-title', 'Invoice sent twice in October');
  await clickItem(ivan.page, 'Save###save-request');
  await waitForItem(anna.page, 'Load###load-request');
  await screenshot(anna.page, 'records-conflict-caution');
  await clickItem(anna.page, 'Load###load-request');
  await anna.page.waitForTimeout(500);
  await screenshot(anna.page, 'records-conflict-loaded');
  await eventually(async () => (await anna.page.evaluate(() => window.careDesktop.items()
    .some((i) => i.visible && i.text === `${'Invoice sent twice in October'.length} / 2000`))), 'Ivan\'s title loaded in Anna\'s editor');
  assert.equal((await api('GET', `/api/requests/${requests['Invoice twice'].id}`)).body.request.title,
    'Invoice sent twice in October');
  assert.deepEqual(anna.problems, []);
  await anna.context.close();
  await ivan.context.close();
});

test('the desktop in Ukrainian, remembered across a reload', async () => {
  const { context, page } = await openDesktop(browser, server.url);
  await signIn(page, 'anna');
  await clickItem(page, 'Language###menu-language');
  await clickItem(page, 'Українська');
  await waitForItem(page, 'Черга###pane-queue');
  await waitForItem(page, 'Клієнти###pane-customers');
  await clickItem(page, 'Клієнти###pane-customers');
  await waitForItem(page, 'Нещодавні');
  await screenshot(page, 'records-ukrainian');
  await page.reload();
  await page.waitForFunction(() => window.careDesktop && window.careDesktop.ready);
  await waitForItem(page, 'Черга###pane-queue');
  await context.close();
});
