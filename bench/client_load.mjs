// Client size, start and idleness (issue 6, "Speed"), figures only:
//  - client.wasm + client.js, raw and gzip-compressed (level 9), against 800 KB;
//  - navigation → first drawn sign-in form, over fresh page loads in headless Chromium
//    on loopback, against 1 s;
//  - frames drawn by an idle desktop (no input, no events, no countdown) in the 3 s
//    after its first second, against none.
//
//   node bench/client_load.mjs [--loads N]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const args = process.argv.slice(2);
const at = args.indexOf('--loads');
const loads = at >= 0 ? Number(args[at + 1]) : 10;

process.env.CARE_SERVER_BIN ||= path.resolve('build/release/server/care-server');
process.env.CARE_WEB_ROOT ||= path.resolve('build/release/web-root');
process.env.CARE_ARTIFACTS ||= path.resolve('build/release/bench-artifacts');
const { launchBrowser } = await import('../tests/e2e/support/browser.mjs');
const { startServer } = await import('../tests/e2e/support/server.mjs');

// ---- size -------------------------------------------------------------------------
let raw = 0;
let zipped = 0;
for (const file of ['client.wasm', 'client.js']) {
  const bytes = readFileSync(path.join(process.env.CARE_WEB_ROOT, file));
  const gz = gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length;
  zipped += gz;
  console.log(`${file}: ${(bytes.length / 1024).toFixed(0)} KB, gzip ${(gz / 1024).toFixed(0)} KB`);
}
console.log(`client.wasm + client.js: ${(raw / 1024).toFixed(0)} KB, gzip ${(zipped / 1024).toFixed(0)} KB (target: <= 800 KB gzip)`);

// ---- first sign-in form -----------------------------------------------------------
const admin = { username: 'root', password: 'correct horse' };
const server = await startServer({ admin });
const browser = await launchBrowser();
const times = [];
for (let i = 0; i < loads; ++i) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(server.url, { waitUntil: 'commit' });
  // The moment a frame shows the username field, in the page's own clock (0 is
  // the navigation's start).
  const shown = await page.waitForFunction(() => {
    const desk = window.careDesktop;
    if (!desk || !desk.ready) return false;
    return desk.items().some((item) => item.label === '##username' && item.visible) && performance.now();
  }, null, { polling: 'raf', timeout: 20000 });
  times.push(await shown.jsonValue());
  if (i === loads - 1) {
    // Idle: nothing happens on the sign-in form; count frames after the first second.
    await page.waitForTimeout(1000);
    const before = await page.evaluate(() => window.careDesktop.frames);
    await page.waitForTimeout(3000);
    const after = await page.evaluate(() => window.careDesktop.frames);
    console.log(`idle sign-in form: ${after - before} frames drawn in the 3 s after its first second (target: 0)`);
  }
  await context.close();
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(`navigation → first drawn sign-in form, ${loads} fresh loads: median ${median.toFixed(0)} ms, ` +
  `min ${times[0].toFixed(0)} ms, max ${times.at(-1).toFixed(0)} ms (target: <= 1000 ms)`);

// Idle desktop: an agent signed in, Not Ready, nothing in hand, no input.
const { clickItem, openDesktop, waitForItem } = await import('../tests/e2e/support/browser.mjs');
const rootCookie = await server.signIn(admin.username, admin.password);
await server.createAgent(rootCookie, {
  username: 'idle', display_name: 'Idle Agent', password: 'idle password', role: 'agent',
});
const { page } = await openDesktop(browser, server.url);
await clickItem(page, '##username');
await page.keyboard.type('idle');
await clickItem(page, '##password');
await page.keyboard.type('idle password');
await page.keyboard.press('Enter');
await waitForItem(page, '● Not Ready');
await page.mouse.move(0, 0);
await page.waitForTimeout(1000);
const before = await page.evaluate(() => window.careDesktop.frames);
await page.waitForTimeout(3000);
const after = await page.evaluate(() => window.careDesktop.frames);
console.log(`idle desktop (signed in, Not Ready, nothing in hand): ${after - before} frames in the 3 s after its first second (target: 0)`);

await browser.close();
await server.stop();
