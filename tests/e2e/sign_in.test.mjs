// Sign-in, Ready / Not Ready and sign-out in the real page against a real server
// (R-A1, R-A2), and the desktop drawing nothing while nothing happens (R-J4).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { clickItem, hasItem, launchBrowser, openDesktop, screenshot, waitForItem } from './support/browser.mjs';
import { startServer } from './support/server.mjs';

const admin = { username: 'root', password: 'correct horse' };
let server;
let browser;

before(async () => {
  server = await startServer({ admin });
  const adminCookie = await server.signIn(admin.username, admin.password);
  await server.createAgent(adminCookie, {
    username: 'anna', display_name: 'Anna Petrova', password: 'anna password', role: 'agent',
  });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function signIn(page, username, password) {
  await waitForItem(page, '##username');
  await clickItem(page, '##username');
  await page.keyboard.type(username);
  await clickItem(page, '##password');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
}

const me = (page) => page.evaluate(() => fetch('/api/me').then((r) => r.json()));

test('a wrong password is refused with a clear message', async () => {
  const { context, page } = await openDesktop(browser, server.url);
  await signIn(page, 'anna', 'not her password');
  await waitForItem(page, 'Wrong username or password');
  await screenshot(page, 'sign-in-refused');
  await context.close();
});

test('an agent signs in, goes Ready, Not Ready for lunch, and signs out', async () => {
  const { context, page, problems } = await openDesktop(browser, server.url);
  await waitForItem(page, 'Sign in');
  await screenshot(page, 'sign-in-form');
  await signIn(page, 'anna', 'anna password');
  await waitForItem(page, 'Signed in as Anna Petrova');
  await waitForItem(page, 'Go Ready to receive chats, calls and emails');

  await clickItem(page, '● Not Ready');
  await clickItem(page, 'Ready');
  await waitForItem(page, '● Ready');
  await waitForItem(page, 'Waiting for offers');
  assert.equal((await me(page)).agent.state, 'ready');
  await screenshot(page, 'agent-ready');

  await clickItem(page, '● Ready');
  await clickItem(page, 'Lunch');
  await waitForItem(page, '● Not Ready — Lunch');
  const lunch = (await me(page)).agent;
  assert.equal(lunch.state, 'not_ready');
  assert.equal(lunch.state_reason, 'lunch');

  // The session is a cookie: a reload keeps the agent signed in.
  await page.reload();
  await page.waitForFunction(() => window.careDesktop && window.careDesktop.ready);
  await waitForItem(page, '● Not Ready — Lunch');

  await clickItem(page, 'File');
  await clickItem(page, 'Sign out');
  await waitForItem(page, '##username');
  assert.equal(await hasItem(page, 'Signed in as Anna Petrova'), false);
  assert.equal((await page.evaluate(() => fetch('/api/me').then((r) => r.status))), 401);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the chosen language is remembered across reloads', async () => {
  const { context, page } = await openDesktop(browser, server.url);
  await clickItem(page, 'Language');
  await clickItem(page, 'Dansk');
  await waitForItem(page, 'Log ind');
  await page.reload();
  await page.waitForFunction(() => window.careDesktop && window.careDesktop.ready);
  await waitForItem(page, 'Sprog: Dansk');
  await context.close();
});

test('an idle desktop draws no frames, and input wakes it', async () => {
  const { context, page } = await openDesktop(browser, server.url);
  await waitForItem(page, 'Connected');
  await page.waitForTimeout(1000);
  const before = await page.evaluate(() => window.careDesktop.frames);
  await page.waitForTimeout(1000);
  const idle = await page.evaluate(() => window.careDesktop.frames);
  assert.equal(idle, before, 'frames were drawn while nothing happened');
  // Onto a field: its hover colour changes what is on screen, so a frame is drawn.
  const field = await waitForItem(page, '##username');
  await page.mouse.move(field.cx, field.cy);
  await page.waitForFunction((n) => window.careDesktop.frames > n, idle, { timeout: 2000 });
  await context.close();
});
