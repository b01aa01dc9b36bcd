// The body the web bridge reads for a method is the contract's limit for it, derived from the method's own schema:
// the largest input the schema accepts fits, so browser mode takes whatever the app (over IPC) takes.

import { describe, expect, it } from 'vitest';
import {
  bodyLimitOf,
  contract,
  jsonBytesOf,
  MAX_RECORD_FILE_BYTES,
  MAX_SIGNATURE_POINTS,
  METHODS,
  MIN_BODY_BYTES,
} from '../../../electron/contract.ts';
import { LIMITS } from '../../../electron/core/domain/index.ts';
import { z } from 'zod';

/** The character JSON writes longest: a control character becomes \u0001, six bytes for one. */
const worst = (length: number) => '\u0001'.repeat(length);
const UUID = '00000000-0000-4000-8000-000000000001';

function fits(method: keyof typeof contract, input: unknown) {
  expect(contract[method].input.safeParse(input).success, method).toBe(true);
  expect(Buffer.byteLength(JSON.stringify(input)), method).toBeLessThanOrEqual(bodyLimitOf(method));
}

describe('body limits per method', () => {
  it('gives every method a finite limit, small for the small ones', () => {
    for (const method of METHODS) expect(Number.isFinite(bodyLimitOf(method)), method).toBe(true);
    expect(bodyLimitOf('records.list')).toBe(MIN_BODY_BYTES);
    expect(bodyLimitOf('records.get')).toBe(MIN_BODY_BYTES);
    expect(bodyLimitOf('records.decline')).toBeLessThan(64 * 1024);
  });

  it('takes a 70 MB verifyFile, as the schema does', () => {
    expect(bodyLimitOf('records.verifyFile')).toBeGreaterThanOrEqual(70_000_000);
    // Base64 is ASCII: a byte a character, not six.
    expect(bodyLimitOf('records.verifyFile')).toBeLessThan(71_000_000);
  });

  it('fits the largest save, signature and paper signature the schemas accept', () => {
    const patch = {
      originator: worst(LIMITS.name),
      title: worst(LIMITS.shortText),
      classification: 'confidential',
      confidentialReason: worst(LIMITS.reason),
      executiveSummary: worst(LIMITS.richText),
      recommendation: worst(LIMITS.richText),
      decision: worst(LIMITS.richText),
      backgroundDocuments: Array.from({ length: LIMITS.backgroundDocuments }, () => ({
        title: worst(LIMITS.shortText),
        attachment: { fileName: worst(255), mediaType: worst(100), sha256: 'a'.repeat(64) },
      })),
      impact: {
        planObjectives: worst(LIMITS.impactText),
        equalityImpactAssessment: false,
        diversityImpact: false,
        diversityExplanation: worst(LIMITS.impactText),
      },
      signOffs: Array.from({ length: 8 }, (_, index) => ({
        role: `role-${index}`.padEnd(48, 'x'),
        name: worst(LIMITS.name),
        comments: worst(LIMITS.impactText),
      })),
    };
    fits('records.save', { id: UUID, baseRevision: Number.MAX_SAFE_INTEGER, patch, mode: 'explicit' });
    fits('records.create', { content: patch, reference: 'A'.repeat(60) });

    const point = {
      x: -1.2345678901234568e-300,
      y: -1.2345678901234568e-300,
      pressure: 0.12345678901234568,
      time: 1.2345678901234568e300,
    };
    const strokes = Array.from({ length: 20 }, () => ({
      pointerType: 'touch',
      points: Array.from({ length: MAX_SIGNATURE_POINTS / 20 }, () => point),
    }));
    const signature = {
      id: UUID,
      role: 'r'.repeat(48),
      name: worst(LIMITS.name),
      comments: worst(20_000),
      image: 'A'.repeat(3_000_000),
    };
    const pin = worst(200);
    const keyId = `${'k'.repeat(27)}-${'0'.repeat(36)}`;
    fits('records.sign', { ...signature, strokes, method: 'drawn', pin, keyId });
    const { image: _image, ...signer } = signature;
    fits('records.paperSignature', {
      ...signer,
      signedOn: '2026-03-02',
      scan: 'A'.repeat(3_000_000),
      recorderKeyId: keyId,
      pin,
    });
  });

  it('refuses more pen points than the limit counts, so the two agree', () => {
    const point = { x: 1, y: 1, pressure: 0.5, time: 1 };
    const strokes = Array.from({ length: 10 }, () => ({
      pointerType: 'pen',
      points: Array.from({ length: MAX_SIGNATURE_POINTS / 10 + 1 }, () => point),
    }));
    const input = { id: UUID, role: 'chief-executive', name: 'A', comments: '', image: 'x', strokes, pin: '123456' };
    expect(contract['records.sign'].input.safeParse(input).success).toBe(false);
  });

  it("gives a whole record.json (a schema without limits of its own) the CLI's file limit", () => {
    expect(bodyLimitOf('records.import')).toBeGreaterThanOrEqual(MAX_RECORD_FILE_BYTES);
    expect(bodyLimitOf('records.verify')).toBeGreaterThanOrEqual(MAX_RECORD_FILE_BYTES);
  });

  it('measures a schema from its own limits, and calls one without them unbounded', () => {
    expect(jsonBytesOf(z.strictObject({ a: z.string().max(10) }))).toBe(2 + 4 + 6 * 10 + 2);
    expect(jsonBytesOf(z.array(z.boolean()).max(3))).toBe(2 + 3 * 5 + 2);
    expect(jsonBytesOf(z.string())).toBe(Infinity);
    expect(jsonBytesOf(z.unknown())).toBe(Infinity);
    expect(jsonBytesOf(z.array(z.number()))).toBe(Infinity);
  });
});
