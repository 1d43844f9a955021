// The customer journey a page at a time (R-D5): a customer with 230 emails. The
// desktop shows the first page, asks for the next ones as the agent scrolls to the
// end, and reads an activity's transcript only when it is selected.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, openCustomer, openDesktop, screenshot, signIn, waitForItem } from './support/browser.mjs';
import { callApi, journeyCustomer } from './support/api.mjs';
import { startServer } from './support/server.mjs';

const admin = { username: 'root', password: 'correct horse' };
const emails = 230;
let server;
let browser;
let customer;
const ids = [];  // the emails' activity ids, oldest first

before(async () => {
  server = await startServer({ admin, args: ['--integration-key', 'journey-key', '--connector-requests', '0'] });
  const { root, customer: made, sendEmail } = await journeyCustomer(server, admin, 'journey-key');
  customer = made;
  // One at a time, so their order is the order sent.
  for (let i = 1; i <= emails; ++i) await sendEmail(i);
  const all = [];
  let cursor = null;
  do {
    const query = cursor ? `?limit=200&cursor=${encodeURIComponent(cursor)}` : '?limit=200';
    const page = await callApi(server, 'GET', `/api/customers/${customer.id}/journey${query}`, undefined, root);
    all.push(...page.body.activities);
    cursor = page.body.next_cursor;
  } while (cursor);
  assert.equal(all.length, emails);
  ids.push(...all.map((row) => row.id).reverse());
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// The visible item whose label ends so (rows are cut to their column), with its
// centre in CSS pixels; null if none.
const itemEnding = (page, suffix) => page.evaluate((end) => {
  const scale = Module.canvas.getBoundingClientRect().width / Module.canvas.width;
  const item = window.careDesktop.items().find((i) => i.visible && i.label.endsWith(end));
  return item ? { cx: (item.x + item.w / 2) * scale, cy: (item.y + item.h / 2) * scale } : null;
}, suffix);
const journeyRow = (page, id) => itemEnding(page, `###journey-${id}`);
const rowShown = async (page, id) => (await journeyRow(page, id)) !== null;

test('the journey loads page after page as the agent scrolls, and a transcript when selected', async () => {
  const { context, page, problems } = await openDesktop(browser, server.url);
  const asked = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.includes('/journey') || url.pathname.startsWith('/api/activities/')) asked.push(url.pathname + url.search);
  });
  await signIn(page, 'anna');
  await openCustomer(page, 'Bened', customer.id);
  // The count is the whole journey's, though one page is in.
  await waitForItem(page, `Customer journey  (${emails})`);
  assert.equal(await rowShown(page, ids.at(-1)), true, 'the newest email on top');
  const firstPages = asked.filter((a) => a.includes('/journey')).length;
  assert.ok(asked.every((a) => !a.includes('cursor=')), `no page after the first before scrolling: ${asked}`);

  // Down to the oldest email: only there after two more pages.
  const row = await journeyRow(page, ids.at(-1));
  await page.mouse.move(row.cx, row.cy);
  for (let notch = 0; notch < 80 && !(await rowShown(page, ids[0])); ++notch) {
    await page.mouse.wheel(0, 1500);
    await page.waitForTimeout(150);
  }
  assert.equal(await rowShown(page, ids[0]), true, 'the oldest email reached by scrolling');
  const pages = asked.filter((a) => a.includes('/journey') && a.includes('cursor='));
  assert.ok(pages.length >= 2, `pages after the first: ${JSON.stringify(pages)}`);
  assert.equal(asked.filter((a) => a.includes('/journey')).length - firstPages, pages.length);
  assert.ok(!asked.some((a) => a.startsWith(`/api/activities/${ids[0]}`)), 'no transcript before selecting');

  // Selected: its transcript is read then, and shown beside.
  const oldest = await journeyRow(page, ids[0]);
  await page.mouse.click(oldest.cx, oldest.cy);
  await waitForItem(page, 'Line 1 of the mail');
  assert.ok(asked.some((a) => a.startsWith(`/api/activities/${ids[0]}`)));
  await screenshot(page, 'journey-oldest-selected');
  assert.deepEqual(problems, []);
  await context.close();
});
