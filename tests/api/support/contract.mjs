// docs/api/openapi.yaml as a checker of real answers: every answer the tests get goes
// through `check`, which fails when its status is not declared on the operation that
// was called, or its body or headers do not match what is declared for that status.
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import yaml from 'js-yaml';

const here = path.dirname(fileURLToPath(import.meta.url));
export const specPath = path.join(here, '..', '..', '..', 'docs', 'api', 'openapi.yaml');
export const spec = yaml.load(readFileSync(specPath, 'utf8'));

// The whole document is one schema resource, so `#/components/schemas/…` inside it
// resolve; OpenAPI's own keywords (example, …) are not JSON Schema's and are allowed.
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(spec, 'openapi');

const pointer = (...parts) => parts.map((p) => String(p).replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

export const operations = new Map();
for (const [route, item] of Object.entries(spec.paths)) {
  for (const [method, operation] of Object.entries(item)) {
    operations.set(operation.operationId, { id: operation.operationId, method: method.toUpperCase(), route, operation });
  }
}

// The methods each documented path serves, in the order the server lists them in Allow.
const allowOrder = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
export function documentedMethods(route) {
  return allowOrder.filter((method) => spec.paths[route][method.toLowerCase()]);
}

// The response object declared for a status, with the JSON pointer to it (a shared
// response under components/responses is followed).
function declaredResponse(op, status) {
  let where = `#/paths/${pointer(op.route, op.method.toLowerCase())}/responses/${status}`;
  let response = op.operation.responses[String(status)];
  if (response && response.$ref) {
    where = response.$ref;
    response = response.$ref.slice(2).split('/').reduce((node, key) => node[key.replaceAll('~1', '/').replaceAll('~0', '~')], spec);
  }
  return response ? { response, where } : null;
}

// What each operation answered, for the coverage check at the end.
export const seen = new Map();
// The last call of each operation that succeeded, for checks that change one thing
// of a good call (its body's type, its path id) and expect that one thing refused.
export const goodCalls = new Map();

export function check(op, status, headers, text) {
  const label = `${op.method} ${op.route} (${op.id}) → ${status}`;
  const declared = declaredResponse(op, status);
  if (!declared) {
    throw new Error(`${label}: status not declared in docs/api/openapi.yaml; body: ${text.slice(0, 300)}`);
  }
  if (!seen.has(op.id)) seen.set(op.id, new Set());
  seen.get(op.id).add(status);
  const { response, where } = declared;
  for (const [name, header] of Object.entries(response.headers || {})) {
    if (header.required && !headers.get(name)) throw new Error(`${label}: header ${name} missing`);
  }
  if (!response.content) {
    if (text !== '') throw new Error(`${label}: declared without a body, got ${text.slice(0, 200)}`);
    return null;
  }
  const type = (headers.get('content-type') || '').split(';')[0].trim();
  if (!response.content[type]) {
    throw new Error(`${label}: Content-Type ${type || '(none)'} not declared (${Object.keys(response.content)})`);
  }
  if (type !== 'application/json') return text;
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`${label}: not JSON: ${text.slice(0, 200)}`);
  }
  const schemaRef = `openapi${where}/content/${pointer(type)}/schema`;
  const validate = ajv.getSchema(schemaRef);
  if (!validate) throw new Error(`${label}: no schema at ${schemaRef}`);
  if (!validate(body)) {
    const problems = validate.errors.map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
    throw new Error(`${label}: body does not match ${where}:\n  ${problems.slice(0, 8).join('\n  ')}\n  body: ${text.slice(0, 600)}`);
  }
  return body;
}

// Calls an operation by its operationId and checks the answer against the document.
// params fill the path's {names}; body is sent as JSON unless rawBody is given.
export function client(server) {
  async function call(id, { params = {}, query = {}, body, rawBody, contentType = 'application/json', cookie, headers = {}, signal } = {}) {
    const op = operations.get(id);
    if (!op) throw new Error(`no operation ${id} in the document`);
    const route = op.route.replace(/\{(\w+)\}/g, (_, name) => {
      if (!(name in params)) throw new Error(`${id}: no value for {${name}}`);
      return encodeURIComponent(params[name]);
    });
    const search = new URLSearchParams(query).toString();
    const sent = { ...headers };
    if (cookie) sent.Cookie = cookie;
    let payload;
    if (rawBody !== undefined) payload = rawBody;
    else if (body !== undefined) payload = JSON.stringify(body);
    if (payload !== undefined && contentType) sent['Content-Type'] = contentType;
    const response = await fetch(`${server.url}${route}${search ? `?${search}` : ''}`, {
      method: op.method, headers: sent, body: payload, signal,
    });
    const streaming = (response.headers.get('content-type') || '').startsWith('text/event-stream');
    let text = '';
    if (streaming) {
      await response.body.cancel();  // an open stream: its head is what is checked
    } else {
      text = await response.text();
    }
    const checked = check(op, response.status, response.headers, text);
    if (response.status < 300) goodCalls.set(id, { params, query, body, cookie, headers });
    return { status: response.status, body: checked, headers: response.headers };
  }
  return call;
}

// One request written by hand on a new connection (what fetch will not send: no
// Content-Length on a POST, an unknown method); returns status, headers and body.
export function rawRequest(server, head, body = '') {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, '127.0.0.1');
    let data = Buffer.alloc(0);
    const timer = setTimeout(() => { socket.destroy(); reject(new Error(`no answer to ${head.split('\r\n')[0]}`)); }, 15000);
    socket.on('data', (chunk) => {
      data = Buffer.concat([data, chunk]);
      const text = data.toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      if (end < 0) return;
      const lines = text.slice(0, end).split('\r\n');
      const headers = new Headers();
      for (const line of lines.slice(1)) {
        const colon = line.indexOf(':');
        headers.append(line.slice(0, colon), line.slice(colon + 1).trim());
      }
      const length = Number(headers.get('content-length') || 0);
      if (data.length < end + 4 + length) return;
      clearTimeout(timer);
      socket.destroy();
      resolve({ status: Number(lines[0].split(' ')[1]), headers, text: data.subarray(end + 4, end + 4 + length).toString('utf8') });
    });
    socket.on('error', (error) => { clearTimeout(timer); reject(error); });
    socket.write(head + body);
  });
}
