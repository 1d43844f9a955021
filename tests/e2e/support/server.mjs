// Starts a real care-server on a free loopback port with a fresh data folder.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const serverBinary = process.env.CARE_SERVER_BIN;
export const webRoot = process.env.CARE_WEB_ROOT;

export async function startServer(extraArgs = []) {
  if (!serverBinary) throw new Error('CARE_SERVER_BIN is not set (run through ctest)');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'care-e2e-'));
  const args = ['--host', '127.0.0.1', '--port', '0', '--data', dataDir, ...extraArgs];
  if (webRoot) args.push('--web', webRoot);
  const child = spawn(serverBinary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`care-server did not start:\n${log}`)), 15000);
    child.stdout.on('data', (chunk) => {
      log += chunk;
      const match = /listening on (http:\/\/[^\s]+)/.exec(log);
      if (match) { clearTimeout(timer); resolve(match[1]); }
    });
    child.stderr.on('data', (chunk) => { log += chunk; });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`care-server exited with ${code}:\n${log}`)); });
  });
  return {
    url,
    dataDir,
    log: () => log,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
