// Supervisor actions from the floor (issue 18) in the real page: the supervisor opens
// an agent's actions, monitors one of their chats (the customer's next line reaches
// the supervisor's screen, the agent is not told), barges in (the line reaches the
// customer as the supervisor's), stops, reassigns the chat to its queue, and sets the
// agent Not Ready for a meeting.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { clickItem, clickLabelled, launchBrowser, openDesktop, screenshot, signIn, waitForItem } from './support/browser.mjs';
import { callApi } from './support/api.mjs';
import { startServer } from './support/server.mjs';

const admin = { username: 'root', password: 'correct horse' };
let server;
let browser;
let rootCookie;
let anna;
let chatQueue;

const api = (method, path, body, headers = { Cookie: rootCookie }) =>
  callApi(server, method, path, body, headers);

before(async () => {
  server = await startServer({ admin });
  rootCookie = await server.signIn(admin.username, admin.password);
  const queue = await api('POST', '/api/queues', { name: 'Chat' });
  chatQueue = queue.body.queue.id;
  anna = await server.createAgent(rootCookie, {
    username: 'anna', display_name: 'Anna Petrova', password: 'anna password', role: 'agent',
  });
  await api('PUT', `/api/agents/${anna.id}/routing`, { queues: [queue.body.queue.id] });
  await server.createAgent(rootCookie, {
    username: 'sam', display_name: 'Sam Supervisor', password: 'sam password', role: 'supervisor',
  });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a supervisor monitors a chat from the floor, barges in, stops, and sets the agent Not Ready', async () => {
  // Anna has a chat in hand.
  const annaCookie = await server.signIn('anna', 'anna password');
  assert.equal((await api('PUT', '/api/me/state', { state: 'ready' }, { Cookie: annaCookie })).status, 200);
  const chat = await api('POST', '/api/channels/chat', {
    name: 'Jens Olsen', email: 'jens@example.dk', question: 'My order never came',
  }, {});
  const customer = { Authorization: `Bearer ${chat.body.chat.token}` };
  let offered;
  for (let i = 0; i < 50 && !offered; ++i) {
    offered = (await api('GET', '/api/tasks', undefined, { Cookie: annaCookie })).body.tasks
      .find((hand) => hand.task.state === 'offered');
    if (!offered) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.ok(offered, 'the chat was offered to Anna');
  assert.equal((await api('POST', `/api/tasks/${offered.task.id}/accept`, {}, { Cookie: annaCookie })).status, 200);
  const activity = chat.body.chat.id;

  const { context, page, problems } = await openDesktop(browser, server.url);
  await signIn(page, 'sam');
  await waitForItem(page, 'Anna Petrova');
  await clickItem(page, `Anna Petrova###agent-actions-${anna.id}`);
  await clickLabelled(page, `###monitor-${activity}`);
  await waitForItem(page, 'Monitoring: Jens Olsen with Anna Petrova');
  await waitForItem(page, 'My order never came');

  // The customer's next line reaches the supervisor live.
  assert.equal((await api('POST', `/api/channels/chat/${activity}/messages`, { text: 'Hello? Anyone?' }, customer)).status, 201);
  await waitForItem(page, 'Hello? Anyone?');

  // Barging in: the line is the supervisor's, in the chat for the customer too.
  await clickItem(page, '##barge-line');
  await page.keyboard.type('This is Sam, the team lead. Let me check it.');
  await page.keyboard.press('Enter');
  await waitForItem(page, 'This is Sam, the team lead. Let me check it.');
  const transcript = await api('GET', `/api/channels/chat/${activity}/messages`, undefined, customer);
  const last = transcript.body.messages.at(-1);
  assert.equal(last.text, 'This is Sam, the team lead. Let me check it.');
  assert.equal(last.author_name, 'Sam Supervisor');
  await screenshot(page, 'supervisor-monitoring');

  await clickItem(page, 'Stop monitoring###stop-monitoring');
  await page.waitForFunction(() => !window.careDesktop.items()
    .some((i) => i.visible && i.label === 'Stop monitoring###stop-monitoring'));

  // Reassigning her chat to the queue, from the same menu (a transfer by Sam).
  await clickItem(page, `Anna Petrova###agent-actions-${anna.id}`);
  await clickLabelled(page, `###reassign-${offered.task.id}`);
  await clickItem(page, `Chat###reassign-${offered.task.id}-queue-${chatQueue}`);
  let handed;
  for (let i = 0; i < 50 && !handed; ++i) {
    const details = await api('GET', `/api/activities/${activity}`, undefined, { Cookie: annaCookie });
    handed = details.body.handoffs?.find((h) => h.kind === 'transfer' && h.by_name === 'Sam Supervisor');
    if (!handed) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.ok(handed, 'the chat was handed on by Sam');

  // Anna to a meeting, from the same menu.
  await clickItem(page, `Anna Petrova###agent-actions-${anna.id}`);
  await clickItem(page, `Set Not Ready###set-not-ready-${anna.id}`);
  await clickItem(page, `Meeting###not-ready-${anna.id}-meeting`);
  await waitForItem(page, '● Not Ready — Meeting');
  const me = await api('GET', '/api/me', undefined, { Cookie: annaCookie });
  assert.equal(me.body.agent.state, 'not_ready');
  assert.equal(me.body.agent.state_reason, 'meeting');

  // Recorded: who monitored, barged in, stopped, and set the state.
  const samCookie = await server.signIn('sam', 'sam password');
  const trail = await api('GET', `/api/audit?type=activity&id=${activity}`, undefined, { Cookie: samCookie });
  assert.deepEqual(trail.body.audit.filter((a) => a.action.startsWith('monitor') || a.action === 'barge')
    .map((a) => a.action), ['monitor', 'barge', 'monitor.end']);
  assert.deepEqual(problems, []);
  await context.close();
});
