// WCAG 2.1 A/AA by axe-core (issue 16) on the desktop's everyday screens as the
// accessibility mirror presents them: sign-in, a chat, an email, a call, a customer's
// journey, the Floor (a supervisor's), and the close dialog.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import { clickItem, launchBrowser, openDesktop, waitForItem } from './support/browser.mjs';
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

async function violations(page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html.slice(0, 120)).join(' | ')}`);
}

test('axe finds no WCAG 2.1 A/AA violation on the everyday screens and the close dialog', async () => {
  const { context, page, problems } = await openDesktop(browser, server.url, { width: 1280, height: 800 });
  const found = {};
  const seen = [];
  await walkScreens(page, ids, async (name) => {
    // The mirror has caught up with the settled screen: it holds something to check.
    await page.waitForFunction(() => document.querySelectorAll('#mirror-items *').length > 3);
    found[name] = await violations(page);
    seen.push(name);
  });
  assert.deepEqual(seen, ['sign-in', 'chat', 'email', 'call', 'customer', 'floor']);

  // The close dialog, over the chat.
  await clickLabelled(page, '###pane-progress');
  await clickLabelled(page, `###task-${ids.chatTask}`);
  await clickItem(page, 'Close###close-task');
  await waitForItem(page, 'Cancel###close-cancel');
  await page.waitForFunction(() => document.querySelector('#mirror-items [role=dialog][aria-modal=true]'));
  found['close dialog'] = await violations(page);
  for (const [name, list] of Object.entries(found)) assert.deepEqual(list, [], `${name}: ${list.join('\n')}`);
  assert.deepEqual(problems, []);
  await context.close();
});
