// The help portal's colours (web/help.css) meet WCAG 2.1 AA by computation, not by eye:
// every text/background pair the rules use is at least 4.5:1 (1.4.3) and every focus
// ring and form-field border at least 3:1 against what it is drawn on (1.4.11).
// The browser tests measure the drawn pages too (help_portal, portal_a11y); this one
// also covers states a page rarely shows (hover, an invalid field, focus on ×).
//
// Where a rule's text sits: on the rule's own background when it sets one; else on the
// background of the nearest rule whose selector is a leading part of its own
// (".transcript li.inbound .meta" sits on ".transcript li.inbound"); else on the page
// or a card, the two surfaces the portal puts loose text on. A rule that sets only a
// background draws the text colour of the same selector without its state
// (button:hover → button), of that leading rule, or of body.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const css = readFileSync(path.join(here, '../../web/help.css'), 'utf8');

// Rules as [{selector, decls}], one per selector of a list, @media blocks flattened.
function parseRules(text) {
  const rules = [];
  const source = text.replace(/\/\*[\s\S]*?\*\//g, '');
  let at = 0;
  const walk = (end) => {
    while (at < end) {
      const open = source.indexOf('{', at);
      if (open < 0 || open >= end) return;
      const head = source.slice(at, open).trim();
      if (head.startsWith('@')) {  // a block of rules: find its closing brace
        let depth = 1;
        let close = open + 1;
        for (; depth > 0; ++close) {
          if (source[close] === '{') ++depth;
          else if (source[close] === '}') --depth;
        }
        at = open + 1;
        walk(close - 1);
        at = close;
        continue;
      }
      const close = source.indexOf('}', open);
      const decls = {};
      for (const part of source.slice(open + 1, close).split(';')) {
        const colon = part.indexOf(':');
        if (colon > 0) decls[part.slice(0, colon).trim()] = part.slice(colon + 1).trim().replace(/\s*!important$/, '');
      }
      for (const selector of head.split(',')) rules.push({ selector: selector.trim().replace(/\s+/g, ' '), decls });
      at = close + 1;
    }
  };
  walk(source.length);
  return rules;
}

const rules = parseRules(css);
const variables = Object.fromEntries(
  Object.entries(rules.find((rule) => rule.selector === ':root').decls).filter(([name]) => name.startsWith('--')));

// A colour as [r, g, b, alpha] from #rgb, #rgba, #rrggbb, or a var() of one; null for
// none and transparent (the text sits on what is behind).
function colour(value) {
  if (!value) return null;
  const named = /var\((--[\w-]+)\)/.exec(value);
  if (named) {
    assert.ok(named[1] in variables, `help.css uses ${named[1]}, which :root does not define`);
    return colour(variables[named[1]]);
  }
  if (/^(none|transparent)$/.test(value)) return null;
  const hex = /#([0-9a-f]{3,8})\b/i.exec(value);
  assert.ok(hex, `a colour help.css writes other than as #hex or var(): ${value}`);
  let digits = hex[1];
  if (digits.length <= 4) digits = [...digits].map((d) => d + d).join('');
  const parts = digits.match(/../g).map((pair) => parseInt(pair, 16));
  return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] / 255 : 1];
}

function luminance([r, g, b]) {
  const channel = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

export function contrast(fore, back) {
  const [a, b] = [luminance(fore), luminance(back)];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

const backgroundOf = (rule) => colour(rule.decls['background-color'] ?? rule.decls.background);
const bySelector = (selector) => rules.filter((rule) => rule.selector === selector);
// ".a .b:hover" → [".a", ".a .b:hover"]: the selectors that lead up to this one.
const leading = (selector) => {
  const parts = selector.split(/ (?:> )?/);
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join(' ')).reverse();
};
const surfaces = [
  ['the page', colour(bySelector('body')[0].decls.background)],
  ['a card', colour(variables['--card'])],
];

function backgroundsUnder(rule) {
  const own = backgroundOf(rule);
  if (own) return [[rule.selector, own]];
  for (const selector of leading(rule.selector)) {
    const holder = bySelector(selector).find(backgroundOf);
    if (holder) return [[selector, backgroundOf(holder)]];
  }
  return surfaces;
}

function textColourOf(rule) {
  const candidates = [rule.selector.replace(/:[\w-]+(\([^)]*\))?$/, ''), ...leading(rule.selector), 'body'];
  for (const selector of candidates) {
    const holder = bySelector(selector).find((other) => other.decls.color);
    if (holder) return colour(holder.decls.color);
  }
  return null;
}

// Every pair the rules use: [where, foreground, background, minimum].
function pairs() {
  const found = [];
  for (const rule of rules) {
    if (rule.selector === ':root') continue;
    const text = rule.decls.color ? colour(rule.decls.color) : backgroundOf(rule) ? textColourOf(rule) : null;
    if (text) {
      for (const [on, back] of backgroundsUnder(rule)) found.push([`text of ${rule.selector} on ${on}`, text, back, 4.5]);
    }
    const ring = rule.decls['outline-color'] ?? (rule.decls.outline && /var\(|#/.test(rule.decls.outline) ? rule.decls.outline : null);
    if (ring) {
      // A ring drawn inside the element (negative offset) sits on its background.
      const inside = /^-/.test(rule.decls['outline-offset'] ?? '');
      const under = inside ? backgroundsUnder(rule) : backgroundsUnder({ ...rule, decls: {} });
      for (const [on, back] of under) found.push([`focus ring of ${rule.selector} on ${on}`, colour(ring), back, 3]);
    }
    const border = rule.decls['border-color'] ?? rule.decls.border;
    if (border && /input|textarea|select|aria-invalid/.test(rule.selector) && /var\(|#/.test(border)) {
      for (const [on, back] of surfaces) found.push([`field border of ${rule.selector} on ${on}`, colour(border), back, 3]);
    }
  }
  return found;
}

test('contrast is computed as WCAG defines it', () => {
  assert.equal(contrast([0, 0, 0], [255, 255, 255]).toFixed(1), '21.0');
  assert.equal(contrast([0x77, 0x77, 0x77], [255, 255, 255]).toFixed(2), '4.48');
  assert.equal(contrast([255, 255, 255], [255, 255, 255]), 1);
});

test('the parser finds the pairs help.css uses', () => {
  const names = pairs().map(([where]) => where);
  // Spot checks, so that a parser which finds nothing cannot pass.
  for (const expected of [
    'text of body on body',
    'text of button on button',
    'text of button:hover on button:hover',
    'text of .transcript li.inbound .meta on .transcript li.inbound',
    'text of .transcript li.outbound .meta on .transcript li.outbound',
    'text of .chat-header .chat-close on .chat-header',
    'text of .error on a card',
    'text of ::placeholder on the page',
    'focus ring of :focus-visible on a card',
    'focus ring of .chat-header .chat-close:focus-visible on .chat-header',
  ]) assert.ok(names.includes(expected), `${expected} is not among ${JSON.stringify(names, null, 1)}`);
  assert.ok(names.length >= 40, `${names.length} pairs`);
});

test('every text/background pair is at least 4.5:1; rings and field borders at least 3:1', (t) => {
  const measured = pairs().map(([where, fore, back, minimum]) => ({ where, ratio: contrast(fore, back), minimum }));
  for (const minimum of [4.5, 3]) {
    const lowest = measured.filter((pair) => pair.minimum === minimum).sort((a, b) => a.ratio - b.ratio)[0];
    t.diagnostic(`lowest of the ${minimum}:1 pairs: ${lowest.where}, ${lowest.ratio.toFixed(2)}:1`);
  }
  const low = measured
    .filter(({ ratio, minimum }) => ratio < minimum)
    .map(({ where, ratio, minimum }) => `${where}: ${ratio.toFixed(2)} < ${minimum}`);
  assert.deepEqual(low, []);
});

test('translucent colours are kept for shadows, never for text or backgrounds', () => {
  for (const rule of rules) {
    for (const property of ['color', 'background', 'background-color']) {
      const value = colour(rule.decls[property]);
      if (value) assert.equal(value[3], 1, `${rule.selector} ${property} is translucent`);
    }
  }
});
