// The accessibility mirror (issue 16). Dear ImGui draws the desktop into one canvas,
// which assistive technology cannot read, so the canvas is aria-hidden and this script
// keeps a hidden but accessible DOM beside it: after each drawn frame the client says
// what it drew (roles, names, states, a text field's text; client/automation/mirror.cpp)
// and the DOM is changed where that differs, by ImGui's item ids. No frame, no work.
// The way back: a click (or Enter / Space) on a mirror node presses the item, DOM focus
// moves ImGui's navigation focus, and what is typed into a mirror field reaches ImGui's
// field. Loaded before client.js, so its key listeners run before GLFW's.
'use strict';
(() => {
  const items = document.getElementById('mirror-items');
  const regions = ['announce-polite', 'announce-assertive', 'announce-alert']
    .map((id) => document.getElementById(id));

  // State bits, as client/automation/mirror.cpp numbers them.
  const DISABLED = 1, CHECKED = 2, CHECKABLE = 4, EXPANDED = 8, EXPANDABLE = 16;
  const SELECTED = 32, SELECTABLE = 64, MULTILINE = 128, PASSWORD = 256, HAS_POPUP = 512;
  // Roles whose items ARIA wants inside a container of their own.
  const RUNS = { tab: 'tablist', option: 'listbox', radio: 'radiogroup' };

  const nodes = new Map();    // window id:item key → { el, tag, id, role, name, bits, menu, window, awaiting, waited }
  const byId = new Map();     // ImGuiID → its node
  const wrappers = new Map(); // window id or run key → { el, sig }
  const walked = new Map();   // window id → { keys, runs }: its nodes and list wrappers
  // Elements of nodes that went, by tag, for nodes that come: a scrolled list's rows
  // take the elements of the rows that left, with their role and states already set,
  // so only the words change (creating and dressing a new element cost the most).
  const spare = { button: [], div: [] };
  let lastNav = 0;
  let lastActive = 0;
  let echo = false;           // moving DOM focus ourselves: not news for ImGui
  let scheduled = false;
  let frame = null;           // the last frame's view (nav, active, caret)

  const call = (name, ...args) => Module['_' + name](...args);

  function tagFor(role, bits) {
    if (role === 'textbox') return bits & MULTILINE ? 'textarea' : 'input';
    if (role === 'text') return 'div';
    return 'button';
  }

  function setFlag(el, name, on, value = 'true') {
    if (on) {
      if (el.getAttribute(name) !== value) el.setAttribute(name, value);
    } else if (el.hasAttribute(name)) {
      el.removeAttribute(name);
    }
  }

  // An item's element with its role, name and states; `menu`: inside a menu or menu bar.
  function render(node, role, name, bits, menu) {
    const el = node.el;
    if (role === 'textbox') {
      if (el.tagName === 'INPUT') el.type = bits & PASSWORD ? 'password' : 'text';
      el.setAttribute('aria-label', name);
      el.readOnly = (bits & DISABLED) !== 0;
      setFlag(el, 'aria-disabled', bits & DISABLED);
      if (!(bits & PASSWORD)) el.setAttribute('autocomplete', 'off');
      return;
    }
    el.textContent = name;
    let ariaRole = role === 'button' ? '' : role;
    if (role === 'text') ariaRole = menu ? 'menuitem' : '';
    if (menu && role !== 'text') ariaRole = bits & CHECKED ? 'menuitemradio' : 'menuitem';
    setFlag(el, 'role', ariaRole !== '', ariaRole);
    setFlag(el, 'aria-disabled', (bits & DISABLED) || (menu && role === 'text'));
    setFlag(el, 'aria-checked', (bits & CHECKABLE) && (!menu || bits & CHECKED), bits & CHECKED ? 'true' : 'false');
    setFlag(el, 'aria-selected', bits & SELECTABLE, bits & SELECTED ? 'true' : 'false');
    setFlag(el, 'aria-expanded', bits & EXPANDABLE, bits & EXPANDED ? 'true' : 'false');
    setFlag(el, 'aria-haspopup', bits & HAS_POPUP, 'menu');
    if (el.tagName === 'BUTTON') el.type = 'button';
    setFlag(el, 'tabindex', role !== 'text' && (role === 'tab' || role === 'option' || menu), '-1');
  }

  // Puts `el` right after `previous` in `parent` (first when null); only a move when it
  // is elsewhere. Siblings, not children[index]: an index into a parent changed this
  // frame makes Chromium count its children again.
  function place(parent, el, previous) {
    const at = previous ? previous.nextSibling : parent.firstChild;
    if (at !== el) parent.insertBefore(el, at);
    return el;
  }

  function wrapper(key, role, name, seen) {
    let wrap = wrappers.get(key);
    const sig = role + '\u0001' + name;
    if (!wrap) {
      wrap = { el: document.createElement('div'), sig: '' };
      wrappers.set(key, wrap);
    }
    if (wrap.sig !== sig) {
      wrap.sig = sig;
      setFlag(wrap.el, 'role', role !== '', role);
      setFlag(wrap.el, 'aria-modal', role === 'dialog', 'true');
      setFlag(wrap.el, 'aria-label', name !== '' && role !== '', name);
    }
    seen.add(key);
    return wrap.el;
  }

  function update(view) {
    // The mirror node with the DOM's focus, if any: should it go, focus must not fall to
    // the page's body (followFocus).
    const holding = nodeOf(document.activeElement);
    // Moving a focused field in the DOM blurs it: that is not the agent leaving it, and
    // ImGui must not be told so (the field would stop taking the keys typed next).
    echo = true;
    try { rebuild(view); } finally { echo = false; }
    followFocus(view, holding);
  }

  function rebuild(view) {
    frame = view;
    // Words are read in the desktop's language, not the page's.
    if (document.documentElement.lang !== view.lang) document.documentElement.lang = view.lang;
    // The keys first, and what left goes before anything is placed: a list scrolled by a
    // row then moves one node, not every row after the one that went. A window sent as 0
    // is as it was: its nodes stay, unwalked and unlooked at. Keys are a window's own
    // (its id and the item's), so only the windows that changed are gone through.
    const present = new Set();
    const keys = view.windows.map(([windowId, , , list]) => {
      present.add(windowId);
      if (list === 0) return null;
      const mine = new Set();
      const listKeys = list.map(([rawKey]) => {
        let key = windowId + ':' + rawKey;
        if (mine.has(key)) {
          let n = 2;
          while (mine.has(key + '~' + n)) ++n;
          key += '~' + n;
        }
        mine.add(key);
        return key;
      });
      for (const key of walked.get(windowId)?.keys || []) if (!mine.has(key)) drop(key);
      return listKeys;
    });
    for (const [windowId, { keys: gone }] of walked) {
      if (!present.has(windowId)) for (const key of gone) drop(key);
    }
    const seenWrappers = new Set();
    let windowIndex = 0;
    let lastWindow = null;
    for (const [windowId, windowRole, windowName, list] of view.windows) {
      const windowKeys = keys[windowIndex++];
      const menu = windowRole === 'menu' || windowRole === 'menubar';
      const win = wrapper('w' + windowId, windowRole, windowName, seenWrappers);
      lastWindow = place(items, win, lastWindow);
      if (list === 0) {
        for (const key of walked.get(windowId)?.runs || []) seenWrappers.add(key);
        continue;
      }
      const runKeys = [];
      walked.set(windowId, { keys: windowKeys, runs: runKeys });
      let last = null;      // the window's last child placed
      let run = null;       // the open tablist / listbox / radiogroup
      let lastInRun = null;
      let runs = 0;
      let heading = '';     // the last words before a run: its name
      for (let i = 0; i < list.length; ++i) {
        const [rawKey, role, name, bits, value] = list[i];
        const key = windowKeys[i];
        if (role === 'text') heading = name;
        if (!menu && RUNS[role]) {
          if (!run || run.role !== role) {
            const runKey = 'w' + windowId + ':' + runs++;
            runKeys.push(runKey);
            const el = wrapper(runKey, RUNS[role], heading || name, seenWrappers);
            last = place(win, el, last);
            run = { role, el };
            lastInRun = null;
          }
        } else {
          run = null;
        }
        let node = nodes.get(key);
        const tag = tagFor(role, bits);
        if (node && node.tag !== tag) {
          drop(key);
          node = null;
        }
        if (!node) {
          const old = spare[tag]?.pop();
          const el = old ? old.el : document.createElement(tag);
          const id = typeof rawKey === 'number' ? rawKey : 0;
          // A reused element keeps what it showed, so the comparison below is true to it.
          node = old ? { ...old, id, awaiting: undefined } : { el, tag, name: null, bits: 0, menu: false, id, role };
          el.careNode = node;
          nodes.set(key, node);
          if (node.id && !byId.has(node.id)) byId.set(node.id, node);
        }
        // Only what differs from last time touches the element.
        if (node.name !== name || node.role !== role || node.bits !== bits || node.menu !== menu) {
          node.name = name;
          node.role = role;
          node.bits = bits;
          node.menu = menu;
          render(node, role, name, bits, menu);
        }
        node.window = windowId;
        if (role === 'textbox') syncValue(node, value, bits, view);
        if (run) lastInRun = place(run.el, node.el, lastInRun);
        else last = place(win, node.el, last);
      }
    }
    for (const windowId of walked.keys()) {
      if (!seenWrappers.has('w' + windowId)) walked.delete(windowId);
    }
    for (const [key, wrap] of wrappers) {
      if (!seenWrappers.has(key)) {
        wrap.el.remove();
        wrappers.delete(key);
      }
    }
  }

  // ImGui's text → the DOM field, unless the DOM is ahead (typed, not yet taken).
  function syncValue(node, value, bits, view) {
    if (value === null || value === undefined || bits & PASSWORD) return;
    const el = node.el;
    const focused = document.activeElement === el;
    if (node.awaiting !== undefined) {
      if (value === node.awaiting || ++node.waited > 6) node.awaiting = undefined;
      else return;
    }
    if (el.value !== value) {
      el.value = value;
      if (focused && view.active === node.id && view.caret >= 0) el.setSelectionRange(view.caret, view.caret);
    }
  }

  // While the mirror has the DOM's focus, it sits on what ImGui has focused. `holding`:
  // the mirror node that had the DOM's focus before this frame's changes. Had it gone
  // (an offer's Accept with its card), focus goes where ImGui's navigation is, else to
  // the first control of the window it was in, else of the first pane: never to body.
  function followFocus(view, holding) {
    const moved = view.nav !== lastNav || view.active !== lastActive;
    lastNav = view.nav;
    lastActive = view.active;
    const lost = holding && !items.contains(document.activeElement);
    if (!moved && !lost) return;
    if (!lost && !items.contains(document.activeElement)) return;
    const target = nodeById(view.active) || nodeById(view.nav);
    if (target) {
      if (target.el !== document.activeElement) focusNode(target, true);
      return;
    }
    if (!lost) return;
    const near = firstControl(holding.window) || firstControl();
    // ImGui's navigation follows it there, so Tab goes on from where focus is.
    if (near) focusNode(near, false);
  }

  function focusNode(node, quiet) {
    echo = quiet;
    try { node.el.focus({ preventScroll: true }); } finally { echo = false; }
  }

  // The first node a keyboard can work in the window with this id; when none is given,
  // in an open dialog, else in the first pane that has one (menus and tooltips aside).
  function firstControl(windowId) {
    const wanted = windowId !== undefined ? [(id) => id === windowId]
      : [(id, role) => role === 'dialog', (id, role) => role === ''];
    for (const want of wanted) {
      for (const [id, role] of frame.windows) {
        if (!want(id, role)) continue;
        for (const key of walked.get(id)?.keys || []) {
          const node = nodes.get(key);
          if (node && node.id && node.role !== 'text' && node.el.isConnected &&
              node.el.getAttribute('aria-disabled') !== 'true') return node;
        }
      }
    }
    return null;
  }

  function nodeById(id) {
    const node = id ? byId.get(id) : null;
    return node && node.role !== 'text' ? node : null;
  }

  // The node under this key leaves the DOM; its element waits for a node that comes.
  function drop(key) {
    const node = nodes.get(key);
    if (!node) return;
    // The element the agent was on is not reused: it must not turn into another control
    // under a screen reader's cursor.
    const held = node.el === document.activeElement;
    node.el.remove();
    nodes.delete(key);
    if (byId.get(node.id) === node) byId.delete(node.id);
    node.el.careNode = null;
    const pool = spare[node.tag];
    if (pool && !held && pool.length < 64) pool.push(node);
  }

  const nodeOf = (target) => (target && target.careNode) || null;
  const isField = (node) => node && node.role === 'textbox';

  // Keys on a mirror field edit the DOM field (its text goes to ImGui whole, below);
  // keys on a mirror button press it through the DOM's click. Either way GLFW must not
  // see them too, or ImGui would type or press twice. The rest (Tab, Esc, F6, Enter in
  // a field, shortcuts) goes on to ImGui as from the canvas.
  const editing = new Set(['Backspace', 'Delete', 'ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown',
    'Home', 'End', 'PageUp', 'PageDown']);
  const stopped = new Set();
  function ownsKey(node, event) {
    if (isField(node)) {
      if (event.altKey) return false;
      if (event.key.length === 1) return !event.ctrlKey || 'acvxyz'.includes(event.key.toLowerCase());
      return editing.has(event.key);
    }
    return event.key === 'Enter' || event.key === ' ';
  }
  window.addEventListener('keydown', (event) => {
    const node = nodeOf(event.target);
    if (!node) return;
    if (ownsKey(node, event)) {
      stopped.add(event.code);
      event.stopImmediatePropagation();
      Module._care_wake && Module._care_wake();
    } else if (isField(node) && event.key === 'Enter') {
      event.preventDefault(); // ImGui decides: send, a new line, or submit
    }
  }, true);
  window.addEventListener('keypress', (event) => {
    if (nodeOf(event.target)) event.stopImmediatePropagation();
  }, true);
  window.addEventListener('keyup', (event) => {
    if (nodeOf(event.target) && stopped.delete(event.code)) event.stopImmediatePropagation();
  }, true);
  // A paste into a mirror field is the DOM's; the desktop's own paste bridge stays out.
  window.addEventListener('paste', (event) => {
    if (isField(nodeOf(event.target))) event.stopImmediatePropagation();
  }, true);

  items.addEventListener('click', (event) => {
    const node = nodeOf(event.target);
    if (!node || !node.id || isField(node) || node.role === 'text') return;
    if (node.el.getAttribute('aria-disabled') === 'true') return;
    call('care_mirror_activate', node.id);
  });
  items.addEventListener('focusin', (event) => {
    const node = nodeOf(event.target);
    if (echo || !node || !node.id) return;
    call('care_mirror_focus', node.id);
  });
  items.addEventListener('focusout', (event) => {
    const node = nodeOf(event.target);
    if (echo || !isField(node) || !node.id) return;
    call('care_mirror_blur', node.id);
  });
  items.addEventListener('input', (event) => {
    const node = nodeOf(event.target);
    if (!isField(node) || !node.id) return;
    const el = node.el;
    node.awaiting = el.value;
    node.waited = 0;
    Module.ccall('care_mirror_set_text', null, ['number', 'string', 'number'],
      [node.id, el.value, el.selectionStart ?? el.value.length]);
  });

  window.careMirror = {
    // ImGui's navigation focus and active item as the last frame that changed left them.
    focus() { return frame ? { nav: frame.nav, active: frame.active } : null; },
    // CPU milliseconds the mirror took after each drawn frame (asking the client what
    // it drew, and changing the DOM where that differs); how many frames changed it.
    times: [],
    changed: 0,
    changedTimes: [], // the same, of the frames whose view differed (the DOM was changed)
    // Summed over those frames: asking the client (its JSON built), parsing, the DOM.
    split: { build: 0, parse: 0, dom: 0, bytes: 0 },
    // After each drawn frame (desktop.js): once the frame's call stack has unwound.
    frameDrawn() {
      if (scheduled) return;
      scheduled = true;
      queueMicrotask(() => {
        scheduled = false;
        const started = performance.now();
        const json = Module.ccall('care_mirror_frame', 'string', [], []);
        const built = performance.now();
        if (json) {
          const view = JSON.parse(json);
          const parsed = performance.now();
          update(view);
          this.split.build += built - started;
          this.split.parse += parsed - built;
          this.split.dom += performance.now() - parsed;
          this.split.bytes += json.length;
        }
        const took = performance.now() - started;
        this.times.push(took);
        if (json) {
          this.changed += 1;
          this.changedTimes.push(took);
        }
        for (const list of [this.times, this.changedTimes]) if (list.length > 2000) list.splice(0, 1000);
      });
    },
    // Live regions: 0 polite (a customer's line), 1 assertive (an offer), 2 alert.
    announced: [],
    announce(text, urgency) {
      const region = regions[urgency] || regions[0];
      this.announced.push({ text, urgency });
      // Emptied first, so the same words again are news again.
      region.textContent = '';
      setTimeout(() => { region.textContent = text; }, 50);
    },
  };
})();
