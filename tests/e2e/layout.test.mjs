// Layout (R-J1): from a small laptop to a 27" screen, at DPR 1 and 2, every visible
// item of every everyday screen lies inside its window (or its table cell), unless
// that window has a scrollbar on that axis: nothing clipped, nothing off screen.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, openDesktop, screenshot } from './support/browser.mjs';
import { clickLabelled, gatewayKey, setUpScreens, walkScreens } from './support/screens.mjs';
import { startServer } from './support/server.mjs';

const admin = { username: 'root', password: 'correct horse' };
let server;
let browser;
let ids;

before(async () => {
  server = await startServer({ admin, args: ['--integration-key', gatewayKey] });
  ids = await setUpScreens(server, admin);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// Items that reach outside what their window lets show, in device pixels.
export function clippedItems(page) {
  return page.evaluate(() => {
    const canvas = Module.canvas;
    const slack = 1;
    const out = [];
    for (const i of window.careDesktop.items()) {
      if (!i.visible || i.w <= 0 || i.h <= 0) continue;
      const [cx, cy, cw, ch] = i.clip;
      const [sx, sy] = i.scrolls;
      const x = !sx && (i.x < cx - slack || i.x + i.w > cx + cw + slack);
      const y = !sy && (i.y < cy - slack || i.y + i.h > cy + ch + slack);
      const screen = cx < -slack || cy < -slack || cx + cw > canvas.width + slack || cy + ch > canvas.height + slack;
      if (x || y || screen) {
        const r = (v) => Math.round(v);
        out.push(`${i.text || i.label} [${i.window}] ${x ? 'x' : ''}${y ? 'y' : ''}${screen ? ' off-screen' : ''}`
          + ` item ${r(i.x)},${r(i.y)} ${r(i.w)}×${r(i.h)} in ${i.clip.map(r).join(',')}`);
      }
    }
    return out;
  });
}

const sizes = process.env.CARE_LAYOUT_SIZES ? JSON.parse(process.env.CARE_LAYOUT_SIZES)
  : [[1024, 700], [1280, 800], [1920, 1080], [2560, 1440]];
for (const [width, height] of sizes) {
  for (const dpr of [1, 2]) {
    test(`${width}×${height} at DPR ${dpr}: nothing clipped on any screen`, async () => {
      const { context, page, problems } = await openDesktop(browser, server.url,
        { width, height, deviceScaleFactor: dpr });
      const faults = [];
      await walkScreens(page, ids, async (name) => {
        const clipped = await clippedItems(page);
        if (clipped.length) {
          faults.push(`${name}: ${clipped.join('; ')}`);
          await screenshot(page, `layout-${width}x${height}@${dpr}-${name}`);
        }
      });
      if (width === 1024 && dpr === 1) await screenshot(page, 'layout-1024x700-floor');
      assert.deepEqual(faults, []);
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
}

// The bar between the left column and the conversation drags; the width stays after a
// reload (this browser remembers it), and the conversation gives up what the list took.
test('a column dragged wider stays wider after a reload', async () => {
  const { context, page, problems } = await openDesktop(browser, server.url, { width: 1280, height: 800 });
  await walkScreens(page, ids, async () => {});
  await clickLabelled(page, `###task-${ids.chatTask}`);
  await page.waitForFunction(() => window.careDesktop.find('##composer').some((i) => i.visible));
  const width = (label) => page.evaluate((l) => {
    const found = window.careDesktop.items().find((i) => i.visible && i.label === l);
    return found ? found.w : null;
  }, label);
  const leftEdge = () => page.evaluate(() => window.careDesktop.find('##split-left')[0]);
  const before = await leftEdge();
  const composerBefore = await width('##composer');
  assert.ok(before && composerBefore, 'the bar and the composer are on screen');
  await page.mouse.move(before.cx, before.cy);
  await page.mouse.down();
  for (let step = 1; step <= 6; ++step) {
    await page.mouse.move(before.cx + step * 20, before.cy);
    await page.waitForTimeout(30);
  }
  await page.mouse.up();
  await page.waitForTimeout(300);
  const after = await leftEdge();
  assert.ok(after.cx - before.cx > 100, `the bar moved ${after.cx - before.cx} px`);
  assert.ok(await width('##composer') < composerBefore - 100, 'the conversation gave the room');

  await page.reload();
  await page.waitForFunction(() => window.careDesktop && window.careDesktop.ready, null, { timeout: 20000 });
  await clickLabelled(page, `###task-${ids.chatTask}`);
  await page.waitForFunction(() => window.careDesktop.find('##split-left').length > 0);
  const reloaded = await leftEdge();
  assert.ok(Math.abs(reloaded.cx - after.cx) < 2, `remembered: ${reloaded.cx} vs ${after.cx}`);
  assert.deepEqual(problems, []);
  await context.close();
});
