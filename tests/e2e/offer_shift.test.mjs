// An offer docks above the columns and moves them down. A click aimed a moment before
// was aimed at what was under the pointer then: it is held back (PointerGuard), not
// landed on the row that slid under the pointer. Once the columns have settled, the
// same click counts. (Seen in a shift: a line meant for a chat went into an email.)
// A click on what did not move, the composer at the bottom, goes through: a guard that
// held it lost the words typed after it (seen in the next shift).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { clickItem, goReady, launchBrowser, openDesktop, screenshot, settled, signIn, waitForItem } from './support/browser.mjs';
import { callApi, chatQueueWith } from './support/api.mjs';
import { startServer } from './support/server.mjs';

const admin = { username: 'root', password: 'correct horse' };
let server;
let browser;

const api = (...args) => callApi(server, ...args);

before(async () => {
  server = await startServer({ admin });
  await chatQueueWith(server, admin, [['olga', 'Olga Berg'], ['pia', 'Pia Holm']]);
  const root = { Cookie: await server.signIn(admin.username, admin.password) };
  for (let i = 1; i <= 10; ++i) {
    const made = await api('POST', '/api/customers', { kind: 'contact', name: `Berg Kunde ${i}`, email: `berg${i}@example.dk` }, root);
    assert.equal(made.status, 201);
  }
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// The found rows on screen, top to bottom, in CSS pixels.
const foundRows = (page) => page.evaluate(() => {
  const scale = Module.canvas.getBoundingClientRect().width / Module.canvas.width;
  return window.careDesktop.items().filter((i) => i.visible && i.label.includes('###found-'))
    .map((i) => ({ label: i.label, chosen: i.chosen, top: i.y * scale, bottom: (i.y + i.h) * scale }))
    .sort((a, b) => a.top - b.top);
});

test('a click aimed just before an offer docks opens nothing; after the jump it counts', async () => {
  const { page, problems } = await openDesktop(browser, server.url, { width: 1280, height: 800 });
  await signIn(page, 'olga');
  await goReady(page);
  await clickItem(page, 'Customers###pane-customers');
  await clickItem(page, '##customer-search');
  await page.keyboard.type('Berg Kunde');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.careDesktop.items().filter((i) => i.visible && i.label.includes('###found-')).length >= 8);

  const before = await foundRows(page);
  const aimed = before.at(-1);
  const x = await page.evaluate(() => {
    const scale = Module.canvas.getBoundingClientRect().width / Module.canvas.width;
    const row = window.careDesktop.items().find((i) => i.visible && i.label.includes('###found-'));
    return (row.x + row.w / 2) * scale;
  });
  const y = (aimed.top + aimed.bottom) / 2;
  await page.mouse.move(x, y);

  // The click comes as the offer shows, on a loaded machine perhaps late: a try counts
  // only when the click came while the columns were still settling.
  let held = 0;
  for (let attempt = 1; attempt <= 3 && held === 0; ++attempt) {
    const chat = await api('POST', '/api/channels/chat', { name: `Visitor ${attempt}`, email: `v${attempt}@example.dk`, question: 'Hello?' });
    assert.equal(chat.status, 201);
    await page.waitForFunction(() => window.careDesktop.find('Accept###accept-offer').some((i) => i.visible), null, { timeout: 10000 });
    held = await page.evaluate(() => window.careDesktop.pointerHeldMs());
    await page.mouse.down();
    await page.mouse.up();
    if (held < 150) {
      held = 0;
      await clickItem(page, 'Decline###decline-offer');
      await page.waitForFunction(() => !window.careDesktop.find('Accept###accept-offer').some((i) => i.visible));
    }
  }
  assert.ok(held > 0, 'a click came while the columns were settling');

  const after = await foundRows(page);
  const under = after.find((row) => row.top <= y && y < row.bottom);
  assert.ok(under && under.label !== aimed.label, 'the docked offer moved another row under the pointer');
  await page.waitForTimeout(300);  // frames enough for a click to have opened the row
  assert.deepEqual((await foundRows(page)).filter((row) => row.chosen).map((row) => row.label), [],
    'the click aimed before the offer docked opened nothing');
  assert.equal((await page.evaluate(() => window.careDesktop.find('Accept###accept-offer').some((i) => i.visible))), true,
    'the offer is still there');
  await screenshot(page, 'offer-shift-held');

  // Settled: the agent sees the new layout, and the same click opens the row now there.
  await settled(page);
  await page.mouse.down();
  await page.mouse.up();
  await page.waitForFunction((label) => window.careDesktop.items().some((i) => i.label === label && i.chosen),
    under.label, { timeout: 5000 });
  assert.deepEqual(problems, []);
});

test('a click into the composer as an offer docks goes through, and the words typed land', async () => {
  const { page, problems } = await openDesktop(browser, server.url, { width: 1280, height: 800 });
  await signIn(page, 'pia');
  await goReady(page);
  // Whatever is offered first (olga's missed chats wait in the queue) is taken.
  const first = await api('POST', '/api/channels/chat', { name: 'Lars Holm', email: 'lars@example.dk', question: 'Mit modem er dødt' });
  assert.equal(first.status, 201);
  await clickItem(page, 'Accept###accept-offer');
  await waitForItem(page, '##composer');
  await page.waitForFunction(() => !window.careDesktop.find('Accept###accept-offer').some((i) => i.visible));
  await settled(page);
  const composer = await waitForItem(page, '##composer');

  const second = await api('POST', '/api/channels/chat', { name: 'Eva Berg', email: 'eva@example.dk', question: 'Hello?' });
  assert.equal(second.status, 201);
  await page.waitForFunction(() => window.careDesktop.find('Accept###accept-offer').some((i) => i.visible), null, { timeout: 10000 });
  const held = await page.evaluate(() => window.careDesktop.pointerHeldMs());
  const moved = await waitForItem(page, '##composer');
  assert.equal(moved.cy, composer.cy, 'the composer stays where it was when the offer docks');
  await page.mouse.click(composer.cx, composer.cy);
  await page.keyboard.type('Typed as the offer docked.');
  await page.keyboard.press('Enter');
  await waitForItem(page, 'Typed as the offer docked.');
  if (held === 0) console.log('# the click came after the columns settled: this run did not test the guard');
  assert.deepEqual(problems, []);
});
