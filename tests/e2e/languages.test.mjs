// Words (R-J2): in each language the desktop ships, the everyday screens show no text
// from the English catalogue where that language has its own words (names, customer
// data and what is the same in both, like "Chat" in Danish, aside).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, openDesktop, screenshot } from './support/browser.mjs';
import { gatewayKey, setUpScreens, walkScreens } from './support/screens.mjs';
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

// English texts that `tag` translates differently: as whole texts, as the parts of a
// composed line ("Chat · Anna  00:14"), and as patterns for the formatted ones ("%d s left").
function englishOnly(english, translated) {
  const words = new Set();
  const patterns = [];
  english.forEach((text, key) => {
    if (text === translated[key] || !/\p{L}{2}/u.test(text)) return;
    if (/%/.test(text)) {
      const pattern = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%[-0-9.]*(?:zu|lld|d|s)/g, '.+');
      patterns.push(new RegExp(`^${pattern}$`, 'u'));
    } else {
      words.add(text);
    }
  });
  return { words, patterns };
}

const parts = (text) => [text, ...text.split(/\s+·\s+|\s{2,}|: | — |\s*\(|\)\s*/u)].map((t) => t.trim()).filter(Boolean);

// The check itself sees English: the English desktop, held to Hungarian's list, fails it.
test('control: the English desktop shows the words the check looks for', async () => {
  const { context, page } = await openDesktop(browser, server.url, { width: 1280, height: 800 });
  const english = await page.evaluate(() => window.careDesktop.catalogue('en'));
  const hungarian = await page.evaluate(() => window.careDesktop.catalogue('hu'));
  const { words, patterns } = englishOnly(english, hungarian);
  assert.ok(words.size > 100, `${words.size} English-only words`);
  const seen = {};
  await walkScreens(page, ids, async (name) => {
    const shown = await page.evaluate(() => window.careDesktop.items()
      .filter((i) => i.visible && i.text).map((i) => i.text));
    seen[name] = shown.filter((text) => parts(text).some((part) => words.has(part))
      || patterns.some((pattern) => pattern.test(text))).length;
  });
  for (const name of Object.keys(seen)) assert.ok(seen[name] >= 3, `${name}: ${seen[name]} English texts found`);
  await context.close();
});

for (const tag of ['bg', 'hu', 'da', 'sr-Latn', 'uk']) {
  test(`${tag}: no English words on the everyday screens`, async () => {
    const { context, page, problems } = await openDesktop(browser, server.url, { width: 1280, height: 800 });
    await page.evaluate((language) => window.localStorage.setItem('care.language', language), tag);
    await page.reload();
    await page.waitForFunction(() => window.careDesktop && window.careDesktop.ready, null, { timeout: 20000 });
    const english = await page.evaluate(() => window.careDesktop.catalogue('en'));
    const translated = await page.evaluate((t) => window.careDesktop.catalogue(t), tag);
    assert.equal(translated.length, english.length, `${tag} is a language of the catalogue`);
    const { words, patterns } = englishOnly(english, translated);

    const faults = [];
    await walkScreens(page, ids, async (name) => {
      const shown = await page.evaluate(() => window.careDesktop.items()
        .filter((i) => i.visible && i.text).map((i) => i.text));
      const found = shown.filter((text) => parts(text).some((part) => words.has(part))
        || patterns.some((pattern) => pattern.test(text)));
      if (found.length) {
        faults.push(`${name}: ${[...new Set(found)].join(' | ')}`);
        await screenshot(page, `languages-${tag}-${name}`);
      }
    });
    assert.deepEqual(faults, []);
    assert.deepEqual(problems, []);
    await context.close();
  });
}
