// The agent's own state on screen (R-A2) is the last one chosen, whatever order the
// server's answers come back in. Reads and writes are answered on threads of their own
// (issue 15), so the /api/me the desktop asks for as its event stream connects can be
// read before a Ready the agent chose meanwhile and come back after it. A CI run saw
// "● Not Ready" on screen while the server had the agent Ready.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, openDesktop, screenshot, signIn, waitForItem } from './support/browser.mjs';
import { callApi, chatQueueWith } from './support/api.mjs';
import { startServer } from './support/server.mjs';

const admin = { username: 'root', password: 'correct horse' };
let server;
let browser;

before(async () => {
  server = await startServer({ admin });
  await chatQueueWith(server, admin, [['anna', 'Anna Petrova']]);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('an /api/me answer read before Ready and delivered after it leaves Ready on screen', async () => {
  const { page, problems } = await openDesktop(browser, server.url);
  // Every /api/me after sign-in is read by the server at once and handed to the desktop
  // only once Ready is on screen: the state in it is from before the Ready.
  let hold = false;
  let release;
  const released = new Promise((resolve) => { release = resolve; });
  const held = [];
  await page.route('**/api/me', async (route) => {
    if (!hold) return route.continue();
    const response = await route.fetch();
    held.push((await response.json()).agent?.state);
    await released;
    await route.fulfill({ response });
  });
  hold = true;
  await signIn(page, 'anna');
  for (let i = 0; i < 100 && held.length === 0; ++i) await new Promise((r) => setTimeout(r, 50));
  assert.deepEqual(held, ['not_ready'], 'the desktop asks for /api/me as its stream connects');

  await page.keyboard.press('Alt+R');
  await waitForItem(page, '● Ready');
  release();
  hold = false;
  // The late answer has been handled: a frame or two after it comes.
  await page.waitForTimeout(1000);
  await screenshot(page, 'agent-state-late-me');
  const shown = await page.evaluate(() => window.careDesktop.items()
    .filter((i) => i.visible && i.label.endsWith('###agent-state')).map((i) => i.text));
  assert.deepEqual(shown, ['● Ready']);
  const cookie = await server.signIn('anna', 'anna password');
  const me = await callApi(server, 'GET', '/api/me', undefined, { Cookie: cookie });
  assert.equal(me.body.agent.state, 'ready');
  assert.deepEqual(problems, []);
});
