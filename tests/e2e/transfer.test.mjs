// Transfer (issue 18, R-K1): Anna hands a chat to Ivan from the Transfer dialog (by
// keyboard and mouse, Esc closing it); Ivan's offer says it is a transfer with Anna's
// note; he accepts and goes on with the whole transcript in front of him; the customer
// was told, and the activity keeps who handed it to whom.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { clickItem, goReady, hasItem, launchBrowser, openDesktop, sayInChat, screenshot, signIn, startWidgetChat, waitForItem } from './support/browser.mjs';
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

test('an agent transfers a chat to a colleague, who accepts it and goes on with the whole transcript', async () => {
  const anna = await openDesktop(browser, server.url);
  const ivan = await openDesktop(browser, server.url);
  await signIn(anna.page, 'anna');
  await signIn(ivan.page, 'ivan');  // Not Ready: the chat is Anna's to be offered
  await goReady(anna.page);

  // The customer, in Danish, starts the chat in the widget.
  const { context: customer, page: widget, problems: widgetProblems, chat } = await startWidgetChat(
    browser, server.url, { name: 'Karen Dahl', email: 'karen@example.dk', question: 'My invoice says 300', locale: 'da-DK' });
  await clickItem(anna.page, 'Accept###accept-offer');
  await waitForItem(anna.page, 'My invoice says 300');
  await sayInChat(anna.page, server, chat, 'Let me find a colleague from billing');

  // Esc closes the dialog without doing anything.
  await clickItem(anna.page, 'Transfer###transfer-task');
  await waitForItem(anna.page, 'To an agent###transfer-to-agent');
  await anna.page.keyboard.press('Escape');
  await anna.page.waitForFunction(() => !window.careDesktop.items()
    .some((i) => i.visible && i.label === 'To an agent###transfer-to-agent'), null, { timeout: 5000 });
  assert.equal(await hasItem(anna.page, 'My invoice says 300'), true);

  await goReady(ivan.page);
  await clickItem(anna.page, 'Transfer###transfer-task');
  await clickItem(anna.page, 'To an agent###transfer-to-agent');
  const ivanRow = await waitForItem(anna.page, 'Ivan Georgiev');
  // Colleagues only: not Anna herself, not the admin account (root).
  const targets = await anna.page.evaluate(() => window.careDesktop.items()
    .filter((i) => i.visible && i.label.includes('###transfer-agent-')).map((i) => i.label.split('###')[0]));
  assert.deepEqual(targets, ['Ivan Georgiev']);
  await clickItem(anna.page, ivanRow.label);
  await clickItem(anna.page, '##transfer-note');
  await anna.page.keyboard.type('Invoice amount wrong, VIP');
  await screenshot(anna.page, 'transfer-dialog');
  await anna.page.keyboard.press('Enter');  // Enter in the note sends, as the button does

  // The chat leaves Anna.
  await anna.page.waitForFunction(() => !window.careDesktop.items()
    .some((i) => i.visible && i.label === 'Close###close-task'), null, { timeout: 10000 });

  // The customer is told, in their language.
  await widget.waitForFunction(() => document.querySelector('#chat-status').textContent === 'Vi overfører dig til Ivan Georgiev…');
  await screenshot(widget, 'transfer-widget');

  // Ivan's offer says who handed it on, with the note.
  await waitForItem(ivan.page, 'New offer · Chat · Transfer from Anna Petrova');
  await waitForItem(ivan.page, 'Note for them: Invoice amount wrong, VIP');
  await screenshot(ivan.page, 'transfer-offer');
  await clickItem(ivan.page, 'Accept###accept-offer');
  // The whole transcript: the customer's question and Anna's line.
  await waitForItem(ivan.page, 'My invoice says 300');
  await waitForItem(ivan.page, 'Let me find a colleague from billing');
  // The activity's details say who handed it to whom, with the note.
  await waitForItem(ivan.page, 'Transfer: Anna Petrova → Ivan Georgiev');
  await waitForItem(ivan.page, '“Invoice amount wrong, VIP”');
  await sayInChat(ivan.page, server, chat, 'Hello Karen, Ivan from billing here');
  await widget.waitForFunction(() => document.querySelector('#chat-status').textContent === 'Ivan Georgiev hjælper dig');
  await widget.waitForFunction(() => [...document.querySelectorAll('#transcript li')]
    .some((li) => li.textContent.includes('Hello Karen, Ivan from billing here')));
  await screenshot(ivan.page, 'transfer-accepted');

  const details = await api('GET', `/api/activities/${chat.id}`, undefined, { Cookie: await server.signIn('ivan', 'ivan password') });
  assert.equal(details.body.handoffs.length, 1);
  assert.equal(details.body.handoffs[0].by_name, 'Anna Petrova');
  assert.equal(details.body.handoffs[0].to_agent_name, 'Ivan Georgiev');
  assert.equal(details.body.handoffs[0].note, 'Invoice amount wrong, VIP');
  assert.deepEqual(anna.problems, []);
  assert.deepEqual(ivan.problems, []);
  assert.deepEqual(widgetProblems, []);
  await customer.close();
  await anna.context.close();
  await ivan.context.close();
});
