// Takes the README's tour screenshots from a live demo in headless Chromium:
//   node scripts/screenshots.mjs        (after scripts/build.sh)
// writes docs/images/{desktop-chat,customer-journey,keyboard-high-contrast,floor}.png.
import { readFileSync } from 'node:fs';
import path from 'node:path';

process.env.CARE_SERVER_BIN ||= path.resolve('build/release/server/care-server');
process.env.CARE_WEB_ROOT ||= path.resolve('build/release/web-root');
process.env.CARE_ARTIFACTS = path.resolve('docs/images');
const { clickItem, launchBrowser, openDesktop, screenshot, waitForItem } = await import('../tests/e2e/support/browser.mjs');
const { startServer } = await import('../tests/e2e/support/server.mjs');
const { clickLabelled } = await import('../tests/e2e/support/screens.mjs');
// A task row's words carry its elapsed time, which changes every second: click it by
// its id ("###task-7").
const clickTask = (page, item) => clickLabelled(page, item.label.slice(item.label.indexOf('###')));

const server = await startServer({ args: ['--demo', '--demo-rate', '12', '--demo-seed', '7'] });
const accounts = JSON.parse(readFileSync(path.join(server.dataDir, 'demo-accounts.json'), 'utf8'));
const password = (user) => accounts.find((a) => a.username === user).password;
const browser = await launchBrowser();

async function signIn(page, user) {
  await clickItem(page, '##username');
  await page.keyboard.type(user);
  await clickItem(page, '##password');
  await page.keyboard.type(password(user));
  await page.keyboard.press('Enter');
  await waitForItem(page, '● Not Ready');
}

// An agent takes the first chat offered and answers it.
const agent = await openDesktop(browser, server.url);
await signIn(agent.page, 'anna');
await clickItem(agent.page, '● Not Ready');
await clickItem(agent.page, 'Ready');
// Offers come in arrival order; emails and calls are accepted too (capacity allows
// several) until a chat is in hand.
for (let tries = 0; tries < 12; ++tries) {
  await waitForItem(agent.page, 'Accept###accept-offer', { timeout: 30000 });
  await clickItem(agent.page, 'Accept###accept-offer');
  await agent.page.waitForTimeout(800);
  const chat = await agent.page.evaluate(() => window.careDesktop.items()
    .find((i) => i.visible && i.text.startsWith('Chat · ') && i.label.includes('###task-')));
  if (chat) {
    await clickTask(agent.page, chat);
    break;
  }
}
// No more offers while the pictures are taken.
const anna = await server.signIn('anna', password('anna'));
await fetch(`${server.url}/api/me/state`, {
  method: 'PUT', headers: { 'Content-Type': 'application/json', Cookie: anna },
  body: JSON.stringify({ state: 'not_ready', reason: 'meeting' }),
});
// An offer made just before is taken too, so its card does not cover the desktop.
await agent.page.waitForTimeout(500);
if (await agent.page.evaluate(() => window.careDesktop.items().some((i) => i.visible && i.label === 'Accept###accept-offer'))) {
  await clickItem(agent.page, 'Accept###accept-offer');
  await agent.page.waitForTimeout(500);
  const chat = await agent.page.evaluate(() => window.careDesktop.items()
    .find((i) => i.visible && i.text.startsWith('Chat · ') && i.label.includes('###task-')));
  await clickTask(agent.page, chat);
}
await clickItem(agent.page, '##composer');
await agent.page.keyboard.type('Hello! I am looking at your account now.');
await agent.page.keyboard.press('Enter');
await agent.page.waitForTimeout(300);
await clickItem(agent.page, 'Conversation###tab-conversation');
await agent.page.waitForTimeout(3000);  // the simulated customer answers
await screenshot(agent.page, 'desktop-chat');

// The customer pane: a customer with a history, their journey.
await clickItem(agent.page, 'Customers###pane-customers');
// The customer with the longest history among the first hundred (found by email:
// the test keyboard types ASCII only).
const cookie = anna;
let best = null;
for (let id = 1; id <= 100; ++id) {
  const response = await fetch(`${server.url}/api/customers/${id}/journey`, { headers: { Cookie: cookie } });
  if (response.status !== 200) continue;
  const journey = await response.json();
  if (!best || journey.total > best.total) best = journey;
}
await clickItem(agent.page, '##customer-search');
await agent.page.keyboard.type(best.customer.email);
await agent.page.keyboard.press('Enter');
await agent.page.waitForTimeout(500);
const found = await agent.page.evaluate(() => window.careDesktop.items()
  .filter((i) => i.visible && i.label.includes('###found-')).map((i) => i.text));
await clickItem(agent.page, found[0]);
await agent.page.waitForTimeout(800);
const row = await agent.page.evaluate(() => window.careDesktop.items()
  .find((i) => i.visible && i.label.includes('###journey-'))?.text);
if (row) await clickItem(agent.page, row);
// The pointer leaves the row, so that its summary does not cover the details.
await agent.page.mouse.move(150, 700);
await agent.page.waitForTimeout(500);
await screenshot(agent.page, 'customer-journey');

// The same desktop by keyboard, in high contrast: the palette switches the theme,
// F6 goes to the conversation and Tab to its first control, where the ring shows.
await clickItem(agent.page, 'In progress###pane-progress');
await agent.page.waitForTimeout(500);
await clickTask(agent.page, await agent.page.evaluate(() => window.careDesktop.items()
  .find((i) => i.visible && i.text.startsWith('Chat · ') && i.label.includes('###task-'))));
await agent.page.keyboard.press('Control+K');
await agent.page.keyboard.type('contrast');
await agent.page.keyboard.press('Enter');
await agent.page.waitForTimeout(300);
await agent.page.keyboard.press('F6');
await agent.page.keyboard.press('Tab');
await agent.page.waitForTimeout(500);
await screenshot(agent.page, 'keyboard-high-contrast');

// The supervisor's floor.
const supervisor = await openDesktop(browser, server.url);
await signIn(supervisor.page, 'sam');
await waitForItem(supervisor.page, 'Agents');
await supervisor.page.waitForTimeout(1500);
await screenshot(supervisor.page, 'floor');

await browser.close();
await server.stop();
console.log('docs/images: desktop-chat.png, customer-journey.png, keyboard-high-contrast.png, floor.png');
