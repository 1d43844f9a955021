// A shift worked by a script, as an agent would, against the demo and its live
// traffic: up to three chats at once, a draft left in one chat while answering
// another, lines sent while the server is gone (it is stopped and started under the
// desktop), a reload, another language, a small and a wide screen, offers taken and
// tasks closed by keyboard. Every line typed is checked to reach the customer once,
// whole and in order. Prints what it saw and what went wrong; screenshots go to
// build/release/test-artifacts/shift-*.png.
//   node scripts/shift.mjs [minutes=30]        (after scripts/build.sh)
// Exit status 1 when anything went wrong.
import { readFileSync } from 'node:fs';
import path from 'node:path';

process.env.CARE_SERVER_BIN ||= path.resolve('build/release/server/care-server');
process.env.CARE_WEB_ROOT ||= path.resolve('build/release/web-root');
process.env.CARE_ARTIFACTS ||= path.resolve('build/release/test-artifacts');
const { clickItem, launchBrowser, openDesktop, screenshot, waitForItem } = await import('../tests/e2e/support/browser.mjs');
const { callApi } = await import('../tests/e2e/support/api.mjs');
const { startServer } = await import('../tests/e2e/support/server.mjs');
const { clickLabelled } = await import('../tests/e2e/support/screens.mjs');

const minutes = Number(process.argv[2] ?? 30);
const shiftEnds = Date.now() + minutes * 60_000;
const at = (share) => Date.now() >= shiftEnds - (1 - share) * minutes * 60_000;
const started = Date.now();
const clock = () => `${((Date.now() - started) / 60_000).toFixed(1).padStart(5)} min`;

const findings = [];
const counts = { offers: 0, accepted: 0, missed: 0, lines: 0, closed: 0, switches: 0, reloads: 0 };
function log(words) { console.log(`${clock()}  ${words}`); }
async function finding(page, words) {
  findings.push(`${clock()}  ${words}`);
  log(`FINDING: ${words}`);
  if (page) await screenshot(page, `shift-finding-${findings.length}`).catch(() => {});
}

let server = await startServer({ args: ['--demo', '--demo-rate', '8', '--demo-seed', '11'] });
const accounts = JSON.parse(readFileSync(path.join(server.dataDir, 'demo-accounts.json'), 'utf8'));
const password = accounts.find((a) => a.username === 'anna').password;
const browser = await launchBrowser();
const { page, problems } = await openDesktop(browser, server.url, { width: 1280, height: 800 });
const api = (method, url, body) => callApi(server, method, url, body, { Cookie: cookie });
let cookie = await server.signIn('anna', password);

// What the desktop shows now.
const items = () => page.evaluate(() => window.careDesktop.items().filter((i) => i.visible)
  .map(({ label, text, focused, active, chosen }) => ({ label, text, focused, active, chosen })));
// The chats in hand, from the server (the rows' words change with the language); the
// last known list while the server is away.
let lastChats = [];
async function chatsInHand() {
  if (serverDown) return lastChats;
  const tasks = await api('GET', '/api/tasks').catch(() => null);
  if (!tasks || tasks.status !== 200) return lastChats;
  lastChats = tasks.body.tasks.filter((t) => t.task.channel === 'chat' && t.task.state === 'assigned')
    .map((t) => ({ row: `###task-${t.task.id}`, activity: t.activity.id,
      who: (t.customer?.name ?? t.activity.subject ?? 'you').trim() || 'you' }));
  return lastChats;
}
async function offered() {
  const tasks = await api('GET', '/api/tasks').catch(() => null);
  return tasks?.status === 200 ? tasks.body.tasks.find((t) => t.task.state === 'offered') : null;
}
const has = async (text) => (await items()).some((i) => i.text === text || i.label === text);
const hasLabelled = async (suffix) => (await items()).some((i) => i.label.endsWith(suffix));
async function waitForLabelled(suffix, timeout = 5000) {
  return page.waitForFunction((s) => window.careDesktop.items().some((i) => i.visible && i.label.endsWith(s)),
    suffix, { timeout }).then(() => true, () => false);
}

// What each chat was sent, by its activity: checked against the server's record.
const sent = new Map();  // activity id → lines in order
async function agentLines(activity) {
  const answer = await api('GET', `/api/activities/${activity}`);
  if (answer.status !== 200) return null;
  const messages = answer.body.messages ?? answer.body.activity?.messages ?? [];
  return messages.filter((m) => m.author === 'agent').map((m) => m.text);
}
// A line may still be on its way at one check (just sent, or waiting in the outbox):
// only lines still missing at the next check, or lost, doubled or reordered, count.
const late = new Map();  // activity → how many of its lines were missing last time
async function checkSent(why, { last = false } = {}) {
  for (const [activity, lines] of sent) {
    const stored = await agentLines(activity);
    if (!stored) continue;
    const ours = stored.filter((t) => t.startsWith('Shift line '));
    if (JSON.stringify(ours) === JSON.stringify(lines)) {
      late.delete(activity);
      continue;
    }
    const missingTail = ours.length < lines.length && ours.every((t, i) => t === lines[i]);
    if (missingTail && !last && late.get(activity) !== lines.length - ours.length) {
      late.set(activity, lines.length - ours.length);
      continue;
    }
    await finding(page, `${why}: activity ${activity} has ${JSON.stringify(ours)}, sent ${JSON.stringify(lines)}`);
    sent.set(activity, ours);  // report each loss once
    late.delete(activity);
  }
}

// Opens a chat from its row and makes sure it is the one on screen: an offer band
// arriving at the moment of a click moves the rows under the pointer (the click then
// lands on the row below), as it would for a person.
async function openChat(chat) {
  for (let attempt = 0; attempt < 3; ++attempt) {
    await clickLabelled(page, chat.row);
    await page.waitForTimeout(300);
    if ((await items()).some((i) => i.label.endsWith(chat.row) && i.chosen)) return;
  }
  await finding(page, `${chat.who}'s row did not open after three clicks`);
}

async function focusComposer() {
  await clickItem(page, '##composer');
  await page.waitForTimeout(100);
  await page.keyboard.press('Control+End');
}

let lineNumber = 0;
let serverDown = false;
async function answer(chat, others) {
  await openChat(chat);
  if (!(await has('##composer'))) return;
  const activity = serverDown ? null : chat.activity;
  const n = ++lineNumber;
  const head = `Shift line ${n}, `;
  // The test keyboard types ASCII only: a name in another script is not typed.
  const first = chat.who.split(' ')[0];
  const tail = `for ${/^[\x20-\x7e]+$/.test(first) ? first : 'you'}.`;
  await focusComposer();
  await page.keyboard.type(head, { delay: 15 });
  // Off to another chat with the line half typed, and back: the draft must wait.
  if (others.length) {
    await clickLabelled(page, others[0].row);
    counts.switches += 1;
    await page.waitForTimeout(400);
    await openChat(chat);
  }
  await takeOffer();
  await openChat(chat);
  await focusComposer();
  await page.keyboard.type(tail, { delay: 15 });
  await page.keyboard.press('Enter');
  counts.lines += 1;
  const line = head + tail;
  if (!(await waitForItem(page, line, { timeout: 5000 }).then(() => true, () => false))) {
    await finding(page, `"${line}" is not in the transcript after Enter`);
  }
  if (activity) sent.set(activity, [...(sent.get(activity) ?? []), line]);
  else log(`(line ${n} sent with the server away; checked once it is back)`);
  return activity;
}

async function takeOffer() {
  if (!(await hasLabelled('###accept-offer'))) return false;
  const offer = await offered();
  if (!offer) return false;
  counts.offers += 1;
  const channel = offer.task.channel;
  const chats = (await chatsInHand()).length;
  // Chats while fewer than three are in hand; a call or an email is declined (Alt+D)
  // once in a while, as an agent on a chat desk would.
  if ((channel !== 'chat' && counts.offers % 3 === 0) || (channel === 'chat' && chats >= 3)) {
    await page.keyboard.press('Alt+D');
    log(`declined a ${channel}`);
    await page.waitForTimeout(500);
    return true;
  }
  await page.keyboard.press('Alt+A');
  counts.accepted += 1;
  log(`accepted a ${channel}`);
  await page.waitForTimeout(800);
  return true;
}

async function pressUntil(key, label, presses = 40) {
  for (let i = 0; i < presses; ++i) {
    await page.keyboard.press(key);
    await page.waitForTimeout(60);
    if ((await items()).some((it) => it.focused && it.label.endsWith(label))) return true;
  }
  return false;
}

// Close the chat on screen by keyboard: Alt+C, the dialog by Tab, Space and Enter.
async function closeByKeyboard(chat) {
  await openChat(chat);
  await page.keyboard.press('Alt+C');
  if (!(await waitForLabelled('###wrap-resolved'))) {
    await finding(page, `Alt+C on ${chat.who} opened no close dialog`);
    await page.keyboard.press('Escape');
    return;
  }
  if (await hasLabelled('###close-leave')) {
    if (await pressUntil('Tab', '###close-leave')) await page.keyboard.press('Space');
  }
  if (await pressUntil('Tab', '###wrap-resolved')) await page.keyboard.press('Space');
  if (!(await pressUntil('Tab', '###close-confirm'))) {
    await finding(page, `Tab never reached Close in ${chat.who}'s close dialog`);
    await page.keyboard.press('Escape');
    return;
  }
  await page.keyboard.press('Enter');
  // The close is a request: on a loaded machine its answer can take seconds.
  let open = true;
  for (let waited = 0; open && waited < 5000; waited += 250) {
    await page.waitForTimeout(250);
    open = (await chatsInHand()).some((c) => c.row === chat.row);
  }
  if (open) {
    await finding(page, `${chat.who} still in progress after Close`);
  } else {
    counts.closed += 1;
    log(`closed ${chat.who}`);
  }
}

// Sign in and go Ready by keyboard.
await clickItem(page, '##username');
await page.keyboard.type('anna');
await clickItem(page, '##password');
await page.keyboard.type(password);
await page.keyboard.press('Enter');
await page.waitForFunction(() => window.careDesktop.items().some((i) => i.visible && i.label.endsWith('###agent-state')), null, { timeout: 15000 });
await page.keyboard.press('Alt+R');
await waitForItem(page, '● Ready');
log(`signed in as anna, Ready; the shift lasts ${minutes} min`);

const done = { restart: false, language: false, back: false, small: false, wide: false, reload: false };
const linesIn = new Map();  // chat row → lines sent in this chat
while (Date.now() < shiftEnds) {
  try {
    // An offer left too long makes the agent Not Ready (missed offer): back to Ready,
    // as the agent would on seeing the banner.
    const me = serverDown ? null : await api('GET', '/api/me').catch(() => null);
    if (me?.status === 200 && me.body.agent.state !== 'ready') {
      counts.missed += 1;
      log(`Not Ready (${me.body.agent.state_reason}); Alt+R`);
      await page.keyboard.press('Alt+R');
      await page.waitForTimeout(500);
    }
    while (await takeOffer()) { /* take what is offered */ }
    const chats = await chatsInHand();
    for (const [i, chat] of chats.entries()) {
      if (Date.now() >= shiftEnds) break;
      await answer(chat, chats.filter((_, j) => j !== i));
      linesIn.set(chat.row, (linesIn.get(chat.row) ?? 0) + 1);
      if (await takeOffer()) break;
    }
    for (const chat of await chatsInHand()) {
      if ((linesIn.get(chat.row) ?? 0) >= 3 && !serverDown) await closeByKeyboard(chat);
    }

    // The server goes away for 15 s a third of the way in, while lines are sent.
    if (!done.restart && at(1 / 3) && (await chatsInHand()).length) {
      done.restart = true;
      const { port, dataDir } = server;
      log('stopping the server for 15 s');
      await server.stop({ keepData: true });
      serverDown = true;
      const chats = await chatsInHand();
      const pending = [];
      for (const chat of chats.slice(0, 2)) {
        await openChat(chat);
        const line = `Shift line ${++lineNumber}, while the server was away.`;
        await focusComposer();
        await page.keyboard.type(line, { delay: 10 });
        await page.keyboard.press('Enter');
        pending.push({ chat, line });
      }
      await screenshot(page, 'shift-server-away');
      await page.waitForTimeout(15000);
      server = await startServer({ port, dataDir, args: ['--demo', '--demo-rate', '8', '--demo-seed', '11'] });
      serverDown = false;
      cookie = await server.signIn('anna', password);
      log('server back');
      try {
        await page.waitForFunction(() => !window.careDesktop.items().some(
          (i) => i.visible && i.text.endsWith('sending…')), null, { timeout: 30000 });
      } catch {
        await finding(page, 'lines still "sending…" 30 s after the server came back');
      }
      for (const { chat, line } of pending) sent.set(chat.activity, [...(sent.get(chat.activity) ?? []), line]);
      await checkSent('after the restart');
    }
    if (!done.reload && at(0.25)) {
      done.reload = true;
      const chats = await chatsInHand();
      if (chats.length) {
        await openChat(chats[0]);
        await focusComposer();
        const draft = 'A draft kept through a reload';
        await page.keyboard.type(draft, { delay: 10 });
        await page.reload();
        await page.waitForFunction(() => window.careDesktop && window.careDesktop.ready, null, { timeout: 20000 });
        counts.reloads += 1;
        await page.waitForTimeout(1500);
        await clickLabelled(page, chats[0].row).catch(() => {});
        await page.waitForTimeout(500);
        // The composer's words are drawn on the canvas, not items: send them and look.
        ++lineNumber;
        await focusComposer();
        await page.keyboard.press('Control+Home');
        await page.keyboard.type(`Shift line ${lineNumber}, `, { delay: 10 });
        await page.keyboard.press('Control+End');
        await page.keyboard.type('.', { delay: 10 });
        await page.keyboard.press('Enter');
        sent.set(chats[0].activity, [...(sent.get(chats[0].activity) ?? []),
          `Shift line ${lineNumber}, ${draft}.`]);
        log('reload: the draft sent after it (checked with the lines)');
      }
    }
    if (!done.small && at(0.4)) {
      done.small = true;
      await page.setViewportSize({ width: 1024, height: 700 });
      await page.waitForTimeout(800);
      await screenshot(page, 'shift-1024x700');
      log('screen 1024×700');
    }
    if (!done.language && at(0.5)) {
      done.language = true;
      await page.keyboard.press('Control+K');
      await page.keyboard.type('Magyar');
      await page.keyboard.press('Enter');
      await page.waitForTimeout(800);
      await screenshot(page, 'shift-magyar');
      log('language: Magyar');
    }
    if (!done.wide && at(0.6)) {
      done.wide = true;
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.waitForTimeout(800);
      await screenshot(page, 'shift-1920x1080');
      log('screen 1920×1080');
    }
    if (!done.back && at(0.75)) {
      done.back = true;
      await page.keyboard.press('Control+K');
      await page.keyboard.type('English');
      await page.keyboard.press('Enter');
      await page.waitForTimeout(800);
      log('language: English');
    }
    await checkSent('during the shift');
    await page.waitForTimeout(2000);
  } catch (error) {
    await finding(page, `the script stumbled: ${String(error.message).split('\n')[0]}`);
    if (page.isClosed() || !browser.isConnected()) break;  // nothing left to work in
    await page.keyboard.press('Escape').catch(() => {});
  }
}

await page.waitForTimeout(3000);
await checkSent('at the end of the shift', { last: true });
await screenshot(page, 'shift-end');
for (const problem of problems) await finding(null, `page problem: ${problem}`);
console.log(`\nshift of ${minutes} min: ${JSON.stringify(counts)}; ${sent.size} chats checked line by line`);
console.log(findings.length ? `${findings.length} findings:\n${findings.join('\n')}` : 'no findings');
await browser.close();
await server.stop();
process.exit(findings.length ? 1 : 0);
