// Client speed under big records (issues 6 and 15): a customer journey of 10,000
// activities and a chat of 5,000 messages, scrolled with the mouse wheel in headless
// Chromium. Prints the CPU time per frame (median, p90, max, measured in the page
// from input to the last draw call) while scrolling each, what the accessibility
// mirror (issue 16) took after each of those frames, the journey's pages the desktop
// asked for, and the WASM heap. Figures only, no pass/fail.
//
//   node bench/client_scroll.mjs [--activities N] [--messages N] [--frames N]
//
// Needs a release build (build/release) and Debian's Chromium.
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const activities = option('--activities', 10000);
const messages = option('--messages', 5000);
const frames = option('--frames', 120);
// --profile: a CPU profile of the journey's scroll; prints the functions that took the
// most time of their own (the mirror's and Chromium's DOM work among them).
const profile = args.includes('--profile');

process.env.CARE_SERVER_BIN ||= path.resolve('build/release/server/care-server');
process.env.CARE_WEB_ROOT ||= path.resolve('build/release/web-root');
process.env.CARE_ARTIFACTS ||= path.resolve('build/release/bench-artifacts');
// Imported after the environment is set: the test support reads it on import.
const { clickItem, launchBrowser, openDesktop, waitForItem } = await import('../tests/e2e/support/browser.mjs');
const { startServer } = await import('../tests/e2e/support/server.mjs');

const admin = { username: 'root', password: 'correct horse' };
// 10,000 emails as fast as 8 lanes go: a seeding, not a connector, so no per-key limit.
const server = await startServer({ admin, args: ['--integration-key', 'bench-key', '--connector-requests', '0'] });
const gateway = { Authorization: 'Bearer bench-key' };
const rootCookie = await server.signIn(admin.username, admin.password);

async function api(method, route, body, headers = { Cookie: rootCookie }) {
  const response = await fetch(`${server.url}${route}`, {
    method, headers: { 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${route}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

async function inParallel(count, lanes, work) {
  let next = 0;
  await Promise.all(Array.from({ length: lanes }, async () => {
    while (next < count) await work(next++);
  }));
}

// ---- seed -------------------------------------------------------------------------
const seeding = performance.now();
const chatQueue = (await api('POST', '/api/queues', { name: 'Chat' })).queue.id;
const emailQueue = (await api('POST', '/api/queues', { name: 'Email' })).queue.id;
const agent = await server.createAgent(rootCookie, {
  username: 'bench', display_name: 'Bench Agent', password: 'bench password', role: 'agent',
});
await api('PUT', `/api/agents/${agent.id}/routing`, { queues: [chatQueue] });
const customer = (await api('POST', '/api/customers', {
  kind: 'contact', name: 'Benedikte Storkunde', email: 'big@example.dk',
})).customer;
await inParallel(50, 4, (i) => api('POST', `/api/customers/${customer.id}/requests`, { title: `Request ${i + 1}` }));
// Emails from the customer's address join their journey; they wait in a queue the
// agent does not serve.
await inParallel(activities, 8, (i) => api('POST', '/api/channels/email', {
  from: 'big@example.dk', to: 'support@example.dk', subject: `Question ${i + 1} about the invoice`,
  body: `Line ${i + 1}`, queue: emailQueue,
}, gateway));
const chat = await api('POST', '/api/channels/chat', {
  name: 'Benedikte Storkunde', email: 'big@example.dk', question: 'A long conversation',
}, {});
const widget = { Authorization: `Bearer ${chat.chat.token}` };
await inParallel(messages, 8, (i) => api('POST', `/api/channels/chat/${chat.chat.id}/messages`, {
  text: `Message ${i + 1}: the connection drops every few minutes, here is what I tried so far.`,
}, widget));
const seeded = (performance.now() - seeding) / 1000;

// ---- measure ----------------------------------------------------------------------
const browser = await launchBrowser();
const { page } = await openDesktop(browser, server.url);
// Chromium's own style and layout time (CDP Performance metrics), summed while scrolling:
// the mirror's DOM changes are laid out there, after the measured JavaScript.
const cdp = await page.context().newCDPSession(page);
await cdp.send('Performance.enable');
async function layoutMs() {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const value = (name) => metrics.find((m) => m.name === name)?.value ?? 0;
  return (value('LayoutDuration') + value('RecalcStyleDuration')) * 1000;
}
let journeyPages = 0;
page.on('request', (request) => { if (request.url().includes('/journey')) journeyPages += 1; });
await clickItem(page, '##username');
await page.keyboard.type('bench');
await clickItem(page, '##password');
await page.keyboard.type('bench password');
await page.keyboard.press('Enter');
await clickItem(page, '● Not Ready');
await clickItem(page, 'Ready');
await clickItem(page, 'Accept###accept-offer');
await waitForItem(page, 'Chat · Benedikte Storkunde', { timeout: 30000 });

// Scrolls over the item with this text, one wheel notch per frame drawn, and returns
// the CPU times of the frames that scrolling drew (and of the mirror after each).
async function scrollTimes(over, direction) {
  const item = await waitForItem(page, over, { timeout: 60000 });
  await page.mouse.move(item.cx, item.cy);
  await page.waitForTimeout(500);
  const layoutBefore = await layoutMs();
  const before = await page.evaluate(() => [window.careDesktop.frameTimes.length, window.careMirror.times.length,
    window.careMirror.changedTimes.length, { ...window.careMirror.split }]);
  for (let i = 0; i < frames; ++i) {
    const drawn = await page.evaluate(() => window.careDesktop.frames);
    await page.mouse.wheel(0, direction * 100);
    await page.waitForFunction((n) => window.careDesktop.frames > n, drawn);
  }
  await page.waitForTimeout(300);
  const layout = (await layoutMs()) - layoutBefore;
  return page.evaluate(([from, mirrorFrom, changedFrom, split, layout]) => ({
    layout,
    frames: window.careDesktop.frameTimes.slice(from), mirror: window.careMirror.times.slice(mirrorFrom),
    changed: window.careMirror.changedTimes.slice(changedFrom),
    split: Object.fromEntries(Object.entries(window.careMirror.split).map(([k, v]) => [k, v - split[k]])),
  }), [...before, layout]);
}

function summary(label, { frames: times, mirror, changed, split, layout }) {
  const quantiles = (list) => {
    const sorted = [...list].sort((a, b) => a - b);
    const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    return `median ${at(0.5).toFixed(2)} ms, p90 ${at(0.9).toFixed(2)} ms, max ${sorted.at(-1).toFixed(2)} ms`;
  };
  console.log(`${label}: ${times.length} frames, CPU per frame ${quantiles(times)} (target: median <= 4 ms)`);
  console.log(`  accessibility mirror after each of those frames: ${quantiles(mirror)} (target: <= 0.5 ms); ` +
    `after the ${changed.length} that changed it: ${quantiles(changed)}`);
  // Where a changed frame's time went, on average: the client's JSON, parsing it, the DOM.
  const per = (ms) => (ms / Math.max(1, changed.length)).toFixed(3);
  console.log(`  a changed frame on average: client JSON ${per(split.build)} ms, parse ${per(split.parse)} ms, ` +
    `DOM ${per(split.dom)} ms, ${Math.round(split.bytes / Math.max(1, changed.length))} bytes`);
  console.log(`  Chromium's style and layout while scrolling: ${(layout / times.length).toFixed(3)} ms a frame`);
}

// The chat: its last line is on screen; scroll up through the transcript.
const chatTimes = await scrollTimes(`Message ${messages}: the connection drops every few minutes, here is what I tried so far.`, -1);
// The journey: open the customer, scroll down through 10,000 rows.
await clickItem(page, 'Customers###pane-customers');
await clickItem(page, `Benedikte Storkunde###open-${customer.id}`);
const journeyTitle = `Customer journey  (${activities + 1})`;
await waitForItem(page, journeyTitle, { timeout: 60000 });
const firstRow = await page.evaluate(() => window.careDesktop.items()
  .find((i) => i.visible && i.label.includes('###journey-')).text);
if (profile) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await cdp.send('Profiler.start');
}
const journeyTimes = await scrollTimes(firstRow, 1);
if (profile) {
  const { profile: taken } = await cdp.send('Profiler.stop');
  const self = new Map();
  const gap = (i) => (i < taken.timeDeltas.length ? taken.timeDeltas[i] : 0) / 1000;
  const byId = new Map(taken.nodes.map((n) => [n.id, n]));
  taken.samples.forEach((id, i) => {
    const { functionName, url, lineNumber } = byId.get(id).callFrame;
    const name = `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber + 1}`;
    self.set(name, (self.get(name) || 0) + gap(i + 1));
  });
  const top = [...self.entries()].filter(([n]) => !n.startsWith('(idle)') && !n.startsWith('(program)'))
    .sort((a, b) => b[1] - a[1]).slice(0, 25);
  console.log('journey scroll, self time by function (ms):');
  for (const [name, ms] of top) console.log(`  ${ms.toFixed(1).padStart(8)}  ${name}`);
}
const pagesAsked = journeyPages;
const heap = await page.evaluate(() => (typeof wasmMemory !== 'undefined' ? wasmMemory.buffer.byteLength
  : Module.HEAP8.length));

console.log(`seeded ${activities} emails, ${messages} chat lines and 50 requests in ${seeded.toFixed(1)} s`);
summary(`chat of ${messages + 1} messages, scrolling`, chatTimes);
summary(`journey of ${activities + 1} activities, scrolling`, journeyTimes);
console.log(`journey pages asked for while scrolling ${frames} notches: ${pagesAsked} (the first included)`);
console.log(`WASM heap: ${(heap / 1048576).toFixed(1)} MB (target: <= 32 MB)`);
await browser.close();
await server.stop();
