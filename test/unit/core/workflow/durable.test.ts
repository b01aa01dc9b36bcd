// The sign-off steps commit durably (synchronous = FULL inside their transaction), so an acknowledged signature
// survives a power cut; autosave keeps the cheaper NORMAL. Observed from inside the transactions through the clock.

import { describe, expect, it } from 'vitest';
import type { WritableDB } from '../../../../electron/core/db/connection.ts';
import { openDesk } from '../../../../electron/core/desk.ts';
import { dispatch, type DeskService } from '../../../../electron/core/service.ts';
import { penStroke, pngDataUrl } from '../../../helpers/png.ts';
import { KENT_ROLES, tmpDataDir } from '../../../helpers/db.ts';
import { TEST_KDF, TEST_PIN, TEST_SIGNERS, trustTestOffice } from '../../../helpers/trust.ts';

const FULL = 2;
const NORMAL = 1;

const completeContent = {
  originator: 'Chief Executive',
  title: 'Regional procurement function',
  executiveSummary: 'The forces of the region propose a single procurement team.',
  recommendation: 'The PCC is recommended to agree the business case.',
  decision: 'To agree the business case.',
  impact: {
    planObjectives: 'Supports the plan through collaboration.',
    equalityImpactAssessment: false,
    diversityImpact: false,
    diversityExplanation: 'Administrative in nature.',
  },
};

/** A desk whose clock notes the synchronous level each time it is read inside a transaction. */
async function observedDesk() {
  let db: WritableDB | null = null;
  let seen: number[] = [];
  const desk = await openDesk(tmpDataDir(), {
    dailyBackup: false,
    now: () => {
      if (db?.inTransaction) seen.push(Number(db.pragma('synchronous', { simple: true })));
      return new Date('2026-03-02T09:00:00.000Z');
    },
    keys: { kdf: TEST_KDF },
  });
  const office = await trustTestOffice(desk);
  db = desk.db;
  async function step(method: string, input: unknown): Promise<number[]> {
    seen = [];
    const result = await dispatch(desk.service as DeskService, method, input);
    if (!result.ok) throw new Error(`${method} failed: ${result.error.message}`);
    return seen;
  }
  return { desk, step, office };
}

describe('durable commits', () => {
  it('submit, sign, decline, paper signature and return to draft run with synchronous = FULL; autosave does not', async () => {
    const { desk, step, office } = await observedDesk();
    const signer = TEST_SIGNERS[KENT_ROLES[0]];
    try {
      const id = (await desk.service['records.create']({ content: completeContent })).id;
      const revision = () =>
        (desk.db.prepare('SELECT revision FROM records WHERE id = ?').get(id) as { revision: number }).revision;

      expect(
        await step('records.save', {
          id,
          baseRevision: revision(),
          patch: { title: 'Regional procurement' },
          mode: 'auto',
        }),
      ).toEqual(expect.arrayContaining([NORMAL]));
      const durable = [
        await step('records.submit', { id, baseRevision: revision() }),
        await step('records.sign', {
          id,
          role: KENT_ROLES[0],
          name: signer,
          comments: '',
          image: pngDataUrl(),
          strokes: [penStroke()],
          pin: TEST_PIN,
        }),
        await step('records.decline', {
          id,
          role: KENT_ROLES[1],
          name: TEST_SIGNERS[KENT_ROLES[1]],
          reason: 'Needs the costs.',
          pin: TEST_PIN,
        }),
        await step('records.submit', { id, baseRevision: revision() }),
        await step('records.paperSignature', {
          id,
          role: KENT_ROLES[0],
          name: 'A Signer',
          comments: '',
          signedOn: '2026-03-02',
          scan: null,
          recorderKeyId: office.recorder!.id,
          pin: TEST_PIN,
        }),
        await step('records.returnToDraft', { id, reason: 'A change to the decision.' }),
      ];
      for (const levels of durable) {
        expect(levels.length).toBeGreaterThan(0);
        expect(new Set(levels)).toEqual(new Set([FULL]));
      }
      // Back to NORMAL once the step has committed.
      expect(desk.db.pragma('synchronous', { simple: true })).toBe(NORMAL);
    } finally {
      await desk.close();
    }
  });
});
