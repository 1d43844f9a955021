// The lists an admin sets, in the agent's language (R-J2): Not Ready reasons (R-A2),
// the queue's name (R-A5) and the wrap-up codes (R-F10) each carry a word per language.
// A Hungarian agent reads them in Hungarian; a word with no Hungarian falls back to
// English; an admin's new reason shows up without a code change.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { clickItem, hasItem, launchBrowser, openDesktop, screenshot, signIn, waitForItem } from './support/browser.mjs';
import { callApi, routedAgent } from './support/api.mjs';
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
  const queue = await api('POST', '/api/queues', {
    name: 'Billing',
    labels: { en: 'Billing', bg: 'Сметки', hu: 'Számlázás', da: 'Fakturering', 'sr-Latn': 'Naplata', uk: 'Рахунки' },
  });
  assert.equal(queue.status, 201);
  await routedAgent(server, rootCookie, queue.body.queue.id, 'zsofia', 'Zsófia Kovács');
  // An admin's own reasons: one with a Hungarian word, one with English only.
  assert.equal((await api('PUT', '/api/not-ready-reasons/coaching',
    { labels: { en: 'Coaching', hu: 'Mentorálás' } })).status, 201);
  assert.equal((await api('PUT', '/api/not-ready-reasons/system_outage',
    { labels: { en: 'System outage' } })).status, 201);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function eventually(check, what) {
  for (let i = 0; i < 50; ++i) {
    const value = await check();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`never: ${what}`);
}

test('a Hungarian agent reads the reasons, the queue and the wrap-up codes in Hungarian', async () => {
  const { context, page, problems } = await openDesktop(browser, server.url);
  await signIn(page, 'zsofia');
  await clickItem(page, 'Language###menu-language');
  await clickItem(page, 'Magyar');
  await waitForItem(page, 'Várólista###pane-queue');

  // Not Ready reasons: the shipped ones and the admin's, in Hungarian; English where
  // the admin gave no Hungarian word.
  await clickItem(page, '● Nem elérhető###agent-state');
  for (const [code, word] of [['break', 'Szünet'], ['lunch', 'Ebéd'], ['meeting', 'Megbeszélés'],
    ['training', 'Képzés'], ['other', 'Egyéb'], ['coaching', 'Mentorálás'], ['system_outage', 'System outage']]) {
    await waitForItem(page, `${word}###reason-${code}`);
  }
  assert.equal(await hasItem(page, 'Lunch###reason-lunch'), false);
  await screenshot(page, 'labels-hungarian-reasons');
  await clickItem(page, 'Ebéd###reason-lunch');
  await waitForItem(page, '● Nem elérhető — Ebéd');
  const me = await server.signIn('zsofia', 'zsofia password');
  assert.equal((await api('GET', '/api/me', undefined, { Cookie: me })).body.agent.state_reason, 'lunch');

  // Not Ready, so the chat waits in the list: its queue has its Hungarian name.
  const chat = await api('POST', '/api/channels/chat', {
    name: 'Kovács Péter', email: 'peter@example.hu', question: 'Kétszer fizettem a számlát',
  }, {});
  assert.equal(chat.status, 201);
  await clickItem(page, 'Várólista###pane-queue');
  const line = await eventually(async () => (await page.evaluate(
    () => window.careDesktop.items().find((i) => i.visible && i.label.includes('###queued-'))))?.text,
  'the chat in the queue list');
  await clickItem(page, line);
  await waitForItem(page, 'Várólista: Számlázás');
  assert.equal(await hasItem(page, 'Várólista: Billing'), false);
  await screenshot(page, 'labels-hungarian-queue');
  await clickItem(page, 'Elfogadás###accept-queued');
  await waitForItem(page, 'Kétszer fizettem a számlát');
  // The conversation's summary names the queue too.
  await clickItem(page, 'Beszélgetés###tab-conversation');
  await waitForItem(page, 'Számlázás');

  // Close: the wrap-up codes in Hungarian.
  await clickItem(page, 'Lezárás###close-task');
  await clickItem(page, 'Kilépés létrehozás nélkül###close-leave');
  for (const [code, word] of [['resolved', 'Megoldva'], ['follow_up', 'Utánkövetés szükséges'],
    ['no_action', 'Nincs teendő'], ['spam', 'Spam vagy visszaélés']]) {
    await waitForItem(page, `${word}###wrap-${code}`);
  }
  assert.equal(await hasItem(page, 'Resolved###wrap-resolved'), false);
  await screenshot(page, 'labels-hungarian-wrap-up');
  await clickItem(page, 'Utánkövetés szükséges###wrap-follow_up');
  await clickItem(page, 'Lezárás###close-confirm');
  await eventually(async () => (await api('GET', `/api/activities/${chat.body.chat.id}`))
    .body.activity.wrap_up === 'follow_up', 'closed with follow_up');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a retired reason leaves the menu; an English agent reads the English words', async () => {
  assert.equal((await api('PUT', '/api/not-ready-reasons/coaching',
    { labels: { en: 'Coaching', hu: 'Mentorálás' }, active: false })).status, 200);
  const { context, page, problems } = await openDesktop(browser, server.url);
  // The last test left her Not Ready for lunch; a new browser starts in English.
  await clickItem(page, '##username');
  await page.keyboard.type('zsofia');
  await clickItem(page, '##password');
  await page.keyboard.type('zsofia password');
  await page.keyboard.press('Enter');
  await clickItem(page, '● Not Ready — Lunch###agent-state');
  await waitForItem(page, 'Break###reason-break');
  await waitForItem(page, 'System outage###reason-system_outage');
  assert.equal(await hasItem(page, 'Coaching###reason-coaching'), false);
  await page.keyboard.press('Escape');
  assert.deepEqual(problems, []);
  await context.close();
});
