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
