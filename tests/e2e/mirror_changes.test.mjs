// The accessibility mirror sends a changed window as its changes (issue 16:
// client/automation/mirror.cpp write_changes, web/mirror.js changed): rows kept, rows
// dropped, rows that came. Whatever changed on the canvas must reach the mirror's DOM:
// a scrolled journey's rows that left go and those that came are there, in order; a
// selection moves aria-selected; a control whose words change under the same id (the
// agent's state) shows the new words; a closed menu's items go.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, openCustomer, openDesktop, signIn, waitForItem } from './support/browser.mjs';
import { journeyCustomer } from './support/api.mjs';
import { startServer } from './support/server.mjs';

const admin = { username: 'root', password: 'correct horse' };
const emails = 120;
let server;
let browser;
let customer;

before(async () => {
  server = await startServer({ admin, args: ['--integration-key', 'mirror-key', '--connector-requests', '0'] });
  const made = await journeyCustomer(server, admin, 'mirror-key');
  customer = made.customer;
  let next = 1;
  await Promise.all(Array.from({ length: 4 }, async () => {
    while (next <= emails) await made.sendEmail(next++);
  }));
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// The journey's rows as the last frame drew them (the automation records) and as the
// mirror holds them (its options, in DOM order), by name.
const journeyRows = (page) => page.evaluate(() => ({
  drawn: window.careDesktop.items().filter((i) => i.label.includes('###journey-')).map((i) => i.text.trim()),
  mirrored: [...document.querySelectorAll('#mirror-items [role=option]')]
    .map((el) => el.textContent).filter((words) => words.includes('about the invoice')),
}));

// Waits until the mirror's journey rows are the drawn ones; fails saying both if not.
async function rowsAgree(page, what) {
  try {
    await page.waitForFunction(() => {
      const drawn = window.careDesktop.items().filter((i) => i.label.includes('###journey-')).map((i) => i.text.trim());
      const mirrored = [...document.querySelectorAll('#mirror-items [role=option]')]
        .map((el) => el.textContent).filter((words) => words.includes('about the invoice'));
      return drawn.length > 0 && JSON.stringify(drawn) === JSON.stringify(mirrored);
    }, null, { timeout: 10000 });
  } catch {
    // Compared once more, so the failure shows both lists.
  }
  const { drawn, mirrored } = await journeyRows(page);
  assert.ok(drawn.length > 0, `${what}: the journey has rows`);
  assert.deepEqual(mirrored, drawn, `${what}: the mirror's journey rows are the drawn ones`);
  return drawn;
}

// The mirror's element for the item with this id, as { words, role, selected }.
const mirrorNode = (page, id) => page.evaluate((wanted) => {
  const el = [...document.querySelectorAll('#mirror-items *')].find((e) => e.careNode && e.careNode.id === wanted);
  return el ? { words: el.textContent, role: el.getAttribute('role'), selected: el.getAttribute('aria-selected') } : null;
}, id);

const itemId = (page, suffix) => page.evaluate((end) =>
  window.careDesktop.items().find((i) => i.visible && i.label.endsWith(end))?.id ?? null, suffix);

test('what changes on the canvas reaches the mirror: rows scrolled in and out, selection, new words, a closed menu', async () => {
  const { context, page, problems } = await openDesktop(browser, server.url);
  await signIn(page, 'anna');

  // New words under the same id: the state control goes from Not Ready to Ready, and the
  // menu it opened goes from the mirror with it.
  const state = await itemId(page, '###agent-state');
  assert.ok(state, 'the state control is drawn');
  await page.waitForFunction((id) => [...document.querySelectorAll('#mirror-items *')]
    .some((e) => e.careNode && e.careNode.id === id), state);
  const before = await mirrorNode(page, state);
  assert.match(before.words, /Not Ready/);
  const control = await page.evaluate((id) => {
    const scale = Module.canvas.getBoundingClientRect().width / Module.canvas.width;
    const item = window.careDesktop.items().find((i) => i.id === id);
    return { cx: (item.x + item.w / 2) * scale, cy: (item.y + item.h / 2) * scale };
  }, state);
  await page.mouse.click(control.cx, control.cy);
  const ready = await waitForItem(page, 'Ready');
  // The open menu's controls, each in the mirror while it is open.
  const menu = await page.evaluate((words) => {
    const items = window.careDesktop.items();
    const window_ = items.find((i) => i.visible && i.text === words).window;
    return items.filter((i) => i.window === window_ && i.kind === 'widget' && i.text).map((i) => i.id);
  }, 'Ready');
  assert.ok(menu.length > 0);
  for (const id of menu) assert.ok(await mirrorNode(page, id), `menu item ${id} in the mirror while open`);
  await page.mouse.click(ready.cx, ready.cy);
  await waitForItem(page, '● Ready');
  await page.waitForFunction((id) => [...document.querySelectorAll('#mirror-items *')]
    .find((e) => e.careNode && e.careNode.id === id)?.textContent === 'Ready', state, { timeout: 10000 }).catch(() => {});
  assert.deepEqual(await mirrorNode(page, state), { ...before, words: 'Ready' });
  for (const id of menu) assert.equal(await mirrorNode(page, id), null, `menu item ${id} gone with its menu`);

  await openCustomer(page, 'Bened', customer.id);
  await waitForItem(page, `Customer journey  (${emails})`);
  const top = await rowsAgree(page, 'opened');

  // Scrolled down a few rows at a time (some rows go, some come), then far, then back.
  const first = await page.evaluate(() => window.careDesktop.items()
    .find((i) => i.visible && i.label.includes('###journey-')).text);
  const row = await waitForItem(page, first);
  await page.mouse.move(row.cx, row.cy);
  let seen = top;
  for (const deltaY of [40, 40, 100, 100, 1500, -60, -1500, 3000]) {
    const drawn = await page.evaluate(() => window.careDesktop.frames);
    await page.mouse.wheel(0, deltaY);
    await page.waitForFunction((n) => window.careDesktop.frames > n, drawn);
    seen = await rowsAgree(page, `scrolled by ${deltaY}`);
  }
  assert.notDeepEqual(seen, top, 'scrolling changed the rows shown');

  // A click selects a row: its option says so, and only it.
  const picked = await page.evaluate(() => window.careDesktop.items()
    .filter((i) => i.visible && i.label.includes('###journey-')).at(3));
  const scale = await page.evaluate(() => Module.canvas.getBoundingClientRect().width / Module.canvas.width);
  await page.mouse.click((picked.x + picked.w / 2) * scale, (picked.y + picked.h / 2) * scale);
  await page.waitForFunction((id) => [...document.querySelectorAll('#mirror-items [role=option]')]
    .find((e) => e.careNode && e.careNode.id === id)?.getAttribute('aria-selected') === 'true', picked.id,
  { timeout: 10000 }).catch(() => {});
  const selected = await page.evaluate(() => [...document.querySelectorAll('#mirror-items [role=option]')]
    .filter((e) => e.getAttribute('aria-selected') === 'true' && e.textContent.includes('about the invoice'))
    .map((e) => e.careNode?.id));
  assert.deepEqual(selected, [picked.id], 'the journey row clicked, and only it, is selected');
  await rowsAgree(page, 'after selecting');

  assert.deepEqual(problems, []);
  await context.close();
});
