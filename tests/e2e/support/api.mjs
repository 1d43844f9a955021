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
