// Consult (issue 18, R-K1): Anna, holding a chat, invites Ivan from the Consult dialog;
// the chat appears among Ivan's tasks with the whole transcript and a notice that Anna
// holds it; his line reaches the customer; he has Leave instead of Close, Transfer or
// Consult; he leaves and the chat stays Anna's, with the consult in its details.
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

const visible = (page, label) => page.evaluate((wanted) => window.careDesktop.items()
  .some((i) => i.visible && i.label === wanted), label);

test('an agent invites a colleague into a chat; the guest reads it, writes in it and leaves, and the chat stays with its holder', async () => {
  const anna = await openDesktop(browser, server.url);
  const ivan = await openDesktop(browser, server.url);
  await signIn(anna.page, 'anna');
  await signIn(ivan.page, 'ivan');  // Not Ready: a consult is not an offer
  await goReady(anna.page);

  const { context: customer, page: widget, problems: widgetProblems, chat } = await startWidgetChat(
    browser, server.url, { name: 'Karen Dahl', email: 'karen@example.com', question: 'My parcel never came' });
  await clickItem(anna.page, 'Accept###accept-offer');
  await waitForItem(anna.page, 'My parcel never came');
  await sayInChat(anna.page, server, chat, 'Let me ask logistics');

  // The dialog lists colleagues only; Enter in the note invites.
  await clickItem(anna.page, 'Consult###consult-task');
  const ivanRow = await waitForItem(anna.page, 'Ivan Georgiev');
  assert.ok(ivanRow.label.includes('###transfer-agent-'), ivanRow.label);
  await clickItem(anna.page, ivanRow.label);
  await clickItem(anna.page, '##transfer-note');
  await anna.page.keyboard.type('Where is parcel 4711?');
  await anna.page.keyboard.press('Enter');
  await waitForItem(anna.page, 'Consult: Anna Petrova → Ivan Georgiev');
  // Anna still holds it: Close is hers.
  assert.equal(await hasItem(anna.page, 'Close###close-task'), true);

  // Ivan has it without accepting anything: the transcript, who holds it, the note.
  await waitForItem(ivan.page, 'My parcel never came');
  await waitForItem(ivan.page, 'Let me ask logistics');
  await waitForItem(ivan.page, 'You are consulted in this chat; Anna Petrova holds it');
  await waitForItem(ivan.page, '“Where is parcel 4711?”');
  await waitForItem(ivan.page, 'Leave chat###leave-consult');
  for (const holderOnly of ['Close###close-task', 'Transfer###transfer-task', 'Consult###consult-task']) {
    assert.equal(await visible(ivan.page, holderOnly), false, holderOnly);
  }
  await screenshot(ivan.page, 'consult-guest');

  // The guest's line reaches the customer and Anna.
  await sayInChat(ivan.page, server, chat, 'It left our depot this morning');
  await widget.waitForFunction(() => [...document.querySelectorAll('#transcript li')]
    .some((li) => li.textContent.includes('It left our depot this morning')));
  await waitForItem(anna.page, 'It left our depot this morning');
  // And a customer's line reaches both.
  await widget.fill('#message', 'Thank you both');
  await widget.press('#message', 'Enter');
  await waitForItem(anna.page, 'Thank you both');
  await waitForItem(ivan.page, 'Thank you both');

  // Ivan leaves: the chat goes from his desktop, stays on Anna's, and its details say so.
  await clickItem(ivan.page, 'Leave chat###leave-consult');
  await ivan.page.waitForFunction(() => !window.careDesktop.items()
    .some((i) => i.visible && i.label === 'Leave chat###leave-consult'), null, { timeout: 10000 });
  assert.equal(await visible(ivan.page, 'My parcel never came'), false);
  await waitForItem(anna.page, 'Ivan Georgiev left the chat');
  assert.equal(await hasItem(anna.page, 'Close###close-task'), true);
  await screenshot(anna.page, 'consult-left');

  const tasks = await api('GET', '/api/tasks', undefined, { Cookie: await server.signIn('anna', 'anna password') });
  const held = tasks.body.tasks.find((t) => t.activity.id === chat.id);
  assert.ok(held, JSON.stringify(tasks.body));
  assert.notEqual(held.guest, true);
  const guestTasks = await api('GET', '/api/tasks', undefined, { Cookie: await server.signIn('ivan', 'ivan password') });
  assert.equal(guestTasks.body.tasks.some((t) => t.activity.id === chat.id), false);

  assert.deepEqual(anna.problems, []);
  assert.deepEqual(ivan.problems, []);
  assert.deepEqual(widgetProblems, []);
  await customer.close();
  await anna.context.close();
  await ivan.context.close();
});
