// Image sizes from PNG and JPEG headers, and scaling into a box without distortion.

import { describe, expect, it } from 'vitest';
import { fitWithin, imageSize } from '../../../../electron/core/domain/image-size.ts';
import { signaturePng } from '../../../fixtures/records/index.ts';

const bytesOf = (dataUrl: string) => new Uint8Array(Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64'));

/** The start of a JPEG: SOI, an APP0 segment, then a baseline SOF0 frame header of the given size. */
function jpegHeader(width: number, height: number): Uint8Array {
  const app0 = [
    0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
  ];
  const sof0 = [
    0xff,
    0xc0,
    0x00,
    0x11,
    0x08,
    height >> 8,
    height & 0xff,
    width >> 8,
    width & 0xff,
    0x03,
    1,
    0x22,
    0,
    2,
    0x11,
    1,
    3,
    0x11,
    1,
  ];
  return new Uint8Array([0xff, 0xd8, ...app0, ...sof0]);
}

describe('imageSize', () => {
  it('reads a PNG', () => {
    expect(imageSize(bytesOf(signaturePng(1)))).toEqual({ width: 480, height: 160 });
  });

  it('reads a JPEG past its other segments', () => {
    expect(imageSize(jpegHeader(640, 300))).toEqual({ width: 640, height: 300 });
  });

  it('gives null for anything else', () => {
    expect(imageSize(new Uint8Array([1, 2, 3]))).toBeNull();
    expect(imageSize(new TextEncoder().encode('GIF89a and more bytes than that'))).toBeNull();
    expect(imageSize(jpegHeader(0, 10))).toBeNull();
  });
});

describe('fitWithin', () => {
  it('scales down to the box, keeping the proportions, and never up', () => {
    expect(fitWithin({ width: 480, height: 160 }, { width: 227, height: 68 })).toEqual({ width: 204, height: 68 });
    expect(fitWithin({ width: 1000, height: 100 }, { width: 227, height: 68 })).toEqual({ width: 227, height: 23 });
    expect(fitWithin({ width: 50, height: 20 }, { width: 227, height: 68 })).toEqual({ width: 50, height: 20 });
  });
});
