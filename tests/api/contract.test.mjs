// The API against its contract: a real care-server on a free loopback port, every
// operation of docs/api/openapi.yaml called with good and bad input, and every answer
// checked by support/contract.mjs (status declared on that operation, body and
// headers as declared). The end checks that each operation answered at least one
// success and one error, so a new operation cannot go unchecked.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startServer } from '../e2e/support/server.mjs';
import { client, check, documentedMethods, goodCalls, operations, rawRequest, seen } from './support/contract.mjs';

const admin = { username: 'root', password: 'root password' };
const integrationKey = 'contract-test-key';
let server;
let call;
const the = {};  // what earlier steps made: cookies, ids

const code = (answer) => answer.body?.error?.code;
// Files for the attachment operations: a 1×1 PNG, a PDF's first bytes, an executable's.
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const pdf = '%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n';
const elf = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0]);
async function expect(id, status, options = {}, errorCode = undefined) {
  const answer = await call(id, options);
  assert.equal(answer.status, status, `${id}: ${JSON.stringify(answer.body)}`);
  if (errorCode) assert.equal(code(answer), errorCode, id);
  return answer;
}

before(async () => {
  // One attempt per webhook delivery: the receiver below is down, so they fail at once.
  // Attachments up to 1 MB: the 413 over 1 MiB below holds for uploads too.
  server = await startServer({ admin, args: ['--integration-key', integrationKey, '--webhook-attempts', '1', '--max-attachment', '1MB'] });
  call = client(server);
});
after(async () => { await server?.stop(); });

test('system operations', async () => {
  await expect('getHealth', 200);
  await expect('getMetrics', 200);
  await expect('getVersion', 200);
});

test('signing in and accounts', async () => {
  await expect('signIn', 401, { body: { username: 'root', password: 'wrong password' } }, 'invalid_credentials');
  await expect('signIn', 400, { rawBody: '{"username": ' }, 'malformed');
  await expect('signIn', 400, { body: { username: 5, password: 'x' } }, 'wrong_type');
  await expect('signIn', 400, { body: { password: 'x' } }, 'missing');
  await expect('signIn', 415, { rawBody: 'username=root', contentType: 'text/plain' }, 'unsupported_media_type');
  await expect('signIn', 422, { body: { username: 'u'.repeat(101), password: 'x' } }, 'too_long');
  // A chunked body that is not chunked coding cannot be read.
  const unreadable = await rawRequest(server, 'POST /api/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
    'Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nnot a chunk size\r\n\r\n');
  check(operations.get('signIn'), unreadable.status, unreadable.headers, unreadable.text);
  assert.equal(unreadable.status, 400);
  assert.equal(JSON.parse(unreadable.text).error.code, 'bad_request');
  const signedIn = await expect('signIn', 200, { body: admin });
  the.root = signedIn.headers.get('set-cookie').split(';')[0];
  await expect('getMe', 200, { cookie: the.root });
  await expect('getMe', 401, {}, 'unauthenticated');

  const anna = { username: 'anna', display_name: 'Anna Petrova', password: 'anna password', role: 'agent' };
  the.annaId = (await expect('createAgent', 201, { cookie: the.root, body: anna })).body.agent.id;
  await expect('createAgent', 409, { cookie: the.root, body: anna }, 'duplicate');
  await expect('createAgent', 400, { cookie: the.root, body: { ...anna, username: 'bob', role: 'boss' } }, 'invalid');
  the.anna = (await expect('signIn', 200, { body: { username: 'anna', password: 'anna password' } }))
    .headers.get('set-cookie').split(';')[0];
  await expect('createAgent', 403, { cookie: the.anna, body: { ...anna, username: 'bob' } }, 'forbidden');

  await expect('listAgents', 200, { cookie: the.root });
  await expect('listAgents', 403, { cookie: the.anna }, 'forbidden');
  await expect('agentDirectory', 200, { cookie: the.anna });
});

test('queues, routing and lists', async () => {
  the.queue = (await expect('createQueue', 201, { cookie: the.root, body: { name: 'Chats' } })).body.queue.id;
  await expect('createQueue', 409, { cookie: the.root, body: { name: 'Chats' } }, 'duplicate');
  await expect('createQueue', 400, { cookie: the.root, body: { priority: 1 } }, 'missing');
  await expect('createQueue', 403, { cookie: the.anna, body: { name: 'Mine' } }, 'forbidden');
  await expect('createQueue', 422, { cookie: the.root, body: { name: 'q'.repeat(101) } }, 'too_long');
  await expect('getQueues', 200, { cookie: the.anna });

  const labels = { labels: { en: 'Chats', hu: 'Csevegés' } };
  await expect('setQueueLabels', 200, { cookie: the.root, params: { id: the.queue }, body: labels });
  await expect('setQueueLabels', 404, { cookie: the.root, params: { id: 999999 }, body: labels }, 'not_found');
  await expect('setQueueLabels', 422, { cookie: the.root, params: { id: the.queue }, body: { ...labels, active: false } }, 'invalid');
  await expect('setQueueLabels', 403, { cookie: the.anna, params: { id: the.queue }, body: labels }, 'forbidden');
  await expect('setQueueTargets', 200, { cookie: the.root, params: { id: the.queue }, body: { longest_wait_ms: 60000, waiting: 3 } });
  await expect('setQueueTargets', 404, { cookie: the.root, params: { id: 999999 }, body: { longest_wait_ms: 60000, waiting: 3 } }, 'not_found');
  await expect('setQueueTargets', 422, { cookie: the.root, params: { id: the.queue }, body: { longest_wait_ms: 1, waiting: 3 } });
  await expect('setQueueTargets', 400, { cookie: the.root, params: { id: the.queue }, body: { waiting: 3 } }, 'missing');

  const routing = { queues: [the.queue], capacity: { chats: 2, emails: 2 } };
  await expect('setAgentRouting', 200, { cookie: the.root, params: { id: the.annaId }, body: routing });
  await expect('setAgentRouting', 404, { cookie: the.root, params: { id: 999999 }, body: routing }, 'not_found');
  await expect('setAgentRouting', 422, { cookie: the.root, params: { id: the.annaId }, body: { queues: [999999] } }, 'invalid');
  await expect('setAgentRouting', 400, { cookie: the.root, params: { id: the.annaId }, body: { queues: 'all' } }, 'invalid');
  await expect('setAgentRouting', 403, { cookie: the.anna, params: { id: the.annaId }, body: routing }, 'forbidden');

  await expect('getWrapUpCodes', 200, { cookie: the.anna });
  const code = { labels: { en: 'Sold', da: 'Solgt' } };
  await expect('putWrapUpCode', 201, { cookie: the.root, params: { code: 'sold' }, body: code });
  await expect('putWrapUpCode', 200, { cookie: the.root, params: { code: 'sold' }, body: code });
  await expect('putWrapUpCode', 422, { cookie: the.root, params: { code: 'Not A Code' }, body: code }, 'invalid');
  await expect('putWrapUpCode', 403, { cookie: the.anna, params: { code: 'sold' }, body: code }, 'forbidden');
  await expect('putWrapUpCode', 400, { cookie: the.root, params: { code: 'sold' }, body: { labels: 'Sold' } });
  await expect('getNotReadyReasons', 200, { cookie: the.anna });
  await expect('putNotReadyReason', 201, { cookie: the.root, params: { code: 'coaching' }, body: { labels: { en: 'Coaching' } } });
  await expect('putNotReadyReason', 200, { cookie: the.root, params: { code: 'coaching' }, body: { labels: { en: 'Coaching', hu: 'Coaching' } } });
  await expect('putNotReadyReason', 422, { cookie: the.root, params: { code: 'missed_offer' }, body: { labels: { en: 'Missed' } } }, 'invalid');
  await expect('putNotReadyReason', 403, { cookie: the.anna, params: { code: 'coaching' }, body: { labels: { en: 'x' } } }, 'forbidden');
  await expect('putNotReadyReason', 400, { cookie: the.root, params: { code: 'coaching' }, body: [] });

  // Agents' chat lines go to a receiver that is down (nothing listens on port 9).
  const hook = { url: 'http://127.0.0.1:9/care', events: ['chat.message', 'email.reply'] };
  the.webhook = (await expect('createWebhook', 201, { cookie: the.root, body: hook })).body.webhook;
  assert.equal(the.webhook.secret.length, 64);
  await expect('createWebhook', 422, { cookie: the.root, body: { ...hook, url: 'ftp://example.com/' } }, 'invalid');
  await expect('createWebhook', 422, { cookie: the.root, body: { ...hook, events: ['chat.sent'] } }, 'invalid');
  await expect('createWebhook', 400, { cookie: the.root, body: { events: hook.events } }, 'missing');
  await expect('createWebhook', 403, { cookie: the.anna, body: hook }, 'forbidden');
  await expect('getWebhooks', 200, { cookie: the.root });
  await expect('getWebhooks', 403, { cookie: the.anna }, 'forbidden');
});

test('agent states', async () => {
  await expect('setMyState', 200, { cookie: the.anna, body: { state: 'not_ready', reason: 'lunch' } });
  await expect('setMyState', 400, { cookie: the.anna, body: { state: 'asleep' } }, 'invalid');
  await expect('setMyState', 422, { cookie: the.anna, body: { state: 'not_ready', reason: 'nap' } }, 'invalid');
  await expect('setAgentState', 200, { cookie: the.root, params: { id: the.annaId }, body: { state: 'ready' } });
  await expect('setAgentState', 404, { cookie: the.root, params: { id: 999999 }, body: { state: 'ready' } }, 'not_found');
  await expect('setAgentState', 403, { cookie: the.anna, params: { id: 1 }, body: { state: 'ready' } }, 'forbidden');
});

// Polls the agent's tasks until one is in `state` (the router offers on its own thread).
async function taskOf(cookie, state) {
  for (let i = 0; i < 200; ++i) {
    const { body } = await expect('getTasks', 200, { cookie });
    const hand = body.tasks.find((t) => t.task.state === state);
    if (hand) return hand;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`no task ${state}`);
}

test('a chat from the widget to the agent and closed', async () => {
  const start = { name: 'Maria Ivanova', email: 'maria@example.bg', question: 'Where is my parcel?', queue: the.queue };
  const started = await expect('startChat', 201, { body: start });
  the.chat = started.body.chat;
  await expect('startChat', 422, { body: { ...start, queue: 'no such queue' } }, 'invalid');
  await expect('startChat', 422, { body: { ...start, email: 'not an address' } }, 'invalid');
  const widget = { Authorization: `Bearer ${the.chat.token}` };
  const chat = { id: the.chat.id };
  await expect('chatState', 200, { params: chat, headers: widget });
  await expect('chatState', 404, { params: chat }, 'not_found');
  await expect('chatTranscript', 200, { params: chat, headers: widget });
  await expect('chatTranscript', 404, { params: chat, headers: { Authorization: 'Bearer wrong' } }, 'not_found');
  await expect('customerMessage', 201, { params: chat, headers: widget, body: { text: 'Hello?' } });
  await expect('customerMessage', 422, { params: chat, headers: widget, body: { text: 'x'.repeat(2001) } }, 'too_long');
  await expect('customerMessage', 400, { params: chat, headers: widget, body: {} }, 'missing');
  await expect('customerMessage', 404, { params: chat, body: { text: 'Hello?' } }, 'not_found');
  await expect('customerTyping', 204, { params: chat, headers: widget, body: { typing: true } });
  await expect('customerTyping', 400, { params: chat, headers: widget, body: { typing: 'yes' } });
  await expect('customerTyping', 404, { params: { id: 999999 }, headers: widget, body: { typing: true } }, 'not_found');
  await expect('chatEvents', 200, { params: chat, query: { token: the.chat.token } });
  await expect('chatEvents', 404, { params: chat, query: { token: 'wrong' } }, 'not_found');

  await expect('getQueue', 200, { cookie: the.anna });
  await expect('getTasks', 403, { cookie: the.anna, query: { agent: 1 } }, 'forbidden');
  await expect('getTasks', 200, { cookie: the.root, query: { agent: the.annaId } });
  const offered = await taskOf(the.anna, 'offered');
  const task = { id: offered.task.id };
  await expect('declineTask', 200, { cookie: the.anna, params: task });
  await expect('declineTask', 409, { cookie: the.anna, params: task });
  await expect('declineTask', 404, { cookie: the.anna, params: { id: 999999 } }, 'not_found');
  // A body-less POST without Content-Length (fetch always sends one).
  const raw = await rawRequest(server, `POST /api/tasks/${task.id}/accept HTTP/1.1\r\nHost: x\r\nCookie: ${the.anna}\r\nConnection: close\r\n\r\n`);
  check(operations.get('acceptTask'), raw.status, raw.headers, raw.text);
  assert.equal(raw.status, 200, raw.text);
  await expect('acceptTask', 409, { cookie: the.root, params: task });
  await expect('acceptTask', 404, { cookie: the.anna, params: { id: 999999 } }, 'not_found');
  await expect('getClosedTasks', 200, { cookie: the.anna });
  await expect('getClosedTasks', 400, { cookie: the.anna, query: { limit: 0 } }, 'invalid');

  the.activity = offered.activity.id;
  const activity = { id: the.activity };
  const details = await expect('getActivity', 200, { cookie: the.anna, params: activity });
  await expect('getActivity', 404, { cookie: the.anna, params: { id: 999999 } }, 'not_found');
  let version = details.body.activity.version;
  version = (await expect('addTag', 200, { cookie: the.anna, params: activity, body: { tag: 'parcel', version } })).body.activity.version;
  await expect('addTag', 422, { cookie: the.anna, params: activity, body: { tag: 'PARCEL', version } }, 'duplicate');
  await expect('addTag', 409, { cookie: the.anna, params: activity, body: { tag: 'late', version: version - 1 } }, 'conflict');
  await expect('addTag', 400, { cookie: the.anna, params: activity, body: { tag: 'late' } }, 'missing');
  await expect('addTag', 404, { cookie: the.anna, params: { id: 999999 }, body: { tag: 'late', version } }, 'not_found');
  version = (await expect('removeTag', 200, { cookie: the.anna, params: { ...activity, tag: 'parcel' }, query: { version } })).body.activity.version;
  await expect('removeTag', 400, { cookie: the.anna, params: { ...activity, tag: 'parcel' } }, 'missing');
  await expect('removeTag', 409, { cookie: the.anna, params: { ...activity, tag: 'parcel' }, query: { version: version - 1 } }, 'conflict');
  await expect('removeTag', 404, { cookie: the.anna, params: { id: 999999, tag: 'x' }, query: { version } }, 'not_found');
  version = (await expect('setActivitySkills', 200, { cookie: the.anna, params: activity, body: { skills: ['bg'], version } })).body.activity.version;
  await expect('setActivitySkills', 409, { cookie: the.anna, params: activity, body: { skills: ['bg'], version: version - 1 } }, 'conflict');
  await expect('setActivitySkills', 400, { cookie: the.anna, params: activity, body: { skills: 'bg', version } });
  await expect('setActivitySkills', 422, { cookie: the.anna, params: activity, body: { skills: ['s'.repeat(101)], version } });
  await expect('setActivitySkills', 404, { cookie: the.anna, params: { id: 999999 }, body: { skills: [], version } }, 'not_found');
  await expect('addComment', 201, { cookie: the.anna, params: activity, body: { text: 'Asked the courier.' } });
  await expect('addComment', 422, { cookie: the.anna, params: activity, body: { text: 'x'.repeat(2001) } }, 'too_long');
  await expect('addComment', 400, { cookie: the.anna, params: activity, body: { text: 5 } }, 'wrong_type');
  await expect('addComment', 404, { cookie: the.anna, params: { id: 999999 }, body: { text: 'x' } }, 'not_found');
  // Internal notes with @mentions (issue 18): root is named, and only root reads it.
  const noted = await expect('addNote', 201, { cookie: the.anna, params: activity, body: { text: '@root she asks for a manager' } });
  assert.equal(noted.body.mentions.length, 1);
  const mention = { id: noted.body.mentions[0].id };
  await expect('addNote', 422, { cookie: the.anna, params: activity, body: { text: 'x'.repeat(2001) } }, 'too_long');
  await expect('addNote', 400, { cookie: the.anna, params: activity, body: { text: 5 } }, 'wrong_type');
  await expect('addNote', 404, { cookie: the.anna, params: { id: 999999 }, body: { text: 'x' } }, 'not_found');
  assert.equal((await expect('listMentions', 200, { cookie: the.root, query: { unread: 'true' } })).body.unread, 1);
  await expect('listMentions', 400, { cookie: the.root, query: { unread: 'maybe' } }, 'invalid');
  await expect('readMention', 404, { cookie: the.anna, params: mention }, 'not_found');
  assert.equal((await expect('readMention', 200, { cookie: the.root, params: mention })).body.unread, 0);
  await expect('readAllMentions', 200, { cookie: the.root });
  await expect('sendMessage', 201, { cookie: the.anna, params: activity, body: { text: 'It is on its way.', key: 'k1' } });
  // Attachments (issue 18): the customer's file and the agent's, each fetched back.
  const sent = await expect('sendChatAttachment', 201, { params: chat, headers: widget, query: { name: 'dot.png' }, rawBody: png, contentType: 'image/png' });
  const file = sent.body.message.attachments[0];
  await expect('sendChatAttachment', 415, { params: chat, headers: widget, query: { name: 'cat.png' }, rawBody: elf, contentType: 'image/png' }, 'invalid');
  await expect('sendChatAttachment', 400, { params: chat, headers: widget, rawBody: png, contentType: 'image/png' }, 'missing');
  await expect('sendChatAttachment', 422, { params: chat, headers: widget, query: { name: 'a/b.png' }, rawBody: png, contentType: 'image/png' }, 'invalid');
  await expect('sendChatAttachment', 404, { params: chat, query: { name: 'dot.png' }, rawBody: png, contentType: 'image/png' }, 'not_found');
  await expect('getChatAttachment', 200, { params: { id: chat.id, file: file.id }, query: { token: the.chat.token } });
  await expect('getChatAttachment', 404, { params: { id: chat.id, file: file.id }, query: { token: 'wrong' } }, 'not_found');
  await expect('sendAttachment', 201, { cookie: the.anna, params: activity, query: { name: 'form.pdf' }, rawBody: pdf, contentType: 'application/pdf' });
  await expect('sendAttachment', 403, { cookie: the.root, params: activity, query: { name: 'form.pdf' }, rawBody: pdf, contentType: 'application/pdf' });
  await expect('getAttachment', 200, { cookie: the.anna, params: { id: file.id } });
  await expect('getAttachment', 404, { cookie: the.anna, params: { id: 999999 } }, 'not_found');
  await expect('sendMessage', 409, { cookie: the.anna, params: activity, body: { text: 'Other words.', key: 'k1' } });
  await expect('sendMessage', 422, { cookie: the.anna, params: activity, body: { text: 'x', subject: 'Chat has none' } });
  await expect('sendMessage', 400, { cookie: the.anna, params: activity, body: {} }, 'missing');
  await expect('sendMessage', 403, { cookie: the.root, params: activity, body: { text: 'Not mine.' } });
  await expect('sendMessage', 404, { cookie: the.anna, params: { id: 999999 }, body: { text: 'x' } }, 'not_found');
  await expect('controlCall', 404, { cookie: the.anna, params: activity, body: { action: 'hold' } }, 'not_found');  // a chat is no call
  await expect('controlCall', 400, { cookie: the.anna, params: activity, body: {} }, 'missing');

  // The unknown contact becomes a customer with its request (R-D3).
  const customer = await expect('createCustomer', 201, { cookie: the.anna, query: { activity: the.activity }, body: { kind: 'contact', name: 'Maria Ivanova', email: 'maria@example.bg' } });
  the.customer = customer.body.customer;
  await expect('createCustomer', 404, { cookie: the.anna, query: { activity: 999999 }, body: { kind: 'contact', name: 'X' } }, 'not_found');
  await expect('createCustomer', 422, { cookie: the.anna, body: { kind: 'contact', name: 'X', email: 'nope' } }, 'invalid');
  await expect('createCustomer', 400, { cookie: the.anna, body: { kind: 'contact', name: 5 } }, 'wrong_type');
  await expect('searchCustomers', 200, { cookie: the.anna, query: { q: 'Maria' } });
  await expect('searchCustomers', 422, { cookie: the.anna, query: { q: 'q'.repeat(201) } }, 'too_long');
  const id = { id: the.customer.id };
  await expect('getCustomer', 200, { cookie: the.anna, params: id });
  await expect('getCustomer', 404, { cookie: the.anna, params: { id: 999999 } }, 'not_found');
  const edit = { kind: 'contact', name: 'Maria Ivanova-Petrova', email: 'maria@example.bg', version: the.customer.version };
  const saved = await expect('updateCustomer', 200, { cookie: the.anna, params: id, body: edit });
  const stale = await expect('updateCustomer', 409, { cookie: the.anna, params: id, body: edit }, 'conflict');
  assert.equal(stale.body.current.version, saved.body.customer.version);
  await expect('updateCustomer', 422, { cookie: the.anna, params: id, body: { ...edit, email: 'nope', version: saved.body.customer.version } }, 'invalid');
  await expect('updateCustomer', 400, { cookie: the.anna, params: id, body: { kind: 'contact', name: 'x' } }, 'missing');
  await expect('updateCustomer', 404, { cookie: the.anna, params: { id: 999999 }, body: edit }, 'not_found');
  const journey = await expect('getJourney', 200, { cookie: the.anna, params: id });
  await expect('getJourney', 404, { cookie: the.anna, params: { id: 999999 } }, 'not_found');
  assert.equal(journey.body.total, journey.body.activities.length);
  assert.equal(journey.body.next_cursor, null);
  const paged = await expect('getJourney', 200, { cookie: the.anna, params: id, query: { limit: 1 } });
  if (paged.body.next_cursor !== null) {
    const after = await expect('getJourney', 200, { cookie: the.anna, params: id, query: { limit: 1, cursor: paged.body.next_cursor } });
    assert.equal(after.body.customer, undefined);
  }
  assert.equal((await expect('getJourney', 400, { cookie: the.anna, params: id, query: { limit: 0 } }, 'invalid')).body.error.field, 'limit');
  assert.equal((await expect('getJourney', 400, { cookie: the.anna, params: id, query: { cursor: 'page-two' } }, 'invalid')).body.error.field, 'cursor');
  const request = await expect('createRequest', 201, { cookie: the.anna, params: id, body: { title: 'Parcel lost', priority: 'high' } });
  await expect('createRequest', 422, { cookie: the.anna, params: id, body: { title: 't'.repeat(2001) } }, 'too_long');
  await expect('createRequest', 400, { cookie: the.anna, params: id, body: { title: ['x'] } }, 'wrong_type');
  await expect('createRequest', 404, { cookie: the.anna, params: { id: 999999 }, body: { title: 'x' } }, 'not_found');
  const req = request.body.request;
  await expect('getRequest', 200, { cookie: the.anna, params: { id: req.id } });
  await expect('getRequest', 404, { cookie: the.anna, params: { id: 999999 } }, 'not_found');
  await expect('updateRequest', 200, { cookie: the.anna, params: { id: req.id }, body: { version: req.version, description: 'Sent on Monday.' } });
  await expect('updateRequest', 409, { cookie: the.anna, params: { id: req.id }, body: { version: req.version, title: 'Old' } }, 'conflict');
  await expect('updateRequest', 422, { cookie: the.anna, params: { id: req.id }, body: { version: req.version + 1, status: 'lost' } });
  await expect('updateRequest', 400, { cookie: the.anna, params: { id: req.id }, body: { title: 'No version' } }, 'missing');
  await expect('updateRequest', 404, { cookie: the.anna, params: { id: 999999 }, body: { version: 1 } }, 'not_found');
  assert.ok(journey.body.requests.length >= 1);

  version = (await expect('getActivity', 200, { cookie: the.anna, params: activity })).body.activity.version;
  await expect('moveActivity', 200, { cookie: the.anna, params: activity, body: { request: req.id, version } });
  await expect('moveActivity', 409, { cookie: the.anna, params: activity, body: { request: req.id, version } }, 'conflict');
  await expect('moveActivity', 400, { cookie: the.anna, params: activity, body: { request: req.id } }, 'missing');
  await expect('moveActivity', 404, { cookie: the.anna, params: { id: 999999 }, body: { request: req.id, version } }, 'not_found');
  await expect('moveActivity', 404, { cookie: the.anna, params: activity, body: { request: 999999, version: version + 1 } }, 'not_found');
  const other = (await expect('createCustomer', 201, { cookie: the.anna, body: { kind: 'contact', name: 'Ivan Georgiev' } })).body.customer;
  const theirs = (await expect('createRequest', 201, { cookie: the.anna, params: { id: other.id }, body: { title: 'Invoice' } })).body.request;
  await expect('moveActivity', 422, { cookie: the.anna, params: activity, body: { request: theirs.id, version: version + 1 } });

  // Supervisor actions (issue 18): root monitors Anna's chat, barges in, stops; the
  // audit trail says so.
  await expect('monitorChat', 403, { cookie: the.anna, params: activity }, 'forbidden');
  await expect('monitorChat', 404, { cookie: the.root, params: { id: 999999 } }, 'not_found');
  await expect('monitorChat', 200, { cookie: the.root, params: activity });
  await expect('sendMessage', 201, { cookie: the.root, params: activity, body: { text: 'Root here, helping.' } });
  await expect('stopMonitoring', 204, { cookie: the.root, params: activity });
  await expect('stopMonitoring', 404, { cookie: the.root, params: activity }, 'not_found');
  await expect('stopMonitoring', 403, { cookie: the.anna, params: activity }, 'forbidden');
  const trail = await expect('getAudit', 200, { cookie: the.root, query: { type: 'activity', id: activity.id } });
  assert.ok(trail.body.audit.some((line) => line.action === 'barge'));
  await expect('getAudit', 403, { cookie: the.anna, query: { type: 'activity', id: activity.id } }, 'forbidden');
  await expect('getAudit', 400, { cookie: the.root, query: { type: 'activity' } }, 'invalid');
  await expect('getAudit', 422, { cookie: the.root, query: { type: 'planet', id: 1 } }, 'invalid');

  // Transfer and consult (issue 18): root is invited into the chat and leaves; the chat
  // goes to the queue and Anna takes it back from there.
  const rootId = (await expect('getMe', 200, { cookie: the.root })).body.agent.id;
  await expect('consultTask', 200, { cookie: the.anna, params: task, body: { agent: rootId, note: 'A second pair of eyes?' } });
  await expect('consultTask', 409, { cookie: the.anna, params: task, body: { agent: rootId } }, 'conflict');
  await expect('consultTask', 400, { cookie: the.anna, params: task, body: {} }, 'missing');
  await expect('consultTask', 404, { cookie: the.anna, params: task, body: { agent: 999999 } }, 'not_found');
  await expect('closeTask', 403, { cookie: the.root, params: task, body: { wrap_up: 'resolved' } });
  await expect('leaveConsult', 200, { cookie: the.root, params: task });
  await expect('leaveConsult', 409, { cookie: the.root, params: task }, 'conflict');
  await expect('transferTask', 400, { cookie: the.anna, params: task, body: { note: 'x' } }, 'missing');
  await expect('transferTask', 422, { cookie: the.anna, params: task, body: { queue: the.queue, note: 'n'.repeat(1001) } }, 'too_long');
  await expect('transferTask', 404, { cookie: the.anna, params: task, body: { queue: 999999 } }, 'not_found');
  const moved = await expect('transferTask', 200, { cookie: the.anna, params: task, body: { queue: the.queue, note: 'Back to the queue' } });
  assert.equal(moved.body.task.state, 'queued');
  assert.equal(moved.body.handoffs.at(-1).kind, 'transfer');
  await expect('transferTask', 403, { cookie: the.anna, params: task, body: { queue: the.queue } });
  await expect('acceptTask', 200, { cookie: the.anna, params: task });
  await expect('closeTask', 422, { cookie: the.anna, params: task, body: { wrap_up: 'not_a_code' } }, 'invalid');
  await expect('closeTask', 400, { cookie: the.anna, params: task, body: { wrap_up: 5 } }, 'wrong_type');
  await expect('closeTask', 403, { cookie: the.root, params: task, body: { wrap_up: 'resolved' } });
  await expect('closeTask', 200, { cookie: the.anna, params: task, body: { wrap_up: 'resolved' } });
  await expect('closeTask', 409, { cookie: the.anna, params: task, body: { wrap_up: 'resolved' } });
  await expect('closeTask', 404, { cookie: the.anna, params: { id: 999999 }, body: { wrap_up: 'resolved' } }, 'not_found');
  // Customer satisfaction (issue 18): the ended chat is rated once.
  await expect('rateChat', 422, { params: chat, headers: widget, body: { score: 6 } }, 'invalid');
  await expect('rateChat', 400, { params: chat, headers: widget, body: { score: 'five' } }, 'wrong_type');
  await expect('rateChat', 404, { params: { id: 999999 }, headers: widget, body: { score: 4 } }, 'not_found');
  await expect('rateChat', 201, { params: chat, headers: widget, body: { score: 4, comment: 'Kind.' } });
  await expect('rateChat', 409, { params: chat, headers: widget, body: { score: 5 } }, 'duplicate');
  await expect('getClosedTasks', 200, { cookie: the.anna, query: { limit: 10 } });
});

test('calls and email from connectors', async () => {
  const key = { Authorization: `Bearer ${integrationKey}` };
  const ringing = { call: 'pbx-1', kind: 'ringing', from: '+359888000111', to: '+35924000000', queue: the.queue };
  const opened = await expect('callEvent', 201, { headers: key, body: ringing });
  await expect('callEvent', 200, { headers: key, body: { call: 'pbx-1', kind: 'answered' } });
  await expect('callEvent', 401, { headers: { Authorization: 'Bearer wrong' }, body: ringing }, 'bad_integration_key');
  await expect('callEvent', 400, { headers: key, body: { kind: 'ringing' } }, 'missing');
  await expect('callEvent', 422, { headers: key, body: { call: 'pbx-2', kind: 'exploded' } });
  // The call in Anna's hands: she holds it, and holding it twice is a conflict.
  const callTask = { id: opened.body.task.id };
  await expect('acceptTask', 200, { cookie: the.anna, params: callTask });
  const callActivity = { id: opened.body.activity.id };
  await expect('controlCall', 200, { cookie: the.anna, params: callActivity, body: { action: 'hold' } });
  await expect('controlCall', 409, { cookie: the.anna, params: callActivity, body: { action: 'hold' } });
  await expect('controlCall', 422, { cookie: the.anna, params: callActivity, body: { action: 'transfer' } });
  await expect('controlCall', 403, { cookie: the.root, params: callActivity, body: { action: 'resume' } });
  await expect('controlCall', 404, { cookie: the.anna, params: { id: 999999 }, body: { action: 'hold' } }, 'not_found');

  const email = { from: 'ivan@example.bg', to: 'support@example.com', subject: 'Invoice', body: 'Please resend it.', queue: the.queue };
  const mailed = await expect('inboundEmail', 201, { headers: key, body: { ...email, message_id: '<c1@example.bg>' } });
  // A mail's file comes first, then the mail naming it (issue 18).
  const invoice = (await expect('uploadEmailAttachment', 201, { headers: key, query: { name: 'invoice.pdf' }, rawBody: pdf, contentType: 'application/pdf' })).body.attachment;
  await expect('uploadEmailAttachment', 401, { query: { name: 'invoice.pdf' }, rawBody: pdf, contentType: 'application/pdf' }, 'bad_integration_key');
  await expect('uploadEmailAttachment', 415, { headers: key, query: { name: 'x.exe' }, rawBody: pdf, contentType: 'application/x-msdownload' }, 'invalid');
  await expect('inboundEmail', 201, { headers: key, body: { ...email, attachments: [invoice.id] } });
  await expect('inboundEmail', 422, { headers: key, body: { ...email, attachments: [invoice.id] } }, 'invalid');
  await expect('getEmailAttachment', 200, { headers: key, params: { id: invoice.id } });
  await expect('getEmailAttachment', 404, { headers: key, params: { id: 999999 } }, 'not_found');
  await expect('inboundEmail', 200, { headers: key, body: { ...email, message_id: '<c1@example.bg>' } });
  await expect('inboundEmail', 401, { body: email }, 'bad_integration_key');
  // Connectors read back what agents did, with their key.
  await expect('gatewayEmail', 200, { headers: key, params: { id: mailed.body.activity.id } });
  await expect('gatewayEmail', 401, { params: { id: mailed.body.activity.id } }, 'bad_integration_key');
  await expect('gatewayEmail', 404, { headers: key, params: { id: 999999 } }, 'not_found');
  await expect('telephonyCall', 200, { headers: key, params: { call: 'pbx-1' } });
  await expect('telephonyCall', 404, { headers: key, params: { call: 'no-such-call' } }, 'not_found');
  await expect('inboundEmail', 422, { headers: key, body: { ...email, from: 'not an address' } }, 'invalid');
  await expect('inboundEmail', 400, { headers: key, body: { subject: 'x' } }, 'missing');
});

test('knowledge base, canned responses and the help portal', async () => {
  const article = { title: 'Tracking a parcel', body: 'Open the tracking page.', language: 'en', tags: ['parcel'], category: 'Delivery' };
  const made = await expect('createArticle', 201, { cookie: the.root, body: article });
  await expect('createArticle', 403, { cookie: the.anna, body: article }, 'forbidden');
  await expect('createArticle', 422, { cookie: the.root, body: { ...article, title: 't'.repeat(2001) } }, 'too_long');
  await expect('createArticle', 400, { cookie: the.root, body: { title: 'x' } }, 'missing');
  const id = { id: made.body.article.id };
  await expect('searchKnowledge', 200, { cookie: the.anna, query: { q: 'parcel' } });
  await expect('searchKnowledge', 422, { cookie: the.anna, query: { q: 'q'.repeat(201) } }, 'too_long');
  await expect('getArticle', 200, { cookie: the.anna, params: id });
  await expect('getArticle', 404, { cookie: the.anna, params: { id: 999999 } }, 'not_found');

  const canned = await expect('createCannedResponse', 201, { cookie: the.root, body: { name: 'greeting', body: 'Hello {customer}, how can I help?' } });
  await expect('createCannedResponse', 409, { cookie: the.root, body: { name: 'greeting', body: 'Hi' } });
  await expect('createCannedResponse', 403, { cookie: the.anna, body: { name: 'mine', body: 'Hi' } }, 'forbidden');
  await expect('createCannedResponse', 422, { cookie: the.root, body: { name: 'long', body: 'x'.repeat(2001) } }, 'too_long');
  await expect('createCannedResponse', 400, { cookie: the.root, body: { name: 'no body' } }, 'missing');
  await expect('searchCannedResponses', 200, { cookie: the.anna, query: { q: '/gre' } });
  await expect('searchCannedResponses', 422, { cookie: the.anna, query: { q: 'q'.repeat(201) } }, 'too_long');
  const cannedId = { id: canned.body.canned_response.id };
  await expect('renderCannedResponse', 200, { cookie: the.anna, params: cannedId, query: { activity: the.activity } });
  await expect('renderCannedResponse', 400, { cookie: the.anna, params: cannedId }, 'missing');
  await expect('renderCannedResponse', 404, { cookie: the.anna, params: { id: 999999 }, query: { activity: the.activity } }, 'not_found');

  await expect('portalSearchKnowledge', 200, { query: { q: 'parcel' } });
  await expect('portalSearchKnowledge', 422, { query: { q: 'q'.repeat(201) } }, 'too_long');
  await expect('portalCategories', 200, { query: { language: 'en' } });
  await expect('portalCategories', 422, { query: { language: '-bad-' } }, 'invalid');
  await expect('portalPopularArticles', 200, { query: { language: 'en', category: 'Delivery', limit: 5 } });
  await expect('portalPopularArticles', 422, { query: { limit: 0 } }, 'invalid');
  await expect('portalGetArticle', 200, { params: id });
  await expect('portalGetArticle', 404, { params: { id: 999999 } }, 'not_found');
});

test('the floor and presence', async () => {
  await expect('getSupervisorOverview', 200, { cookie: the.root });
  await expect('getSupervisorOverview', 403, { cookie: the.anna }, 'forbidden');
  await expect('getSupervisorOverview', 400, { cookie: the.root, query: { since: 'yesterday' } }, 'invalid');
  await expect('getSupervisorOverview', 422, { cookie: the.root, query: { since: '2999-01-01T00:00:00Z' } }, 'invalid');

  const record = { record: 'customer', id: the.customer.id };
  await expect('presenceHeartbeat', 200, { cookie: the.anna, body: { ...record, editing: true } });
  await expect('presenceHeartbeat', 404, { cookie: the.anna, body: { record: 'customer', id: 999999 } }, 'not_found');
  await expect('presenceHeartbeat', 422, { cookie: the.anna, body: { record: 'invoice', id: 1 } }, 'invalid');
  await expect('presenceHeartbeat', 400, { cookie: the.anna, body: { record: 'customer' } }, 'missing');
  await expect('getPresence', 200, { cookie: the.anna, query: record });
  await expect('getPresence', 400, { cookie: the.anna, query: { record: 'customer' } });
  await expect('leavePresence', 200, { cookie: the.anna, query: record });
  await expect('leavePresence', 400, { cookie: the.anna, query: { record: 'invoice', id: 1 } });
});

test('event streams', async () => {
  await expect('getEvents', 200, { cookie: the.anna });
  await expect('getEvents', 401, {}, 'unauthenticated');
});

// Classes of error every operation of a kind can get, asked of each one.
const everyOperation = () => [...operations.values()];
const changesState = (op) => op.method !== 'GET';
const needsSession = (op) => op.operation.security === undefined;
const someParams = (op) => Object.fromEntries([...op.route.matchAll(/\{(\w+)\}/g)].map(([, name]) => [name, name === 'code' ? 'resolved' : '1']));

test('outbound webhooks: failed deliveries, a retry, removing the endpoint', async () => {
  let failed = [];
  for (let i = 0; i < 500 && failed.length === 0; ++i) {
    failed = (await expect('getWebhookDeliveries', 200, { cookie: the.root })).body.deliveries;
    if (failed.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  assert.ok(failed.length > 0, 'no delivery failed');
  assert.equal(failed[0].event, 'chat.message');
  await expect('getWebhookDeliveries', 200, { cookie: the.root, query: { state: 'delivered' } });
  await expect('getWebhookDeliveries', 422, { cookie: the.root, query: { state: 'lost' } }, 'invalid');
  await expect('getWebhookDeliveries', 403, { cookie: the.anna }, 'forbidden');
  await expect('retryWebhookDelivery', 200, { cookie: the.root, params: { id: failed[0].id } });
  await expect('retryWebhookDelivery', 404, { cookie: the.root, params: { id: 999999 } }, 'not_found');
  await expect('retryWebhookDelivery', 403, { cookie: the.anna, params: { id: failed[0].id } }, 'forbidden');
  await expect('deleteWebhook', 204, { cookie: the.root, params: { id: the.webhook.id } });
  await expect('deleteWebhook', 404, { cookie: the.root, params: { id: the.webhook.id } }, 'not_found');
  await expect('deleteWebhook', 403, { cookie: the.anna, params: { id: the.webhook.id } }, 'forbidden');
});

test('every operation: headers over 32 KiB are 431, a request line over 8 KiB is 414', async () => {
  const big = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`X-Filler-${i}`, 'f'.repeat(1000)]));
  for (const op of everyOperation()) {
    await expect(op.id, 431, { params: someParams(op), headers: big }, 'headers_too_large');
    await expect(op.id, 414, { params: someParams(op), query: { pad: 'p'.repeat(9000) } }, 'uri_too_long');
  }
});

test('every operation that needs a session: 401 without one', async () => {
  for (const op of everyOperation().filter(needsSession)) {
    if (op.id === 'signOut') continue;  // signing out needs no session (204 either way)
    const body = op.operation.requestBody ? {} : undefined;
    await expect(op.id, 401, { params: someParams(op), body }, 'unauthenticated');
  }
});

test('every state-changing operation: 403 cross_site from another site, 413 over 1 MiB', async () => {
  const huge = 'x'.repeat(1024 * 1024 + 1);
  for (const op of everyOperation().filter(changesState)) {
    await expect(op.id, 403, { params: someParams(op), cookie: the.root, body: {}, headers: { Origin: 'https://evil.example' } }, 'cross_site');
    await expect(op.id, 413, { params: someParams(op), cookie: the.root, rawBody: huge }, 'too_large');
  }
});

test('every operation with a JSON body: 415 for another type, 400 for broken JSON', async () => {
  // (Uploads take the file itself, whatever its type: they are tested above.)
  for (const op of everyOperation().filter((o) => o.operation.requestBody?.content?.['application/json'])) {
    const good = goodCalls.get(op.id);
    assert.ok(good, `${op.id} never succeeded above`);
    const typed = await call(op.id, { ...good, rawBody: JSON.stringify(good.body), contentType: 'text/plain' });
    const broken = await call(op.id, { ...good, rawBody: '{"text": ' });
    if (op.id === 'customerTyping') {  // the widget's typing signal reads any body
      assert.equal(typed.status, 204);
      assert.equal(code(broken), 'missing');
      continue;
    }
    assert.equal(typed.status, 415, `${op.id}: ${JSON.stringify(typed.body)}`);
    assert.equal(code(typed), 'unsupported_media_type');
    assert.equal(broken.status, 400, `${op.id}: ${JSON.stringify(broken.body)}`);
    assert.equal(code(broken), 'malformed', op.id);
  }
});

test('every operation with a path id: 404 for an id that is not one', async () => {
  for (const op of everyOperation().filter((o) => o.route.includes('{id}'))) {
    const good = goodCalls.get(op.id);
    assert.ok(good, `${op.id} never succeeded above`);
    await expect(op.id, 404, { ...good, params: { ...good.params, id: 'abc' } }, 'not_found');
  }
});

test('every documented path: another method is 405 with the documented methods in Allow', async () => {
  for (const route of new Set([...operations.values()].map((o) => o.route))) {
    const allowed = documentedMethods(route);
    const url = server.url + route.replace(/\{(\w+)\}/g, (_, name) => (name === 'code' ? 'resolved' : '1'));
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'].filter((m) => !allowed.includes(m))) {
      const response = await fetch(url, { method });
      const text = await response.text();
      assert.equal(response.status, 405, `${method} ${route}: ${text}`);
      assert.equal(response.headers.get('allow'), allowed.join(', '), `${method} ${route}`);
      assert.equal(JSON.parse(text).error.code, 'method_not_allowed');
    }
    const head = `TRACE ${new URL(url).pathname} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`;
    const traced = await rawRequest(server, head);
    assert.equal(traced.status, 405, `TRACE ${route}`);
  }
});

test('signing out', async () => {
  await expect('signOut', 204, {});
  await expect('signOut', 204, { cookie: the.anna });
  await expect('getMe', 401, { cookie: the.anna }, 'unauthenticated');
});

test('every operation answered at least one success and one error', () => {
  const missing = [];
  for (const op of operations.values()) {
    const statuses = [...(seen.get(op.id) || [])];
    if (!statuses.some((s) => s < 300)) missing.push(`${op.id}: no success`);
    if (!statuses.some((s) => s >= 400)) missing.push(`${op.id}: no error`);
  }
  assert.deepEqual(missing, []);
});
