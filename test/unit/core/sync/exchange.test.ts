// Handover, signing and publishing between devices over one real shared folder (each device its own database).

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listAudit } from '../../../../electron/core/db/audit.ts';
import { listRevisions } from '../../../../electron/core/db/revisions.ts';
import { legacyVersion } from '../../../../electron/core/db/templates.ts';
import { type DecisionRecord, DecisionRecordSchema } from '../../../../electron/core/domain/index.ts';
import { sha256 } from '../../../../electron/core/sync/layout.ts';
import { signatureHolds } from '../../../../electron/core/sync/merge.ts';
import { createDevice, KENT_ROLES, listFiles, tmpShare } from './helpers.ts';

const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;

describe('sync between devices', () => {
  it('a confidential record stays in the confidential area at every stage: nothing of it goes under pending/', async () => {
    const share = tmpShare();
    const laptop = await createDevice(share, 'LAPTOP-1');
    const tablet = await createDevice(share, 'Surface Tablet');
    const submitted = await laptop.submit({
      classification: 'confidential',
      confidentialReason: 'Names an informant.',
    });
    await laptop.engine.pass();
    expect(listFiles(share).filter((f) => f.includes(submitted.id))).toEqual([
      expect.stringMatching(
        new RegExp(`^confidential/pending/${submitted.id}/${submitted.revision}-LAPTOP_1_\\w+\\.json$`),
      ),
    ]);
    expect(fs.existsSync(path.join(share, 'pending', submitted.id))).toBe(false);
    // Another device reads it from there, signs, and hands its versions back to the same place.
    await tablet.engine.pass();
    expect(tablet.record(submitted.id)).toMatchObject({
      status: 'awaiting-signatures',
      classification: 'confidential',
    });
    for (const role of KENT_ROLES) tablet.sign(submitted.id, role, { queuePublish: false });
    await tablet.engine.pass();
    expect(listFiles(share).filter((f) => f.startsWith('pending/'))).toEqual([]);
    await laptop.engine.pass();
    expect(laptop.record(submitted.id)?.status).toBe('published');
    // Published, its hand-over files are cleaned up from the confidential area too.
    expect(listFiles(share).filter((f) => f.includes(submitted.id))).toEqual([]);
    expect(listFiles(share).some((f) => f.startsWith('confidential/2026/'))).toBe(true);
  });

  it('laptop hands over, tablet signs all three, laptop publishes, a third device sees it published', async () => {
    const share = tmpShare();
    const laptop = await createDevice(share, 'LAPTOP-1');
    const tablet = await createDevice(share, 'Surface Tablet');
    const desktop = await createDevice(share, 'DESKTOP-AB12CD');

    const submitted = await laptop.submit();
    expect(submitted.reference).toBe('OPCC.D.001.26');
    let summary = await laptop.engine.pass();
    expect(summary.ok).toBe(true);
    expect(summary.handedOver).toEqual([{ recordId: submitted.id, revision: submitted.revision }]);
    expect(listFiles(share)).toContain(
      `pending/${submitted.id}/${submitted.revision}-LAPTOP_1_${laptop.db.prepare("SELECT value FROM sync_state WHERE key = 'device-id'").pluck().get() as string}.json`,
    );

    summary = await tablet.engine.pass();
    expect(summary.received).toEqual([{ recordId: submitted.id, revision: submitted.revision, action: 'imported' }]);
    expect(tablet.record(submitted.id)).toMatchObject({ status: 'awaiting-signatures', reference: 'OPCC.D.001.26' });

    for (const role of KENT_ROLES) tablet.sign(submitted.id, role, { queuePublish: false });
    const decided = tablet.record(submitted.id)!;
    expect(decided.status).toBe('decided');
    expect((await tablet.engine.pass()).handedOver).toEqual([{ recordId: decided.id, revision: decided.revision }]);

    // The laptop sees it decided and publishes it in the same pass.
    summary = await laptop.engine.pass();
    expect(summary.ok).toBe(true);
    expect(summary.received[0]).toMatchObject({ recordId: decided.id, action: 'adopted' });
    const folder = 'decisions/2026/OPCC.D.001.26';
    expect(summary.published).toEqual([{ recordId: decided.id, reference: 'OPCC.D.001.26', path: folder }]);
    const published = laptop.record(decided.id)!;
    expect(published.status).toBe('published');
    expect(published.signOffs.every((s) => signatureHolds(published, s.signature))).toBe(true);

    // The bundle: every file's hash is in the manifest, with the app version; record.json is the published record.
    const bundle = path.join(share, folder);
    expect(fs.readdirSync(bundle).sort()).toEqual([
      'OPCC.D.001.26.docx',
      'OPCC.D.001.26.pdf',
      'manifest.json',
      'manifest.sig.json',
      'record.json',
    ]);
    const manifest = readJson(path.join(bundle, 'manifest.json'));
    expect(manifest).toMatchObject({
      format: 'decision-desk/bundle@1',
      recordId: decided.id,
      appVersion: '0.1.0-test',
    });
    for (const file of manifest.files as { name: string; sha256: string; bytes: number }[]) {
      const bytes = fs.readFileSync(path.join(bundle, file.name));
      expect(sha256(bytes)).toBe(file.sha256);
      expect(bytes.length).toBe(file.bytes);
    }
    // Beside the record, the template version it prints with (a record from before versions: the legacy Kent).
    const { officeTemplate, ...recordJson } = readJson(path.join(bundle, 'record.json'));
    expect(DecisionRecordSchema.parse(recordJson)).toEqual(published);
    expect(officeTemplate).toMatchObject({
      format: 'decision-desk/template@1',
      hash: legacyVersion(laptop.db, 'kent')!.hash,
      template: { id: 'kent' },
    });
    // Published: the pending files are cleaned up, and no temporary file is left anywhere.
    expect(fs.existsSync(path.join(share, 'pending', decided.id))).toBe(false);
    expect(listFiles(share).filter((f) => f.includes('.partial'))).toEqual([]);

    // The laptop's database says how it got there.
    expect(listRevisions(laptop.db, decided.id)[0]).toMatchObject({ kind: 'workflow', status: 'published' });
    expect(listAudit(laptop.db, decided.id).map((a) => a.action)).toEqual([
      'created',
      'workflow',
      'synced',
      'published',
    ]);

    summary = await desktop.engine.pass();
    expect(summary.received).toEqual([{ recordId: decided.id, revision: published.revision, action: 'published' }]);
    expect(desktop.record(decided.id)).toEqual(published);

    // The tablet catches up too: its record becomes published, and it publishes nothing of its own.
    summary = await tablet.engine.pass();
    expect(summary.published).toEqual([]);
    expect(tablet.record(decided.id)?.status).toBe('published');
    for (const device of [laptop, tablet, desktop]) {
      expect(device.engine.status()).toMatchObject({ state: 'synced', waiting: 0, conflicts: 0 });
    }
  });

  it('both devices offline sign different roles; after syncing, both signatures are kept on both', async () => {
    const share = tmpShare();
    const laptop = await createDevice(share, 'Laptop');
    const tablet = await createDevice(share, 'Tablet');
    const record = await laptop.submit();
    await laptop.engine.pass();
    await tablet.engine.pass();

    // No passes in between: each signs on its own.
    laptop.sign(record.id, 'chief-executive');
    tablet.sign(record.id, 'chief-finance-officer');

    await laptop.engine.pass();
    await tablet.engine.pass();
    await laptop.engine.pass();

    for (const device of [laptop, tablet]) {
      const merged = device.record(record.id)!;
      expect(merged.status).toBe('awaiting-signatures');
      expect(merged.signOffs.map((s) => s.signature?.device ?? null)).toEqual(['Tablet', 'Laptop', null]);
      expect(merged.signOffs.slice(0, 2).every((s) => signatureHolds(merged, s.signature))).toBe(true);
      expect(device.engine.conflicts()).toEqual([]);
    }
    // Both hold the same sign-offs, whichever merged first.
    expect(tablet.record(record.id)!.signOffs).toEqual(laptop.record(record.id)!.signOffs);

    // Then the Commissioner signs on the tablet, which publishes; the laptop learns it from the bundle.
    tablet.sign(record.id, 'commissioner');
    const tabletPass = await tablet.engine.pass();
    expect(tabletPass.published).toHaveLength(1);
    await laptop.engine.pass();
    expect(laptop.record(record.id)?.status).toBe('published');
  });

  it('refuses a hand-over whose signature was made over other content: set aside as tampered, never merged', async () => {
    const share = tmpShare();
    const laptop = await createDevice(share, 'Laptop');
    const tablet = await createDevice(share, 'Tablet');
    const record = await laptop.submit();
    await laptop.engine.pass();
    await tablet.engine.pass();
    const signed = tablet.sign(record.id, 'chief-finance-officer');
    const stale: DecisionRecord = {
      ...signed,
      signOffs: signed.signOffs.map((s) =>
        s.signature ? { ...s, signature: { ...s.signature, contentHash: 'f'.repeat(64) } } : s,
      ),
      revision: signed.revision + 1,
    };
    tablet.put(stale);
    tablet.engine.queueHandover(record.id);
    await tablet.engine.pass();
    await laptop.engine.pass();
    const here = laptop.record(record.id)!;
    // The gate (trust/gate.ts) admits no record with a signature that does not hold.
    expect(here.signOffs[0]!.signature).toBeNull();
    expect(laptop.engine.conflicts()).toEqual([
      expect.objectContaining({
        kind: 'tampered',
        recordId: record.id,
        message: expect.stringMatching(/changed after this signature was made/),
      }),
    ]);
    expect(signatureHolds(stale, stale.signOffs[0]!.signature)).toBe(false);
  });

  it('publishes a confidential record under confidential/', async () => {
    const share = tmpShare();
    const laptop = await createDevice(share, 'Laptop');
    const record = await laptop.submit({
      classification: 'confidential',
      confidentialReason: 'Commercially sensitive.',
    });
    for (const role of KENT_ROLES) laptop.sign(record.id, role);
    const summary = await laptop.engine.pass();
    expect(summary.published).toEqual([
      { recordId: record.id, reference: 'OPCC.D.001.26', path: 'confidential/2026/OPCC.D.001.26' },
    ]);
    expect(fs.existsSync(path.join(share, 'decisions'))).toBe(false);
    const other = await createDevice(share, 'Other');
    await other.engine.pass();
    expect(other.record(record.id)?.status).toBe('published');
  });

  it('a pass with nothing to do reads no bundle again', async () => {
    const share = tmpShare();
    const laptop = await createDevice(share, 'Laptop');
    const record = await laptop.submit();
    for (const role of KENT_ROLES) laptop.sign(record.id, role);
    await laptop.engine.pass();
    const reads: string[] = [];
    const { nodeShareFs } = await import('../../../../electron/core/sync/driver.ts');
    const watching = await createDevice(share, 'Watcher', {
      ops: {
        ...nodeShareFs,
        readFile: (file, max) => (reads.push(path.relative(share, file)), nodeShareFs.readFile(file, max)),
      },
    });
    await watching.engine.pass();
    expect(reads.filter((f) => f.startsWith('decisions'))).not.toEqual([]);
    reads.length = 0;
    const again = await watching.engine.pass();
    expect(again).toMatchObject({ ok: true, received: [], published: [], handedOver: [] });
    expect(reads).toEqual(['decision-desk.json']);
  });
});
