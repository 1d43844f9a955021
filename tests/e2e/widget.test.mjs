// The customer side (R-H1, R-F2): the help portal and its chat widget in a real page,
// an agent on the other end through the API. The agent sees the pre-chat answers, the
// visitor details and what the customer did on the portal; both see each other's lines.
// The first test drives the agent through the API, the second through the desktop page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { clickItem, launchBrowser, openDesktop, screenshot, waitForItem, watchProblems } from './support/browser.mjs';
import { callApi } from './support/api.mjs';
import { startServer } from './support/server.mjs';

const admin = { username: 'root', password: 'correct horse' };
let server;
let browser;
let agentCookie;

const api = (method, path, body, cookie = agentCookie) =>
  callApi(server, method, path, body, { Cookie: cookie });

before(async () => {
  server = await startServer({ admin });
  const rootCookie = await server.signIn(admin.username, admin.password);
  const anna = await server.createAgent(rootCookie, {
    username: 'anna', display_name: 'Anna Petrova', password: 'anna password', role: 'agent',
  });
  const queue = await api('POST', '/api/queues', { name: 'Chat' }, rootCookie);
  assert.equal(queue.status, 201);
  assert.equal((await api('PUT', `/api/agents/${anna.id}/routing`, { queues: [queue.body.queue.id] }, rootCookie)).status, 200);
  const article = await api('POST', '/api/kb', {
    title: 'Router blinking red', body: 'A red light means no connection. Restart the router.', language: 'en',
  }, rootCookie);
  assert.equal(article.status, 201, JSON.stringify(article.body));
  await server.createAgent(rootCookie, {
    username: 'sam', display_name: 'Sam Supervisor', password: 'sam password', role: 'supervisor',
  });
  agentCookie = await server.signIn('anna', 'anna password');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a customer searches, reads, chats with an agent, and the agent sees the context', async () => {
  // A phone-sized screen: the widget must fit it.
  const context = await browser.newContext({ viewport: { width: 375, height: 667 }, locale: 'bg-BG' });
  const page = await context.newPage();
  const problems = watchProblems(page);
  await page.goto(`${server.url}/help.html`);

  await page.fill('#search-input', 'router red');
  await page.click('#search-form button');
  await page.click('#results .article-link');
  await page.waitForSelector('#article:not([hidden])');
  assert.equal(await page.textContent('#article-title'), 'Router blinking red');

  await page.click('#chat-launcher');
  const box = await page.locator('#chat').boundingBox();
  assert.ok(box.x >= 0 && box.y >= 0 && box.x + box.width <= 375 && box.y + box.height <= 667,
    `the chat fits a phone screen: ${JSON.stringify(box)}`);
  // Whatever the customer writes is shown as text, never as HTML.
  await page.fill('#survey [name=name]', 'Мария <b>Иванова</b>');
  await page.fill('#survey [name=email]', 'maria@example.bg');
  await page.fill('#survey [name=question]', 'Рутерът мига в червено');
  await page.click('#survey button[type=submit]');
  await page.waitForSelector('#conversation:not([hidden])');
  assert.equal(await page.locator('#survey').isVisible(), false, 'the survey gives way to the chat');
  await page.waitForFunction(() => document.querySelectorAll('#transcript li').length >= 1);

  // The agent goes Ready and is offered the chat; accepting it tells the customer.
  assert.equal((await api('PUT', '/api/me/state', { state: 'ready' })).status, 200);
  let offered;
  for (let i = 0; i < 50 && !offered; ++i) {
    const mine = await api('GET', '/api/tasks');
    offered = mine.body.tasks.find((hand) => hand.task.state === 'offered');
    if (!offered) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.ok(offered, 'the chat was offered to the Ready agent');
  const accepted = await api('POST', `/api/tasks/${offered.task.id}/accept`, {});
  assert.equal(accepted.status, 200);
  await page.waitForFunction(() => /Anna Petrova/.test(document.querySelector('#chat-status').textContent));

  // The agent sees what the customer told and did (R-F2).
  const activity = accepted.body.activity;
  const context2 = activity.context;
  assert.deepEqual(context2.pre_chat.map((f) => f.value),
    ['Мария <b>Иванова</b>', 'maria@example.bg', 'Рутерът мига в червено']);
  assert.match(context2.visitor.browser, /Chrom/);
  assert.equal(context2.visitor.language, 'bg-BG');
  assert.equal(context2.visitor.authenticated, false);
  const kinds = context2.self_service.map((a) => `${a.kind}:${a.detail}`);
  assert.ok(kinds.includes('searched:router red'), JSON.stringify(kinds));
  assert.ok(kinds.includes('article_viewed:Router blinking red'), JSON.stringify(kinds));
  assert.ok(kinds.some((k) => k.startsWith('visited_page:/help.html')), JSON.stringify(kinds));

  // Agent → customer, live; markup arrives as text.
  await page.fill('#message', 'x');  // the customer starts typing: the agent is told
  const line = 'Здравейте! <img src=x onerror="window.pwned=1"> Рестартирайте рутера.';
  assert.equal((await api('POST', `/api/activities/${activity.id}/messages`, { text: line })).status, 201);
  await page.waitForFunction((text) => [...document.querySelectorAll('#transcript li.outbound .text')]
    .some((p) => p.textContent === text), line);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assert.equal(await page.locator('#transcript img').count(), 0);

  // Customer → agent: Enter sends.
  await page.fill('#message', 'Благодаря, вече работи!');
  await page.press('#message', 'Enter');
  await page.waitForFunction(() => document.querySelector('#message').value === '');
  const seen = await api('GET', `/api/activities/${activity.id}`);
  assert.equal(seen.body.activity.messages.at(-1).text, 'Благодаря, вече работи!');
  assert.equal(seen.body.activity.messages.at(-1).author, 'customer');
  await screenshot(page, 'widget-chat-phone');

  // The agent ends it; the customer is told.
  const closed = await api('POST', `/api/tasks/${offered.task.id}/close`,
    { unknown_contact: 'leave_without', wrap_up: 'resolved' });
  assert.equal(closed.status, 200, JSON.stringify(closed.body));
  // In the visitor's language (Bulgarian here).
  await page.waitForFunction(() => document.querySelector('#chat').dataset.stage === 'ended');
  assert.equal(await page.textContent('#chat-status'), 'Чатът приключи');

  // The customer is asked to rate the chat (issue 18), by keyboard, in their language.
  await page.waitForSelector('#rating:not([hidden])');
  assert.equal(await page.textContent('#rating legend'), 'Как се справихме?');
  await page.focus('#rating button[type=submit]');
  await page.keyboard.press('Enter');  // no score chosen: said, and nothing sent
  await page.waitForFunction(() => document.querySelector('#rating-error').textContent === 'Изберете оценка от 1 до 5.');
  await page.focus('#rating input[name=score][value="4"]');
  await page.keyboard.press('Space');
  await page.fill('#rating-comment', 'Бързо и любезно.');
  await page.focus('#rating button[type=submit]');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => [...document.querySelectorAll('#transcript li.notice')]
    .some((li) => li.textContent.includes('Благодарим за оценката!')));
  assert.equal(await page.locator('#rating').isVisible(), false);
  await screenshot(page, 'widget-rated');
  const rated = await api('GET', `/api/activities/${activity.id}`);
  assert.deepEqual({ score: rated.body.rating.score, comment: rated.body.rating.comment },
    { score: 4, comment: 'Бързо и любезно.' });

  // The supervisor's floor shows the queue's average over the shift, and how many rated.
  const floor = await openDesktop(browser, server.url);
  await clickItem(floor.page, '##username');
  await floor.page.keyboard.type('sam');
  await clickItem(floor.page, '##password');
  await floor.page.keyboard.type('sam password');
  await floor.page.keyboard.press('Enter');
  await waitForItem(floor.page, 'Rating');
  await waitForItem(floor.page, '4.0  (1)');
  assert.deepEqual(floor.problems, []);
  await floor.context.close();
  assert.deepEqual(problems, []);
  await context.close();
});

test('a customer in the widget and an agent in the desktop chat end to end', async () => {
  // Anna starts on a break (the test above left her Ready).
  assert.equal((await api('PUT', '/api/me/state', { state: 'not_ready', reason: 'break' })).status, 200);
  // The customer, on the portal: a search, an article, then the chat.
  const customer = await browser.newContext({ viewport: { width: 375, height: 667 }, locale: 'da-DK' });
  const portal = await customer.newPage();
  await portal.goto(`${server.url}/help.html`);
  await portal.fill('#search-input', 'router');
  await portal.click('#search-form button');
  await portal.click('#results .article-link');
  await portal.waitForSelector('#article:not([hidden])');
  await portal.click('#chat-launcher');
  await portal.fill('#survey [name=name]', 'Freja Holm');
  await portal.fill('#survey [name=email]', 'freja@example.dk');
  await portal.fill('#survey [name=question]', 'Min router blinker rødt');
  await portal.click('#survey button[type=submit]');
  await portal.waitForSelector('#conversation:not([hidden])');

  // The agent, in the desktop: Ready, the offer, Accept.
  const { context, page, problems } = await openDesktop(browser, server.url);
  await clickItem(page, '##username');
  await page.keyboard.type('anna');
  await clickItem(page, '##password');
  await page.keyboard.type('anna password');
  await page.keyboard.press('Enter');
  await clickItem(page, '● Not Ready — Break');
  await clickItem(page, 'Ready');
  await waitForItem(page, 'Freja Holm');
  await clickItem(page, 'Accept###accept-offer');
  await waitForItem(page, 'Min router blinker rødt');
  await portal.waitForFunction(() => /Anna Petrova/.test(document.querySelector('#chat-status').textContent));

  // What the customer told and did on the portal, in the desktop (R-F2).
  await clickItem(page, 'Conversation###tab-conversation');
  await waitForItem(page, 'Freja Holm');
  await waitForItem(page, 'freja@example.dk');
  await waitForItem(page, 'da-DK');
  await screenshot(page, 'widget-agent-context');
  await page.waitForFunction(() => {
    const texts = window.careDesktop.items().filter((i) => i.visible).map((i) => i.text);
    return texts.some((t) => t.endsWith('Searched: router')) &&
      texts.some((t) => t.endsWith('Read article: Router blinking red')) &&
      texts.some((t) => /Visited: \/help\.html/.test(t));
  });

  // Agent → customer, typed in the desktop (ASCII: the test keyboard has no å).
  await clickItem(page, '##composer');
  await page.keyboard.type('Hej Freja, vi kigger paa det.');
  await page.keyboard.press('Enter');
  await portal.waitForFunction(() => [...document.querySelectorAll('#transcript li.outbound')]
    .some((li) => li.textContent.includes('Hej Freja, vi kigger paa det.')));
  // Customer → agent, typed in the widget.
  await portal.fill('#message', 'Tak! Den blinker stadig.');
  await portal.press('#message', 'Enter');
  await waitForItem(page, 'Tak! Den blinker stadig.');
  await screenshot(page, 'widget-agent-side');
  await screenshot(portal, 'widget-customer-side');
  assert.deepEqual(problems, []);
  await context.close();
  await customer.close();
});

test('an agent who joins while the widget reads the chat\'s state is not undone by the stale answer', async () => {
  // The widget asks where the chat stands when its stream opens. Here that answer is
  // read before the agent accepts and reaches the page after chat.joined did: the
  // page must keep "with the agent" (it once went back to "waiting" for good).
  assert.equal((await api('PUT', '/api/me/state', { state: 'not_ready', reason: 'break' })).status, 200);
  const customer = await browser.newContext({ viewport: { width: 375, height: 667 } });
  const page = await customer.newPage();
  const problems = watchProblems(page);
  let held = false;
  let answered;
  const stateAnswered = new Promise((resolve) => { answered = resolve; });
  await page.route(/\/api\/channels\/chat\/\d+$/, async (route) => {
    if (held || route.request().method() !== 'GET') return route.continue();
    held = true;
    const stale = await route.fetch();
    assert.equal((await stale.json()).chat.state, 'waiting');
    // The agent goes Ready and accepts while the answer is on its way.
    assert.equal((await api('PUT', '/api/me/state', { state: 'ready' })).status, 200);
    let offered;
    for (let i = 0; i < 50 && !offered; ++i) {
      offered = (await api('GET', '/api/tasks')).body.tasks.find((hand) => hand.task.state === 'offered');
      if (!offered) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.ok(offered, 'the chat was offered');
    assert.equal((await api('POST', `/api/tasks/${offered.task.id}/accept`, {})).status, 200);
    await page.waitForFunction(() => document.querySelector('#chat').dataset.stage === 'with_agent');
    await route.fulfill({ response: stale });
    answered();
  });
  await page.goto(`${server.url}/help.html`);
  await page.click('#chat-launcher');
  await page.fill('#survey [name=name]', 'Ola Nordmann');
  await page.fill('#survey [name=email]', 'ola@example.no');
  await page.fill('#survey [name=question]', 'Hvor er pakken min?');
  await page.click('#survey button[type=submit]');
  await stateAnswered;
  // Give the stale answer its chance to land, then look.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
  assert.equal(await page.evaluate(() => document.querySelector('#chat').dataset.stage), 'with_agent');
  assert.match(await page.textContent('#chat-status'), /Anna Petrova/);
  assert.deepEqual(problems, []);
  await customer.close();
});
