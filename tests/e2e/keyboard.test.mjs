// The seed flow by keyboard alone (issue 16, R-J8): sign in, Ready, accept an offer,
// chat, edit the title, add a tag, comment, look at the customer's journey and close
// with a wrap-up code, with page.keyboard only — no mouse event at all. Then the pane
// keys, Esc, zoom and the high-contrast theme.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, openDesktop, screenshot, waitForItem } from './support/browser.mjs';
import { callApi, chatQueueWith } from './support/api.mjs';
import { startServer } from './support/server.mjs';

const admin = { username: 'root', password: 'correct horse' };
let server;
let browser;

before(async () => {
  server = await startServer({ admin });
  await chatQueueWith(server, admin, [['anna', 'Anna Petrova'], ['ivan', 'Ivan Georgiev'], ['olga', 'Olga Berg']]);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// What has the keyboard now: { label, text, ring } of the item ImGui's navigation is on.
function focused(page) {
  return page.evaluate(() => {
    const item = window.careDesktop.items().find((i) => i.focused);
    return item ? { label: item.label, text: item.text, ring: item.ring, active: item.active } : null;
  });
}

// Presses `key` until the control labelled `label` has the keyboard (or fails, naming
// what had it at each press).
async function pressUntil(page, key, label, { presses = 40 } = {}) {
  const seen = [];
  for (let i = 0; i < presses; ++i) {
    await page.keyboard.press(key);
    await page.waitForTimeout(60);
    const now = await focused(page);
    seen.push(now?.label ?? '(none)');
    if (now && (now.label === label || now.text === label)) {
      // A text field takes keys once it is being edited (the frame after focus).
      if (label.startsWith('##')) {
        await page.waitForFunction((l) => window.careDesktop.items().some((i) => i.label === l && i.active),
          label, { timeout: 5000 });
      }
      return now;
    }
  }
  await screenshot(page, `keyboard-missed-${label.replace(/[^\p{L}\p{N}]+/gu, '-')}`);
  throw new Error(`${key} never reached "${label}"; focus went: ${JSON.stringify(seen)}`);
}

async function signInByKeyboard(page, username) {
  await waitForItem(page, '##username');
  await pressUntil(page, 'Tab', '##username');
  await page.keyboard.type(username);
  await pressUntil(page, 'Tab', '##password');
  await page.keyboard.type(`${username} password`);
  await page.keyboard.press('Enter');
  // Not Ready on a first sign-in; as an earlier test left the agent otherwise.
  await page.waitForFunction(() => window.careDesktop.items()
    .some((i) => i.visible && i.label.endsWith('###agent-state')), null, { timeout: 10000 });
}

// The mouse must never be used: any mouse event on the page fails the test.
async function forbidMouse(page) {
  await page.evaluate(() => {
    window.mouseEvents = 0;
    for (const type of ['mousedown', 'mouseup', 'click', 'pointerdown']) {
      window.addEventListener(type, (event) => { if (event.isTrusted) window.mouseEvents += 1; }, true);
    }
  });
}

test('the whole seed flow with the keyboard only', async () => {
  const { context, page, problems } = await openDesktop(browser, server.url);
  await forbidMouse(page);
  await signInByKeyboard(page, 'anna');

  await page.keyboard.press('Alt+R');
  await waitForItem(page, '● Ready');

  const api = (...args) => callApi(server, ...args);
  // Vera is a customer with an earlier case: her chat is hers, and her journey shows it.
  const rootCookie = await server.signIn(admin.username, admin.password);
  const vera = await api('POST', '/api/customers', {
    kind: 'contact', name: 'Vera Lind', email: 'vera.lind@example.com',
  }, { Cookie: rootCookie });
  assert.equal(vera.status, 201);
  await api('POST', `/api/customers/${vera.body.customer.id}/requests`, { title: 'Parcel to Malmö' },
    { Cookie: rootCookie });
  const chat = await api('POST', '/api/channels/chat', {
    name: 'Vera Lind', email: 'vera.lind@example.com', question: 'Where is my parcel?',
  });
  assert.equal(chat.status, 201);
  await waitForItem(page, 'Accept###accept-offer');
  await page.keyboard.press('Alt+A');
  await waitForItem(page, 'Where is my parcel?');

  // F6 goes pane by pane; Tab through the communication pane reaches the composer.
  await pressUntil(page, 'F6', 'In progress###pane-progress', { presses: 4 });
  assert.equal((await focused(page)).ring, true, 'the focus ring shows');
  await screenshot(page, 'keyboard-focus-ring');
  await page.keyboard.press('F6');
  await pressUntil(page, 'Tab', '##composer');
  await page.keyboard.type('Let me look it up.');
  await page.keyboard.press('Enter');
  await waitForItem(page, 'Let me look it up.');
  const widget = { Authorization: `Bearer ${chat.body.chat.token}` };
  const lines = await api('GET', `/api/channels/chat/${chat.body.chat.id}/messages`, undefined, widget);
  assert.equal(lines.body.messages.at(-1).text, 'Let me look it up.');

  // The details pane: the title, Save by Enter, a tag, a comment.
  await page.keyboard.press('F6');
  await pressUntil(page, 'Tab', '##request-title');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Parcel late');
  await pressUntil(page, 'Tab', 'Save###save-request');
  await page.keyboard.press('Enter');
  await waitForItem(page, 'Saved');
  await pressUntil(page, 'Tab', '##tag-input');
  await page.keyboard.type('delivery');
  await page.keyboard.press('Enter');
  await waitForItem(page, 'delivery  ×');
  // The field, empty again, keeps the keyboard; one Shift+Tab goes back to the control
  // before it (the new tag), one Tab comes back, as Tab and Shift+Tab do elsewhere.
  await page.waitForFunction(() => window.careDesktop.items().some((i) => i.label === '##tag-input' && i.active));
  await page.keyboard.press('Shift+Tab');
  await page.waitForFunction(() => window.careDesktop.items().find((i) => i.focused)?.label !== '##tag-input',
    null, { timeout: 5000 }).catch(() => {});
  assert.equal((await focused(page))?.label, 'delivery  ×###tag-delivery', 'Shift+Tab went back from the tag field');
  await pressUntil(page, 'Tab', '##tag-input', { presses: 1 });
  await pressUntil(page, 'Tab', '##comment-input');
  await page.keyboard.type('Carrier asked');
  await page.keyboard.press('Enter');
  await waitForItem(page, 'Carrier asked');

  // The customer's journey: her cases, then her timeline, then back to the details.
  // (Her open request took the chat; the agent renamed it above.)
  await page.keyboard.press('Alt+3');
  await waitForItem(page, 'Recent cases');
  await waitForItem(page, 'Parcel late');
  await page.keyboard.press('Alt+4');
  await waitForItem(page, '##quick-note');
  await page.keyboard.press('Alt+1');
  await waitForItem(page, '##request-title');

  // Close: Alt+C, then the dialog by Tab, Space and Enter.
  await page.keyboard.press('Alt+C');
  await waitForItem(page, 'Resolved###wrap-resolved');
  await pressUntil(page, 'Tab', 'Resolved###wrap-resolved');
  await page.keyboard.press('Space');
  await pressUntil(page, 'Tab', 'Close###close-confirm');
  await page.keyboard.press('Enter');
  await waitForItem(page, 'Nothing in progress');

  const activity = await api('GET', `/api/channels/chat/${chat.body.chat.id}/messages`, undefined, widget);
  assert.equal(activity.status, 200);
  assert.equal(await page.evaluate(() => window.mouseEvents), 0, 'no mouse event at all');
  assert.deepEqual(problems, []);
  await context.close();
});

test('Esc closes the palette and dialogs; Alt+N offers the Not Ready reasons; F1 lists the keys', async () => {
  const { context, page } = await openDesktop(browser, server.url);
  await forbidMouse(page);
  await signInByKeyboard(page, 'ivan');

  await page.keyboard.press('F1');
  await waitForItem(page, 'Alt+N');
  await waitForItem(page, 'Not Ready, choosing a reason');
  await screenshot(page, 'keyboard-help');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !window.careDesktop.items().some((i) => i.visible && i.text === 'Alt+N'));

  // Alt+N: the palette on the Not Ready lines; Enter takes the first reason.
  await page.keyboard.press('Alt+N');
  await page.waitForFunction(() => window.careDesktop.items()
    .some((i) => i.visible && i.text.startsWith('Not Ready — ')), null, { timeout: 5000 });
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !window.careDesktop.items()
    .some((i) => i.visible && i.text.startsWith('Not Ready — ')));
  await page.keyboard.press('Alt+R');
  await waitForItem(page, '● Ready');
  assert.equal(await page.evaluate(() => window.mouseEvents), 0);
  await context.close();
});

test('Ctrl+= zooms the whole desktop, remembered; the high-contrast theme from the palette', async () => {
  const { context, page } = await openDesktop(browser, server.url);
  await waitForItem(page, '##username');
  const height = async () => (await waitForItem(page, '##username')).h;
  const before = await height();
  await page.keyboard.press('Control+Equal');
  await page.keyboard.press('Control+Equal');
  await page.waitForFunction((h) => window.careDesktop.find('##username')
    .some((i) => i.visible && i.h > h * 1.15), before, { timeout: 5000 });
  const zoomed = await height();
  assert.ok(zoomed > before * 1.15 && zoomed < before * 1.35, `${before} → ${zoomed}`);
  // Remembered: a reload comes back at the same size.
  await page.reload();
  await page.waitForFunction(() => window.careDesktop && window.careDesktop.ready, null, { timeout: 20000 });
  await page.waitForFunction((h) => window.careDesktop.find('##username')
    .some((i) => i.visible && i.h > h * 1.15), before, { timeout: 10000 });
  await page.keyboard.press('Control+0');
  await page.waitForFunction((h) => window.careDesktop.find('##username')
    .some((i) => i.visible && Math.abs(i.h - h) < 0.5), before, { timeout: 5000 });

  // Signed in, the palette switches to high contrast; the pixels under the work area
  // turn black.
  await signInByKeyboard(page, 'olga');
  await page.keyboard.press('Control+K');
  await page.keyboard.type('High contrast');
  await screenshot(page, 'keyboard-palette-contrast');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(300);
  const look = await page.evaluate(() => localStorage.getItem('care.look'));
  assert.equal(look, '100 high-contrast');
  await screenshot(page, 'keyboard-high-contrast');
  await context.close();
});

test('Up and Down walk the palette lines while its field keeps the typing', async () => {
  const { context, page } = await openDesktop(browser, server.url);
  await forbidMouse(page);
  await signInByKeyboard(page, 'ivan');
  const look = () => page.evaluate(() => localStorage.getItem('care.look'));
  const picked = () => page.evaluate(() => window.careDesktop.items()
    .filter((i) => i.visible && i.label.includes('###palette-') && i.chosen).map((i) => i.text));

  // The input queue hands the desktop one key change a frame: the lines are filtered
  // once every palette line shown has the word (the unfiltered list shows "Zoom out"
  // too; the last line is "Find customer: zoom").
  const filtered = (word) => page.waitForFunction((w) => {
    const lines = window.careDesktop.items().filter((i) => i.visible && i.label.includes('###palette-'));
    return lines.length > 0 && lines.every((i) => i.text.toLowerCase().includes(w));
  }, word, { timeout: 5000 });

  // "Zoom in" comes first, then "Zoom out": Down picks the second line.
  await page.keyboard.press('Control+K');
  await page.keyboard.type('zoom');
  await filtered('zoom');
  assert.deepEqual(await picked(), ['Zoom in']);
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() => window.careDesktop.items()
    .some((i) => i.visible && i.text === 'Zoom out' && i.chosen), null, { timeout: 5000 });
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => localStorage.getItem('care.look') === '90 dark', null, { timeout: 5000 });

  // Up stops at the first line; typing again starts from the first line.
  await page.keyboard.press('Control+K');
  await page.keyboard.type('zoo');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.type('m');
  await page.keyboard.press('ArrowUp');
  // Which line Enter takes is what this part checks: Up past the first line would
  // give "Zoom out" (80 %), not "Zoom in" (100 %).
  await filtered('zoom');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => localStorage.getItem('care.look') === '100 dark', null, { timeout: 5000 });
  assert.equal(await look(), '100 dark');
  assert.equal(await page.evaluate(() => window.mouseEvents), 0);
  await context.close();
});

// `first` (Ctrl+K or Tab), `words` and (when `enter`) Enter, all between two frames of
// the desktop: dispatched in one go, so that they surely do.
function typeAtOnce(page, words, { first = 'Ctrl+K', enter = false } = {}) {
  return page.evaluate(({ words, first, enter }) => {
    const send = (type, key, keyCode, { ctrl = false, charCode = 0 } = {}) =>
      window.dispatchEvent(new KeyboardEvent(type, { key, keyCode, which: keyCode, charCode, ctrlKey: ctrl, bubbles: true }));
    if (first === 'Ctrl+K') {
      send('keydown', 'Control', 17, { ctrl: true });
      send('keydown', 'k', 75, { ctrl: true });
      send('keyup', 'k', 75, { ctrl: true });
      send('keyup', 'Control', 17);
    } else {
      send('keydown', 'Tab', 9);
      send('keyup', 'Tab', 9);
    }
    for (const c of words) {
      const keyCode = c.toUpperCase().charCodeAt(0);
      send('keydown', c, keyCode);
      send('keypress', c, 0, { charCode: c.charCodeAt(0) });
      send('keyup', c, keyCode);
    }
    if (enter) {
      send('keydown', 'Enter', 13);
      send('keyup', 'Enter', 13);
    }
  }, { words, first, enter });
}

async function paletteLines(page) {
  return page.evaluate(() => window.careDesktop.items()
    .filter((i) => i.visible && i.label.includes('palette')).map((i) => `${i.label}=${i.text}`));
}

// A fast typist: Ctrl+K, the words and Enter come to the desktop between two of its
// frames. The input queue hands them on a key change a frame; ImGui 1.86 drops the
// characters of the frame in which the keyboard opens a field, so the first letter
// was lost ("oom" for "zoom"): CI, slower, failed the Up-and-Down test on it twice,
// and "igh contrast" still finds its line, so the words here are checked whole.
test('words typed at once after Ctrl+K land in the palette', async () => {
  const { context, page } = await openDesktop(browser, server.url);
  await signInByKeyboard(page, 'olga');
  assert.notEqual(await page.evaluate(() => localStorage.getItem('care.look')), '100 high-contrast');
  await page.waitForTimeout(300);

  // The last line repeats the query whole: "Find customer: zoom".
  await typeAtOnce(page, 'zoom');
  await page.waitForFunction(() => window.careDesktop.items()
    .some((i) => i.visible && i.label.includes('###palette-') && i.text.endsWith(': zoom')), null,
  { timeout: 5000 }).catch(async () => {
    await screenshot(page, 'keyboard-palette-at-once-zoom');
    assert.fail(`the palette lost words: ${JSON.stringify(await paletteLines(page))}`);
  });
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !window.careDesktop.items()
    .some((i) => i.visible && i.label.includes('##palette-input')), null, { timeout: 5000 });

  await typeAtOnce(page, 'high contrast', { enter: true });
  await page.waitForFunction(() => localStorage.getItem('care.look') === '100 high-contrast', null,
    { timeout: 5000 }).catch(async () => {
    await screenshot(page, 'keyboard-palette-at-once');
    assert.fail(`the palette did not take the words: ${JSON.stringify(await paletteLines(page))}`);
  });
  await page.waitForFunction(() => !window.careDesktop.items()
    .some((i) => i.visible && i.label.includes('##palette-input')), null, { timeout: 5000 });
  await context.close();
});

// Tab opens the next field for typing a frame later: the password typed at once after
// it keeps its first letter, and Enter signs in.
test('a password typed at once after Tab keeps every letter', async () => {
  const { context, page } = await openDesktop(browser, server.url);
  await waitForItem(page, '##username');
  await pressUntil(page, 'Tab', '##username');
  await page.keyboard.type('anna');
  await typeAtOnce(page, 'anna password', { first: 'Tab', enter: true });
  await page.waitForFunction(() => window.careDesktop.items()
    .some((i) => i.visible && i.label.endsWith('###agent-state')), null, { timeout: 10000 })
    .catch(async () => {
      await screenshot(page, 'keyboard-password-at-once');
      assert.fail('Tab, the password and Enter at once did not sign in');
    });
  await context.close();
});
