// The REST API as the tests call it beside the browser: JSON in, status and JSON out.
export async function callApi(server, method, path, body, headers = {}) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

// An agent routed to `queue`, for tests that need one: returns their id.
export async function routedAgent(server, rootCookie, queue, username, displayName) {
  const agent = await server.createAgent(rootCookie, {
    username, display_name: displayName, password: `${username} password`, role: 'agent',
  });
  await callApi(server, 'PUT', `/api/agents/${agent.id}/routing`, { queues: [queue] }, { Cookie: rootCookie });
  return agent.id;
}

// A "Chat" queue with these agents ([username, display name]) routed to it, signed in
// as the admin: the set-up of the desktop's chat tests.
export async function chatQueueWith(server, admin, agents) {
  const rootCookie = await server.signIn(admin.username, admin.password);
  const queue = await callApi(server, 'POST', '/api/queues', { name: 'Chat' }, { Cookie: rootCookie });
  for (const [username, name] of agents) {
    await routedAgent(server, rootCookie, queue.body.queue.id, username, name);
  }
  return queue.body.queue.id;
}

// The journey tests' set-up: an "Email" queue, the agent anna, and a customer whose
// emails (sent through the gateway with the integration key `key`) join one journey.
// Returns the admin's headers, the customer, and `sendEmail(i)`: the i-th email.
export async function journeyCustomer(server, admin, key) {
  const rootCookie = await server.signIn(admin.username, admin.password);
  const root = { Cookie: rootCookie };
  const queue = (await callApi(server, 'POST', '/api/queues', { name: 'Email' }, root)).body.queue.id;
  await server.createAgent(rootCookie, {
    username: 'anna', display_name: 'Anna Petrova', password: 'anna password', role: 'agent',
  });
  const customer = (await callApi(server, 'POST', '/api/customers', {
    kind: 'contact', name: 'Benedikte Storkunde', email: 'big@example.dk',
  }, root)).body.customer;
  const sendEmail = async (i) => {
    const sent = await callApi(server, 'POST', '/api/channels/email', {
      from: 'big@example.dk', to: 'support@example.dk', subject: `Question ${i} about the invoice`,
      body: `Line ${i} of the mail`, queue,
    }, { Authorization: `Bearer ${key}` });
    if (sent.status >= 300) throw new Error(`email ${i}: ${sent.status} ${JSON.stringify(sent.body)}`);
  };
  return { root, customer, sendEmail };
}

// A chat's lines as its customer reads them (the widget's token); `chat` is what the
// widget keeps in sessionStorage ({id, token}).
export async function chatLines(server, chat) {
  const widget = { Authorization: `Bearer ${chat.token}` };
  const answer = await callApi(server, 'GET', `/api/channels/chat/${chat.id}/messages`, undefined, widget);
  return answer.body.messages.map((m) => m.text);
}

// Waits (5 s at most) for `line` to be one of the chat's lines on the server.
export async function waitForChatLine(server, chat, line) {
  let lines = [];
  for (let i = 0; i < 50 && !lines.includes(line); ++i) {
    lines = await chatLines(server, chat);
    if (!lines.includes(line)) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (!lines.includes(line)) throw new Error(`"${line}" never reached the chat: ${JSON.stringify(lines)}`);
}
