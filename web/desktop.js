// The desktop page's script, before client.js: the Emscripten Module and the
// automation hook. Kept out of index.html so its Content-Security-Policy needs no
// 'unsafe-inline'. Not a module: client.js reads the global Module.
'use strict';
// The UI font is fetched in parallel with the WASM and written into the
// client's file system before main() runs.
const fontRequest = fetch('assets/ui-font.ttf').then((r) => r.ok ? r.arrayBuffer() : null).catch(() => null);
const loading = document.getElementById('loading');
// The canvas handles right clicks itself (an inline handler would need 'unsafe-inline').
document.getElementById('canvas').addEventListener('contextmenu', (event) => event.preventDefault());

// Automation hook: the client records every widget each frame (ImGui's
// test-engine hooks). Browser tests and, later, accessibility read it here.
window.careDesktop = {
  ready: false,
  frames: 0,
  // CPU milliseconds of the last frames drawn (benchmarks read them).
  frameTimes: [],
  frameDrawn(ms) {
    this.frames += 1;
    this.frameTimes.push(ms);
    if (this.frameTimes.length > 2000) this.frameTimes.splice(0, 1000);
    if (!this.ready) { this.ready = true; loading.remove(); }
    if (window.careMirror) window.careMirror.frameDrawn();
  },
  items() { return JSON.parse(Module.ccall('care_automation_items', 'string', [], [])).items; },
  // Milliseconds the work area still holds clicks back after its content jumped (an
  // offer docked): a test clicks after them, as a person would.
  pointerHeldMs() { return JSON.parse(Module.ccall('care_automation_items', 'string', [], [])).pointer_held_ms; },
  // Every catalogue text in one language ('en', 'hu' …), in key order.
  catalogue(tag) { return JSON.parse(Module.ccall('care_catalogue', 'string', ['string'], [tag])); },
  // Items whose visible text (or whole ImGui label, "##username") equals `text`,
  // with their centres in CSS pixels.
  find(text) {
    const canvas = Module.canvas;
    const scale = canvas.getBoundingClientRect().width / canvas.width;
    return this.items().filter((item) => item.text === text || item.label === text).map((item) => ({
      ...item, cx: (item.x + item.w / 2) * scale, cy: (item.y + item.h / 2) * scale,
    }));
  },
};

var Module = {
  canvas: document.getElementById('canvas'),
  preRun: [() => {
    Module.addRunDependency('ui-font');
    fontRequest.then((buffer) => {
      if (buffer) {
        Module.FS.mkdirTree('/assets');
        Module.FS.writeFile('/assets/ui-font.ttf', new Uint8Array(buffer));
      }
      Module.removeRunDependency('ui-font');
    });
  }],
  print: (text) => console.log(text),
  printErr: (text) => console.warn(text),
  onAbort: (what) => {
    loading.textContent = 'Care Desktop could not start: ' + what;
    loading.className = 'failed';
  },
};
