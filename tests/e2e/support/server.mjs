// Starts a real care-server on a free loopback port with a fresh data folder.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const serverBinary = process.env.CARE_SERVER_BIN;
export const webRoot = process.env.CARE_WEB_ROOT;

// `admin` creates that admin account at start (CARE_ADMIN_USER/CARE_ADMIN_PASSWORD).
// `port` and `dataDir` let a test restart a server where the last one was.
export async function startServer({ args: extraArgs = [], admin = null, port = 0, dataDir = null } = {}) {
  if (!serverBinary) throw new Error('CARE_SERVER_BIN is not set (run through ctest)');
  dataDir = dataDir || mkdtempSync(path.join(tmpdir(), 'care-e2e-'));
  const args = ['--host', '127.0.0.1', '--port', String(port), '--data', dataDir, ...extraArgs];
  if (webRoot) args.push('--web', webRoot);
  const env = { ...process.env };
  if (admin) {
    env.CARE_ADMIN_USER = admin.username;
    env.CARE_ADMIN_PASSWORD = admin.password;
  }
  const child = spawn(serverBinary, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
  let log = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`care-server did not start:\n${log}`)), 15000);
    child.stdout.on('data', (chunk) => {
      log += chunk;
      const match = /listening on (http:\/\/[^\s]+)/.exec(log);
      if (match) { clearTimeout(timer); resolve(match[1]); }
    });
    child.stderr.on('data', (chunk) => { log += chunk; });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`care-server exited with ${code}:\n${log}`)); });
  });
  return {
    url,
    dataDir,
    // Signs in over the API (as a non-browser client) and returns the cookie.
    async signIn(username, password) {
      const response = await fetch(`${url}/api/session`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      if (response.status !== 200) throw new Error(`sign-in as ${username}: ${response.status}`);
      return response.headers.get('set-cookie').split(';')[0];
    },
    async createAgent(adminCookie, agent) {
      const response = await fetch(`${url}/api/agents`, {
        method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: adminCookie },
        body: JSON.stringify(agent),
      });
      if (response.status !== 201) throw new Error(`create ${agent.username}: ${response.status}`);
      return (await response.json()).agent;
    },
    log: () => log,
    port: Number(new URL(url).port),
    async stop({ keepData = false } = {}) {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
