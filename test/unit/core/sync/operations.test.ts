// What a sync pass costs on a slow share, counted in file operations (each one 5 to 50 ms over a VPN or in a
// OneDrive folder). A pass with nothing to do lists the share's folders and reads nothing: its operations do not
// grow with the records on the share. The bound, for the layout below (docs/sync.md):
//
//   NOOP_FIXED + one listing per year folder of bundles + one listing per period folder of claims
//
// (the marker read and checked, the root, pending, withdrawals and the confidential areas listed).

import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { WritableDB } from '../../../../electron/core/db/connection.ts';
import { formatReference } from '../../../../electron/core/domain/index.ts';
import { nodeShareFs } from '../../../../electron/core/sync/driver.ts';
import { bundleFolder, claimFile, jsonBytes } from '../../../../electron/core/sync/layout.ts';
import { markSeen } from '../../../../electron/core/db/sync.ts';
import { tmpDataDir } from '../../../helpers/db.ts';
import {
  device,
  FIRST_YEAR,
  LAST_YEAR,
  PATTERN,
  populateShare,
  sizedBundle,
} from '../../../helpers/published-share.ts';
import { slowShare } from '../../../helpers/slow-share.ts';

/** The operations of a pass with nothing to do that do not depend on the share's size. */
const NOOP_FIXED = 15;
const YEARS = LAST_YEAR - FIRST_YEAR + 1;

const opened: WritableDB[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

/**
 * A share holding `count` published records, and a device that has already received them all, laid out quickly:
 * each bundle's folder and claim as populateShare leaves them, the folders marked seen in the database as receiving
 * them marks them. What a pass with nothing to do looks at is exactly that: the listings and the seen marks.
 */
async function receivedShare(count: number) {
  const root = tmpDataDir('decision-desk-ops-');
  const share = path.join(root, 'share');
  fs.mkdirSync(share);
  fs.writeFileSync(path.join(share, 'decision-desk.json'), jsonBytes({ format: 'decision-desk/share@1' }));
  const folders: string[] = [];
  const perYear = Math.ceil(count / YEARS);
  for (let i = 0; i < count; i++) {
    const year = FIRST_YEAR + Math.floor(i / perYear);
    const number = (i % perYear) + 1;
    const folder = bundleFolder('decisions', year, formatReference(PATTERN, { number, year }));
    fs.mkdirSync(path.join(share, folder), { recursive: true });
    const claim = path.join(share, claimFile(year, number));
    fs.mkdirSync(path.dirname(claim), { recursive: true });
    fs.writeFileSync(claim, '{}');
    folders.push(folder);
  }
  const counted = slowShare(nodeShareFs, 0);
  const desk = await device(path.join(root, 'desktop'), share, 'Desktop', sizedBundle(), counted.fs);
  opened.push(desk.db);
  desk.db.transaction(() => folders.forEach((folder) => markSeen(desk.db, folder, 'received')))();
  return { desk, counted };
}

async function noopOperations(desk: Awaited<ReturnType<typeof device>>, counted: ReturnType<typeof slowShare>) {
  counted.reset();
  const summary = await desk.engine.pass();
  expect(summary.error).toBeNull();
  expect(summary.ok).toBe(true);
  expect(summary.received).toEqual([]);
  return { total: counted.total(), counts: { ...counted.counts } };
}

describe('share operations of a sync pass', () => {
  it('a pass with nothing to do after receiving 100 real bundles lists folders and reads only the marker', async () => {
    const root = tmpDataDir('decision-desk-ops-');
    const share = path.join(root, 'share');
    fs.mkdirSync(share);
    await populateShare(share, 100, sizedBundle());
    const counted = slowShare(nodeShareFs, 0);
    const desk = await device(path.join(root, 'desktop'), share, 'Desktop', sizedBundle(), counted.fs);
    opened.push(desk.db);
    const first = await desk.engine.pass();
    expect(first.received).toHaveLength(100);

    const noop = await noopOperations(desk, counted);
    expect(noop.total).toBeLessThanOrEqual(NOOP_FIXED + 2 * YEARS);
    expect(noop.counts).toMatchObject({ readFile: 1, createFile: 0, rename: 0, rm: 0, mkdir: 0 });
    // The quick layout the larger share below uses costs a pass exactly what the real bundles do.
    const quick = await receivedShare(100);
    expect((await noopOperations(quick.desk, quick.counted)).total).toBe(noop.total);
  });

  it('costs the same number of operations with 10,000 records on the share as with 100', async () => {
    const small = await receivedShare(100);
    const large = await receivedShare(10_000);
    const few = await noopOperations(small.desk, small.counted);
    const many = await noopOperations(large.desk, large.counted);
    expect(many).toEqual(few);
    expect(many.total).toBeLessThanOrEqual(NOOP_FIXED + 2 * YEARS);
  });
});
