// The help portal (R-H1) in a real browser against a real server: a home with the
// categories and most read articles in the visitor's language (with a switch), each
// article a page of its own that back and forward walk through, and the chat widget
// showing each line's time and the visitor's place in the queue, live.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, screenshot, watchProblems } from './support/browser.mjs';
import { callApi } from './support/api.mjs';
import { startServer } from './support/server.mjs';

const admin = { username: 'root', password: 'correct horse' };
let server;
let browser;
let rootCookie;
let agentCookie;
const ids = {};

const api = (method, path, body, cookie = rootCookie) =>
  callApi(server, method, path, body, { Cookie: cookie });

async function article(title, language, category, views = 0) {
  const created = await api('POST', '/api/kb', { title, body: `${title}.\n\nStep one. Step two.`, language, category });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  for (let i = 0; i < views; ++i) {
    assert.equal((await api('GET', `/api/channels/kb/${created.body.article.id}`, undefined, '')).status, 200);
  }
  return created.body.article.id;
}

before(async () => {
  server = await startServer({ admin });
  rootCookie = await server.signIn(admin.username, admin.password);
  const anna = await server.createAgent(rootCookie, {
    username: 'anna', display_name: 'Anna Petrova', password: 'anna password', role: 'agent',
  });
  const queue = await api('POST', '/api/queues', { name: 'Chat' });
  assert.equal(queue.status, 201);
  assert.equal((await api('PUT', `/api/agents/${anna.id}/routing`, { queues: [queue.body.queue.id] })).status, 200);
  agentCookie = await server.signIn('anna', 'anna password');

  ids.daRouter = await article('Routeren blinker rødt', 'da', 'Internet og router', 3);
  ids.daSlow = await article('Langsomt internet om aftenen', 'da', 'Internet og router', 1);
  ids.daPassword = await article('Glemt adgangskode', 'da', 'Konto og login', 2);
  // A hostile title is text on the page, never markup.
  ids.daHostile = await article('Faktura <img src=x onerror="window.pwned=1">', 'da', 'Regninger', 0);
  ids.enRouter = await article('Router blinking red', 'en', 'Internet and router', 2);
  ids.enPassword = await article('Resetting your password', 'en', 'Account and sign-in', 1);
  ids.bgRouter = await article('Рутерът мига в червено', 'bg', 'Интернет и рутер', 1);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function portal({ locale = 'en-GB', width = 1280, height = 800, timezoneId } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, locale, timezoneId });
  const page = await context.newPage();
  const problems = watchProblems(page);
  return { context, page, problems };
}

const texts = (page, selector) => page.$$eval(selector, (els) => els.map((el) => el.textContent.trim()));

// Every visible text's contrast with the background it is drawn on (WCAG 2.1 1.4.3).
async function lowContrast(page) {
  return page.evaluate(() => {
    const rgb = (text) => (text.match(/[\d.]+/g) || []).map(Number);
    const luminance = ([r, g, b]) => {
      const channel = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const background = (el) => {
      for (let at = el; at; at = at.parentElement) {
        const colour = rgb(getComputedStyle(at).backgroundColor);
        if (colour.length === 3 || colour[3] > 0) return colour.slice(0, 3);
      }
      return [255, 255, 255];
    };
    const bad = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!node.textContent.trim() || !el.checkVisibility?.() || el.closest('[hidden]')) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      const fore = luminance(rgb(getComputedStyle(el).color));
      const back = luminance(background(el));
      const ratio = (Math.max(fore, back) + 0.05) / (Math.min(fore, back) + 0.05);
      if (ratio < 4.5) bad.push(`${node.textContent.trim().slice(0, 30)}: ${ratio.toFixed(2)}`);
    }
    return bad;
  });
}

test('the home lists categories and popular articles in the browser language, with a switch', async () => {
  const { context, page, problems } = await portal({ locale: 'da-DK' });
  await page.goto(`${server.url}/help.html`);
  await page.waitForSelector('#categories li');
  assert.equal(await page.getAttribute('html', 'lang'), 'da');
  assert.equal(await page.textContent('#home h1'), 'Hvordan kan vi hjælpe?');
  assert.deepEqual(await texts(page, '#categories .category-name'), ['Internet og router', 'Konto og login', 'Regninger']);
  assert.deepEqual(await texts(page, '#categories .category-count'), ['2 artikler', '1 artikel', '1 artikel']);
  // Most read first; only this language's articles.
  const popular = await texts(page, '#popular .article-link-title');
  assert.deepEqual(popular.slice(0, 3), ['Routeren blinker rødt', 'Glemt adgangskode', 'Langsomt internet om aftenen']);
  assert.ok(!popular.includes('Router blinking red'));
  assert.ok(popular.includes('Faktura <img src=x onerror="window.pwned=1">'));
  assert.equal(await page.locator('#portal img').count(), 0);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assert.deepEqual(await lowContrast(page), []);
  await screenshot(page, 'help-home-da-desktop');

  // The switch: English, remembered in this browser.
  await page.selectOption('#language', 'en');
  await page.waitForFunction(() => document.querySelector('#home h1').textContent === 'How can we help?');
  await page.waitForFunction(() => document.querySelector('#categories .category-name')?.textContent === 'Account and sign-in');
  assert.deepEqual(await texts(page, '#categories .category-name'), ['Account and sign-in', 'Internet and router']);
  assert.deepEqual(await texts(page, '#popular .article-link-title'), ['Router blinking red', 'Resetting your password']);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.getAttribute('#search-input', 'placeholder'), 'Search articles');
  await page.reload();
  await page.waitForSelector('#categories li');
  assert.equal(await page.textContent('#home h1'), 'How can we help?');

  // Another visitor, another browser language (Bulgarian), on a phone.
  const phone = await portal({ locale: 'bg-BG', width: 375, height: 667 });
  await phone.page.goto(`${server.url}/help.html`);
  await phone.page.waitForSelector('#categories li');
  assert.equal(await phone.page.textContent('#home h1'), 'С какво можем да помогнем?');
  assert.deepEqual(await texts(phone.page, '#categories .category-name'), ['Интернет и рутер']);
  assert.deepEqual(await texts(phone.page, '#popular .article-link-title'), ['Рутерът мига в червено']);
  const width = await phone.page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 375, `nothing runs off a phone screen (${width}px)`);
  await screenshot(phone.page, 'help-home-bg-phone');
  assert.deepEqual(phone.problems, []);
  await phone.context.close();
  assert.deepEqual(problems, []);
  await context.close();
});

test('each article is a page of its own: its own address, back and forward, a category page', async () => {
  const { context, page, problems } = await portal({ locale: 'da-DK' });
  await page.goto(`${server.url}/help.html`);
  await page.waitForSelector('#popular li');
  await page.click('#popular .article-link >> text=Glemt adgangskode');
  await page.waitForURL(`**/help.html#/articles/${ids.daPassword}`);
  await page.waitForFunction(() => document.querySelector('#article-title').textContent === 'Glemt adgangskode');
  assert.equal(await page.locator('#home').isVisible(), false);
  assert.equal(await page.title(), 'Glemt adgangskode – Hjælpecenter');
  // Focus moves once the page is drawn, a moment after its title is set.
  await page.waitForFunction(() => document.activeElement?.id === 'article-title', null, { timeout: 5000 })
    .catch(() => {});
  assert.equal(await page.evaluate(() => document.activeElement.id), 'article-title', 'focus moves to the new page');
  assert.match(await page.textContent('#article-body'), /Step one/);
  await screenshot(page, 'help-article-da');

  // Its category, from the breadcrumb: a page of its own too.
  await page.click('#article-category');
  await page.waitForURL(`**/help.html#/categories/da/${encodeURIComponent('Konto og login')}`);
  await page.waitForFunction(() => document.querySelector('#category-title').textContent === 'Konto og login');
  // The title is set at once; the list follows when its articles have been read.
  await page.waitForSelector('#category-articles .article-link-title');
  assert.deepEqual(await texts(page, '#category-articles .article-link-title'), ['Glemt adgangskode']);

  // Back and forward walk the pages.
  await page.goBack();
  await page.waitForFunction(() => !document.querySelector('#article').hidden &&
    document.querySelector('#article-title').textContent === 'Glemt adgangskode');
  await page.goBack();
  await page.waitForFunction(() => !document.querySelector('#home').hidden);
  assert.equal(new URL(page.url()).hash, '');
  await page.goForward();
  await page.waitForFunction(() => !document.querySelector('#article').hidden);
  assert.equal(new URL(page.url()).hash, `#/articles/${ids.daPassword}`);

  // A search is a page too; its results open articles.
  await page.fill('#search-input', 'router');
  await page.press('#search-input', 'Enter');
  await page.waitForURL('**/help.html#/search/router');
  await page.waitForSelector('#results .article-link');
  await page.click('#results .article-link >> text=Routeren blinker rødt');
  await page.waitForURL(`**/help.html#/articles/${ids.daRouter}`);
  await page.goBack();
  await page.waitForFunction(() => !document.querySelector('#results').hidden);

  // Linkable: the address opens the article directly, in another language too; the
  // desktop's older share links still land; an unknown article says so.
  const other = await context.newPage();
  await other.goto(`${server.url}/help.html#/articles/${ids.enRouter}`);
  await other.waitForFunction(() => document.querySelector('#article-title').textContent === 'Router blinking red');
  assert.equal(await other.getAttribute('#article', 'lang'), 'en');
  await other.goto(`${server.url}/help.html#article-${ids.bgRouter}`);
  await other.waitForURL(`**/help.html#/articles/${ids.bgRouter}`);
  await other.waitForFunction(() => document.querySelector('#article-title').textContent === 'Рутерът мига в червено');
  await other.goto(`${server.url}/help.html#/articles/999999`);
  await other.waitForFunction(() => document.querySelector('#article-title').textContent === 'Denne artikel findes ikke.');

  // Keyboard only: the skip link first, then Tab to an article and Enter opens it.
  await other.goto(`${server.url}/help.html`);
  await other.waitForSelector('#popular li');
  await other.keyboard.press('Tab');
  assert.equal(await other.evaluate(() => document.activeElement.className), 'skip-link');
  let onArticle = false;
  for (let i = 0; i < 30 && !onArticle; ++i) {
    await other.keyboard.press('Tab');
    onArticle = await other.evaluate(() => document.activeElement.classList.contains('article-link'));
  }
  assert.ok(onArticle, 'an article link is reachable with Tab');
  await other.keyboard.press('Enter');
  await other.waitForURL('**/help.html#/articles/*');
  // Every field has a label; there is one page heading and the usual landmarks.
  const unlabelled = await other.$$eval('input, select, textarea', (els) =>
    els.filter((el) => el.labels.length === 0 && !el.getAttribute('aria-label')).map((el) => el.outerHTML));
  assert.deepEqual(unlabelled, []);
  assert.equal(await other.locator('header.portal-header').count(), 1);
  assert.equal(await other.locator('main').count(), 1);
  assert.equal(await other.locator('[role=search]').count(), 1);
  assert.deepEqual(await lowContrast(other), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the widget shows each line at its local time and the visitor\'s place in the queue, live', async () => {
  // Two customers already wait: the visitor is third.
  const waiting = [];
  for (const name of ['Ida', 'Lars']) {
    const started = await api('POST', '/api/channels/chat', { name, email: `${name.toLowerCase()}@example.dk`, question: 'Hej' }, '');
    assert.equal(started.status, 201, JSON.stringify(started.body));
    waiting.push(started.body.task.id);
  }
  const timezoneId = 'Asia/Tokyo';
  const { context, page, problems } = await portal({ locale: 'da-DK', width: 1280, height: 800, timezoneId });
  await page.goto(`${server.url}/help.html`);
  await page.click('#chat-launcher');
  await page.fill('#survey [name=name]', 'Freja Holm');
  await page.fill('#survey [name=email]', 'freja@example.dk');
  await page.fill('#survey [name=question]', 'Min router blinker rødt');
  await page.click('#survey button[type=submit]');
  await page.waitForFunction(() => document.querySelector('#queue-place').textContent === 'Du er nummer 3 i køen');
  assert.equal(await page.textContent('#chat-status'), 'Venter på en medarbejder…');

  // Each line shows its time, in the visitor's own time zone.
  await page.waitForSelector('#transcript li.inbound time');
  const line = await page.$eval('#transcript li.inbound', (li) => ({
    text: li.querySelector('.text').textContent, at: li.querySelector('time').dateTime, shown: li.querySelector('time').textContent,
  }));
  assert.equal(line.text, 'Min router blinker rødt');
  const local = new Intl.DateTimeFormat('da', { hour: '2-digit', minute: '2-digit', timeZone: timezoneId }).format(new Date(line.at));
  assert.equal(line.shown, local);
  assert.ok(Math.abs(Date.parse(line.at) - Date.now()) < 60000, line.at);

  // An agent takes the first chat: the visitor moves up, live; in English after a switch.
  const accept = async (task) => {
    const taken = await api('POST', `/api/tasks/${task}/accept`, {}, agentCookie);
    assert.equal(taken.status, 200, JSON.stringify(taken.body));
    return taken.body;
  };
  await accept(waiting[0]);
  await page.waitForFunction(() => document.querySelector('#queue-place').textContent === 'Du er nummer 2 i køen');
  await page.selectOption('#language', 'en');
  await page.waitForFunction(() => document.querySelector('#queue-place').textContent === 'You are number 2 in the queue');
  assert.equal(await page.textContent('#transcript li.inbound .who'), 'You');
  await screenshot(page, 'help-chat-queue-desktop');
  await accept(waiting[1]);
  await page.waitForFunction(() => document.querySelector('#queue-place').textContent === 'You are next in the queue');

  // Then the visitor's own chat: the agent joins, the queue line goes, lines keep times.
  const chatId = await page.evaluate(() => JSON.parse(sessionStorage.getItem('care-chat')).id);
  const queue = await api('GET', '/api/queue', undefined, agentCookie);
  const mine = queue.body.tasks.find((entry) => entry.activity.id === chatId);
  assert.ok(mine, JSON.stringify(queue.body));
  await accept(mine.task.id);
  await page.waitForFunction(() => document.querySelector('#chat-status').textContent === 'Anna Petrova is here to help');
  assert.equal(await page.locator('#queue-place').isVisible(), false);
  const reply = await api('POST', `/api/activities/${chatId}/messages`, { text: 'Hej Freja! <b>Genstart</b> routeren.' }, agentCookie);
  assert.equal(reply.status, 201);
  await page.waitForSelector('#transcript li.outbound');
  const answer = await page.$eval('#transcript li.outbound', (li) => ({
    text: li.querySelector('.text').textContent, who: li.querySelector('.who').textContent,
    at: li.querySelector('time').dateTime, shown: li.querySelector('time').textContent,
  }));
  assert.equal(answer.text, 'Hej Freja! <b>Genstart</b> routeren.');
  assert.equal(answer.who, 'Anna Petrova');
  assert.equal(answer.shown, new Intl.DateTimeFormat('en', { hour: '2-digit', minute: '2-digit', timeZone: timezoneId }).format(new Date(answer.at)));
  assert.equal(await page.locator('#transcript b').count(), 0);
  assert.deepEqual(await lowContrast(page), []);
  await screenshot(page, 'help-chat-desktop');

  // After a reload the widget asks where the chat stands: still with Anna.
  await page.reload();
  await page.waitForFunction(() => document.querySelector('#chat-status').textContent === 'Anna Petrova is here to help');
  assert.equal(await page.locator('#transcript li time').count(), 2);

  // On a phone the same widget fits the screen.
  const phone = await portal({ locale: 'da-DK', width: 375, height: 667 });
  await phone.page.goto(`${server.url}/help.html`);
  await phone.page.click('#chat-launcher');
  await phone.page.fill('#survey [name=name]', 'Søren');
  await phone.page.fill('#survey [name=email]', 'soren@example.dk');
  await phone.page.fill('#survey [name=question]', 'Hvornår kommer min pakke?');
  await phone.page.click('#survey button[type=submit]');
  await phone.page.waitForFunction(() => /Du er (nummer \d+|den næste) i køen/.test(document.querySelector('#queue-place').textContent));
  await screenshot(phone.page, 'help-chat-phone');
  assert.deepEqual(phone.problems, []);
  await phone.context.close();
  assert.deepEqual(problems, []);
  await context.close();
});
