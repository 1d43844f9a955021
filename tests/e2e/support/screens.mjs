// The screens an agent spends the day on, set up once and walked in a page: the
// sign-in form, a chat, an email, a call, a customer with a journey activity open,
// and the Floor. The layout and language tests look at each of them.
import assert from 'node:assert/strict';
import { clickItem, clickLabelled, screenshot, waitForItem } from './browser.mjs';

export { clickLabelled };
import { callApi } from './api.mjs';

export const gatewayKey = 'screens-gateway-key';
export const screenNames = ['sign-in', 'chat', 'email', 'call', 'customer', 'floor'];

// A supervisor who also takes work (so the Floor is theirs to see), holding one chat,
// one email and one call; the ids the walk clicks.
export async function setUpScreens(server, admin) {
  const root = { Cookie: await server.signIn(admin.username, admin.password) };
  const api = (method, path, body, headers = root) => callApi(server, method, path, body, headers);
  const queue = (await api('POST', '/api/queues', { name: 'Front desk' })).body.queue.id;
  const sara = await server.createAgent(root.Cookie, {
    username: 'sara', display_name: 'Sara Lindqvist-Montgomery', password: 'sara password', role: 'supervisor',
  });
  assert.equal((await api('PUT', `/api/agents/${sara.id}/routing`, { queues: [queue] })).status, 200);
  const me = { Cookie: await server.signIn('sara', 'sara password') };
  assert.equal((await api('PUT', '/api/me/state', { state: 'ready' }, me)).status, 200);
  const gateway = { Authorization: `Bearer ${gatewayKey}` };
  // Known already: the email and the call find her by address and number.
  const customer = await api('POST', '/api/customers', {
    kind: 'contact', name: 'Maximiliane Oberhauser-Villanueva',
    email: 'maximiliane.oberhauser@example.com', phone: '+45 20 99 88 77',
  });
  assert.equal(customer.status, 201, JSON.stringify(customer.body));

  // Each arrives, is offered to Sara and taken, one after the other.
  // `arrived` is what the channel answered: a task (chat) or an activity (email, call).
  const take = async (arrived) => {
    for (let i = 0; i < 100; ++i) {
      const offered = (await api('GET', '/api/tasks', undefined, me)).body.tasks
        .find((t) => t.task.state === 'offered' &&
          (t.task.id === arrived.task?.id || t.activity.id === arrived.activity?.id));
      if (offered) {
        const taken = await api('POST', `/api/tasks/${offered.task.id}/accept`, {}, me);
        assert.equal(taken.status, 200, JSON.stringify(taken.body));
        return offered.task.id;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`${JSON.stringify(arrived)} was never offered`);
  };
  const chat = await api('POST', '/api/channels/chat', {
    name: 'Maximiliane Oberhauser-Villanueva', email: 'maximiliane.oberhauser@example.com',
    question: 'My router blinks red since the storm last night, and the internet drops every few minutes — what can I do? https://example.com/router/status-page',
  }, {});
  assert.equal(chat.status, 201, JSON.stringify(chat.body));
  const chatTask = await take(chat.body);
  const email = await api('POST', '/api/channels/email', {
    from: 'maximiliane.oberhauser@example.com', to: 'support@example.com',
    subject: 'Invoice for October charged twice to my account, please refund the second payment',
    body: 'Hello,\nI was charged twice for October. Could you refund the second payment?\nRegards, Maximiliane',
  }, gateway);
  assert.equal(email.status, 201, JSON.stringify(email.body));
  const emailTask = await take(email.body);
  const call = await api('POST', '/api/channels/call', {
    call: 'pbx-screens-1', kind: 'ringing', from: '+45 20 99 88 77', to: '+45 70 10 10 10',
  }, gateway);
  assert.equal(call.status, 201, JSON.stringify(call.body));
  const callTask = await take(call.body);
  assert.equal((await api('POST', '/api/channels/call', { call: 'pbx-screens-1', kind: 'answered' }, gateway)).status, 200);
  const chatActivity = (await api('GET', '/api/tasks', undefined, me)).body.tasks
    .find((t) => t.task.id === chatTask).activity.id;
  return { chatTask, emailTask, callTask, chatActivity };
}


const settle = (page) => page.waitForTimeout(400);

// Signs in from the form (the form itself is the first screen) and visits the others;
// `look(name)` is called on each once it has settled.
export async function walkScreens(page, ids, look) {
  let step = 'start';
  try {
    await walk(page, ids, look, (name) => { step = name; });
  } catch (error) {
    const file = await screenshot(page, `walk-failed-${step}`).catch(() => '');
    const seen = await page.evaluate(() => window.careDesktop.items().filter((i) => i.visible)
      .map((i) => i.label)).catch(() => []);
    throw new Error(`walking the screens failed at ${step} (screenshot ${file}): ${error.message}\non screen: ${JSON.stringify(seen)}`);
  }
}

async function walk(page, ids, look, at) {
  at('sign-in');
  await waitForItem(page, '##username');
  await settle(page);
  await look('sign-in');
  await clickItem(page, '##username');
  await page.keyboard.type('sara');
  await clickItem(page, '##password');
  await page.keyboard.type('sara password');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.careDesktop.items()
    .some((i) => i.visible && i.label.endsWith('###agent-state')), null, { timeout: 10000 });

  const open = async (task, activity) => {
    await clickLabelled(page, `###task-${task}`);
    await page.waitForFunction((t) => window.careDesktop.items()
      .some((i) => i.visible && i.label.endsWith(`###task-${t}`)), task);
    if (activity) {
      await page.waitForFunction(() => window.careDesktop.items().some((i) => i.visible && i.label === '##composer'));
    }
    await settle(page);
  };
  at('chat');
  await open(ids.chatTask, ids.chatActivity);
  await look('chat');
  at('email');
  await open(ids.emailTask, true);
  await look('email');
  at('call');
  await open(ids.callTask, false);
  await page.waitForFunction(() => window.careDesktop.items().some((i) => i.visible && i.label.endsWith('###call-end')));
  await settle(page);
  await look('call');

  at('customer');
  await clickLabelled(page, '###pane-customers');
  await clickItem(page, '##customer-search');
  await page.keyboard.type('Maximiliane');
  await page.keyboard.press('Enter');
  await clickLabelled(page, '###found-', { partial: true });
  await page.waitForFunction(() => window.careDesktop.items().some((i) => i.visible && i.label.includes('###journey-')));
  await clickLabelled(page, '###journey-', { partial: true });
  await settle(page);
  await look('customer');

  at('floor');
  await clickLabelled(page, '###pane-floor');
  await settle(page);
  await look('floor');
}
