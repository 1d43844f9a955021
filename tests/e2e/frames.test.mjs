// Frames (issue 15): a desktop draws frames only while what it shows changes. A call
// in hand ticks once a second, and so does the floor; a reply or an event that
// changes nothing on screen costs one frame. Each is counted over 30 s of real time.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { clickItem, goReady, launchBrowser, openDesktop, signIn, waitForItem, watchProblems } from './support/browser.mjs';
import { callApi, chatQueueWith } from './support/api.mjs';
import { startServer } from './support/server.mjs';

const admin = { username: 'root', password: 'correct horse' };
const gateway = { Authorization: 'Bearer gateway-key' };
const window30s = 30000;
let server;
let browser;

const api = (...args) => callApi(server, ...args);
const framesOver = async (page, ms) => {
  const before = await page.evaluate(() => window.careDesktop.frames);
  await page.waitForTimeout(ms);
  return (await page.evaluate(() => window.careDesktop.frames)) - before;
};

before(async () => {
  server = await startServer({ admin, args: ['--integration-key', 'gateway-key'] });
  await chatQueueWith(server, admin, [['anna', 'Anna Petrova']]);
  const rootCookie = await server.signIn(admin.username, admin.password);
  await server.createAgent(rootCookie, {
    username: 'sam', display_name: 'Sam Supervisor', password: 'sam password', role: 'supervisor',
  });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a call in hand draws about a frame a second, its timer still running', async () => {
  const { page, problems } = await openDesktop(browser, server.url);
  await signIn(page, 'anna');
  await goReady(page);
  const rang = await api('POST', '/api/channels/call', { call: 'pbx-frames', kind: 'ringing', from: '+45 20 11 22 33' }, gateway);
  assert.equal(rang.status, 201);
  await clickItem(page, 'Accept###accept-offer');
  assert.equal((await api('POST', '/api/channels/call', { call: 'pbx-frames', kind: 'answered' }, gateway)).status, 200);
  await waitForItem(page, 'Connected  00:02', { timeout: 5000 });
  await page.mouse.move(1, 1);  // the pointer rests where it hovers nothing
  await page.waitForTimeout(1000);
  const frames = await framesOver(page, window30s);
  console.log(`call in hand: ${frames} frames in 30 s`);
  assert.ok(frames <= 35, `${frames} frames in 30 s with a call in hand`);
  assert.ok(frames >= 20, `${frames} frames in 30 s: the call's timer stopped`);
  await page.waitForFunction(() => window.careDesktop.items().some((i) => i.visible && /^Connected {2}00:[3-5][0-9]$/.test(i.text)));  // the time it is
  assert.deepEqual(problems, []);
});

test('the floor with nothing changing draws about a frame a second', async () => {
  const { page, problems } = await openDesktop(browser, server.url);
  await clickItem(page, '##username');
  await page.keyboard.type('sam');
  await clickItem(page, '##password');
  await page.keyboard.type('sam password');
  await page.keyboard.press('Enter');
  await waitForItem(page, 'Agents');  // supervisors land on the floor
  await page.mouse.move(1, 1);
  await page.waitForTimeout(1000);
  const frames = await framesOver(page, window30s);
  console.log(`floor: ${frames} frames in 30 s`);
  assert.ok(frames <= 35, `${frames} frames in 30 s on a quiet floor`);
  assert.deepEqual(problems, []);
});

// Reading GL state is a synchronous round trip to Chromium's GPU process, which waits
// for the work queued so far: ImGui's backend reads the scissor box and six blend
// settings before each draw. The page answers those from memory (client/platform/
// web.cpp), so a frame asks the GPU process none of them.
test('a frame reads no GL state back from the GPU process', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(() => {
    const slow = new Set([0x0C10, 0x80C8, 0x80C9, 0x80CA, 0x80CB, 0x8009, 0x883D]);
    const proto = WebGL2RenderingContext.prototype;
    const ask = proto.getParameter;
    window.glAsked = 0;
    proto.getParameter = function (name) {
      if (slow.has(name)) window.glAsked += 1;
      return ask.call(this, name);
    };
  });
  const page = await context.newPage();
  const problems = watchProblems(page);
  await page.goto(server.url);
  await page.waitForFunction(() => window.careDesktop && window.careDesktop.ready, null, { timeout: 20000 });
  await signIn(page, 'anna');
  const before = await page.evaluate(() => [window.careDesktop.frames, window.glAsked]);
  for (let i = 0; i < 30; ++i) await page.mouse.move(200 + i * 10, 300 + i * 5);
  await page.waitForTimeout(300);
  const [frames, asked] = await page.evaluate(() => [window.careDesktop.frames, window.glAsked]);
  assert.ok(frames - before[0] >= 10, `${frames - before[0]} frames drawn`);
  assert.equal(asked - before[1], 0, `GL state read back ${asked - before[1]} times in ${frames - before[0]} frames`);
  assert.deepEqual(problems, []);
  await context.close();
});
