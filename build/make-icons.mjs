// Renders the app icon from build/icon.svg (icon-small.svg for 32 px and below, where the detail would blur) with
// the system Chromium, and writes the files electron-builder reads: icon.png, icon.ico, icon.icns and icons/NxN.png.
//   node build/make-icons.mjs

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const BUILD = path.dirname(fileURLToPath(import.meta.url));
const SMALL_UP_TO = 32;

async function renderAll(sizes) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const pngs = new Map();
  try {
    for (const size of sizes) {
      const svg = fs.readFileSync(path.join(BUILD, size <= SMALL_UP_TO ? 'icon-small.svg' : 'icon.svg'), 'utf8');
      const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
      await page.setContent(
        `<!DOCTYPE html><html><body style="margin:0;background:transparent">` +
          `<img src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}" width="${size}" height="${size}" style="display:block"></body></html>`,
      );
      await page.locator('img').evaluate((img) => img.decode());
      pngs.set(size, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
      await page.close();
    }
  } finally {
    await browser.close();
  }
  return pngs;
}

/** An ICO holding PNG images (Windows Vista and later read PNG entries; 256 is written as 0). */
function ico(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  const entries = [];
  let offset = 6 + 16 * images.length;
  for (const [size, png] of images) {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0);
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt8(0, 2);
    entry.writeUInt8(0, 3);
    entry.writeUInt16LE(1, 4);
    entry.writeUInt16LE(32, 6);
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    entries.push(entry);
    offset += png.length;
  }
  return Buffer.concat([header, ...entries, ...images.map(([, png]) => png)]);
}

/** An ICNS holding PNG images, under the type codes iconutil uses for each size. */
function icns(images) {
  const chunks = images.map(([type, png]) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + chunks.reduce((sum, chunk) => sum + chunk.length, 0), 4);
  return Buffer.concat([head, ...chunks]);
}

const pngs = await renderAll([16, 24, 32, 48, 64, 128, 256, 512, 1024]);
const png = (size) => pngs.get(size);

fs.writeFileSync(path.join(BUILD, 'icon.png'), png(512));
fs.writeFileSync(path.join(BUILD, 'icon.ico'), ico([16, 24, 32, 48, 64, 128, 256].map((size) => [size, png(size)])));
fs.writeFileSync(
  path.join(BUILD, 'icon.icns'),
  icns([
    ['icp4', png(16)],
    ['ic11', png(32)],
    ['icp5', png(32)],
    ['ic12', png(64)],
    ['ic07', png(128)],
    ['ic13', png(256)],
    ['ic08', png(256)],
    ['ic14', png(512)],
    ['ic09', png(512)],
    ['ic10', png(1024)],
  ]),
);
fs.mkdirSync(path.join(BUILD, 'icons'), { recursive: true });
for (const size of [16, 32, 48, 64, 128, 256, 512]) fs.writeFileSync(path.join(BUILD, 'icons', `${size}x${size}.png`), png(size));
process.stdout.write('Wrote build/icon.png, icon.ico, icon.icns and icons/\n');
