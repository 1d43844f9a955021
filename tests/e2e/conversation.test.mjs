// The active conversation beside a chat, in the real page (R-F1, R-F2, R-F3, R-F5,
// R-F6, R-F9, R-D3): the summary with skills, the pre-chat survey, the portal's
// self-service actions and the visitor details; the customer's recent cases; a
// knowledge article and a canned response put into the composer; the sentiment of
// the customer's lines; and Close asking to save or discard unsaved customer edits.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { clickItem, hasItem, launchBrowser, openDesktop, screenshot, waitForItem } from './support/browser.mjs';
import { callApi } from './support/api.mjs';
import { startServer } from './support/server.mjs';

const admin = { username: 'root', password: 'correct horse' };
let server;
let browser;
let rootCookie;

const api = (method, path, body, headers = { Cookie: rootCookie }) =>
  callApi(server, method, path, body, headers);

before(async () => {
  server = await startServer({ admin, args: ['--integration-key', 'gateway-key'] });
  rootCookie = await server.signIn(admin.username, admin.password);
  const queue = await api('POST', '/api/queues', { name: 'Chat' });
  const agent = await server.createAgent(rootCookie, {
    username: 'mette', display_name: 'Mette Jensen', password: 'mette password', role: 'agent',
  });
  await api('PUT', `/api/agents/${agent.id}/routing`, { queues: [queue.body.queue.id] });
  const customer = await api('POST', '/api/customers', {
    kind: 'contact', name: 'Lars Nielsen', email: 'lars@example.dk',
  });
  await api('POST', `/api/customers/${customer.body.customer.id}/requests`, { title: 'Old modem returned', priority: 'high' });
  assert.equal((await api('POST', '/api/kb', {
    title: 'Resetting the router', body: 'Hold the reset button for ten seconds, then wait for the green light.',
  })).status, 201);
  assert.equal((await api('POST', '/api/canned-responses', {
    name: 'greeting', body: 'Hello {customer}, thank you for waiting.',
  })).status, 201);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function signIn(page) {
  await clickItem(page, '##username');
  await page.keyboard.type('mette');
  await clickItem(page, '##password');
  await page.keyboard.type('mette password');
  await page.keyboard.press('Enter');
  await waitForItem(page, 'Mette Jensen');
}

test('the conversation context, recent cases, knowledge, canned responses and sentiment', async () => {
  const { context, page, problems } = await openDesktop(browser, server.url);
  await signIn(page);
  await clickItem(page, '● Not Ready');
  await clickItem(page, 'Ready');

  const chat = await api('POST', '/api/channels/chat', {
    name: 'Lars Nielsen', email: 'lars@example.dk', question: 'The router is terrible, it is not working',
    visitor: { authenticated: true, browser: 'Firefox 140', operating_system: 'Windows 11', location: 'Europe/Copenhagen', language: 'da' },
    self_service: [
      { kind: 'visited_page', detail: '/help.html', at: new Date(Date.now() - 60000).toISOString() },
      { kind: 'searched', detail: 'router red light', at: new Date(Date.now() - 30000).toISOString() },
    ],
    variables: [{ name: 'Contract', value: 'Fiber 500' }],
  }, {});
  assert.equal(chat.status, 201);
  await clickItem(page, 'Accept###accept-offer');
  await waitForItem(page, 'Chat · Lars Nielsen');
  await waitForItem(page, '● Negative');  // R-F6, from the customer's first line

  // R-F1, R-F2: the context the widget sent.
  await clickItem(page, 'Conversation###tab-conversation');
  await waitForItem(page, 'Pre-chat survey');
  await waitForItem(page, 'Signed in on the portal');
  await waitForItem(page, 'Firefox 140');
  await waitForItem(page, 'Contract: Fiber 500');
  const lines = await page.evaluate(() => window.careDesktop.items().filter((i) => i.visible && i.text).map((i) => i.text));
  const searched = lines.findIndex((t) => t.endsWith('Searched: router red light'));
  const visited = lines.findIndex((t) => t.endsWith('Visited: /help.html'));
  assert.ok(searched >= 0 && visited > searched, `newest first: ${JSON.stringify(lines)}`);
  // Skills: add one with Enter, remove it with its ×.
  await clickItem(page, '##skill-input');
  await page.keyboard.type('danish');
  await page.keyboard.press('Enter');
  await waitForItem(page, 'danish  ×');
  const skills = (await api('GET', `/api/activities/${chat.body.chat.id}`)).body.activity.context.skills;
  assert.deepEqual(skills, ['danish']);
  await screenshot(page, 'conversation-context');

  // R-F3: the customer's recent cases, the older one in its priority's colour.
  await clickItem(page, 'Cases###tab-cases');
  await waitForItem(page, 'Old modem returned');

  // R-F4: the timeline, with a quick note added by Enter; the switch widens it from
  // this case to the whole customer (the older request shows then).
  await clickItem(page, 'Timeline###tab-timeline');
  await clickItem(page, '##quick-note');
  await page.keyboard.type('Customer upset, router replaced last month');
  await page.keyboard.press('Enter');
  await waitForItem(page, 'Customer upset, router replaced last month');
  const notes = (await api('GET', `/api/activities/${chat.body.chat.id}`)).body.comments;
  assert.equal(notes.at(-1).text, 'Customer upset, router replaced last month');
  assert.equal(await page.evaluate(() => window.careDesktop.items()
    .some((i) => i.visible && i.text === 'Old modem returned')), false);
  await clickItem(page, 'This customer###timeline-customer');
  await waitForItem(page, 'Old modem returned');
  await screenshot(page, 'conversation-timeline');

  // R-F5: search knowledge, share an article into the composer, send it.
  await clickItem(page, 'Knowledge###tab-knowledge');
  await clickItem(page, '##kb-search');
  await page.keyboard.type('router');
  await page.keyboard.press('Enter');
  await waitForItem(page, 'Resetting the router');
  await clickItem(page, 'Share in chat###share-1');
  await clickItem(page, 'Send###send');
  const widget = { Authorization: `Bearer ${chat.body.chat.token}` };
  const shared = await (async () => {
    for (let i = 0; i < 50; ++i) {
      const seen = await api('GET', `/api/channels/chat/${chat.body.chat.id}/messages`, undefined, widget);
      const last = seen.body.messages.at(-1);
      if (last && last.text.startsWith('Resetting the router')) return last.text;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return '';
  })();
  assert.equal(shared, `Resetting the router: ${server.url}/help.html#article-1`);

  // R-F9: "/gre" finds the canned response; Enter puts it in, with the name filled in.
  await clickItem(page, '##composer');
  await page.keyboard.type('/gre');
  await waitForItem(page, 'Canned responses — click one to insert it');
  await page.keyboard.press('Enter');  // takes the first match into the composer…
  await page.waitForFunction(() => !window.careDesktop.items()
    .some((i) => i.visible && i.text === 'Canned responses — click one to insert it'));
  await page.waitForTimeout(150);     // …where the caret is back a frame later, at the end
  await page.keyboard.type(' Checking now.');
  await page.keyboard.press('Enter');  // …and sends it
  await waitForItem(page, 'Hello Lars Nielsen, thank you for waiting. Checking now.');

  // The customer cheers up: the indicator follows.
  await api('POST', `/api/channels/chat/${chat.body.chat.id}/messages`, { text: 'Tak, det virker nu!' }, widget);
  await waitForItem(page, '● Positive');
  await screenshot(page, 'conversation-sentiment');
  assert.deepEqual(problems, []);
  await context.close();
});

test('close asks to save or discard unsaved customer edits; the chat waits under closed work items', async () => {
  const { context, page } = await openDesktop(browser, server.url);
  await signIn(page);
  await waitForItem(page, 'Chat · Lars Nielsen');  // still in progress from the test above
  await clickItem(page, 'Chat · Lars Nielsen');
  // The task's customer is open in the customer pane: edit the phone, do not save.
  await clickItem(page, 'Customers###pane-customers');
  await clickItem(page, 'Lars Nielsen###open-1');
  await clickItem(page, '##edit-customer-phone');
  await page.keyboard.type('+45 20 12 34 56');
  await clickItem(page, 'In progress###pane-progress');
  await clickItem(page, 'Close###close-task');
  await waitForItem(page, 'The customer has unsaved changes.');
  await clickItem(page, 'Save them###close-save');
  await clickItem(page, 'Resolved###wrap-resolved');
  await clickItem(page, 'Close###close-confirm');
  await waitForItem(page, 'Nothing in progress');
  // R-F7: it left the active list and waits under closed work items; it opens in
  // the customer's journey.
  await waitForItem(page, 'Closed work items');
  const closedItem = await page.waitForFunction(() => window.careDesktop.items()
    .find((i) => i.visible && i.label.includes('###closed-') && i.text.startsWith('Chat · Lars Nielsen'))?.label);
  await clickItem(page, await closedItem.jsonValue());
  await waitForItem(page, 'Lars Nielsen  ·  Contact');
  await waitForItem(page, 'Activity details');
  await waitForItem(page, 'The router is terrible, it is not working');  // its transcript
  await screenshot(page, 'conversation-closed-item');
  for (let i = 0; i < 50; ++i) {
    if ((await api('GET', '/api/customers/1')).body.customer.phone === '+45 20 12 34 56') break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.equal((await api('GET', '/api/customers/1')).body.customer.phone, '+45 20 12 34 56');
  await context.close();
});

test('a call: its timer runs, the agent holds, resumes and ends it', async () => {
  const { context, page, problems } = await openDesktop(browser, server.url);
  await signIn(page);
  await waitForItem(page, '● Ready');
  const gateway = { Authorization: 'Bearer gateway-key' };
  const rang = await api('POST', '/api/channels/call', { call: 'pbx-17', kind: 'ringing', from: '+45 20 99 88 77', to: '+45 70 10 10 10' }, gateway);
  assert.equal(rang.status, 201);
  await clickItem(page, 'Accept###accept-offer');
  await waitForItem(page, '+45 20 99 88 77 → +45 70 10 10 10');
  assert.equal((await api('POST', '/api/channels/call', { call: 'pbx-17', kind: 'answered' }, gateway)).status, 200);
  await page.waitForFunction(() => window.careDesktop.items().some((i) => i.visible && /^Connected {2}00:0[1-9]$/.test(i.text)),
    null, { timeout: 5000 });  // the timer runs on its own
  await clickItem(page, 'Hold###call-hold');
  await page.waitForFunction(() => window.careDesktop.items().some((i) => i.visible && i.text.startsWith('On hold')));
  const activity = rang.body.activity.id;
  const kinds = async () => (await api('GET', `/api/activities/${activity}`)).body.activity.call_events.map((e) => e.kind);
  assert.deepEqual(await kinds(), ['ringing', 'answered', 'held']);
  await screenshot(page, 'conversation-call-held');
  await clickItem(page, 'Resume###call-resume');
  await page.waitForFunction(() => window.careDesktop.items().some((i) => i.visible && i.text.startsWith('Connected  ')));
  await clickItem(page, 'End call###call-end');
  await page.waitForFunction(() => window.careDesktop.items().some((i) => i.visible && i.text.startsWith('Ended')));
  assert.deepEqual(await kinds(), ['ringing', 'answered', 'held', 'resumed', 'ended']);
  // An ended call has nothing left to hold, resume or end.
  for (const control of ['Hold###call-hold', 'Resume###call-resume', 'End call###call-end']) {
    assert.equal(await hasItem(page, control), false, control);
  }
  assert.deepEqual(problems, []);
  await context.close();
});
