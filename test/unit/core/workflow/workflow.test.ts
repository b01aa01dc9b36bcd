// Sign-off through the service: submit, the order of signatures, declines, returns, paper signatures and verify.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodInput, MethodResult, Method } from '../../../../electron/contract.ts';
import type { DeskErrorData } from '../../../../electron/core/domain/index.ts';
import { openDesk, type Desk } from '../../../../electron/core/desk.ts';
import { dispatch } from '../../../../electron/core/service.ts';
import { makePng, penStroke, pngDataUrl } from '../../../helpers/png.ts';
import { canonicalJson } from '../../../../electron/core/domain/index.ts';
import { verifyBytes } from '../../../../electron/core/trust/pki.ts';
import {
  TEST_KDF,
  TEST_PIN,
  TEST_SIGNERS,
  type TestRole,
  trustTestOffice,
  type TrustedOffice,
} from '../../../helpers/trust.ts';

let dir: string;
let desk: Desk;
let office: TrustedOffice;
const keys = { kdf: TEST_KDF };
const named = (role: string) => TEST_SIGNERS[role as TestRole] ?? `Signer ${role}`;
/** What a paper signature needs besides the page: the recorder's key on this device and their PIN. */
const recorder = () => ({ recorderKeyId: office.recorder!.id, pin: TEST_PIN });

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-workflow-'));
  desk = await openDesk(dir, { dailyBackup: false, keys });
  office = await trustTestOffice(desk);
});
afterEach(async () => {
  await desk.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function ok<M extends Method>(method: M, input: MethodInput<M>): Promise<MethodResult<M>> {
  const result = await dispatch(desk.service, method, input);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  return result.value as MethodResult<M>;
}

async function refused<M extends Method>(
  method: M,
  input: MethodInput<M> | Record<string, unknown>,
): Promise<DeskErrorData> {
  const result = await dispatch(desk.service, method, input);
  if (result.ok) throw new Error(`${method} should have been refused`);
  return result.error;
}

const completeContent = {
  originator: 'Chief Executive',
  title: 'Regional procurement function',
  executiveSummary: 'The forces of the region propose a **single** procurement team.\n\n- one head\n- one register',
  recommendation: 'The PCC is recommended to agree the business case.',
  decision: 'To agree the business case.',
  impact: {
    planObjectives: 'Supports the plan through collaboration.',
    equalityImpactAssessment: false,
    diversityImpact: false,
    diversityExplanation: 'Administrative in nature.',
  },
};

async function submitted() {
  const record = await ok('records.create', { content: completeContent });
  return ok('records.submit', { id: record.id, baseRevision: record.revision });
}

const sign = (id: string, role: string, comments = '', name = named(role)) =>
  dispatch(desk.service, 'records.sign', {
    id,
    role,
    name,
    comments,
    image: pngDataUrl(),
    strokes: [penStroke()],
    pin: TEST_PIN,
  });

/** Reopens the desk on a clock the test sets, so dates (a paper signature's day, today) do not follow the real one. */
async function withClock(start: string) {
  await desk.close();
  let time = Date.parse(start);
  desk = await openDesk(dir, { dailyBackup: false, now: () => new Date(time), keys });
  return { set: (at: string) => void (time = Date.parse(at)) };
}

const body = (id: string) =>
  (desk.db.prepare('SELECT body FROM records WHERE id = ?').get(id) as { body: string }).body;

describe('submit for signatures', () => {
  it('lists what is missing, each with its field, and changes nothing', async () => {
    const record = await ok('records.create', { content: { title: 'Only a title', classification: 'confidential' } });
    const before = body(record.id);
    const error = await refused('records.submit', { id: record.id, baseRevision: 1 });
    expect(error.code).toBe('invalid-input');
    const fields = (error.details as { missing: { field: string }[] }).missing.map((m) => m.field);
    expect(fields).toEqual([
      'originator',
      'confidentialReason',
      'executiveSummary',
      'recommendation',
      'decision',
      'impact.planObjectives',
      'impact.equalityImpactAssessment',
      'impact.diversityImpact',
    ]);
    expect(body(record.id)).toBe(before);
  });

  it('assigns the next reference in the year, locks the content and audits it', async () => {
    const year = new Date().getFullYear() % 100;
    const first = await submitted();
    const second = await submitted();
    expect(first.reference).toBe(`OPCC.D.001.${year}`);
    expect(second.reference).toBe(`OPCC.D.002.${year}`);
    expect(first.status).toBe('awaiting-signatures');
    const locked = await refused('records.save', {
      id: first.id,
      baseRevision: first.revision,
      patch: { title: 'Changed' },
    });
    expect(locked.code).toBe('locked');
    const actions = (await ok('records.audit', { id: first.id })).map((a) => a.action);
    expect(actions).toEqual(['created', 'submitted']);
  });

  it('dates the reference by the UK calendar at New Year, whatever time zone the device is set to', async () => {
    const zone = process.env.TZ;
    // Auckland is 13 hours ahead: at 23:59 on 31 December in the UK it is already the new year there.
    process.env.TZ = 'Pacific/Auckland';
    try {
      expect(new Date('2026-12-31T23:59:00.000Z').getFullYear()).toBe(2027);
      const clock = await withClock('2026-12-31T23:59:00.000Z');
      expect((await submitted()).reference).toBe('OPCC.D.001.26');
      expect((await submitted()).reference).toBe('OPCC.D.002.26');
      clock.set('2027-01-01T00:00:01.000Z');
      expect((await submitted()).reference).toBe('OPCC.D.001.27');
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('follows on from the highest reference already in the year', async () => {
    const year = new Date().getFullYear() % 100;
    await ok('records.create', { reference: `OPCC.D.021.${year}`, content: completeContent });
    expect((await submitted()).reference).toBe(`OPCC.D.022.${year}`);
  });

  it('refuses a stale revision and a record already submitted', async () => {
    const record = await ok('records.create', { content: completeContent });
    await ok('records.save', { id: record.id, baseRevision: 1, patch: { title: 'Newer title' } });
    expect((await refused('records.submit', { id: record.id, baseRevision: 1 })).code).toBe('not-allowed');
    await ok('records.submit', { id: record.id, baseRevision: 2 });
    expect((await refused('records.submit', { id: record.id, baseRevision: 3 })).code).toBe('not-allowed');
  });
});

describe('signing', () => {
  it('takes the officers in either order, then the Commissioner, and the record is decided', async () => {
    const record = await submitted();
    const early = await sign(record.id, 'commissioner');
    expect(early.ok).toBe(false);
    expect(!early.ok && early.error.code).toBe('not-allowed');
    expect(!early.ok && early.error.message).toContain('signs last');
    expect((await sign(record.id, 'chief-executive', 'Full support.')).ok).toBe(true);
    const stillEarly = await sign(record.id, 'commissioner');
    expect(!stillEarly.ok && stillEarly.error.message).toContain('Chief Finance Officer');
    expect((await sign(record.id, 'chief-finance-officer')).ok).toBe(true);
    const decided = await sign(record.id, 'commissioner');
    expect(decided.ok && decided.value).toMatchObject({ status: 'decided' });
    const final = await ok('records.get', { id: record.id });
    const ce = final.signOffs.find((s) => s.role === 'chief-executive')!;
    expect(ce.comments).toBe('Full support.');
    expect(ce.signature).toMatchObject({
      signedBy: TEST_SIGNERS['chief-executive'],
      method: 'drawn',
      contentHash: final.contentHash,
    });
    expect(ce.signature!.proof).toMatchObject({
      algorithm: 'ES256',
      certificate: office.keys.get('chief-executive')!.certificate!.der.toString('base64'),
    });
    expect(ce.signature!.intent).toContain(
      `I, ${TEST_SIGNERS['chief-executive']}, Chief Executive, have read record ${record.reference}`,
    );
    expect(ce.signature!.strokes[0]!.points[0]!.pressure).toBeGreaterThan(0);
    expect((await ok('records.audit', { id: record.id })).map((a) => a.action)).toEqual([
      'created',
      'submitted',
      'signed',
      'signed',
      'decided',
    ]);
  });

  it('refuses a draft, a second signature for one role, and an unknown role, leaving the record unchanged', async () => {
    const draft = await ok('records.create', { content: completeContent });
    expect((await sign(draft.id, 'chief-executive')).ok).toBe(false);
    const record = await submitted();
    await sign(record.id, 'chief-executive');
    const before = body(record.id);
    const twice = await sign(record.id, 'chief-executive');
    expect(!twice.ok && twice.error).toMatchObject({
      code: 'not-allowed',
      message: 'Chief Executive has already signed.',
    });
    expect((await sign(record.id, 'monitoring-officer')).ok).toBe(false);
    expect(body(record.id)).toBe(before);
  });

  it('refuses bad images and strokes with a clear error and changes nothing', async () => {
    const record = await submitted();
    const before = body(record.id);
    const attempt = (image: string, strokes: unknown = [penStroke()]) =>
      refused('records.sign', {
        id: record.id,
        role: 'chief-executive',
        name: named('chief-executive'),
        comments: '',
        image,
        strokes,
        pin: TEST_PIN,
      });
    expect((await attempt('data:image/png;base64,')).message).toMatch(/empty|PNG/);
    expect(
      (await attempt(`data:image/png;base64,${Buffer.from('not a png at all, just text').toString('base64')}`)).message,
    ).toContain('not a PNG');
    expect((await attempt('data:image/jpeg;base64,/9j/4AAQ')).message).toContain('must be a PNG');
    expect((await attempt(pngDataUrl(4100, 50))).message).toContain('4000');
    const huge = Buffer.concat([makePng(10, 10), Buffer.alloc(2_200_000, 1)]);
    expect((await attempt(`data:image/png;base64,${huge.toString('base64')}`)).message).toMatch(/2 MB|at most/);
    expect((await attempt(pngDataUrl(), [{ pointerType: 'pen', points: [{ x: 'a', y: 1 }] }])).code).toBe(
      'invalid-input',
    );
    expect((await attempt(pngDataUrl(), 'strokes')).code).toBe('invalid-input');
    expect(body(record.id)).toBe(before);
  });

  it('records a paper signature, with or without a scan', async () => {
    await withClock('2026-09-19T09:30:00.000Z');
    const record = await submitted();
    const signed = await ok('records.paperSignature', {
      id: record.id,
      role: 'chief-finance-officer',
      name: 'Finance Officer',
      signedOn: '2026-09-19',
      ...recorder(),
    });
    const signature = signed.signOffs[0]!.signature!;
    expect(signature).toMatchObject({
      method: 'paper',
      image: null,
      signedAt: '2026-09-19T12:00:00.000Z',
      recordedBy: office.recorder!.name,
    });
    const scanned = await ok('records.paperSignature', {
      id: record.id,
      role: 'chief-executive',
      name: 'Chief Exec',
      signedOn: '2026-09-19',
      scan: pngDataUrl(600, 800),
      ...recorder(),
    });
    expect(scanned.signOffs[1]!.signature!.image).toMatch(/^data:image\/png/);
    expect((await ok('records.audit', { id: record.id })).map((a) => a.action)).toContain('paper-signature');
    expect(
      (
        await refused('records.paperSignature', {
          id: record.id,
          role: 'commissioner',
          name: 'C',
          signedOn: '19/09/2026',
          ...recorder(),
        })
      ).code,
    ).toBe('invalid-input');
  });
});

describe('signing with a key', () => {
  it('refuses a wrong PIN and someone not enrolled, changes nothing, and keeps the PIN nowhere', async () => {
    const record = await submitted();
    const before = body(record.id);
    const role = 'chief-finance-officer';
    const input = { id: record.id, role, name: named(role), image: pngDataUrl(), strokes: [], pin: '999999' };
    const wrong = await refused('records.sign', input);
    expect(wrong).toMatchObject({ code: 'not-allowed', message: expect.stringContaining('The PIN is not right') });
    const stranger = await refused('records.sign', { ...input, name: 'Someone Else', pin: TEST_PIN });
    expect(stranger.message).toContain(`belongs to ${named(role)}, not to Someone Else`);
    expect(body(record.id)).toBe(before);
    const signed = await ok('records.sign', { ...input, pin: TEST_PIN });
    expect(signed.signOffs[0]!.signature!.proof).toBeDefined();
    const audit = JSON.stringify(await ok('records.audit', { id: record.id }));
    for (const text of [body(record.id), audit]) expect(text).not.toContain(TEST_PIN);
  });

  it('signs by typing the name and PIN, with no image, and that verifies', async () => {
    const record = await submitted();
    const role = 'chief-executive';
    const typed = await ok('records.sign', {
      id: record.id,
      role,
      name: named(role),
      method: 'typed',
      image: null,
      pin: TEST_PIN,
    });
    const signature = typed.signOffs.find((s) => s.role === role)!.signature!;
    expect(signature).toMatchObject({ method: 'typed', image: null, strokes: [] });
    expect((await ok('records.verify', { record: typed })).signatures).toEqual([
      expect.objectContaining({ role, valid: true }),
    ]);
    const drawing = await refused('records.sign', {
      id: record.id,
      role: 'chief-finance-officer',
      name: named('chief-finance-officer'),
      method: 'typed',
      image: pngDataUrl(),
      pin: TEST_PIN,
    });
    expect(drawing.message).toContain('A typed signature has no drawing');
  });
});

describe('what a signature keeps and checks', () => {
  async function withComments() {
    const record = await ok('records.create', { content: completeContent });
    const signOffs = record.signOffs.map(({ role, name }) => ({
      role,
      name,
      comments: `Comments of ${role} written before signing.`,
    }));
    const saved = await ok('records.save', { id: record.id, baseRevision: 1, patch: { signOffs } });
    return ok('records.submit', { id: saved.id, baseRevision: saved.revision });
  }

  it('keeps the officer\u2019s comments when a signature comes without any, and replaces them when given', async () => {
    await withClock('2026-03-05T10:00:00.000Z');
    const record = await withComments();
    const drawn = await ok('records.sign', {
      id: record.id,
      role: 'chief-finance-officer',
      name: named('chief-finance-officer'),
      image: pngDataUrl(),
      pin: TEST_PIN,
    });
    expect(drawn.signOffs[0]!.comments).toBe('Comments of chief-finance-officer written before signing.');
    const paper = await ok('records.paperSignature', {
      id: record.id,
      role: 'chief-executive',
      name: 'Chief Exec',
      signedOn: '2026-03-05',
      ...recorder(),
    });
    expect(paper.signOffs[1]!.comments).toBe('Comments of chief-executive written before signing.');
    const replaced = await ok('records.sign', {
      id: record.id,
      role: 'commissioner',
      name: named('commissioner'),
      comments: 'New words.',
      image: pngDataUrl(),
      pin: TEST_PIN,
    });
    expect(replaced.signOffs[2]!.comments).toBe('New words.');
    // The seal covers the comments kept, so verify holds.
    const report = await ok('records.verify', { record: replaced });
    expect(report.signatures.map((s) => s.valid)).toEqual([true, true, true]);
  });

  it('refuses a paper signature dated before the record was submitted, or in the future, and changes nothing', async () => {
    const clock = await withClock('2026-03-05T10:00:00.000Z');
    const record = await submitted();
    clock.set('2026-03-09T16:00:00.000Z');
    const before = body(record.id);
    const paper = (signedOn: string) =>
      refused('records.paperSignature', {
        id: record.id,
        role: 'chief-finance-officer',
        name: 'Finance Officer',
        signedOn,
        ...recorder(),
      });
    const early = await paper('2026-03-04');
    expect(early.code).toBe('invalid-input');
    expect(early.message).toMatch(/4 March 2026.*before the record was submitted.*5 March 2026/);
    const future = await paper('2026-03-10');
    expect(future.code).toBe('invalid-input');
    expect(future.message).toMatch(/10 March 2026.*future/);
    expect(body(record.id)).toBe(before);
    for (const day of ['2026-03-05', '2026-03-09']) {
      const role = day === '2026-03-05' ? 'chief-finance-officer' : 'chief-executive';
      const signed = await ok('records.paperSignature', {
        id: record.id,
        role,
        name: 'Officer',
        signedOn: day,
        ...recorder(),
      });
      expect(signed.signOffs.find((s) => s.role === role)!.signature!.signedAt).toBe(`${day}T12:00:00.000Z`);
    }
  });

  it('a decision signed on paper, dated today, holds after the officers signed with the pen earlier that afternoon', async () => {
    // The paper form is dated by its day (noon stands for it); the officers signed at 15:00 and 15:05 that day.
    const clock = await withClock('2026-03-05T15:00:00.000Z');
    const record = await submitted();
    for (const role of ['chief-finance-officer', 'chief-executive']) {
      const signed = await sign(record.id, role);
      expect(signed.ok).toBe(true);
      clock.set('2026-03-05T15:05:00.000Z');
    }
    const decided = await ok('records.paperSignature', {
      id: record.id,
      role: 'commissioner',
      name: named('commissioner'),
      signedOn: '2026-03-05',
      ...recorder(),
    });
    expect(decided.status).toBe('decided');
    const report = await ok('records.verify', { record: decided });
    expect(report.signatures.map((s) => [s.role, s.valid, s.valid ? '' : s.reason])).toEqual([
      ['chief-finance-officer', true, ''],
      ['chief-executive', true, ''],
      ['commissioner', true, ''],
    ]);
  });

  it('measures a paper signature against the latest submission, after a return to draft', async () => {
    const clock = await withClock('2026-03-05T10:00:00.000Z');
    const record = await submitted();
    clock.set('2026-03-07T10:00:00.000Z');
    await ok('records.returnToDraft', { id: record.id, reason: 'Figures to check' });
    const again = await ok('records.submit', { id: record.id, baseRevision: record.revision + 1 });
    const early = await refused('records.paperSignature', {
      id: again.id,
      role: 'chief-finance-officer',
      name: 'F',
      signedOn: '2026-03-06',
      ...recorder(),
    });
    expect(early.message).toMatch(/before the record was submitted.*7 March 2026/);
  });
});

describe('decline and return to draft', () => {
  it('a decline needs a reason, returns the record to draft and voids signatures, keeping them in history', async () => {
    const record = await submitted();
    await sign(record.id, 'chief-executive');
    const cfo = named('chief-finance-officer');
    expect(
      (
        await refused('records.decline', {
          id: record.id,
          role: 'chief-finance-officer',
          name: cfo,
          reason: '  ',
          pin: TEST_PIN,
        })
      ).code,
    ).toBe('invalid-input');
    // Nobody declines in another's name: the decliner's own key and PIN, as for signing.
    const before = await ok('records.get', { id: record.id });
    expect(
      (
        await refused('records.decline', {
          id: record.id,
          role: 'chief-finance-officer',
          name: 'Someone Else',
          reason: 'No.',
          pin: TEST_PIN,
        })
      ).message,
    ).toMatch(/belongs to/);
    expect(
      (
        await refused('records.decline', {
          id: record.id,
          role: 'chief-finance-officer',
          name: cfo,
          reason: 'No.',
          pin: '000000',
        })
      ).message,
    ).toMatch(/PIN is not right/);
    expect(await ok('records.get', { id: record.id })).toEqual(before);
    const declined = await ok('records.decline', {
      id: record.id,
      role: 'chief-finance-officer',
      name: cfo,
      reason: 'The costs in paragraph 3 need checking.',
      pin: TEST_PIN,
    });
    expect(declined.status).toBe('draft');
    expect(declined.signOffs.every((s) => s.signature === null)).toBe(true);
    const entry = (await ok('records.audit', { id: record.id })).at(-1)!;
    expect(entry).toMatchObject({
      action: 'declined',
      detail: { role: 'chief-finance-officer', reason: 'The costs in paragraph 3 need checking.' },
    });
    // The decline is signed with the decliner's certified key over what was declined and why.
    const { proof, declinedAt } = entry.detail as {
      proof: { algorithm: string; value: string; certificate: string };
      declinedAt: string;
    };
    const certificate = office.keys.get('chief-finance-officer')!.certificate!;
    expect(proof.certificate).toBe(certificate.fingerprint);
    const statement = canonicalJson({
      purpose: 'decision-desk/decline/1',
      recordId: record.id,
      reference: record.reference,
      contentHash: before.contentHash,
      role: 'chief-finance-officer',
      name: cfo,
      reason: 'The costs in paragraph 3 need checking.',
      at: declinedAt,
    });
    expect(verifyBytes(certificate.der, statement, 'ES256', proof.value)).toBe(true);
    const kept = await ok('records.revision', {
      id: record.id,
      revision: (entry.detail as { keptInRevision: number }).keptInRevision,
    });
    expect(kept.signOffs.find((s) => s.role === 'chief-executive')!.signature).not.toBeNull();
    // A declined record cannot be signed until it is submitted again.
    expect((await sign(record.id, 'chief-executive')).ok).toBe(false);
  });

  it('the assistant returns a record to draft with a reason; a decided record is final', async () => {
    const record = await submitted();
    expect((await refused('records.returnToDraft', { id: record.id, reason: '' })).code).toBe('invalid-input');
    const back = await ok('records.returnToDraft', { id: record.id, reason: 'Wrong figures' });
    expect(back.status).toBe('draft');
    const again = await ok('records.submit', { id: record.id, baseRevision: back.revision });
    expect(again.reference).toBe(record.reference);
    for (const role of ['chief-finance-officer', 'chief-executive', 'commissioner'])
      expect((await sign(record.id, role)).ok).toBe(true);
    expect((await refused('records.returnToDraft', { id: record.id, reason: 'Too late' })).code).toBe('not-allowed');
  });
});

describe('verify', () => {
  async function decided() {
    const record = await submitted();
    for (const role of ['chief-finance-officer', 'chief-executive', 'commissioner'])
      await sign(record.id, role, 'Agreed.');
    return ok('records.get', { id: record.id });
  }

  it('holds for an untouched decided record', async () => {
    const report = await ok('records.verify', { record: await decided() });
    expect(report.valid).toBe(true);
    expect(report.signatures.map((s) => [s.role, s.valid])).toEqual([
      ['chief-finance-officer', true],
      ['chief-executive', true],
      ['commissioner', true],
    ]);
  });

  it('any change to one word of the content breaks every signature, even with the hash updated to match', async () => {
    const record = await decided();
    const edited = { ...record, decision: record.decision.replace('agree', 'reject') };
    const report = await ok('records.verify', { record: edited });
    expect(report.valid).toBe(false);
    expect(report.contentHashMatches).toBe(false);
    expect(report.signatures.every((s) => !s.valid)).toBe(true);
    const { computeContentHash } = await import('../../../../electron/core/domain/index.ts');
    const rehashed = { ...edited, contentHash: computeContentHash(edited) };
    const second = await ok('records.verify', { record: rehashed });
    expect(second.contentHashMatches).toBe(true);
    expect(second.signatures.every((s) => !s.valid && s.reason.includes('changed after'))).toBe(true);
  });

  it('a changed comment breaks that signature only', async () => {
    const record = await decided();
    record.signOffs[1]!.comments = 'I object.';
    const report = await ok('records.verify', { record });
    expect(report.signatures.map((s) => s.valid)).toEqual([true, false, true]);
    expect(report.signatures[1]!.reason).toContain('comments');
  });

  it('a record changed in the database row is caught', async () => {
    const record = await decided();
    const tampered = body(record.id).replace('To agree the business case.', 'To reject the business case.');
    desk.db.prepare('UPDATE records SET body = ? WHERE id = ?').run(tampered, record.id);
    const report = await ok('records.verify', { record: await ok('records.get', { id: record.id }) });
    expect(report.valid).toBe(false);
    expect(report.signatures.every((s) => !s.valid)).toBe(true);
  });

  it('a decided or published record without every signature is not valid, and says what is missing', async () => {
    const record = await submitted();
    const unsigned = { ...record, status: 'decided' as const };
    const report = await ok('records.verify', { record: unsigned });
    expect(report.contentHashMatches).toBe(true);
    expect(report.valid).toBe(false);
    expect(report.missing).toEqual([
      expect.stringContaining('chief-finance-officer'),
      expect.stringContaining('chief-executive'),
      expect.stringContaining('commissioner'),
    ]);
    const full = await decided();
    const withoutDecider = {
      ...full,
      status: 'published' as const,
      signOffs: full.signOffs.map((s) => (s.role === 'commissioner' ? { ...s, signature: null } : s)),
    };
    const second = await ok('records.verify', { record: withoutDecider });
    expect(second.valid).toBe(false);
    expect(second.missing).toEqual([expect.stringContaining('commissioner')]);
    expect((await ok('records.verify', { record: full })).missing).toEqual([]);
  });

  it('refuses what is not a record', async () => {
    expect((await refused('records.verify', { record: { hello: 'world' } })).code).toBe('invalid-input');
    expect((await refused('records.verify', { record: { format: 'decision-desk/record@9' } })).code).toBe(
      'unsupported-format',
    );
  });
});

describe('export.preview of a revision', () => {
  it('shows the form as it stood at an earlier revision, and refuses one that does not exist', async () => {
    const record = await ok('records.create', { content: { title: 'First title' } });
    await ok('records.save', { id: record.id, baseRevision: 1, patch: { title: 'Second title' } });
    expect((await ok('export.preview', { id: record.id })).html).toContain('Second title');
    expect((await ok('export.preview', { id: record.id, revision: 1 })).html).toContain('First title');
    expect((await refused('export.preview', { id: record.id, revision: 9 })).code).toBe('not-found');
  });
});

describe('the audit chain', () => {
  it('each entry carries the hash of the one before; an entry edited in the database shows where the chain breaks', async () => {
    const { checkAuditChain } = await import('../../../../electron/core/domain/index.ts');
    const record = await submitted();
    await sign(record.id, 'chief-finance-officer');
    const entries = await ok('records.audit', { id: record.id });
    expect(entries).toHaveLength(3);
    expect(entries[0]!.prevHash).toBeNull();
    expect(entries[1]!.prevHash).toBe(entries[0]!.hash);
    expect(entries[2]!.prevHash).toBe(entries[1]!.hash);
    expect(checkAuditChain(entries)).toEqual({ whole: true, message: 'audit chain whole (3 entries)' });
    desk.db
      .prepare("UPDATE audit SET actor = 'Someone else' WHERE record_id = ? AND action = 'submitted'")
      .run(record.id);
    const edited = checkAuditChain(await ok('records.audit', { id: record.id }));
    expect(edited).toEqual({
      whole: false,
      entry: 2,
      message: expect.stringMatching(
        /audit chain broken at entry 2 \(submitted, .*\): it was changed after it was written/,
      ),
    });
    desk.db.prepare("DELETE FROM audit WHERE record_id = ? AND action = 'submitted'").run(record.id);
    const removed = checkAuditChain(await ok('records.audit', { id: record.id }));
    expect(removed).toMatchObject({
      whole: false,
      entry: 2,
      message: expect.stringMatching(/entry before it is missing/),
    });
  });
});
