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

  // A node: { el, tag, key, id, role, name, bits, menu, window, value, awaiting, waited }.
  const byId = new Map();     // ImGuiID → its node
  const wrappers = new Map(); // window id or run key → { el, sig }
  const walked = new Map();   // window id → { nodes, runs }: its nodes in order, list wrappers
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
    // New words into the text node there: textContent would make a new one.
    const words = el.firstChild;
    if (words && words.nodeType === Node.TEXT_NODE && !words.nextSibling && name !== '') words.data = name;
    else el.textContent = name;
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
    // A window sent as 0 is as it was: its nodes stay, unwalked and unlooked at. The
    // others come as changes to their last items (client/automation/mirror.cpp,
    // write_changes): n keeps the next n nodes, -n lets the next n go, an entry comes.
    // What goes, goes before anything is placed: a list scrolled by a row then moves
    // one node, not every row after the one that went.
    const present = new Set();
    for (const [windowId] of view.windows) present.add(windowId);
    for (const [windowId, { nodes: gone }] of walked) {
      if (!present.has(windowId)) for (const node of gone) drop(node);
    }
    const seenWrappers = new Set();
    let lastWindow = null;
    for (const [windowId, windowRole, windowName, list] of view.windows) {
      const menu = windowRole === 'menu' || windowRole === 'menubar';
      const win = wrapper('w' + windowId, windowRole, windowName, seenWrappers);
      lastWindow = place(items, win, lastWindow);
      if (list === 0) {
        for (const key of walked.get(windowId)?.runs || []) seenWrappers.add(key);
        continue;
      }
      const runKeys = [];
      const mine = changed(walked.get(windowId)?.nodes || [], list, windowId, menu, view);
      walked.set(windowId, { nodes: mine, runs: runKeys });
      let last = null;      // the window's last child placed
      let run = null;       // the open tablist / listbox / radiogroup
      let lastInRun = null;
      let runs = 0;
      let heading = '';     // the last words before a run: its name
      for (const node of mine) {
        const role = node.role;
        if (role === 'text') heading = node.name;
        if (!menu && RUNS[role]) {
          if (!run || run.role !== role) {
            const runKey = 'w' + windowId + ':' + runs++;
            runKeys.push(runKey);
            const el = wrapper(runKey, RUNS[role], heading || node.name, seenWrappers);
            last = place(win, el, last);
            run = { role, el };
            lastInRun = null;
          }
        } else {
          run = null;
        }
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

  // A window's nodes after its changes: `old` its nodes as last left, `list` the changes.
  function changed(old, list, windowId, menu, view) {
    // The nodes let go, by key and by gap (the place between two kept runs they left).
    // An entry takes one under its key (an item moved or changed keeps its element),
    // else one of its tag that left its gap (a tooltip's new words go into the
    // elements of its old ones, where they are); the rest go, their elements spare.
    const leaving = new Map();
    const gaps = [[]];
    let at = 0;
    for (const step of list) {
      if (typeof step !== 'number') continue;
      if (step > 0) {
        at += step;
        gaps.push([]);
        continue;
      }
      for (let n = 0; n < -step; ++n) leave(old[at++]);
    }
    while (at < old.length) leave(old[at++]);
    function leave(node) {
      const same = leaving.get(node.key);
      if (same) same.push(node);
      else leaving.set(node.key, [node]);
      gaps[gaps.length - 1].push(node);
    }
    const taken = [];
    const kept = new Set();
    for (const step of list) {
      if (typeof step === 'number') continue;
      const same = leaving.get(step[0]);
      const node = same && same.length ? same.shift() : null;
      if (node) kept.add(node);
      taken.push(node);
    }
    let gap = 0;
    let entry = 0;
    for (const step of list) {
      if (typeof step === 'number') {
        if (step > 0) ++gap;
        continue;
      }
      if (taken[entry++] || !gaps[gap].length) continue;
      const tag = tagFor(step[1], step[3]);
      // Not the element the agent is on (drop), nor a field's.
      const node = spare[tag] &&
        gaps[gap].find((n) => !kept.has(n) && n.tag === tag && n.el !== document.activeElement);
      if (node) {
        kept.add(node);
        taken[entry - 1] = node;
      }
    }
    for (const node of gaps.flat()) if (!kept.has(node)) drop(node);

    const mine = [];
    at = 0;
    entry = 0;
    for (const step of list) {
      if (typeof step === 'number') {
        if (step < 0) {
          at -= step;
          continue;
        }
        for (let n = 0; n < step; ++n) {
          const node = old[at++];
          // A field's text as ImGui last said it, checked again (the DOM may be ahead).
          if (node.role === 'textbox') syncValue(node, node.value, node.bits, view);
          mine.push(node);
        }
        continue;
      }
      const [key, role, name, bits, value] = step;
      let node = taken[entry++];
      const tag = tagFor(role, bits);
      if (node && node.tag !== tag) {
        drop(node);
        node = null;
      }
      if (node && node.key !== key) {
        // Another item's element, where it was: the node is the new item's.
        if (byId.get(node.id) === node) byId.delete(node.id);
        node = { ...node, key, id: typeof key === 'number' ? key : 0, awaiting: undefined };
        node.el.careNode = node;
        if (node.id && !byId.has(node.id)) byId.set(node.id, node);
      }
      if (!node) {
        const reused = spare[tag]?.pop();
        const el = reused ? reused.el : document.createElement(tag);
        const id = typeof key === 'number' ? key : 0;
        // A reused element keeps what it showed, so the comparison below is true to it.
        node = reused ? { ...reused, key, id, awaiting: undefined }
          : { el, tag, key, name: null, bits: 0, menu: false, id, role };
        el.careNode = node;
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
      if (role === 'textbox') {
        node.value = value;
        syncValue(node, value, bits, view);
      }
      mine.push(node);
    }
    return mine;
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
        for (const node of walked.get(id)?.nodes || []) {
          if (node.id && node.role !== 'text' && node.el.isConnected &&
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

  // The node leaves the DOM; its element waits for a node that comes.
  function drop(node) {
    // The element the agent was on is not reused: it must not turn into another control
    // under a screen reader's cursor.
    const held = node.el === document.activeElement;
    node.el.remove();
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
