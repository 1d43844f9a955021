// An email reply is written in lines (R-B3): Enter adds a line and sends nothing;
// Ctrl+Enter sends the whole reply, lines and all. It goes To and Cc whom the agent
// sets, prefilled from the mail, under "Re: <subject>"; the fields are part of the
// task's draft, and what the mail gateway reads back is what the agent set.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { clickItem, goReady, hasItem, launchBrowser, openDesktop, screenshot, signIn, waitForItem } from './support/browser.mjs';
import { callApi, routedAgent } from './support/api.mjs';
import { clickLabelled } from './support/screens.mjs';
import { startServer } from './support/server.mjs';

const admin = { username: 'root', password: 'correct horse' };
const gateway = { Authorization: 'Bearer gateway-key' };
let server;
let browser;
let rootCookie;
let secondQueue;

const api = (...args) => callApi(server, ...args);

before(async () => {
  server = await startServer({ admin, args: ['--integration-key', 'gateway-key'] });
  rootCookie = await server.signIn(admin.username, admin.password);
  const queue = await api('POST', '/api/queues', { name: 'Email' }, { Cookie: rootCookie });
  await routedAgent(server, rootCookie, queue.body.queue.id, 'anna', 'Anna Petrova');
  const second = await api('POST', '/api/queues', { name: 'Billing mail' }, { Cookie: rootCookie });
  secondQueue = second.body.queue.id;
  await routedAgent(server, rootCookie, secondQueue, 'bea', 'Bea Nagy');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function messagesOf(activity) {
  const seen = await api('GET', `/api/activities/${activity}`, undefined, { Cookie: rootCookie });
  return seen.body.activity.messages.map((m) => m.text);
}

test('Enter in an email reply adds a line and sends nothing; Ctrl+Enter sends it all', async () => {
  const { page, problems } = await openDesktop(browser, server.url);
  await signIn(page, 'anna');
  await goReady(page);

  const email = await api('POST', '/api/channels/email', {
    from: 'maria@example.bg', to: 'support@example.com', subject: 'Invoice twice',
    body: 'I was charged twice for October.',
  }, gateway);
  assert.equal(email.status, 201);
  const activity = email.body.activity.id;
  await clickItem(page, 'Accept###accept-offer');
  await waitForItem(page, 'Subject: Invoice twice');
  await waitForItem(page, 'Enter adds a line, Ctrl+Enter sends');

  await clickItem(page, '##composer');
  await page.keyboard.type('Dear Maria,');
  await page.keyboard.press('Enter');
  await page.keyboard.type('the second charge is refunded.');
  await page.waitForTimeout(500);
  assert.deepEqual(await messagesOf(activity), ['I was charged twice for October.']);

  await page.keyboard.press('Control+Enter');
  let lines = [];
  for (let i = 0; i < 50 && lines.length < 2; ++i) {
    lines = await messagesOf(activity);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.deepEqual(lines, ['I was charged twice for October.', 'Dear Maria,\nthe second charge is refunded.']);
  await screenshot(page, 'email-reply');
  assert.deepEqual(problems, []);
});

// Replaces what a one-line field holds with `text` (Ctrl+A selects all in ImGui).
async function retype(page, field, text) {
  await clickItem(page, field);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

test('To, Cc and subject are prefilled, editable, checked, kept over a reload and read back by the gateway', async () => {
  const { page, problems } = await openDesktop(browser, server.url);
  await signIn(page, 'bea');
  await goReady(page);

  const email = await api('POST', '/api/channels/email', {
    from: 'maria@example.bg', to: 'billing@example.com', cc: ['boss@example.bg'],
    subject: 'RE: Invoice twice', body: 'Still charged twice.', queue: secondQueue,
  }, gateway);
  assert.equal(email.status, 201, JSON.stringify(email.body));
  const activity = email.body.activity.id;
  await clickItem(page, 'Accept###accept-offer');
  await waitForItem(page, '##reply-to');
  await screenshot(page, 'email-reply-fields');

  // Edited in place: one more To, another Cc, the prefilled subject ("Re: ", once) extended.
  await clickItem(page, '##reply-to');
  await page.keyboard.press('End');
  await page.keyboard.type(', accounts@example.bg');
  await retype(page, '##reply-cc', 'finance@example.bg');
  await clickItem(page, '##reply-subject');
  await page.keyboard.press('End');
  await page.keyboard.type(' (refund)');
  await clickItem(page, '##composer');
  await page.keyboard.type('Dear Maria, refunded.');

  // A reload keeps the fields with the draft.
  await page.reload();
  await page.waitForFunction(() => window.careDesktop && window.careDesktop.ready, null, { timeout: 20000 });
  await waitForItem(page, '● Ready');
  // By the row's id: its label carries a ticking elapsed time.
  const row = await page.waitForFunction(() => window.careDesktop.items()
    .find((i) => i.visible && i.label.includes('###task-') && i.text.startsWith('Email'))?.label);
  const label = await row.jsonValue();
  await clickLabelled(page, label.slice(label.indexOf('###')));
  await waitForItem(page, '##reply-to');

  // A mistyped address is named in the agent's words, and nothing leaves.
  await retype(page, '##reply-cc', 'finance.example.bg');
  await clickItem(page, '##composer');
  await page.keyboard.press('Control+Enter');
  await waitForItem(page, "Cc: an address needs an '@', as in name@example.com");
  await screenshot(page, 'email-reply-bad-cc');
  let seen = await api('GET', `/api/activities/${activity}`, undefined, { Cookie: rootCookie });
  assert.equal(seen.body.activity.messages.length, 1);
  // Putting it right takes the line away.
  await retype(page, '##reply-cc', 'finance@example.bg');
  assert.equal(await hasItem(page, "Cc: an address needs an '@', as in name@example.com"), false);

  await clickItem(page, '##composer');
  await page.keyboard.press('Control+Enter');
  // In the thread at once, with whom it went to and under which subject.
  await waitForItem(page, 'To: maria@example.bg, accounts@example.bg   Cc: finance@example.bg');
  await waitForItem(page, 'Subject: Re: Invoice twice (refund)');
  await screenshot(page, 'email-reply-sent');

  let sent;
  for (let i = 0; i < 50 && !sent; ++i) {
    seen = await api('GET', `/api/activities/${activity}`, undefined, { Cookie: rootCookie });
    sent = seen.body.activity.messages.find((m) => m.author === 'agent');
    if (!sent) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.ok(sent, 'the reply reached the server');
  assert.equal(sent.text, 'Dear Maria, refunded.');
  assert.deepEqual(sent.to, ['maria@example.bg', 'accounts@example.bg']);
  assert.deepEqual(sent.cc, ['finance@example.bg']);
  assert.equal(sent.subject, 'Re: Invoice twice (refund)');
  assert.deepEqual(problems, []);
});
