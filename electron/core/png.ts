// Checks a PNG data URL before it is stored as a signature or scan: really a PNG, not empty, not huge.

import { InvalidInputError } from './domain/index.ts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
export const MAX_PNG_BYTES = 2 * 1024 * 1024;
export const MAX_PNG_SIDE = 4000;

export interface PngInfo {
  width: number;
  height: number;
  bytes: number;
}

/** Reads the header of a `data:image/png;base64,…` URL; throws invalid-input naming what is wrong. */
export function inspectPngDataUrl(dataUrl: string, what = 'The signature image'): PngInfo {
  const match = /^data:image\/png;base64,([A-Za-z0-9+/]*={0,2})$/.exec(dataUrl);
  if (!match) throw new InvalidInputError(`${what} must be a PNG (a data:image/png;base64 URL).`);
  const bytes = Buffer.from(match[1]!, 'base64');
  if (bytes.length === 0) throw new InvalidInputError(`${what} is empty.`);
  if (bytes.length > MAX_PNG_BYTES) throw new InvalidInputError(`${what} is larger than 2 MB.`);
  // Signature, then the IHDR chunk: length 13, type "IHDR", width and height as big-endian 32-bit integers.
  if (bytes.length < 33 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE) || bytes.toString('latin1', 12, 16) !== 'IHDR') {
    throw new InvalidInputError(`${what} is not a PNG file.`);
  }
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  if (width === 0 || height === 0) throw new InvalidInputError(`${what} has no pixels.`);
  if (width > MAX_PNG_SIDE || height > MAX_PNG_SIDE) {
    throw new InvalidInputError(`${what} is ${width}×${height} pixels; the most is ${MAX_PNG_SIDE} on either side.`);
  }
  return { width, height, bytes: bytes.length };
}
