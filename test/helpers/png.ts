// Makes real PNG files in memory (any size, transparent) for signature and scan tests.

import zlib from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An RGBA PNG of the given size; `ink` draws a dark diagonal so the image is not blank. */
export function makePng(width: number, height: number, ink = true): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const stride = width * 4 + 1;
  const raw = Buffer.alloc(stride * height);
  if (ink) {
    for (let y = 0; y < height; y++) {
      const x = Math.floor((y / height) * width);
      raw[y * stride + 1 + x * 4 + 3] = 255;
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export function pngDataUrl(width = 300, height = 100): string {
  return `data:image/png;base64,${makePng(width, height).toString('base64')}`;
}

/** A pen stroke with pressure and timing, as the signature pad records it. */
export function penStroke(points = 5) {
  return {
    pointerType: 'pen' as const,
    points: Array.from({ length: points }, (_, i) => ({
      x: 10 + i * 7,
      y: 40 + (i % 2) * 5,
      pressure: 0.3 + i / (points * 2),
      time: i * 16,
    })),
  };
}
