// Publishing commits durably: the moment a record is marked published (here, and on a device catching up) runs
// inside a transaction with synchronous = FULL. Observed by wrapping markPublished, which runs inside it.

import { describe, expect, it, vi } from 'vitest';
import type { WritableDB } from '../../../../electron/core/db/connection.ts';

const levels = vi.hoisted(() => [] as { inTransaction: boolean; synchronous: number }[]);

vi.mock('../../../../electron/core/sync/records.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../../electron/core/sync/records.ts')>();
  return {
    ...original,
    markPublished: (
      db: WritableDB,
      ...rest: Parameters<typeof original.markPublished> extends [unknown, ...infer R] ? R : never
    ) => {
      levels.push({ inTransaction: db.inTransaction, synchronous: Number(db.pragma('synchronous', { simple: true })) });
      return original.markPublished(db, ...rest);
    },
  };
});

const { createDevice, KENT_ROLES, tmpShare } = await import('./helpers.ts');

describe('publishing', () => {
  it('marks the record published with synchronous = FULL, on the publishing device and on one catching up', async () => {
    const share = tmpShare();
    const laptop = await createDevice(share, 'LAPTOP-1');
    const tablet = await createDevice(share, 'Surface Tablet');
    const submitted = await laptop.submit();
    await laptop.engine.pass();
    await tablet.engine.pass();
    for (const role of KENT_ROLES) laptop.sign(submitted.id, role);
    const summary = await laptop.engine.pass();
    expect(summary.published).toHaveLength(1);
    expect((await tablet.engine.pass()).received).toContainEqual(expect.objectContaining({ action: 'published' }));
    expect(levels).toEqual([
      { inTransaction: true, synchronous: 2 },
      { inTransaction: true, synchronous: 2 },
    ]);
    expect(laptop.db.pragma('synchronous', { simple: true })).toBe(1);
  });
});
