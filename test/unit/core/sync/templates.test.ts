// Template versions on the shared folder: every record.json sync writes carries the record's version, the device that
// reads it keeps that version, and a file whose template is changed, or missing, is refused and reported.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { heldVersion, holdVersion } from '../../../../electron/core/db/templates.ts';
import { type OfficeTemplate, templateHash } from '../../../../electron/core/domain/index.ts';
import { versionOfTemplate } from '../../../../electron/core/templates.ts';
import { BUILTIN_TEMPLATE } from '../../../../electron/core/service.ts';
import { createDevice, KENT_ROLES, listFiles, tmpShare } from './helpers.ts';

/** The version the laptop's office moved to: the Commissioner labelled otherwise. */
const LATER: OfficeTemplate = {
  ...BUILTIN_TEMPLATE,
  version: 2,
  signatories: BUILTIN_TEMPLATE.signatories.map((s) => (s.decides ? { ...s, label: 'THE COMMISSIONER' } : s)),
};
const LATER_HASH = templateHash(LATER);

const readJson = (file: string) =>
  JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown> & {
    officeTemplate?: { hash: string; template: Record<string, unknown> };
  };

async function twoDevices() {
  const share = tmpShare();
  const laptop = await createDevice(share, 'LAPTOP-1');
  const tablet = await createDevice(share, 'TABLET-2');
  // The laptop holds the later version (its office template was changed there); the tablet does not.
  laptop.db.transaction(() => holdVersion(laptop.db, LATER, laptop.clock.now()))();
  const submitted = await laptop.submit({ templateHash: LATER_HASH });
  return { share, laptop, tablet, submitted };
}

const pendingFileOf = (share: string, id: string) =>
  path.join(
    share,
    listFiles(share).find((f) => f.startsWith(`pending/${id}/`))!,
  );

describe('template versions on the shared folder', () => {
  it('a hand-over file and a bundle carry the record’s version; the device that reads them keeps it', async () => {
    const { share, laptop, tablet, submitted } = await twoDevices();
    await laptop.engine.pass();
    expect(readJson(pendingFileOf(share, submitted.id)).officeTemplate).toMatchObject({
      format: 'decision-desk/template@1',
      hash: LATER_HASH,
    });

    expect(heldVersion(tablet.db, LATER_HASH)).toBeNull();
    const summary = await tablet.engine.pass();
    expect(summary.received).toEqual([{ recordId: submitted.id, revision: submitted.revision, action: 'imported' }]);
    expect(heldVersion(tablet.db, LATER_HASH)?.template.signatories.at(-1)!.label).toBe('THE COMMISSIONER');

    // Signed there and published from the laptop: the bundle's record.json carries it too.
    for (const role of KENT_ROLES) tablet.sign(submitted.id, role, { queuePublish: false });
    await tablet.engine.pass();
    await laptop.engine.pass();
    expect(laptop.record(submitted.id)?.status).toBe('published');
    const bundle = listFiles(share).find((f) => f.startsWith('decisions/') && f.endsWith('/record.json'))!;
    expect(readJson(path.join(share, bundle)).officeTemplate?.hash).toBe(LATER_HASH);
  });

  it('refuses a hand-over file whose carried template was changed, as tampered, and keeps nothing of it', async () => {
    const { share, laptop, tablet, submitted } = await twoDevices();
    await laptop.engine.pass();
    const file = pendingFileOf(share, submitted.id);
    const json = readJson(file);
    json.officeTemplate!.template.planName = 'Another plan';
    fs.writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);

    await tablet.engine.pass();
    expect(tablet.record(submitted.id)).toBeUndefined();
    expect(heldVersion(tablet.db, LATER_HASH)).toBeNull();
    expect(tablet.engine.conflicts()).toEqual([
      expect.objectContaining({
        kind: 'tampered',
        message: expect.stringContaining(
          'was refused: the template this record.json carries (officeTemplate) was changed: its definition does not match its hash.',
        ),
      }),
    ]);
  });

  it('refuses a file naming a version the device lacks and the file does not carry; once held, a retry takes it', async () => {
    const { share, laptop, tablet, submitted } = await twoDevices();
    await laptop.engine.pass();
    const file = pendingFileOf(share, submitted.id);
    const { officeTemplate: _carried, ...bare } = readJson(file);
    fs.writeFileSync(file, `${JSON.stringify(bare, null, 2)}\n`);

    await tablet.engine.pass();
    expect(tablet.record(submitted.id)).toBeUndefined();
    const [conflict] = tablet.engine.conflicts();
    expect(conflict).toMatchObject({ kind: 'tampered', actions: ['retry', 'dismiss'] });
    expect(conflict!.message).toContain(
      `was refused: This record was made with a version of template kent (${LATER_HASH.slice(0, 12)}), which this device does not have and the file does not carry: import the template file from IT first.`,
    );

    tablet.db.transaction(() => holdVersion(tablet.db, versionOfTemplate(LATER), tablet.clock.now()))();
    tablet.engine.resolveConflict(conflict!.id, 'retry');
    await tablet.engine.pass();
    expect(tablet.record(submitted.id)).toMatchObject({ templateHash: LATER_HASH, status: 'awaiting-signatures' });
  });
});
