// The accessibility mirror (issue 16): the canvas is aria-hidden and a hidden DOM beside
// it says what ImGui drew. Chromium's own accessibility tree (CDP) must hold each control
// of the seed flow with its role and its name in the agent's language; the flow is then
// done through the mirror alone: DOM clicks on its nodes and typing into its fields,
// never a mouse event on the canvas.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, openDesktop, screenshot } from './support/browser.mjs';
import { callApi, chatQueueWith } from './support/api.mjs';
import { startServer } from './support/server.mjs';

const admin = { username: 'root', password: 'correct horse' };
let server;
let browser;
let rootCookie;

const api = (...args) => callApi(server, ...args);

before(async () => {
  server = await startServer({ admin });
  await chatQueueWith(server, admin, [['anna', 'Anna Petrova'], ['ivan', 'Ivan Georgiev'], ['olaf', 'Olaf Berg']]);
  rootCookie = await server.signIn(admin.username, admin.password);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// Chromium's accessibility tree, as a screen reader gets it: role, name, properties.
async function accessibilityTree(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    return nodes.filter((n) => !n.ignored).map((n) => ({
      role: n.role?.value,
      name: n.name?.value ?? '',
      props: Object.fromEntries((n.properties || []).map((p) => [p.name, p.value?.value])),
    }));
  } finally {
    await cdp.detach();
  }
}

// Waits until the tree holds a node of this role and name (and properties); returns it.
async function expectNode(page, role, name, props = {}) {
  let nodes = [];
  for (let i = 0; i < 50; ++i) {
    nodes = await accessibilityTree(page);
    const named = (n) => (typeof name === 'string' ? n.name === name : name.test(n.name));
    const hit = nodes.find((n) => n.role === role && named(n) &&
      Object.entries(props).every(([key, value]) => n.props[key] === value));
    if (hit) return hit;
    await page.waitForTimeout(200);
  }
  const file = await screenshot(page, `mirror-missing-${role}`).catch(() => '');
  const near = nodes.filter((n) => n.role === role && (typeof name === 'string' ? n.name === name : name.test(n.name)));
  throw new Error(`no ${role} "${name}" ${JSON.stringify(props)} in the accessibility tree (screenshot ${file}); ` +
    `it holds: ${JSON.stringify(nodes.filter((n) => n.name && n.role !== 'StaticText' && n.role !== 'InlineTextBox')
      .map((n) => `${n.role}:${n.name}`))}; by that role and name: ${JSON.stringify(near)}`);
}

const mirror = (page) => page.locator('#mirror-items');

// A click on the mirror node, as assistive technology does it: a DOM click on the
// element, not a mouse event on the canvas.
async function press(page, role, name, within = mirror(page)) {
  const node = within.getByRole(role, { name, exact: true }).first();
  await node.waitFor({ state: 'attached' });
  await node.evaluate((el) => el.click());
}

async function typeInto(page, name, text) {
  const field = mirror(page).getByRole('textbox', { name, exact: true }).first();
  await field.waitFor({ state: 'attached' });
  await field.focus();
  await page.keyboard.type(text);
}

// English words → the same catalogue entry in `tag`.
async function wordsIn(page, tag) {
  const english = await page.evaluate(() => window.careDesktop.catalogue('en'));
  const translated = await page.evaluate((t) => window.careDesktop.catalogue(t), tag);
  return (words) => {
    const key = english.indexOf(words);
    assert.ok(key >= 0, `"${words}" is in the catalogue`);
    return translated[key];
  };
}

async function openIn(tag) {
  const opened = await openDesktop(browser, server.url);
  if (tag !== 'en') {
    await opened.page.evaluate((language) => window.localStorage.setItem('care.language', language), tag);
    await opened.page.reload();
    await opened.page.waitForFunction(() => window.careDesktop && window.careDesktop.ready, null, { timeout: 20000 });
  }
  return opened;
}

// Offers go to `agent` only: the other agents (Ready from an earlier test) step away.
async function onlyOffersFor(agent) {
  for (const other of ['anna', 'ivan', 'olaf'].filter((a) => a !== agent)) {
    const cookie = await server.signIn(other, `${other} password`);
    const away = await api('PUT', '/api/me/state', { state: 'not_ready', reason: 'break' }, { Cookie: cookie });
    assert.equal(away.status, 200, JSON.stringify(away.body));
  }
}

async function linesOf(chat) {
  const widget = { Authorization: `Bearer ${chat.body.chat.token}` };
  return (await api('GET', `/api/channels/chat/${chat.body.chat.id}/messages`, undefined, widget)).body.messages.map((m) => m.text);
}

test('the canvas is hidden from assistive technology; the mirror is not', async () => {
  const { context, page } = await openDesktop(browser, server.url);
  assert.equal(await page.getAttribute('#canvas', 'aria-hidden'), 'true');
  const style = await page.evaluate(() => {
    const s = getComputedStyle(document.getElementById('mirror'));
    return { display: s.display, visibility: s.visibility };
  });
  assert.notEqual(style.display, 'none');
  assert.notEqual(style.visibility, 'hidden');
  await expectNode(page, 'textbox', 'Username');
  // No change, no frame, no mirror work: an idle desktop leaves the DOM alone.
  await page.waitForTimeout(1500);
  const quiet = await page.evaluate(() => new Promise((resolve) => {
    const before = window.careDesktop.frames;
    let changes = 0;
    const watch = new MutationObserver((records) => { changes += records.length; });
    watch.observe(document.getElementById('mirror-items'), { subtree: true, childList: true, attributes: true, characterData: true });
    setTimeout(() => { watch.disconnect(); resolve({ frames: window.careDesktop.frames - before, changes }); }, 1500);
  }));
  assert.deepEqual(quiet, { frames: 0, changes: 0 });
  await context.close();
});

for (const [tag, agent, customer] of [['en', 'anna', 'Karen Dahl'], ['hu', 'ivan', 'Kovács Éva']]) {
  test(`${tag}: the seed flow's controls by role and name, done through the mirror alone`, async () => {
    await onlyOffersFor(agent);
    const { context, page, problems } = await openIn(tag);
    const t = await wordsIn(page, tag);

    await expectNode(page, 'textbox', t('Username'));
    await expectNode(page, 'textbox', t('Password'));
    await expectNode(page, 'button', t('Sign in'));
    // Typed into the mirror's fields: the keys reach ImGui's fields through them.
    await typeInto(page, t('Username'), agent);
    await typeInto(page, t('Password'), `${agent} password`);
    await press(page, 'button', t('Sign in'));

    // The state control is a menu in the menu bar; the bar and its menus have names.
    // (Not Ready for a break when an earlier test sent them away: "Not Ready — Break".)
    const notReady = new RegExp(`^${t('Not Ready')}`);
    await expectNode(page, 'menubar', t('Main menu'));
    await expectNode(page, 'menuitem', notReady, { hasPopup: 'menu', expanded: false });
    await press(page, 'menuitem', notReady);
    await expectNode(page, 'menu', notReady);
    await press(page, 'menuitem', t('Ready'), page.locator('#mirror-items [role=menu]'));
    await expectNode(page, 'menuitem', t('Ready'), { hasPopup: 'menu' });

    // An offer: said at once in the assertive live region, accepted by its mirror node.
    const chat = await api('POST', '/api/channels/chat', { name: customer, email: `${agent}.customer@example.com`, question: 'Router?' });
    assert.equal(chat.status, 201);
    await expectNode(page, 'button', t('Accept'));
    const offered = t('%s offered: %s').replace('%s', t('Chat')).replace('%s', customer);
    const said = await page.waitForFunction(() => document.getElementById('announce-assertive').textContent, null, { timeout: 5000 });
    assert.ok((await said.jsonValue()).startsWith(offered), `${await said.jsonValue()} starts with ${offered}`);
    assert.equal(await page.getAttribute('#announce-assertive', 'aria-live'), 'assertive');
    // Accepted from its mirror node by Enter, as a screen reader's user does: the node
    // goes with the offer card, and the DOM's focus goes on to another mirror node (where
    // ImGui's navigation is, or the first control of a pane), never to the page's body.
    const accept = mirror(page).getByRole('button', { name: t('Accept'), exact: true }).first();
    await accept.focus();
    const acceptNode = await accept.elementHandle();
    await page.keyboard.press('Enter');
    await page.waitForFunction((el) => !el.isConnected, acceptNode, { timeout: 10000 });
    const holder = await page.evaluate(() => {
      const el = document.activeElement;
      return { body: el === document.body, inMirror: document.getElementById('mirror-items').contains(el),
        node: Boolean(el.careNode), name: el.getAttribute('aria-label') || el.textContent };
    });
    assert.equal(holder.body, false, 'focus fell to body');
    assert.ok(holder.inMirror && holder.node, `focus is on a mirror node: ${JSON.stringify(holder)}`);

    // The chat on the desktop: composer, Send, the request's title, tags, comment, the
    // panes and details tabs, Close.
    await expectNode(page, 'textbox', t('Message'), { multiline: true });
    await expectNode(page, 'button', t('Send'));
    await expectNode(page, 'textbox', t('Title'));
    await expectNode(page, 'textbox', t('Enter or Tab adds a tag'));
    await expectNode(page, 'textbox', t('Comments'));
    await expectNode(page, 'tab', t('In progress'), { selected: true });
    await expectNode(page, 'tab', t('Customers'), { selected: false });
    await expectNode(page, 'tablist', t('In progress'));
    await expectNode(page, 'tab', t('Timeline'));
    await expectNode(page, 'button', t('Close'));
    await expectNode(page, 'listbox', new RegExp(`^${t('Chat')} · ${customer}`));

    // A customer's line is read out politely.
    const widget = { Authorization: `Bearer ${chat.body.chat.token}` };
    await api('POST', `/api/channels/chat/${chat.body.chat.id}/messages`, { text: 'Still red.' }, widget);
    await page.waitForFunction((line) => document.getElementById('announce-polite').textContent.endsWith(line), 'Still red.', { timeout: 5000 });

    // Typing into the composer's mirror field reaches the desktop's composer; Enter sends.
    await typeInto(page, t('Message'), 'Checking the line now.');
    await page.keyboard.press('Enter');
    let lines = [];
    for (let i = 0; i < 50 && !lines.includes('Checking the line now.'); ++i) {
      lines = await linesOf(chat);
      await page.waitForTimeout(100);
    }
    assert.ok(lines.includes('Checking the line now.'), JSON.stringify(lines));
    // The field follows ImGui back: sent, the composer is empty again.
    await page.waitForFunction(() => document.activeElement.value === '', null, { timeout: 5000 });

    // Text put in without keys (dictation, autofill: Playwright's fill) reaches it too.
    const title = mirror(page).getByRole('textbox', { name: t('Title'), exact: true });
    await title.fill('Router: red light');
    await page.waitForFunction(() => window.careDesktop.items().some((i) => i.text === '17 / 2000'), null, { timeout: 5000 });
    // Focus follows both ways: Tab in ImGui moves the DOM's focus to the next field's
    // mirror node, and DOM focus on a mirror button is ImGui's navigation focus.
    await title.focus();
    await page.keyboard.press('Tab');
    await page.waitForFunction((name) => document.activeElement?.getAttribute('aria-label') === name,
      t('Description'), { timeout: 5000 });
    await mirror(page).getByRole('button', { name: t('Send'), exact: true }).focus();
    await page.waitForFunction(() => {
      const send = window.careDesktop.items().find((i) => i.label.endsWith('###send'));
      return send && window.careMirror.focus()?.nav === send.id;
    }, null, { timeout: 5000 });
    // The tabs switch by their mirror nodes.
    await press(page, 'tab', t('Timeline'));
    await expectNode(page, 'tab', t('Timeline'), { selected: true });

    // Close: the dialog is modal, its answers are radio buttons.
    await press(page, 'button', t('Close'));
    const dialog = mirror(page).getByRole('dialog', { name: t('Close') });
    await expectNode(page, 'dialog', t('Close'), { modal: true });
    // Its Close waits, disabled, until every question has an answer.
    await expectNode(page, 'button', t('Close'), { disabled: true });
    await expectNode(page, 'radio', t('Leave without creating'), { checked: 'false' });
    await expectNode(page, 'radio', t('Send and save it'), { checked: 'false' });
    const wrapUps = await page.evaluate(() => window.careDesktop.items().filter((i) => i.label.includes('###wrap-')).map((i) => i.text));
    assert.ok(wrapUps.length >= 2, JSON.stringify(wrapUps));
    for (const code of wrapUps) await expectNode(page, 'radio', code);
    await press(page, 'radio', t('Leave without creating'), dialog);
    await expectNode(page, 'radio', t('Leave without creating'), { checked: 'true' });
    await press(page, 'radio', t('Send and save it'), dialog);
    await press(page, 'radio', wrapUps[0], dialog);
    await expectNode(page, 'radio', wrapUps[0], { checked: 'true' });
    await screenshot(page, `mirror-close-${tag}`);
    await press(page, 'button', t('Close'), dialog);
    await expectNode(page, 'tab', t('In progress'), { selected: true });
    await page.waitForFunction((words) => window.careDesktop.items().some((i) => i.visible && i.text === words),
      t('Nothing in progress'), { timeout: 10000 });
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('an offer is said again at 10 and 5 seconds left', async () => {
  await onlyOffersFor('olaf');
  const { context, page } = await openDesktop(browser, server.url);
  await typeInto(page, 'Username', 'olaf');
  await typeInto(page, 'Password', 'olaf password');
  await page.keyboard.press('Enter');
  await press(page, 'menuitem', /^Not Ready/);
  await press(page, 'menuitem', 'Ready', page.locator('#mirror-items [role=menu]'));
  await expectNode(page, 'menuitem', 'Ready', { hasPopup: 'menu' });
  await api('POST', '/api/channels/chat', { name: 'Lars Holm', email: 'lars@example.dk', question: 'Hej' });
  const said = await page.waitForFunction(() => {
    const texts = window.careMirror.announced.filter((a) => a.urgency === 1).map((a) => a.text);
    return texts.includes('Offer: 5 seconds left') ? texts : null;
  }, null, { timeout: 30000 });
  const texts = await said.jsonValue();
  assert.deepEqual(texts.map((text) => text.replace(/:.*/, ':')),
    ['Chat offered:', 'Offer:', 'Offer:'], JSON.stringify(texts));
  assert.deepEqual(texts.slice(1), ['Offer: 10 seconds left', 'Offer: 5 seconds left']);
  await press(page, 'button', 'Decline');
  await context.close();
});

test('a refused sign-in is said as an alert, again at each new try', async () => {
  const { context, page } = await openDesktop(browser, server.url);
  const alerts = () => page.evaluate(() => window.careMirror.announced
    .filter((a) => a.urgency === 2).map((a) => a.text));
  for (let attempt = 1; attempt <= 2; ++attempt) {
    await typeInto(page, 'Username', 'olaf');
    await typeInto(page, 'Password', 'not his password');
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => window.careMirror.announced
      .filter((a) => a.urgency === 2).length >= n, attempt, { timeout: 10000 });
  }
  assert.deepEqual(await alerts(), ['Wrong username or password', 'Wrong username or password']);
  await context.close();
});

test('window.careDesktop.items() keeps its fields beside the mirror', async () => {
  const { context, page } = await openDesktop(browser, server.url);
  const found = await page.waitForFunction(() => window.careDesktop.items().find((i) => i.label === '##username'));
  const item = await found.jsonValue();
  for (const field of ['id', 'label', 'text', 'kind', 'window', 'x', 'y', 'w', 'h', 'visible', 'clip', 'scrolls', 'checked']) {
    assert.ok(field in item, field);
  }
  await context.close();
});
