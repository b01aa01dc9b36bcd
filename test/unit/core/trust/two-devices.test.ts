// The office's trust across two devices through one real shared folder: the administrator's laptop makes the seal and
// enrols signatories; a tablet that pins the seal learns its certificate and revocations from the share, checks every
// signature that arrives, and refuses what the seal did not certify. Real SQLite files, real folders, real Chromium.

import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { type Desk, openDesk } from '../../../../electron/core/desk.ts';
import { dispatch } from '../../../../electron/core/service.ts';
import type { Method, MethodInput, MethodResult } from '../../../../electron/contract.ts';
import { computeContentHash, computeSeal, type DecisionRecord } from '../../../../electron/core/domain/index.ts';
import { createSeal, fingerprintOf } from '../../../../electron/core/trust/pki.ts';
import { pngDataUrl } from '../../../helpers/png.ts';
import { testClock, tmpDataDir } from '../../../helpers/db.ts';

const CHEAP = { pin: { N: 2 ** 10, r: 8, p: 1 }, passphrase: { N: 2 ** 10, r: 8, p: 1 } };
const PASSPHRASE = 'the administrator knows this';
const PIN = '246810';
const ROLES = ['chief-finance-officer', 'chief-executive', 'commissioner'] as const;
const NAMES = {
  'chief-finance-officer': 'Jane Smith',
  'chief-executive': 'Robert Jones',
  commissioner: 'Matthew Scott',
} as const;

const opened: Desk[] = [];
afterEach(async () => {
  for (const desk of opened.splice(0)) await desk.close();
});

async function device(share: string, name: string, clock = testClock('2026-03-02T09:00:00.000Z')) {
  const desk = await openDesk(tmpDataDir(), { now: clock.now, dailyBackup: false, keys: { kdf: CHEAP }, sync: {} });
  opened.push(desk);
  const call = async <M extends Method>(method: M, input: MethodInput<M>): Promise<MethodResult<M>> => {
    const envelope = await dispatch(desk.service, method, input);
    if (!envelope.ok) throw new Error(`${method}: ${envelope.error.message}`);
    return envelope.value as MethodResult<M>;
  };
  const fail = async (method: Method, input: unknown) => {
    const envelope = await dispatch(desk.service, method, input);
    if (envelope.ok) throw new Error(`${method} succeeded`);
    return envelope.error;
  };
  await call('settings.update', { patch: { deviceName: name, userName: `${name} user`, sharedFolder: share } });
  return { desk, call, fail, clock };
}

function shareFiles(share: string): string[] {
  return (fs.readdirSync(share, { recursive: true }) as string[]).map((f) => f.split(path.sep).join('/')).sort();
}

describe('the office seal across two devices', () => {
  it('enrol on the laptop, pin on the tablet: the tablet verifies the signatures, the published PDF passes pdfsig, a revocation reaches it', async () => {
    const share = tmpDataDir('decision-desk-share-');
    const clock = testClock('2026-03-02T09:00:00.000Z');
    const laptop = await device(share, 'LAPTOP-1', clock);
    const tablet = await device(share, 'TABLET-1', clock);

    let trust = await laptop.call('trust.createSeal', { passphrase: PASSPHRASE });
    expect(trust.seal).toMatchObject({ onThisDevice: true, kind: 'seal' });
    expect(trust.canPublish).toBe(true);
    for (const role of ROLES) {
      trust = await laptop.call('trust.enrol', {
        kind: 'signatory',
        role,
        name: NAMES[role],
        pin: PIN,
        sealPassphrase: PASSPHRASE,
      });
    }
    expect(trust.keys.filter((k) => k.kind === 'signatory' && k.usable)).toHaveLength(3);

    // The tablet pins the seal by its fingerprint (as IT or the template would give it) and learns the rest from the share.
    const fingerprint = trust.pinned!;
    const template = (await tablet.call('settings.get', {})).template;
    await tablet.call('settings.update', { patch: { template: { ...template, sealFingerprint: fingerprint } } });
    await laptop.desk.sync!.pass();
    // Nothing secret on the share: no key file, no PKCS#8.
    const files = shareFiles(share);
    expect(files).toContain('office/seal.cer');
    expect(files.some((f) => /\.key$/.test(f))).toBe(false);
    for (const f of files.filter((f) => fs.statSync(path.join(share, f)).isFile())) {
      expect(fs.readFileSync(path.join(share, f), 'latin1')).not.toMatch(/PRIVATE KEY|ciphertext/);
    }
    await tablet.desk.sync!.pass();
    expect((await tablet.call('trust.status', {})).seal?.fingerprint).toBe(fingerprint);
    // Once pinned, a template edit neither drops the seal nor swaps in another.
    const pinnedTemplate = (await tablet.call('settings.get', {})).template;
    await tablet.call('settings.update', {
      patch: { template: { ...pinnedTemplate, sealFingerprint: null, planName: 'Safer Kent' } },
    });
    expect((await tablet.call('settings.get', {})).template).toMatchObject({
      sealFingerprint: fingerprint,
      planName: 'Safer Kent',
    });
    expect(
      (
        await tablet.fail('settings.update', {
          patch: { template: { ...pinnedTemplate, sealFingerprint: 'a'.repeat(64) } },
        })
      ).message,
    ).toMatch(/already pins a seal/);

    // The laptop drafts, submits and the three sign there, in order, with PIN and pen.
    const draft = await laptop.call('records.create', {
      content: {
        title: 'Funding for a rural crime partnership',
        originator: 'Chief Executive',
        executiveSummary: 'Two years of funding.',
        recommendation: 'Approve.',
        decision: 'I approve.',
        impact: {
          planObjectives: 'Safer rural communities',
          equalityImpactAssessment: true,
          diversityImpact: false,
          diversityExplanation: '',
        },
      },
    });
    const submitted = await laptop.call('records.submit', { id: draft.id, baseRevision: draft.revision });
    for (const role of ROLES) {
      await laptop.call('records.sign', { id: submitted.id, role, name: NAMES[role], image: pngDataUrl(), pin: PIN });
    }
    expect((await laptop.call('records.get', { id: submitted.id })).status).toBe('decided');
    const published = await laptop.desk.sync!.pass();
    expect(published.published.map((p) => p.reference)).toEqual([submitted.reference]);

    // The tablet takes the published bundle: manifest signed, signatures verified.
    const received = await tablet.desk.sync!.pass();
    expect(received.ok).toBe(true);
    const there = await tablet.call('records.get', { id: submitted.id });
    expect(there.status).toBe('published');
    const report = await tablet.call('records.verify', { record: there });
    expect(report.valid).toBe(true);
    expect(report.signatures.map((s) => [s.role, s.certificate?.name, s.valid])).toEqual(
      ROLES.map((r) => [r, NAMES[r], true]),
    );

    // The published PDF validates in pdfsig, and in Verify as sealed by the office.
    const pdfFile = shareFiles(share).find((f) => f.startsWith('decisions/') && f.endsWith('.pdf'))!;
    const pdfsig = execFileSync('pdfsig', [path.join(share, pdfFile)], { encoding: 'utf8' });
    expect(pdfsig).toMatch(/Signature is Valid/);
    expect(pdfsig).toMatch(/Total document signed/);
    expect(pdfsig).toMatch(/Office of the Police and Crime Commissioner/);
    const pdfReport = await tablet.call('records.verifyFile', {
      fileName: 'x.pdf',
      base64: fs.readFileSync(path.join(share, pdfFile)).toString('base64'),
    });
    expect(pdfReport.pdf).toMatchObject({ sealed: true, intact: true, trusted: true });
    expect(pdfReport.audit?.whole).toBe(true);
    expect(pdfReport.valid).toBe(true);

    // Change one byte of the printed page: the seal no longer holds, and Verify says so.
    const bytes = fs.readFileSync(path.join(share, pdfFile));
    const at = bytes.indexOf(Buffer.from('Skia/PDF'));
    expect(at).toBeGreaterThan(0);
    bytes[at] = 'T'.charCodeAt(0);
    const changed = await tablet.call('records.verifyFile', { fileName: 'x.pdf', base64: bytes.toString('base64') });
    expect(changed.pdf).toMatchObject({ sealed: true, intact: false, trusted: false });
    expect(changed.valid).toBe(false);
    // The record.json inside is untouched, and its signatures still hold: only the seal shows the page changed.
    expect(changed.signatures.every((s) => s.valid)).toBe(true);

    // "Verify shared folder" reads every bundle whole: all is well, until someone edits the published PDF.
    expect(await tablet.call('sync.verifyShare', {})).toEqual({ checked: 1, problems: [] });
    fs.writeFileSync(path.join(share, pdfFile), bytes);
    const verified = await tablet.call('sync.verifyShare', {});
    expect(verified.problems).toEqual([
      expect.objectContaining({
        reference: submitted.reference,
        reason: expect.stringMatching(/hash in its manifest/),
      }),
    ]);
    expect(
      (await tablet.call('sync.conflicts', {})).some(
        (c) => c.kind === 'tampered' && c.path === path.posix.dirname(pdfFile),
      ),
    ).toBe(true);

    // The laptop revokes the chief executive's key; the tablet learns it on its next pass.
    const ce = (await laptop.call('trust.status', {})).keys.find((k) => k.role === 'chief-executive')!;
    clock.advance(3600_000);
    await laptop.call('trust.revoke', {
      fingerprint: ce.certificate!.fingerprint,
      reason: 'key-compromise',
      sealPassphrase: PASSPHRASE,
    });
    await laptop.desk.sync!.pass();
    await tablet.desk.sync!.pass();
    const onTablet = await tablet.call('trust.status', {});
    expect(onTablet.certificates.find((c) => c.fingerprint === ce.certificate!.fingerprint)?.revokedAt).not.toBeNull();
    // Signatures made before the revocation still hold.
    expect((await tablet.call('records.verify', { record: there })).valid).toBe(true);
  }, 120_000);

  it('a forged hand-over file (decided, seals recomputed by the public algorithm) is refused, reported, never merged or published', async () => {
    const share = tmpDataDir('decision-desk-share-');
    const laptop = await device(share, 'LAPTOP-1');
    await laptop.call('trust.createSeal', { passphrase: PASSPHRASE });
    const draft = await laptop.call('records.create', {
      content: {
        title: 'A grant',
        originator: 'Chief Executive',
        executiveSummary: 'S.',
        recommendation: 'R.',
        decision: 'D.',
        impact: {
          planObjectives: 'P',
          equalityImpactAssessment: true,
          diversityImpact: false,
          diversityExplanation: '',
        },
      },
    });
    const submitted = await laptop.call('records.submit', { id: draft.id, baseRevision: draft.revision });
    await laptop.desk.sync!.pass();

    // Someone with write access to the share writes a "decided" version with text they chose and seals that hold.
    const forged: DecisionRecord = {
      ...submitted,
      decision: 'To REJECT the grant and fund something else.',
      revision: submitted.revision + 1,
    };
    forged.contentHash = computeContentHash(forged);
    forged.signOffs = forged.signOffs.map((s) => {
      const body = {
        signedBy: `Forged ${s.role}`,
        signedAt: '2026-03-02T10:00:00.000Z',
        device: 'X',
        method: 'drawn' as const,
        image: null,
        strokes: [],
        contentHash: forged.contentHash,
      };
      return {
        ...s,
        name: body.signedBy,
        signature: { ...body, seal: computeSeal({ ...s, name: body.signedBy }, body) },
      };
    });
    forged.status = 'decided';
    const dir = path.join(share, 'pending', submitted.id);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `${forged.revision}-MALLORY_abc123.json`), JSON.stringify(forged));

    const summary = await laptop.desk.sync!.pass();
    expect(summary.published).toEqual([]);
    const here = await laptop.call('records.get', { id: submitted.id });
    expect(here).toMatchObject({ status: 'awaiting-signatures', decision: 'D.' });
    const conflicts = await laptop.call('sync.conflicts', {});
    expect(conflicts.map((c) => c.message).join(' ')).toMatch(/without a signing key|not hold/);
    expect(shareFiles(share).some((f) => f.startsWith('decisions/'))).toBe(false);
  }, 60_000);

  it('a tablet asks for its keys through the share; the administrator approves on the laptop; the tablet then signs and publishes', async () => {
    const share = tmpDataDir('decision-desk-share-');
    const clock = testClock('2026-03-02T09:00:00.000Z');
    const laptop = await device(share, 'LAPTOP-1', clock);
    const tablet = await device(share, 'TABLET-1', clock);
    const { pinned } = await laptop.call('trust.createSeal', { passphrase: PASSPHRASE });
    await laptop.desk.sync!.pass();
    const template = (await tablet.call('settings.get', {})).template;
    await tablet.call('settings.update', { patch: { template: { ...template, sealFingerprint: pinned } } });
    await tablet.desk.sync!.pass();

    for (const role of ROLES)
      await tablet.call('trust.requestEnrolment', { kind: 'signatory', role, name: NAMES[role], pin: PIN });
    let mine = await tablet.call('trust.requestEnrolment', {
      kind: 'publisher',
      role: null,
      name: 'TABLET-1',
      pin: null,
    });
    expect(mine.keys.every((k) => k.waiting && !k.usable)).toBe(true);
    await tablet.desk.sync!.pass();
    // The request files hold public keys only.
    const requests = shareFiles(share).filter((f) => f.startsWith('signatories/requests/'));
    expect(requests).toHaveLength(4);
    for (const f of requests)
      expect(fs.readFileSync(path.join(share, f), 'utf8')).not.toMatch(/PRIVATE|ciphertext|246810/);

    await laptop.desk.sync!.pass();
    const asked = (await laptop.call('trust.status', {})).requests;
    expect(asked.map((r) => `${r.kind} ${r.name} ${r.device}`).sort()).toEqual(
      [...ROLES.map((r) => `signatory ${NAMES[r]} TABLET-1`), 'publisher TABLET-1 TABLET-1'].sort(),
    );
    expect(
      (await laptop.fail('trust.approve', { requestId: asked[0]!.id, sealPassphrase: 'not the passphrase' })).message,
    ).toMatch(/passphrase is not right/);
    for (const request of asked)
      await laptop.call('trust.approve', { requestId: request.id, sealPassphrase: PASSPHRASE });
    await laptop.desk.sync!.pass();
    await tablet.desk.sync!.pass();
    mine = await tablet.call('trust.status', {});
    expect(mine.keys.map((k) => `${k.kind} ${k.usable} ${k.waiting}`).sort()).toEqual([
      'publisher true false',
      ...ROLES.map(() => 'signatory true false'),
    ]);
    expect(mine.canPublish).toBe(true);
    expect(shareFiles(share).filter((f) => f.startsWith('signatories/requests/'))).toEqual([]);

    // The tablet drafts, submits, signs as the three, and publishes a sealed bundle the laptop accepts.
    const draft = await tablet.call('records.create', {
      content: {
        title: 'A grant',
        originator: 'Chief Executive',
        executiveSummary: 'S.',
        recommendation: 'R.',
        decision: 'D.',
        impact: {
          planObjectives: 'P',
          equalityImpactAssessment: true,
          diversityImpact: false,
          diversityExplanation: '',
        },
      },
    });
    const submitted = await tablet.call('records.submit', { id: draft.id, baseRevision: draft.revision });
    expect(
      (
        await tablet.fail('records.sign', {
          id: submitted.id,
          role: 'commissioner',
          name: NAMES.commissioner,
          image: pngDataUrl(),
          pin: PIN,
        })
      ).message,
    ).toMatch(/signs last/);
    expect(
      (
        await tablet.fail('records.sign', {
          id: submitted.id,
          role: 'chief-finance-officer',
          name: NAMES['chief-finance-officer'],
          image: pngDataUrl(),
          pin: '999999',
        })
      ).message,
    ).toMatch(/PIN is not right/);
    expect(
      (
        await tablet.fail('records.sign', {
          id: submitted.id,
          role: 'chief-finance-officer',
          name: 'Someone Else',
          image: pngDataUrl(),
          pin: PIN,
        })
      ).message,
    ).toMatch(/belongs to Jane Smith/);
    for (const role of ROLES)
      await tablet.call('records.sign', { id: submitted.id, role, name: NAMES[role], image: pngDataUrl(), pin: PIN });
    expect((await tablet.desk.sync!.pass()).published).toHaveLength(1);
    await laptop.desk.sync!.pass();
    expect((await laptop.call('records.get', { id: submitted.id })).status).toBe('published');
  }, 120_000);

  it('trust files on the share that are forged, truncated or oversized are reported as tampered and never believed', async () => {
    const share = tmpDataDir('decision-desk-share-');
    const clock = testClock('2026-03-02T09:00:00.000Z');
    const laptop = await device(share, 'LAPTOP-1', clock);
    const tablet = await device(share, 'TABLET-1', clock);
    const { pinned } = await laptop.call('trust.createSeal', { passphrase: PASSPHRASE });
    await laptop.call('trust.enrol', {
      kind: 'signatory',
      role: 'commissioner',
      name: NAMES.commissioner,
      pin: PIN,
      sealPassphrase: PASSPHRASE,
    });
    await laptop.desk.sync!.pass();
    const at = (file: string) => path.join(share, ...file.split('/'));
    // What the laptop put there: its signatory's and its publishing key's certificates.
    const realCertificates = shareFiles(share).filter((f) => /^signatories\/[0-9a-f]{64}\.cer$/.test(f));
    expect(realCertificates).toHaveLength(2);
    const real = realCertificates[0]!;

    // A rogue seal where the office's was: the tablet pins the real fingerprint, so it is not believed.
    const rogue = await createSeal(
      'Office of the Police and Crime Commissioner for Kent',
      new Date('2026-01-01T00:00:00Z'),
    );
    const sealFile = fs.readFileSync(at('office/seal.cer'));
    fs.writeFileSync(at('office/seal.cer'), rogue.der);
    const forged = {
      // Another seal's certificate under a name that claims to be it; a real certificate truncated; one too large.
      [`signatories/${fingerprintOf(rogue.der)}.cer`]: rogue.der,
      [`signatories/${'ab'.repeat(32)}.cer`]: fs.readFileSync(at(real)).subarray(0, 100),
      [`signatories/${'cd'.repeat(32)}.cer`]: Buffer.alloc(17 * 1024, 0x30),
      // A certificate of the office under a name that is not its fingerprint.
      [`signatories/${'ef'.repeat(32)}.cer`]: fs.readFileSync(at(real)),
      'signatories/revocations/20991231T000000Z.crl': Buffer.from('not a revocation list'),
      'signatories/requests/signatory-00000000-0000-4000-8000-000000000001.json': Buffer.from(
        '{"format":"decision-desk/enrolment-request/1","id":',
      ),
    };
    for (const [file, bytes] of Object.entries(forged)) fs.writeFileSync(at(file), bytes);

    const template = (await tablet.call('settings.get', {})).template;
    await tablet.call('settings.update', { patch: { template: { ...template, sealFingerprint: pinned } } });
    await tablet.desk.sync!.pass();
    const tampered = (await tablet.call('sync.conflicts', {}))
      .filter((c) => c.kind === 'tampered')
      .map((c) => [c.path, c.message]);
    expect(tampered).toEqual([['office/seal.cer', expect.stringMatching(/not the seal this office pins/)]]);
    expect((await tablet.call('trust.status', {})).seal).toBeNull();

    // With the real seal back, the rest is read: each forgery refused with its reason, the real certificate kept.
    fs.writeFileSync(at('office/seal.cer'), sealFile);
    await tablet.desk.sync!.pass();
    const reasons = Object.fromEntries(
      (await tablet.call('sync.conflicts', {})).filter((c) => c.kind === 'tampered').map((c) => [c.path, c.message]),
    );
    expect(reasons).toMatchObject({
      [`signatories/${fingerprintOf(rogue.der)}.cer`]: expect.stringMatching(
        /not issued by this office\u2019s seal|authority/,
      ),
      [`signatories/${'ab'.repeat(32)}.cer`]: expect.stringMatching(/name is not the fingerprint|cannot be read/),
      [`signatories/${'cd'.repeat(32)}.cer`]: expect.stringMatching(/larger than a certificate can be/),
      [`signatories/${'ef'.repeat(32)}.cer`]: expect.stringMatching(/name is not the fingerprint/),
      'signatories/revocations/20991231T000000Z.crl': expect.stringMatching(/cannot be read/),
    });
    const status = await tablet.call('trust.status', {});
    expect(status.seal?.fingerprint).toBe(pinned);
    expect(status.certificates.map((c) => c.fingerprint).sort()).toEqual(
      [pinned!, ...realCertificates.map((f) => f.slice('signatories/'.length, -'.cer'.length))].sort(),
    );
    expect(status.revocationsAsOf).toBeNull();
    // The laptop holds the seal, so it reads requests: the truncated one is refused, not listed.
    await laptop.desk.sync!.pass();
    expect((await laptop.call('trust.status', {})).requests).toEqual([]);
    expect(
      (await laptop.call('sync.conflicts', {})).some(
        (c) => c.kind === 'tampered' && (c.path ?? '').startsWith('signatories/requests/'),
      ),
    ).toBe(true);
  }, 60_000);
});
