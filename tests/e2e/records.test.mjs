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

// What the desktop should show for an instant in a zone: "18:41" today there, else
// with the date (the agent's wall clock, not UTC).
function wallClock(iso, timeZone) {
  const parts = (date) => Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(date).map((p) => [p.type, p.value]));
  const at = parts(new Date(iso));
  const today = parts(new Date());
  const clock = `${at.hour}:${at.minute}`;
  const sameDay = at.year === today.year && at.month === today.month && at.day === today.day;
  return sameDay ? clock : `${at.year}-${at.month}-${at.day} ${clock}`;
}

async function openRequestFromJourney(page) {
  // Anna's task from the first test opens her customer by itself once signed in.
  await page.waitForTimeout(1000);
  if (!(await hasItem(page, 'Zsófia Kovács  ·  Contact'))) {
    await page.keyboard.press('Control+K');
    await page.keyboard.type('Kov');
    await clickItem(page, 'Find customer: Kov');
    await clickItem(page, 'Zsófia Kovács  zsofia.k@example.hu');
  }
  const chatId = (await api('GET', `/api/customers/${customer.id}/journey`)).body.activities[0].id;
  // The rows move down a line when "Also here" appears: click again if one went astray.
  for (let tries = 0; tries < 5 && !(await hasItem(page, '##request-title')); ++tries) {
    await clickItem(page, await eventually(async () => (await page.evaluate((id) => window.careDesktop.items()
      .find((i) => i.visible && i.label.endsWith(`###journey-${id}`)), chatId))?.label, 'the chat in the journey'));
    await page.waitForTimeout(500);
  }
  await waitForItem(page, '##request-title');
}

const visibleTexts = (page) => page.evaluate(() => window.careDesktop.items()
  .filter((i) => i.visible && i.text).map((i) => i.text));

test('two agents on one request: the second keeps their own text, chooses per field, and is told who and when', async () => {
  // Anna works in Sofia (UTC+2 in winter, +3 in summer); the machine runs in UTC.
  const timeZone = 'Europe/Sofia';
  const anna = await openDesktop(browser, server.url, { timezoneId: timeZone });
  const ivan = await openDesktop(browser, server.url);
  await signIn(anna.page, 'anna');
  await signIn(ivan.page, 'ivan');
  for (const { page } of [anna, ivan]) await openRequestFromJourney(page);
  // Each sees the other on the request (R-F8), and when the other starts editing.
  await waitForItem(anna.page, 'Also here: Ivan Georgiev');
  await waitForItem(ivan.page, 'Also here: Anna Petrova');
  const requestId = requests['Invoice twice'].id;
  const before = (await api('GET', `/api/requests/${requestId}`)).body.request;

  // Anna edits both fields and does not save; Ivan edits both and saves first.
  const annaTitle = 'Invoice sent twice (Anna)';
  const annaDescription = 'Charged twice; Anna is checking the bank statement.';
  const ivanTitle = 'Invoice sent twice in October';
  const ivanDescription = 'Refund of the second charge promised by Ivan.';
  await replaceText(anna.page, '##request-title', annaTitle);
  await replaceText(anna.page, '##request-description', annaDescription);
  await waitForItem(ivan.page, 'Also here: Anna Petrova (editing)');
  await replaceText(ivan.page, '##request-title', ivanTitle);
  await replaceText(ivan.page, '##request-description', ivanDescription);
  await clickItem(ivan.page, 'Save###save-request');
  const saved = await eventually(async () => {
    const now = (await api('GET', `/api/requests/${requestId}`)).body.request;
    return now.version > before.version && now;
  }, 'Ivan\'s save');

  // Anna is told at once, by name and on her own clock; her text stays in her fields,
  // and each field both changed shows hers beside his.
  const ivanId = saved.updated_by;
  const when = wallClock(saved.updated_at, timeZone);
  assert.notEqual(when, wallClock(saved.updated_at, 'UTC'), 'Sofia is not UTC');
  await waitForItem(anna.page, `Changed by Ivan Georgiev at ${when}`);
  await waitForItem(anna.page, `Yours: ${annaTitle}`);
  await waitForItem(anna.page, `Theirs: ${ivanTitle}`);
  await waitForItem(anna.page, `Yours: ${annaDescription}`);
  await waitForItem(anna.page, `Theirs: ${ivanDescription}`);
  await waitForItem(anna.page, 'Both of you changed a field: choose for it, then save');
  const shown = await visibleTexts(anna.page);
  assert.ok(!shown.some((t) => /\d{4}-\d\d-\d\dT\d\d:\d\d/.test(t)), `no raw time stamp: ${JSON.stringify(shown)}`);
  assert.deepEqual(shown.filter((t) => t.startsWith('Changed by')), [`Changed by Ivan Georgiev at ${when}`]);
  assert.ok(!shown.some((t) => t.includes(`(#${ivanId})`)), 'no agent id');
  assert.equal(await hasItem(anna.page, 'Load###load-request'), false);
  assert.ok(await anna.page.evaluate((n) => window.careDesktop.items()
    .some((i) => i.visible && i.text === `${n} / 2000`), annaTitle.length), 'Anna\'s title still in her field');
  await screenshot(anna.page, 'records-conflict-both-sides');

  // Nothing is saved over Ivan's text before Anna chose for each field.
  await clickItem(anna.page, 'Save###save-request');
  await anna.page.waitForTimeout(500);
  assert.equal((await api('GET', `/api/requests/${requestId}`)).body.request.title, ivanTitle);

  // Her title, his description: saved at once from his version (no second refusal).
  // (Each choice takes its comparison away and moves what is below: wait for the frame.)
  const gone = (page, text) => page.waitForFunction((t) => !window.careDesktop.find(t).some((i) => i.visible), text);
  await clickItem(anna.page, 'Keep mine###keep-mine-title');
  await gone(anna.page, `Theirs: ${ivanTitle}`);
  await clickItem(anna.page, 'Take theirs###take-theirs-description');
  await gone(anna.page, `Theirs: ${ivanDescription}`);
  await anna.page.waitForTimeout(300);
  await clickItem(anna.page, 'Save###save-request');
  const merged = await eventually(async () => {
    const now = (await api('GET', `/api/requests/${requestId}`)).body.request;
    return now.version === saved.version + 1 && now;
  }, 'Anna\'s save on top of Ivan\'s');
  assert.equal(merged.title, annaTitle);
  assert.equal(merged.description, ivanDescription);
  await waitForItem(anna.page, 'Saved');
  await screenshot(anna.page, 'records-conflict-resolved');
  // Ivan's desktop follows, with nothing of his to choose: he had not typed since.
  await eventually(async () => (await ivan.page.evaluate((n) => window.careDesktop.items()
    .some((i) => i.visible && i.text === `${n} / 2000`), annaTitle.length)), 'Anna\'s title in Ivan\'s editor');
  assert.equal(await hasItem(ivan.page, `Theirs: ${annaTitle}`), false);
  assert.deepEqual(anna.problems, []);
  await anna.context.close();
  await ivan.context.close();
});

test('a field only the other changed comes in silently, and the customer form keeps both sides too', async () => {
  const anna = await openDesktop(browser, server.url, { timezoneId: 'Asia/Tokyo' });
  await signIn(anna.page, 'anna');
  await openRequestFromJourney(anna.page);
  const requestId = requests['Invoice twice'].id;
  const before = (await api('GET', `/api/requests/${requestId}`)).body.request;
  // Anna edits only the description; the admin (root) changes only the title.
  const annaDescription = 'Anna: the bank confirmed both charges.';
  await replaceText(anna.page, '##request-description', annaDescription);
  const changed = await api('PATCH', `/api/requests/${requestId}`,
    { version: before.version, title: 'Invoice twice: refund sent', description: before.description });
  assert.equal(changed.status, 200);
  await waitForItem(anna.page, `Changed by root at ${wallClock(changed.body.request.updated_at, 'Asia/Tokyo')}`);
  // The title came in (its counter follows it); her description stayed; nothing to choose.
  await eventually(async () => (await anna.page.evaluate((n) => window.careDesktop.items()
    .some((i) => i.visible && i.text === `${n} / 2000`), 'Invoice twice: refund sent'.length)), 'the new title');
  assert.equal(await hasItem(anna.page, 'Keep mine###keep-mine-title'), false);
  assert.equal(await hasItem(anna.page, 'Keep mine###keep-mine-description'), false);
  await clickItem(anna.page, 'Save###save-request');
  const merged = await eventually(async () => {
    const now = (await api('GET', `/api/requests/${requestId}`)).body.request;
    return now.description === annaDescription && now;
  }, 'Anna\'s description saved');
  assert.equal(merged.title, 'Invoice twice: refund sent');

  // The customer's details: Anna changes the phone; root changes phone and email.
  const current = (await api('GET', `/api/customers/${customer.id}`)).body.customer;
  await replaceText(anna.page, '##edit-customer-phone', '+36 30 555 0001');
  const theirs = await api('PATCH', `/api/customers/${customer.id}`, {
    version: current.version, kind: current.kind, name: current.name, email: 'zsofia@kovacs.hu',
    phone: '+36 30 999 0002', language: current.language, location: current.location,
    primary_contact: current.primary_contact ?? null, account: current.account ?? null,
  });
  assert.equal(theirs.status, 200, JSON.stringify(theirs.body));
  await waitForItem(anna.page, 'Yours: +36 30 555 0001');
  await waitForItem(anna.page, 'Theirs: +36 30 999 0002');
  assert.equal(await hasItem(anna.page, 'Theirs: zsofia@kovacs.hu'), false);  // came in silently
  await clickItem(anna.page, 'Keep mine###keep-mine-phone');
  await anna.page.waitForFunction((t) => !window.careDesktop.find(t).some((i) => i.visible),
    'Theirs: +36 30 999 0002');
  await anna.page.waitForTimeout(300);
  await clickItem(anna.page, 'Save###save-customer');
  const kept = await eventually(async () => {
    const now = (await api('GET', `/api/customers/${customer.id}`)).body.customer;
    return now.version > theirs.body.customer.version && now;
  }, 'Anna\'s customer save');
  assert.equal(kept.phone, '+36 30 555 0001');
  assert.equal(kept.email, 'zsofia@kovacs.hu');
  assert.deepEqual(anna.problems, []);
  await anna.context.close();
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
