// The publication pack on the share: written by a pass that published, made again on a withdrawal or a deferral's
// day, only what changed rewritten, stale files overwritten and strays removed, a confidential record's text never there.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listAudit } from '../../../../electron/core/db/audit.ts';
import type { WritableDB } from '../../../../electron/core/db/connection.ts';
import type { DecisionRecord } from '../../../../electron/core/domain/index.ts';
import { londonDay } from '../../../../electron/core/domain/index.ts';
import { registerRecords } from '../../../../electron/core/db/records.ts';
import { packInputKey, planPublicationPack } from '../../../../electron/core/export/pack.ts';
import { nodeShareFs, type ShareFs } from '../../../../electron/core/sync/driver.ts';
import type { PublicationSource } from '../../../../electron/core/sync/publication.ts';
import { TEST_TEMPLATE } from '../../../helpers/trust.ts';
import { createDevice, KENT_ROLES, listFiles, tmpShare } from './helpers.ts';

const DAY = 86_400_000;

function packSource(pdfs: string[]): (db: WritableDB) => PublicationSource {
  return (db) => (now) => {
    const input = {
      records: registerRecords(db),
      template: TEST_TEMPLATE,
      now,
      publicPdf: async (record: DecisionRecord) => {
        pdfs.push(record.reference!);
        return new TextEncoder().encode(`%PDF-1.7 ${record.reference} r${record.revision}\n`);
      },
    };
    return { key: packInputKey(input.records, TEST_TEMPLATE, londonDay(now)), plan: () => planPublicationPack(input) };
  };
}

/** The share's file calls, noting every file renamed into publication/ (each write ends in one). */
function countingFs(written: string[]): ShareFs {
  return {
    ...nodeShareFs,
    rename: async (from, to) => {
      if (to.split(path.sep).includes('publication')) written.push(path.basename(to));
      return nodeShareFs.rename(from, to);
    },
  };
}

const read = (share: string, file: string) => fs.readFileSync(path.join(share, 'publication', file), 'utf8');
const allText = (share: string) =>
  listFiles(path.join(share, 'publication'))
    .map((f) => `${f}\n${read(share, f)}`)
    .join('\n');

describe('the publication pack on the shared folder', () => {
  it('is written by the pass that publishes, made again on a withdrawal, rewriting only what changed', async () => {
    const share = tmpShare();
    const pdfs: string[] = [];
    const written: string[] = [];
    const laptop = await createDevice(share, 'Laptop', { publication: packSource(pdfs), ops: countingFs(written) });
    const open = await laptop.submit({ title: 'Rural crime partnership grant' });
    const secret = await laptop.submit({
      title: 'SECRET-TITLE Covert equipment',
      decision: 'SECRET-DECISION',
      classification: 'confidential',
      confidentialReason: 'Law enforcement (FOI Act s.31).',
      publication: { publicSummary: 'Specialist equipment for the force.' },
    });
    await laptop.engine.pass();
    // Nothing published yet: an empty register.
    expect(read(share, 'index.html')).toContain('Showing all 0 decisions');
    expect(listFiles(path.join(share, 'publication', 'decisions'))).toEqual([]);
    for (const role of KENT_ROLES) laptop.sign(open.id, role);
    for (const role of KENT_ROLES) laptop.sign(secret.id, role);
    expect((await laptop.engine.pass()).published).toHaveLength(2);

    const files = listFiles(path.join(share, 'publication'));
    expect(files).toEqual(
      expect.arrayContaining([
        'index.html',
        'register.csv',
        'register.json',
        'pack.json',
        `decisions/${open.reference}.html`,
        `decisions/${open.reference}.pdf`,
        `decisions/${secret.reference}.html`,
      ]),
    );
    expect(files).not.toContain(`decisions/${secret.reference}.pdf`);
    expect(allText(share)).not.toContain('SECRET');
    expect(read(share, `decisions/${secret.reference}.html`)).toContain('Specialist equipment for the force.');
    expect(pdfs).toEqual([open.reference]);

    // Nothing changed: the next pass writes nothing.
    written.length = 0;
    await laptop.engine.pass();
    expect(written).toEqual([]);

    // Someone edits the register on the share and drops files into the pack; then the open record is withdrawn.
    fs.writeFileSync(path.join(share, 'publication', 'index.html'), '<p>edited by hand</p>');
    fs.writeFileSync(path.join(share, 'publication', 'decisions', 'extra.html'), 'stray');
    fs.mkdirSync(path.join(share, 'publication', 'old'));
    fs.writeFileSync(path.join(share, 'publication', 'old', 'notes.txt'), 'stray');
    const current = laptop.record(open.id)!;
    laptop.put({
      ...current,
      revision: current.revision + 1,
      withdrawal: { at: laptop.clock.now().toISOString(), by: 'Chief Executive', reason: 'Made in error.' },
    });
    laptop.engine.requestPass();
    await laptop.engine.pass();

    expect(read(share, 'index.html')).toContain('Decision register');
    expect(read(share, `decisions/${open.reference}.html`)).toContain('Made in error.');
    const after = listFiles(path.join(share, 'publication'));
    expect(after).not.toContain(`decisions/${open.reference}.pdf`);
    expect(after).not.toContain('decisions/extra.html');
    expect(after).not.toContain('old/notes.txt');
    // The confidential record's page was unchanged and left alone; no PDF was made again.
    expect(written).not.toContain(`${secret.reference}.html`);
    expect(written).toContain('index.html');
    expect(pdfs).toEqual([open.reference]);
  });

  it('leaves a deferred record out until its day, then adds it on the first pass of that day', async () => {
    const share = tmpShare();
    const laptop = await createDevice(share, 'Laptop', { publication: packSource([]) });
    const tomorrow = londonDay(new Date(laptop.clock.now().getTime() + DAY));
    const deferred = await laptop.submit({
      title: 'Contract award not yet announced',
      publication: { deferUntil: tomorrow },
    });
    for (const role of KENT_ROLES) laptop.sign(deferred.id, role);
    expect((await laptop.engine.pass()).published).toHaveLength(1);
    expect(allText(share)).not.toContain(deferred.reference!);
    expect(allText(share)).not.toContain('not yet announced');
    laptop.clock.advance(DAY);
    await laptop.engine.pass();
    expect(listFiles(path.join(share, 'publication'))).toContain(`decisions/${deferred.reference}.html`);
    expect(read(share, 'index.html')).toContain('Contract award not yet announced');
  });

  it('makes a large pack over several passes, a few PDFs each, the share keeping the previous register until it is whole', async () => {
    const share = tmpShare();
    const pdfs: string[] = [];
    const laptop = await createDevice(share, 'Laptop', { publication: packSource(pdfs), publicationPdfsPerPass: 2 });
    const records = [];
    for (const title of ['First grant', 'Second grant', 'Third grant', 'Fourth grant', 'Fifth grant'])
      records.push(await laptop.submit({ title }));
    await laptop.engine.pass();
    expect(read(share, 'index.html')).toContain('Showing all 0 decisions');
    for (const record of records) for (const role of KENT_ROLES) laptop.sign(record.id, role);

    expect((await laptop.engine.pass()).published).toHaveLength(5);
    // Two PDFs (and their pages) this pass; the register is still the empty one, every file it links still there.
    expect(pdfs).toHaveLength(2);
    expect(read(share, 'index.html')).toContain('Showing all 0 decisions');
    await laptop.engine.pass();
    expect(pdfs).toHaveLength(4);
    expect(read(share, 'index.html')).toContain('Showing all 0 decisions');
    await laptop.engine.pass();
    // The last PDF, then the register that links all five.
    expect(pdfs).toHaveLength(5);
    expect(new Set(pdfs).size).toBe(5);
    expect(read(share, 'index.html')).toContain('Showing all 5 decisions');
    const files = listFiles(path.join(share, 'publication', 'decisions'));
    for (const record of records) expect(files).toContain(`${record.reference}.pdf`);
    // Whole now: the next pass makes nothing.
    await laptop.engine.pass();
    expect(pdfs).toHaveLength(5);
  });

  it('shows a record withdrawn on another device withdrawn in the pack this device makes; a forged notice is refused', async () => {
    const share = tmpShare();
    const laptop = await createDevice(share, 'Laptop', { publication: packSource([]) });
    const tablet = await createDevice(share, 'Tablet', { publication: packSource([]) });
    const kept = await laptop.submit({ title: 'Neighbourhood policing review' });
    const withdrawn = await laptop.submit({ title: 'Estates disposal at Ashford' });
    for (const record of [kept, withdrawn]) for (const role of KENT_ROLES) laptop.sign(record.id, role);
    expect((await laptop.engine.pass()).published).toHaveLength(2);
    await tablet.engine.pass();
    expect(tablet.record(withdrawn.id)?.status).toBe('published');

    // Withdrawn on the tablet: its next pass leaves a signed notice, and its pack shows the withdrawal.
    const current = tablet.record(withdrawn.id)!;
    const withdrawal = { at: tablet.clock.now().toISOString(), by: 'Tablet user', reason: 'The site was sold.' };
    tablet.put({ ...current, revision: current.revision + 1, withdrawal });
    await tablet.engine.pass();
    expect(listFiles(path.join(share, 'withdrawals')).sort()).toEqual([
      `${withdrawn.id}.json`,
      `${withdrawn.id}.sig.json`,
    ]);
    expect(read(share, `decisions/${withdrawn.reference}.html`)).toContain('The site was sold.');

    // The laptop learns it on its next pass, and the pack it makes when it publishes again still shows it withdrawn.
    await laptop.engine.pass();
    expect(laptop.record(withdrawn.id)?.withdrawal).toEqual(withdrawal);
    expect(listAudit(laptop.db, withdrawn.id).at(-1)).toMatchObject({
      action: 'withdrawn',
      detail: { reason: 'The site was sold.' },
    });
    const next = await laptop.submit({ title: 'Fleet replacement' });
    for (const role of KENT_ROLES) laptop.sign(next.id, role);
    expect((await laptop.engine.pass()).published).toHaveLength(1);
    expect(read(share, `decisions/${withdrawn.reference}.html`)).toContain('The site was sold.');
    expect(listFiles(path.join(share, 'publication'))).not.toContain(`decisions/${withdrawn.reference}.pdf`);

    // Someone writes a notice for the other record by hand, with no valid signature: refused, nothing withdrawn.
    const notice = {
      format: 'decision-desk/withdrawal@1',
      recordId: kept.id,
      reference: kept.reference,
      contentHash: laptop.record(kept.id)!.contentHash,
      withdrawal,
    };
    fs.writeFileSync(path.join(share, 'withdrawals', `${kept.id}.json`), JSON.stringify(notice));
    fs.copyFileSync(
      path.join(share, 'withdrawals', `${withdrawn.id}.sig.json`),
      path.join(share, 'withdrawals', `${kept.id}.sig.json`),
    );
    await tablet.engine.pass();
    expect(tablet.record(kept.id)?.withdrawal).toBeUndefined();
    const refused = tablet.engine.conflicts().find((c) => c.path === `withdrawals/${kept.id}.json`);
    expect(refused).toMatchObject({ kind: 'tampered' });
    expect(refused?.message).toContain('Nothing was withdrawn');
  });

  it('refuses a truncated or an oversized withdrawal notice, leaves an unsigned one waiting, and ignores a file not named for a record', async () => {
    const share = tmpShare();
    const laptop = await createDevice(share, 'Laptop', { publication: packSource([]) });
    const records = [];
    for (const title of ['Truncated', 'Oversized', 'Unsigned']) records.push(await laptop.submit({ title }));
    for (const record of records) for (const role of KENT_ROLES) laptop.sign(record.id, role);
    expect((await laptop.engine.pass()).published).toHaveLength(3);
    const [truncated, oversized, unsigned] = records.map((r) => laptop.record(r.id)!);
    const folder = path.join(share, 'withdrawals');
    fs.mkdirSync(folder);
    const notice = (record: DecisionRecord) =>
      JSON.stringify({
        format: 'decision-desk/withdrawal@1',
        recordId: record.id,
        reference: record.reference,
        contentHash: record.contentHash,
        withdrawal: { at: '2026-03-02T10:00:00.000Z', by: 'Someone', reason: 'Forged.' },
      });
    fs.writeFileSync(path.join(folder, `${truncated!.id}.json`), notice(truncated!).slice(0, 80));
    fs.writeFileSync(path.join(folder, `${oversized!.id}.json`), `${notice(oversized!)}${' '.repeat(300 * 1024)}`);
    fs.writeFileSync(path.join(folder, `${unsigned!.id}.json`), notice(unsigned!));
    fs.writeFileSync(path.join(folder, 'notes.json'), notice(unsigned!));
    // The two that are refused have a signature file beside them (any bytes: they fail before it is read).
    for (const record of [truncated, oversized]) fs.writeFileSync(path.join(folder, `${record!.id}.sig.json`), '{}');
    const pass = await laptop.engine.pass();
    // A notice without its signature neither stops the pass nor is believed: it waits, as if still arriving.
    expect(pass.error).toBeNull();
    expect(pass.skipped).toEqual([
      { path: `withdrawals/${unsigned!.id}.json`, reason: 'its signature has not arrived' },
    ]);
    for (const record of records) expect(laptop.record(record.id)?.withdrawal).toBeUndefined();
    const refused = laptop.engine.conflicts().filter((c) => c.path?.startsWith('withdrawals/'));

    expect(refused.map((c) => [c.path, c.kind]).sort()).toEqual(
      [truncated, oversized].map((r) => [`withdrawals/${r!.id}.json`, 'tampered']).sort(),
    );
    expect(refused.find((c) => c.path === `withdrawals/${oversized!.id}.json`)?.message).toContain(
      'larger than a notice can be',
    );
    expect(refused.find((c) => c.path === `withdrawals/${truncated!.id}.json`)?.message).toContain(
      'not a valid withdrawal notice',
    );
    // Each is reported once and not read again on every pass.
    await laptop.engine.pass();
    expect(laptop.engine.conflicts().filter((c) => c.path?.startsWith('withdrawals/'))).toHaveLength(2);
    for (const record of records) expect(laptop.record(record.id)?.withdrawal).toBeUndefined();
  });
});
