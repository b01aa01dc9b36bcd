// Reference claims on a real shared folder: one number per record, "reference pending" offline, duplicates reported.

import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeContentHash } from '../../../../electron/core/domain/index.ts';
import { createDevice, KENT_ROLES, listFiles, tmpShare } from './helpers.ts';

describe('reference claims', () => {
  it('numbers records in turn, each claim naming its record and device', async () => {
    const share = tmpShare();
    const laptop = await createDevice(share, 'Laptop');
    const first = await laptop.submit();
    const second = await laptop.submit();
    expect([first.reference, second.reference]).toEqual(['OPCC.D.001.26', 'OPCC.D.002.26']);
    expect(listFiles(path.join(share, 'references'))).toEqual(['26/0001.claim', '26/0002.claim']);
    const claim = JSON.parse(fs.readFileSync(path.join(share, 'references/26/0002.claim'), 'utf8'));
    expect(claim).toMatchObject({
      format: 'decision-desk/claim@1',
      recordId: second.id,
      reference: 'OPCC.D.002.26',
      device: 'Laptop',
    });
  });

  it('two laptops claiming at once get two different references', async () => {
    const share = tmpShare();
    const one = await createDevice(share, 'Laptop One');
    const two = await createDevice(share, 'Laptop Two');
    const results = await Promise.all([one.submit(), two.submit(), one.submit(), two.submit()]);
    const references = results.map((r) => r.reference);
    expect(new Set(references).size).toBe(4);
    expect([...references].sort()).toEqual(['OPCC.D.001.26', 'OPCC.D.002.26', 'OPCC.D.003.26', 'OPCC.D.004.26']);
  });

  it('continues after the highest number it knows, on the share or in its database', async () => {
    const share = tmpShare();
    const laptop = await createDevice(share, 'Laptop');
    fs.mkdirSync(path.join(share, 'references/26'), { recursive: true });
    // Another device's claim, for a record this laptop has not received yet: it holds its number.
    const claim = {
      format: 'decision-desk/claim@1',
      recordId: randomUUID(),
      reference: 'OPCC.D.041.26',
      device: 'Tablet',
      claimedAt: '2026-03-01T10:00:00.000Z',
    };
    fs.writeFileSync(path.join(share, 'references/26/0041.claim'), JSON.stringify(claim));
    expect((await laptop.submit()).reference).toBe('OPCC.D.042.26');
  });

  it('a garbage or foreign claim does not make the numbering jump: it is reported, and its number skipped', async () => {
    const share = tmpShare();
    const laptop = await createDevice(share, 'Laptop');
    const folder = path.join(share, 'references/26');
    fs.mkdirSync(folder, { recursive: true });
    const claim = (number: number, reference: string) => ({
      format: 'decision-desk/claim@1',
      recordId: randomUUID(),
      reference,
      device: 'Tablet',
      claimedAt: '2026-03-01T10:00:00.000Z',
    });
    fs.writeFileSync(path.join(folder, '0001.claim'), JSON.stringify(claim(1, 'OPCC.D.001.26')));
    fs.writeFileSync(path.join(folder, '0500.claim'), 'not a claim at all');
    fs.writeFileSync(path.join(folder, '0600.claim'), JSON.stringify({ hello: 'world' }));
    // A claim whose reference is not the one its name stands for, and one larger than any claim.
    fs.writeFileSync(path.join(folder, '0700.claim'), JSON.stringify(claim(700, 'OPCC.D.003.26')));
    fs.writeFileSync(path.join(folder, '0800.claim'), Buffer.alloc(600 * 1024, 0x20));
    // An empty claim is one being written: skipped for now, not reported.
    fs.writeFileSync(path.join(folder, '0900.claim'), '');

    const first = await laptop.submit();
    expect(first.reference).toBe('OPCC.D.002.26');
    const refused = laptop.engine.conflicts().map((c) => [c.kind, c.path]);
    expect(refused).toEqual([
      ['tampered', 'references/26/0500.claim'],
      ['tampered', 'references/26/0600.claim'],
      ['tampered', 'references/26/0700.claim'],
      ['tampered', 'references/26/0800.claim'],
    ]);
    expect(laptop.engine.conflicts()[3]!.message).toMatch(/larger than a claim can be/);
    expect((await laptop.submit()).reference).toBe('OPCC.D.003.26');
    // Reported once, however often it is seen.
    expect(laptop.engine.conflicts()).toHaveLength(4);
  });

  it('recognises conflict copies of claims under any computer name and sync client, and reports each', async () => {
    const share = tmpShare();
    const one = await createDevice(share, 'Laptop One');
    const mine = await one.submit();
    const folder = path.join(share, 'references/26');
    const original = JSON.parse(fs.readFileSync(path.join(folder, '0001.claim'), 'utf8'));
    const copies = [
      '0001-OPCC-PC-01.claim',
      '0001 (Sam Patel’s conflicted copy 2026-03-02).claim',
      '0001.sync-conflict-20260302-101500-ABCDEFG.claim',
      '0001 (conflicted copy 2026-03-02 101500).claim',
    ];
    // Each from another PC that "won" number 1 in its own copy of the folder.
    const theirs = copies.map((copy) => ({ ...original, recordId: randomUUID(), device: copy.slice(5, 15) }));
    copies.forEach((copy, i) => fs.writeFileSync(path.join(folder, copy), JSON.stringify(theirs[i])));
    fs.writeFileSync(path.join(folder, 'notes.txt'), 'left here by hand');

    await one.engine.pass();
    const reported = one.engine.conflicts();
    expect(
      reported
        .filter((c) => c.kind === 'duplicate-reference')
        .map((c) => c.path)
        .sort(),
    ).toEqual(copies.map((c) => `references/26/${c}`).sort());
    for (const [i, copy] of copies.entries()) {
      expect(reported.find((c) => c.path === `references/26/${copy}`)).toMatchObject({
        kind: 'duplicate-reference',
        reference: 'OPCC.D.001.26',
        recordId: mine.id,
        detail: { recordIds: [mine.id, theirs[i]!.recordId].sort() },
      });
    }
    expect(reported.filter((c) => c.kind === 'conflict-copy').map((c) => c.path)).toEqual(['references/26/notes.txt']);
    // None of them changed the numbering.
    expect((await one.submit()).reference).toBe('OPCC.D.002.26');
  });

  it('a record submitted while the share is unreachable shows "reference pending" and gets one when it is back', async () => {
    const share = tmpShare();
    const missing = `${share}-unplugged`;
    fs.renameSync(share, missing);
    const laptop = await createDevice(share, 'Laptop');
    const record = await laptop.submit();
    expect(record.reference).toBeNull();
    expect(laptop.engine.status()).toMatchObject({ state: 'offline', referencesPending: 1 });
    expect((await laptop.engine.pass()).ok).toBe(false);
    expect(laptop.record(record.id)?.reference).toBeNull();

    fs.renameSync(missing, share);
    const summary = await laptop.engine.pass();
    expect(summary.ok).toBe(true);
    expect(summary.claimed).toEqual([{ recordId: record.id, reference: 'OPCC.D.001.26' }]);
    const claimed = laptop.record(record.id)!;
    expect(claimed).toMatchObject({
      reference: 'OPCC.D.001.26',
      status: 'awaiting-signatures',
      revision: record.revision + 1,
    });
    expect(claimed.contentHash).toBe(computeContentHash(claimed));
    // Handed over in the same pass, with its reference.
    expect(summary.handedOver).toEqual([{ recordId: record.id, revision: claimed.revision }]);
    expect(laptop.engine.status()).toMatchObject({ state: 'synced', referencesPending: 0, offlineSince: null });
  });

  it('a claim made before a crash is found and reused, not claimed twice', async () => {
    const share = tmpShare();
    const laptop = await createDevice(share, 'Laptop');
    const first = await laptop.submit();
    const draft = laptop.put(
      { ...first, id: '0b7e7d1e-2b6a-4c1e-9a57-3e2f0b9d7c11', reference: null, status: 'draft', revision: 1 },
      'created',
    );
    // The claim is written but the database never heard of it.
    expect(await laptop.engine.claimReference(draft.id, { year: 2026, month: 3 })).toEqual({
      reference: 'OPCC.D.002.26',
    });
    expect(await laptop.engine.claimReference(draft.id, { year: 2026, month: 3 })).toEqual({
      reference: 'OPCC.D.002.26',
    });
    expect(listFiles(path.join(share, 'references'))).toEqual(['26/0001.claim', '26/0002.claim']);
  });

  it('a duplicate let through by OneDrive (two claims for one number) is reported with both records, never merged', async () => {
    const share = tmpShare();
    const one = await createDevice(share, 'Laptop One');
    const two = await createDevice(share, 'Laptop Two');
    const mine = await one.submit();
    // Laptop Two "won" the same number in its local copy of the folder; the sync client kept both claims.
    const theirs = await two.submit();
    fs.renameSync(
      path.join(share, 'references/26/0002.claim'),
      path.join(share, 'references/26/0001-LAPTOP-9XK2.claim'),
    );
    const claim = JSON.parse(fs.readFileSync(path.join(share, 'references/26/0001-LAPTOP-9XK2.claim'), 'utf8'));
    fs.writeFileSync(
      path.join(share, 'references/26/0001-LAPTOP-9XK2.claim'),
      JSON.stringify({ ...claim, reference: 'OPCC.D.001.26' }),
    );
    two.put({
      ...theirs,
      reference: 'OPCC.D.001.26',
      revision: theirs.revision + 1,
      contentHash: computeContentHash({ ...theirs, reference: 'OPCC.D.001.26' }),
    });

    await one.engine.pass();
    const reported = one.engine.conflicts();
    expect(reported).toHaveLength(1);
    expect(reported[0]).toMatchObject({
      kind: 'duplicate-reference',
      reference: 'OPCC.D.001.26',
      recordId: mine.id,
      detail: { recordIds: [mine.id, theirs.id].sort() },
      actions: ['new-reference', 'dismiss'],
    });

    // Laptop Two hands its record over: Laptop One keeps both records apart and reports the same conflict once.
    await two.engine.pass();
    await one.engine.pass();
    expect(one.record(theirs.id)).toBeUndefined();
    expect(one.record(mine.id)?.reference).toBe('OPCC.D.001.26');
    expect(one.engine.conflicts()).toHaveLength(1);

    // Laptop One gives its record a new reference: the old one is released and the next pass claims another.
    one.engine.resolveConflict(reported[0]!.id, 'new-reference');
    expect(one.record(mine.id)?.reference).toBeNull();
    await one.engine.pass();
    // 0002 is free: the other laptop's claim sits beside 0001 as the sync client's copy.
    expect(one.record(mine.id)?.reference).toBe('OPCC.D.002.26');
    expect(one.engine.conflicts()).toEqual([]);
    // With the reference free, the other laptop's record comes in on the next pass.
    await one.engine.pass();
    expect(one.record(theirs.id)?.reference).toBe('OPCC.D.001.26');
  });

  it('a decided record cannot be given a new reference: its signatures cover the reference', async () => {
    const share = tmpShare();
    const one = await createDevice(share, 'Laptop One');
    const two = await createDevice(share, 'Laptop Two');
    const mine = await one.submit();
    for (const role of KENT_ROLES) one.sign(mine.id, role, { queuePublish: false });
    const theirs = await two.submit();
    two.put({
      ...theirs,
      reference: mine.reference,
      revision: theirs.revision + 1,
      contentHash: computeContentHash({ ...theirs, reference: mine.reference }),
    });
    two.engine.queueHandover(theirs.id);
    await two.engine.pass();
    await one.engine.pass();
    const [reported] = one.engine.conflicts();
    expect(reported).toMatchObject({ kind: 'duplicate-reference', recordId: mine.id });
    expect(() => one.engine.resolveConflict(reported!.id, 'new-reference')).toThrow(/signatures cover the reference/);
    expect(one.engine.resolveConflict(reported!.id, 'dismiss')).toMatchObject({ resolution: 'dismissed' });
  });
});

describe('reference claims under the office numbering series', () => {
  // As the shipped templates number: a PFCC's police and fire series, each restarting on 1 April, and an office whose
  // one series never restarts.
  const pfcc = {
    series: [
      { id: 'police', label: 'Policing', pattern: 'PFCC/{nnn}/{yy}', reset: 'financial-year' as const },
      { id: 'fire', label: 'Fire and rescue', pattern: 'PFCC/FRS/{nnn}/{yy}', reset: 'financial-year' as const },
    ],
  };
  const continuous = {
    series: [{ id: 'pcd', label: 'Policing and Crime Decisions', pattern: 'PCD {nnnn}', reset: 'never' as const }],
  };

  it('keeps one sequence per series and financial year, each in its own folder, across two devices', async () => {
    const share = tmpShare();
    const one = await createDevice(share, 'Laptop One', { numbering: pfcc });
    const two = await createDevice(share, 'Laptop Two', { numbering: pfcc });
    const march2027 = { year: 2027, month: 3 };
    const april2027 = { year: 2027, month: 4 };
    const june2026 = { year: 2026, month: 6 };
    const references = [
      (await one.submit({ series: 'fire' }, june2026)).reference,
      (await two.submit({ series: 'fire' }, june2026)).reference,
      (await one.submit({ series: 'police' }, june2026)).reference,
      // The same financial year (April 2026 to March 2027) until the end of March.
      (await two.submit({ series: 'fire' }, march2027)).reference,
      (await one.submit({ series: 'fire' }, april2027)).reference,
      // A record naming no series is numbered in the office's first.
      (await two.submit({}, april2027)).reference,
    ];
    expect(references).toEqual([
      'PFCC/FRS/001/26',
      'PFCC/FRS/002/26',
      'PFCC/001/26',
      'PFCC/FRS/003/26',
      'PFCC/FRS/001/27',
      'PFCC/001/27',
    ]);
    expect(listFiles(path.join(share, 'references'))).toEqual([
      'fire/fy2026/0001.claim',
      'fire/fy2026/0002.claim',
      'fire/fy2026/0003.claim',
      'fire/fy2027/0001.claim',
      'police/fy2026/0001.claim',
      'police/fy2027/0001.claim',
    ]);
  });

  it('a series that never restarts stays unique across years, on the share and in the database', async () => {
    const share = tmpShare();
    const one = await createDevice(share, 'Laptop One', { numbering: continuous });
    const two = await createDevice(share, 'Laptop Two', { numbering: continuous });
    expect((await one.submit({}, { year: 2026, month: 12 })).reference).toBe('PCD 0001');
    expect((await two.submit({}, { year: 2027, month: 1 })).reference).toBe('PCD 0002');
    // Laptop One's third record took its number, then its reference was corrected to one from before Decision
    // Desk (PCD 1861): Laptop One carries on after it; Laptop Two, which has not heard, after the share's claims.
    one.put({ ...(await one.submit({}, { year: 2027, month: 2 })), reference: 'PCD 1861' });
    expect((await two.submit({}, { year: 2028, month: 5 })).reference).toBe('PCD 0004');
    expect((await one.submit({}, { year: 2028, month: 5 })).reference).toBe('PCD 1862');
    expect(listFiles(path.join(share, 'references'))).toEqual([
      'pcd/all/0001.claim',
      'pcd/all/0002.claim',
      'pcd/all/0003.claim',
      'pcd/all/0004.claim',
      'pcd/all/1862.claim',
    ]);
  });

  it("a claim in a series' folder for another series, period or number is reported and skipped", async () => {
    const share = tmpShare();
    const laptop = await createDevice(share, 'Laptop', { numbering: pfcc });
    const folder = path.join(share, 'references/fire/fy2026');
    fs.mkdirSync(folder, { recursive: true });
    const claim = (reference: string) => ({
      format: 'decision-desk/claim@1',
      recordId: randomUUID(),
      reference,
      device: 'Tablet',
      claimedAt: '2026-05-01T10:00:00.000Z',
    });
    fs.writeFileSync(path.join(folder, '0001.claim'), JSON.stringify(claim('PFCC/FRS/001/26')));
    // The police series' reference, the next financial year's, and a number its file name does not stand for.
    fs.writeFileSync(path.join(folder, '0400.claim'), JSON.stringify(claim('PFCC/400/26')));
    fs.writeFileSync(path.join(folder, '0500.claim'), JSON.stringify(claim('PFCC/FRS/500/27')));
    fs.writeFileSync(path.join(folder, '0600.claim'), JSON.stringify(claim('PFCC/FRS/006/26')));
    expect((await laptop.submit({ series: 'fire' }, { year: 2026, month: 6 })).reference).toBe('PFCC/FRS/002/26');
    const refused = laptop.engine
      .conflicts()
      .filter((c) => c.kind === 'tampered')
      .map((c) => c.path);
    expect(refused.sort()).toEqual([
      'references/fire/fy2026/0400.claim',
      'references/fire/fy2026/0500.claim',
      'references/fire/fy2026/0600.claim',
    ]);
  });

  it("a duplicate OneDrive let through in a series' folder is reported with both records", async () => {
    const share = tmpShare();
    const one = await createDevice(share, 'Laptop One', { numbering: pfcc });
    const two = await createDevice(share, 'Laptop Two', { numbering: pfcc });
    const day = { year: 2026, month: 6 };
    const mine = await one.submit({ series: 'fire' }, day);
    const theirs = await two.submit({ series: 'fire' }, day);
    const folder = path.join(share, 'references/fire/fy2026');
    const claim = JSON.parse(fs.readFileSync(path.join(folder, '0002.claim'), 'utf8'));
    fs.rmSync(path.join(folder, '0002.claim'));
    fs.writeFileSync(
      path.join(folder, '0001-LAPTOP-9XK2.claim'),
      JSON.stringify({ ...claim, reference: 'PFCC/FRS/001/26' }),
    );
    await one.engine.pass();
    expect(one.engine.conflicts()).toEqual([
      expect.objectContaining({
        kind: 'duplicate-reference',
        reference: 'PFCC/FRS/001/26',
        recordId: mine.id,
        detail: expect.objectContaining({ recordIds: [mine.id, theirs.id].sort() }),
      }),
    ]);
  });
});
