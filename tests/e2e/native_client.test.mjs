// The native debug client (R-J6): care-desktop in a real X server (Xvfb) against a real
// care-server, signing in from the command line and saving a screenshot of what it drew.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { startServer } from './support/server.mjs';

const admin = { username: 'root', password: 'correct horse' };
const desktopBinary = process.env.CARE_DESKTOP_BIN;
const artifacts = process.env.CARE_ARTIFACTS || 'test-artifacts';
let server;

before(async () => {
  server = await startServer({ admin });
  mkdirSync(artifacts, { recursive: true });
});

after(async () => { await server?.stop(); });

// Runs care-desktop under xvfb-run and resolves with its exit code and output.
function runDesktop(args, password) {
  assert.ok(desktopBinary, 'CARE_DESKTOP_BIN is not set (run through ctest)');
  const env = { ...process.env };
  if (password !== undefined) env.CARE_PASSWORD = password;
  const child = spawn('xvfb-run', ['-a', desktopBinary, ...args], { env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => { stdout += chunk; });
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

function shownTexts(stdout) {
  const frame = JSON.parse(stdout.trim().split('\n').pop());
  return frame.items.filter((item) => item.visible).map((item) => item.text);
}

test('signs in from the command line and shows the desktop', async () => {
  const shot = path.join(artifacts, 'native-signed-in.png');
  const run = await runDesktop(['--server', server.url, '--sign-in', 'root', '--screenshot', shot,
    '--until', 'Signed in as root', '--dump-items'], admin.password);
  assert.equal(run.code, 0, run.stderr);
  const texts = shownTexts(run.stdout);
  assert.ok(texts.includes('● Not Ready'), `agent state missing: ${texts}`);
  assert.ok(texts.includes('Server version 0.1.0'), `status line missing: ${texts}`);
  const png = readFileSync(shot);
  assert.deepEqual([...png.subarray(1, 4)], [...Buffer.from('PNG')]);
  assert.ok(png.length > 5000, 'the screenshot is too small to hold a drawn desktop');
});

test('a wrong password shows the sign-in error', async () => {
  const run = await runDesktop(['--server', server.url, '--sign-in', 'root', '--screenshot',
    path.join(artifacts, 'native-wrong-password.png'), '--until', 'Wrong username or password',
    '--dump-items'], 'not the password');
  assert.equal(run.code, 0, run.stderr);
  assert.ok(!shownTexts(run.stdout).includes('● Not Ready'));
});

test('bad flags exit with 2 and name the flag', async () => {
  const run = await runDesktop(['--colour', 'blue']);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /unknown flag: --colour/);
  const missing = await runDesktop(['--sign-in', 'root']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /CARE_PASSWORD/);
});
