// Drawing on signing mode's signature pad as a pen or a finger does: pointer events with their type and pressure.

import type { Locator, Page } from 'playwright-core';

export const signaturePad = (page: Page): Locator => page.locator('canvas.signature-pad-canvas');

/** One stroke through points given as fractions (0..1) of the pad, each with its pressure. */
export async function stroke(
  page: Page,
  pointerType: 'pen' | 'touch',
  pointerId: number,
  points: [number, number][],
  pressure = 0.6,
) {
  const pad = signaturePad(page);
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  const at = ([fx, fy]: [number, number]) => ({ clientX: box.x + fx * box.width, clientY: box.y + fy * box.height });
  const init = { pointerType, pointerId, isPrimary: true, bubbles: true, cancelable: true, button: 0 };
  await pad.dispatchEvent('pointerdown', { ...init, ...at(points[0]!), pressure, buttons: 1 });
  for (const point of points.slice(1))
    await pad.dispatchEvent('pointermove', { ...init, ...at(point), pressure, buttons: 1 });
  await pad.dispatchEvent('pointerup', { ...init, ...at(points.at(-1)!), pressure: 0, buttons: 0 });
}

/** A flourish of a signature: two pen strokes across the pad, each signer's a little different. */
export async function signWithPen(page: Page, pointerId: number) {
  const lift = (pointerId % 5) * 0.04;
  await stroke(page, 'pen', pointerId, [
    [0.1, 0.6],
    [0.2, 0.3 + lift],
    [0.3, 0.65],
    [0.4, 0.35 + lift],
    [0.5, 0.6],
    [0.6, 0.45],
  ]);
  await stroke(
    page,
    'pen',
    pointerId,
    [
      [0.55, 0.7],
      [0.7, 0.5 - lift],
      [0.85, 0.62],
    ],
    0.8,
  );
}
