// The help portal's and chat widget's words (web/help.js TEXTS), read without a browser:
// every language has every key English has, and no language carries another's words.
// (Serbian once showed the rating form in Danish: a pasted block nobody translated.)
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const source = readFileSync(path.join(here, '../../web/help.js'), 'utf8');
const start = source.indexOf('const TEXTS = {');
const end = source.indexOf('\n};\n', start);
// eslint-disable-next-line no-new-func
const TEXTS = new Function(`${source.slice(start, end + 3)} return TEXTS;`)();

// A text's words, plural forms flattened.
const words = (value) => (typeof value === 'string' ? [value] : Object.values(value));

test('every language has every key English has', () => {
  const keys = Object.keys(TEXTS.en).sort();
  assert.ok(keys.length > 40, `${keys.length} keys`);
  for (const [language, texts] of Object.entries(TEXTS)) {
    assert.deepEqual(Object.keys(texts).sort(), keys, language);
  }
});

test('no language carries another language\'s words', () => {
  const languages = Object.keys(TEXTS);
  for (const a of languages) {
    for (const b of languages) {
      if (a >= b) continue;
      const shared = Object.keys(TEXTS.en).filter((key) => words(TEXTS[a][key]).some((text) =>
        text.length > 12 && words(TEXTS[b][key]).includes(text)));
      assert.deepEqual(shared, [], `${a} and ${b} say the same`);
    }
  }
});
