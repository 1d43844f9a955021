// Attachments (issue 18): a customer sends an image from the chat widget (the file
// picker), and the agent sees it in the desktop's transcript, its name and size, with
// a preview the browser decoded into a WebGL texture. The agent's own file (a drop on
// the desktop, or a screenshot pasted) reaches the widget as a download link.
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import { clickItem, launchBrowser, openDesktop, screenshot, signIn, goReady, startWidgetChat, waitForItem } from './support/browser.mjs';
import { callApi } from './support/api.mjs';
import { startServer } from './support/server.mjs';

const admin = { username: 'root', password: 'correct horse' };
let server;
let browser;

// A real PNG made here: 96 × 64, a yellow band across blue (CRC-32 by hand).
function crc32(bytes) {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; ++k) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
function makePng(width, height) {
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; ++y) {
    for (let x = 0; x < width; ++x) {
      const band = Math.abs(Math.floor((x * height) / width) - y) < height / 6;
      rows.set(band ? [240, 192, 32] : [32, 80, 160], y * (width * 3 + 1) + 1 + x * 3);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

before(async () => {
  server = await startServer({ admin });
  const root = await server.signIn(admin.username, admin.password);
  const anna = await server.createAgent(root, {
    username: 'anna', display_name: 'Anna Petrova', password: 'anna password', role: 'agent',
  });
  const queue = await callApi(server, 'POST', '/api/queues', { name: 'Chat' }, { Cookie: root });
  assert.equal(queue.status, 201);
  const routed = await callApi(server, 'PUT', `/api/agents/${anna.id}/routing`, { queues: [queue.body.queue.id] }, { Cookie: root });
  assert.equal(routed.status, 200);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// Anna Ready on her desktop, a visitor's chat from the widget, accepted and on screen.
async function annaInChatWith(visitor) {
  const { context, page, problems } = await openDesktop(browser, server.url);
  await signIn(page, 'anna');
  await goReady(page);
  const { context: customer, page: portal, problems: portalProblems } = await startWidgetChat(browser, server.url, {
    ...visitor, viewport: { width: 400, height: 700 },
  });
  await clickItem(page, 'Accept###accept-offer');
  await waitForItem(page, visitor.question);
  return { context, page, problems, customer, portal, portalProblems };
}

test('a customer sends an image in the widget and the agent sees its preview', async () => {
  const { context, page, problems, customer, portal, portalProblems } = await annaInChatWith({
    name: 'Vera Nikolova', email: 'vera@example.bg', question: 'The router shows this',
  });
  await portal.waitForFunction(() => /Anna Petrova/.test(document.querySelector('#chat-status').textContent));

  // The customer picks the file with the widget's paper clip.
  const png = makePng(96, 64);
  const [chooser] = await Promise.all([portal.waitForEvent('filechooser'), portal.click('#attach')]);
  await chooser.setFiles({ name: 'router-lights.png', mimeType: 'image/png', buffer: png });
  // The widget shows it as a link to download, with a small preview.
  await portal.waitForSelector('#transcript a.attachment img');
  const link = await portal.locator('#transcript a.attachment').first();
  assert.match(await link.textContent(), /router-lights\.png \(\d/);
  await screenshot(portal, 'attachments-widget');

  // The agent: the file's line (name and size), and the preview once decoded.
  const sizeText = `router-lights.png  (${png.length < 1024 ? `${png.length} B` : `${(png.length / 1024).toFixed(1)} KB`})`;
  await waitForItem(page, sizeText);
  const preview = await page.waitForFunction(() => window.careDesktop.items()
    .find((i) => i.visible && i.label.startsWith('##preview-')) || null, null, { timeout: 10000 });
  const drawn = await preview.jsonValue();
  // Drawn at its own size (it is smaller than the column): 96 × 64 (the item's box
  // takes half the line spacing above and below it as well).
  assert.equal(Math.round(drawn.w), 96);
  assert.ok(drawn.h >= 64 && drawn.h <= 72, `preview height ${drawn.h}`);
  const file = await screenshot(page, 'attachments-agent-preview');
  // The preview's pixels are the image's: the band's yellow and the blue, not blank.
  // The screenshot of its box is decoded in a blank page (no policy there to refuse it).
  const shot = await page.screenshot({ clip: { x: drawn.x, y: drawn.y, width: drawn.w, height: drawn.h } });
  const probe = await context.newPage();
  const colours = await probe.evaluate(async (data) => {
    const image = new Image();
    image.src = `data:image/png;base64,${data}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const drawing = canvas.getContext('2d');
    drawing.drawImage(image, 0, 0);
    const at = (x, y) => [...drawing.getImageData(x, y, 1, 1).data.slice(0, 3)];
    return { corner: at(image.width - 4, 4), middle: at(Math.floor(image.width / 2), Math.floor(image.height / 2)) };
  }, shot.toString('base64'));
  await probe.close();
  const near = (got, want) => got.every((v, i) => Math.abs(v - want[i]) < 40);
  assert.ok(near(colours.corner, [32, 80, 160]), `blue corner in ${file}: ${colours.corner}`);
  assert.ok(near(colours.middle, [240, 192, 32]), `yellow band in ${file}: ${colours.middle}`);

  assert.deepEqual(problems, []);
  assert.deepEqual(portalProblems, []);
  await customer.close();
  await context.close();
});

test('the agent drops a PDF on the desktop and pastes a screenshot; the customer gets both as downloads', async () => {
  const { context, page, problems, customer, portal, portalProblems } = await annaInChatWith({
    name: 'Jonas Berg', email: 'jonas@example.dk', question: 'Can you send the invoice?',
  });

  // A file dragged from the file manager: the drop lands on the canvas and bubbles to
  // the page, as a real one does.
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
  await page.evaluate((bytes) => {
    const files = new DataTransfer();
    files.items.add(new File([new Uint8Array(bytes)], 'invoice-2026-12.pdf', { type: 'application/pdf' }));
    const canvas = Module.canvas;
    canvas.dispatchEvent(new DragEvent('dragover', { dataTransfer: files, bubbles: true, cancelable: true }));
    canvas.dispatchEvent(new DragEvent('drop', { dataTransfer: files, bubbles: true, cancelable: true }));
  }, [...pdf]);
  // A screenshot pasted with Ctrl+V: the clipboard holds a file without a name.
  const png = makePng(40, 30);
  await page.evaluate((bytes) => {
    const clipboard = new DataTransfer();
    clipboard.items.add(new File([new Uint8Array(bytes)], '', { type: 'image/png' }));
    document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: clipboard, bubbles: true, cancelable: true }));
  }, [...png]);

  // Both are lines of the agent's in the desktop's transcript, each with its size.
  await waitForItem(page, `invoice-2026-12.pdf  (${pdf.length} B)`);
  await waitForItem(page, `pasted.png  (${png.length} B)`);
  await screenshot(page, 'attachments-agent-dropped');

  // The customer gets both as download links, the image with its preview.
  const links = await portal.waitForFunction(() => {
    const found = [...document.querySelectorAll('#transcript a.attachment')].map((a) => ({
      name: a.getAttribute('download'), href: a.getAttribute('href'), preview: !!a.querySelector('img'),
    }));
    return found.length === 2 ? found : null;
  }, null, { timeout: 10000 });
  // The two went up side by side: either may be first.
  const got = (await links.jsonValue()).sort((a, b) => a.name.localeCompare(b.name));
  assert.deepEqual(got.map((l) => [l.name, l.preview]), [['invoice-2026-12.pdf', false], ['pasted.png', true]]);
  // Each is served as the very bytes, as a download.
  const download = await portal.evaluate(async (href) => {
    const answer = await fetch(href);
    return { status: answer.status, size: (await answer.arrayBuffer()).byteLength, disposition: answer.headers.get('content-disposition') };
  }, got[0].href);
  assert.equal(download.status, 200);
  assert.equal(download.size, pdf.length);
  assert.match(download.disposition, /^attachment/);
  await screenshot(portal, 'attachments-widget-downloads');

  assert.deepEqual(problems, []);
  assert.deepEqual(portalProblems, []);
  await customer.close();
  await context.close();
});
