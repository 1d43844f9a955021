// Debian's Chromium through playwright-core: never a downloaded browser.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { waitForChatLine } from './api.mjs';

export const artifactsDir = process.env.CARE_ARTIFACTS || path.resolve('test-artifacts');

export async function launchBrowser() {
  // playwright gives each launch a new empty profile of its own (--user-data-dir).
  return chromium.launch({
    executablePath: process.env.CARE_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      // WebGL2 in software: the desktop draws with ImGui on WebGL2.
      '--use-gl=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist',
    ],
  });
}

// Collects a page's uncaught errors and its Content-Security-Policy refusals (Chromium
// reports those on the console only), for a test to assert there were none.
export function watchProblems(page) {
  const problems = [];
  page.on('pageerror', (error) => problems.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) {
      problems.push(message.text());
    }
  });
  return problems;
}

// Opens the desktop and waits for its first drawn frame.
export async function openDesktop(browser, url,
  { width = 1280, height = 800, deviceScaleFactor = 1, permissions = [], timezoneId } = {}) {
  // timezoneId ("Europe/Sofia"): the agent's zone; the machine's (UTC in CI) otherwise.
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor, permissions, timezoneId });
  const page = await context.newPage();
  const problems = watchProblems(page);
  await page.goto(url);
  await page.waitForFunction(() => window.careDesktop && window.careDesktop.ready, null, { timeout: 20000 });
  return { context, page, problems };
}

// Waits until a widget or text with this visible label is on screen; returns it.
// On a time-out it saves a screenshot and says what was on screen instead.
export async function waitForItem(page, text, { timeout = 10000 } = {}) {
  try {
    const handle = await page.waitForFunction(
      (label) => window.careDesktop.find(label).find((item) => item.visible) || null,
      text, { timeout });
    return await handle.jsonValue();
  } catch (error) {
    const seen = await page.evaluate(
      () => window.careDesktop.items().filter((i) => i.visible && i.text).map((i) => i.text)).catch(() => []);
    const file = await screenshot(page, `missing-${text.replace(/[^\p{L}\p{N}]+/gu, '-')}`).catch(() => '');
    throw new Error(`"${text}" never appeared (screenshot ${file}); on screen: ${JSON.stringify(seen)}`);
  }
}

export async function hasItem(page, text) {
  return page.evaluate((label) => window.careDesktop.find(label).some((i) => i.visible), text);
}

// A person sees the content jump (an offer docking) before aiming: clicks wait until
// the work area takes them again (PointerGuard), then look where things are.
export async function settled(page) {
  for (let held = await page.evaluate(() => window.careDesktop.pointerHeldMs()); held > 0;
    held = await page.evaluate(() => window.careDesktop.pointerHeldMs())) {
    await page.waitForTimeout(held + 20);
  }
}

// Clicks a widget's centre like a person would: move, a beat, press, release.
export async function clickItem(page, text) {
  await waitForItem(page, text);
  await settled(page);
  const item = await waitForItem(page, text);
  await page.mouse.move(item.cx, item.cy);
  await page.waitForTimeout(50);
  await page.mouse.down();
  await page.waitForTimeout(50);
  await page.mouse.up();
  return item;
}

// Clicks the visible item whose ImGui label ends with `suffix` ("###task-7"), or with
// `partial` the first whose label holds it ("###found-").
export async function clickLabelled(page, suffix, { partial = false } = {}) {
  await settled(page);
  const handle = await page.waitForFunction(([end, anywhere]) => {
    const canvas = Module.canvas;
    const scale = canvas.getBoundingClientRect().width / canvas.width;
    const item = window.careDesktop.items().find((i) => i.visible &&
      (anywhere ? i.label.includes(end) : i.label.endsWith(end)));
    return item ? { cx: (item.x + item.w / 2) * scale, cy: (item.y + item.h / 2) * scale } : null;
  }, [suffix, partial], { timeout: 10000 });
  const { cx, cy } = await handle.jsonValue();
  await page.mouse.click(cx, cy);
}

export async function screenshot(page, name) {
  mkdirSync(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

// Scrolls the pane under a visible item, as a person would with the wheel: for
// fields below the fold of a narrow pane.
export async function scrollOver(page, text, deltaY = 400) {
  const item = await waitForItem(page, text);
  await page.mouse.move(item.cx, item.cy);
  await page.mouse.wheel(0, deltaY);
  await page.waitForTimeout(100);
}

// Signs in from the sign-in card (Enter in the password field) and waits for the desktop.
export async function signIn(page, username, password = `${username} password`) {
  await clickItem(page, '##username');
  await page.keyboard.type(username);
  await clickItem(page, '##password');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
  // Not Ready on a first sign-in; as the agent left it (a break, Ready) otherwise.
  await page.waitForFunction(() => window.careDesktop.items()
    .some((i) => i.visible && i.label.endsWith('###agent-state')), null, { timeout: 10000 });
}

// From Not Ready (any reason) to Ready through the state control.
export async function goReady(page) {
  // Found by its id: its words change once the reason list has loaded.
  const handle = await page.waitForFunction(() => {
    const scale = Module.canvas.getBoundingClientRect().width / Module.canvas.width;
    const item = window.careDesktop.items().find((i) => i.visible && i.label.endsWith('###agent-state'));
    return item ? { cx: (item.x + item.w / 2) * scale, cy: (item.y + item.h / 2) * scale } : null;
  }, null, { timeout: 10000 });
  const { cx, cy } = await handle.jsonValue();
  await page.mouse.click(cx, cy);
  await clickItem(page, 'Ready');
  await waitForItem(page, '● Ready');
}

// Opens a customer from the Customers pane's search: `words` typed, then the found row
// with this customer id clicked.
export async function openCustomer(page, words, id) {
  await clickItem(page, 'Customers###pane-customers');
  await clickItem(page, '##customer-search');
  await page.keyboard.type(words);
  await page.keyboard.press('Enter');
  await clickLabelled(page, `###found-${id}`);
}

// A visitor starts a chat from the help portal's widget: a browser of their own (its
// language from `locale`), the survey filled in and sent. Returns the page, its
// problems and the chat as the widget keeps it ({id, token}).
export async function startWidgetChat(browser, url, { name, email, question, locale, viewport = { width: 800, height: 700 } }) {
  const context = await browser.newContext({ viewport, ...(locale ? { locale } : {}) });
  const page = await context.newPage();
  const problems = watchProblems(page);
  await page.goto(`${url}/help.html`);
  await page.click('#chat-launcher');
  await page.fill('#survey [name=name]', name);
  await page.fill('#survey [name=email]', email);
  await page.fill('#survey [name=question]', question);
  await page.click('#survey button[type=submit]');
  await page.waitForSelector('#conversation:not([hidden])');
  const chat = await page.evaluate(() => JSON.parse(sessionStorage.getItem('care-chat')));
  return { context, page, problems, chat };
}

// The agent writes a line in the chat on screen and Enter sends it; returns once the
// server has it.
export async function sayInChat(page, server, chat, line) {
  await clickItem(page, '##composer');
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
  await waitForChatLine(server, chat, line);
}
