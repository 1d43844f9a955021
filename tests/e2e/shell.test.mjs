// The walking skeleton in a real browser against a real server: the shell draws,
// fetches the server's version, and its language menu reacts to a click.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { clickItem, hasItem, launchBrowser, openDesktop, screenshot, waitForItem } from './support/browser.mjs';
import { startServer } from './support/server.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the shell shows the server version fetched over HTTP', async () => {
  const { context, page, problems } = await openDesktop(browser, server.url);
  const expected = await (await fetch(`${server.url}/api/version`)).json();
  await waitForItem(page, 'Connected');
  await waitForItem(page, `Server version ${expected.version}`);
  await screenshot(page, 'shell-english');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the language menu lists every language by its own name and switches the UI', async () => {
  const { context, page } = await openDesktop(browser, server.url);
  await clickItem(page, 'Language');
  for (const name of ['Български', 'Magyar', 'Dansk', 'Srpski', 'Українська', 'English']) {
    await waitForItem(page, name);
  }
  await screenshot(page, 'shell-language-menu');
  await clickItem(page, 'Українська');
  await waitForItem(page, 'Мова');           // the menu bar now speaks Ukrainian
  await waitForItem(page, 'Мова: Українська');
  assert.equal(await hasItem(page, 'Language'), false);
  await screenshot(page, 'shell-ukrainian');
  await context.close();
});

test('high-DPI: a 2× screen gets a 2× canvas and clicks still land', async () => {
  const { context, page } = await openDesktop(browser, server.url, { deviceScaleFactor: 2 });
  const size = await page.evaluate(() => [Module.canvas.width, Module.canvas.clientWidth]);
  assert.equal(size[0], size[1] * 2);
  await clickItem(page, 'Language');
  await clickItem(page, 'Magyar');
  await waitForItem(page, 'Nyelv: Magyar');
  await screenshot(page, 'shell-hidpi-hungarian');
  await context.close();
});
