// Files the person picks for signing and verifying: read as base64, and scans of signed pages turned into PNGs.

import { InvalidInputError } from '../../../../electron/core/domain/errors.ts';
import { LIMITS } from '../../../../electron/core/domain/record.ts';
import { dataUrlBytes } from '../../ink.ts';

/** The service refuses images larger than this on either side. */
const MAX_IMAGE_SIDE = 4_000;
/** A scan converted here is made no larger than this on its long side: legible, and well under 2 MB. */
const SCAN_LONG_SIDE = 2_000;

/** The file's bytes as base64 (read as a data URL, whose part after the comma is exactly that). */
export async function fileToBase64(file: Blob): Promise<string> {
  const dataUrl = await readDataUrl(file);
  return dataUrl.slice(dataUrl.indexOf(',') + 1);
}

function readDataUrl(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(new InvalidInputError('The file could not be read. Try choosing it again.'));
    reader.readAsDataURL(file);
  });
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new InvalidInputError('The file is not an image this window can read.'));
    image.src = url;
  });
}

/**
 * A scan of the signed page as a PNG data URL the service accepts: a PNG within the limits as it is; a JPEG, or a
 * PNG too large, redrawn as a PNG no longer than 2,000 pixels on its long side (smaller until it is under 2 MB).
 */
export async function scanToPng(file: File): Promise<string> {
  if (file.type !== 'image/png' && file.type !== 'image/jpeg') {
    throw new InvalidInputError('Choose a PNG or JPEG image of the signed page.');
  }
  const original = await readDataUrl(file);
  const image = await loadImage(original);
  const fits = image.naturalWidth <= MAX_IMAGE_SIDE && image.naturalHeight <= MAX_IMAGE_SIDE;
  if (file.type === 'image/png' && fits && dataUrlBytes(original) <= LIMITS.signatureImageBytes) return original;
  let longSide = Math.min(SCAN_LONG_SIDE, Math.max(image.naturalWidth, image.naturalHeight));
  while (longSide >= 200) {
    const scale = longSide / Math.max(image.naturalWidth, image.naturalHeight);
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(image.naturalWidth * scale));
    canvas.height = Math.max(1, Math.round(image.naturalHeight * scale));
    const ctx = canvas.getContext('2d');
    if (!ctx) break;
    ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
    const png = canvas.toDataURL('image/png');
    if (dataUrlBytes(png) <= LIMITS.signatureImageBytes) return png;
    longSide = Math.floor(longSide * 0.75);
  }
  throw new InvalidInputError(
    'The scan could not be made small enough (under 2 MB). Scan the page at a lower resolution.',
  );
}
