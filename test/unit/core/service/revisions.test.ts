// Revisions and the audit log: explicit saves, coalesced autosaves, viewing and restoring an earlier revision.

import { describe, expect, it } from 'vitest';
import { AUTOSAVE_COALESCE_MS } from '../../../../electron/core/db/revisions.ts';
import { createTestService, makeRecord, type TestDesk } from '../../../helpers/db.ts';

const MINUTE = 60_000;

async function started(): Promise<{ desk: TestDesk; id: string }> {
  const desk = await createTestService();
  const { id } = await desk.call('records.create', { content: { title: 'v1' } });
  return { desk, id };
}

async function save(desk: TestDesk, id: string, title: string, mode: 'auto' | 'explicit' = 'explicit') {
  const { revision } = await desk.call('records.get', { id });
  return desk.call('records.save', { id, baseRevision: revision, patch: { title }, mode });
}

describe('revisions', () => {
  it('keeps every explicit save, newest first', async () => {
    const { desk, id } = await started();
    desk.clock.advance(MINUTE);
    await save(desk, id, 'v2');
    desk.clock.advance(MINUTE);
    await save(desk, id, 'v3');
    const history = await desk.call('records.history', { id });
    expect(history.map((r) => [r.revision, r.kind, r.title])).toEqual([
      [3, 'saved', 'v3'],
      [2, 'saved', 'v2'],
      [1, 'created', 'v1'],
    ]);
    expect(history[0]).toMatchObject({
      savedAt: '2024-03-01T09:02:00.000Z',
      firstSavedAt: '2024-03-01T09:02:00.000Z',
      status: 'draft',
    });
  });

  it('coalesces autosaves within five minutes of the first into one entry', async () => {
    expect(AUTOSAVE_COALESCE_MS).toBe(5 * MINUTE);
    const { desk, id } = await started();
    for (const title of ['a', 'ab', 'abc']) {
      desk.clock.advance(MINUTE);
      await save(desk, id, title, 'auto');
    }
    expect((await desk.call('records.get', { id })).revision).toBe(4);
    const history = await desk.call('records.history', { id });
    expect(history.map((r) => [r.revision, r.kind, r.title])).toEqual([
      [4, 'autosaved', 'abc'],
      [1, 'created', 'v1'],
    ]);
    expect(history[0]).toMatchObject({ firstSavedAt: '2024-03-01T09:01:00.000Z', savedAt: '2024-03-01T09:03:00.000Z' });
  });

  it('starts a new autosave entry five minutes after the first of a run', async () => {
    const { desk, id } = await started();
    desk.clock.advance(MINUTE);
    await save(desk, id, 'a', 'auto');
    desk.clock.advance(4 * MINUTE + 59_000);
    await save(desk, id, 'ab', 'auto');
    desk.clock.advance(1_000);
    await save(desk, id, 'abc', 'auto');
    const history = await desk.call('records.history', { id });
    expect(history.map((r) => [r.revision, r.kind, r.title, r.firstSavedAt])).toEqual([
      [4, 'autosaved', 'abc', '2024-03-01T09:06:00.000Z'],
      [3, 'autosaved', 'ab', '2024-03-01T09:01:00.000Z'],
      [1, 'created', 'v1', '2024-03-01T09:00:00.000Z'],
    ]);
  });

  it('does not fold an autosave into an explicit save', async () => {
    const { desk, id } = await started();
    desk.clock.advance(MINUTE);
    await save(desk, id, 'a', 'auto');
    await save(desk, id, 'saved', 'explicit');
    desk.clock.advance(MINUTE);
    await save(desk, id, 'after', 'auto');
    const kinds = (await desk.call('records.history', { id })).map((r) => r.kind);
    expect(kinds).toEqual(['autosaved', 'saved', 'autosaved', 'created']);
  });

  it('shows a saved revision whole, and says not-found for one coalesced away or never made', async () => {
    const { desk, id } = await started();
    desk.clock.advance(MINUTE);
    await save(desk, id, 'a', 'auto');
    await save(desk, id, 'ab', 'auto');
    const first = await desk.call('records.revision', { id, revision: 1 });
    expect(first).toMatchObject({ id, revision: 1, title: 'v1' });
    expect((await desk.call('records.revision', { id, revision: 3 })).title).toBe('ab');
    expect((await desk.fail('records.revision', { id, revision: 2 })).code).toBe('not-found');
    expect((await desk.fail('records.revision', { id, revision: 99 })).code).toBe('not-found');
  });

  it('gives the history of a record named by its id in capitals', async () => {
    const { desk, id } = await started();
    expect(await desk.call('records.history', { id: id.toUpperCase() })).toEqual(
      await desk.call('records.history', { id }),
    );
  });

  it('says not-found for the history of an unknown record', async () => {
    const desk = await createTestService();
    expect((await desk.fail('records.history', { id: '3f2b8c1e-0000-4000-8000-000000000000' })).code).toBe('not-found');
  });
});

describe('records.restore', () => {
  it('makes a new revision with the old content, shown as restored', async () => {
    const { desk, id } = await started();
    await desk.call('records.save', {
      id,
      baseRevision: 1,
      patch: { decision: 'Old decision', signOffs: [{ role: 'commissioner', name: 'P. C.', comments: 'Old' }] },
    });
    const old = await desk.call('records.get', { id });
    await desk.call('records.save', {
      id,
      baseRevision: 2,
      patch: {
        title: 'New title',
        decision: 'New decision',
        signOffs: [{ role: 'commissioner', name: 'P. C.', comments: 'New' }],
      },
    });
    desk.clock.advance(MINUTE);
    const restored = await desk.call('records.restore', { id, revision: 2, baseRevision: 3 });
    expect(restored).toMatchObject({
      revision: 4,
      title: 'v1',
      decision: 'Old decision',
      contentHash: old.contentHash,
    });
    expect(restored.signOffs).toEqual(old.signOffs);
    const history = await desk.call('records.history', { id });
    expect(history.map((r) => [r.revision, r.kind])).toEqual([
      [4, 'restored'],
      [3, 'saved'],
      [2, 'saved'],
      [1, 'created'],
    ]);
    // The revision restored from is still there to view.
    expect((await desk.call('records.revision', { id, revision: 3 })).title).toBe('New title');
  });

  it('gives a conflict on a stale base revision and restores nothing', async () => {
    const { desk, id } = await started();
    await save(desk, id, 'v2');
    const error = await desk.fail('records.restore', { id, revision: 1, baseRevision: 1 });
    expect(error.code).toBe('conflict');
    expect((await desk.call('records.get', { id })).title).toBe('v2');
  });

  it('says not-found for a revision that does not exist, and locked for a submitted record', async () => {
    const { desk, id } = await started();
    expect((await desk.fail('records.restore', { id, revision: 7, baseRevision: 1 })).code).toBe('not-found');
    const submitted = makeRecord({ status: 'awaiting-signatures', revision: 2, reference: 'OPCC.D.001.24' });
    await desk.call('records.import', { record: submitted });
    expect((await desk.fail('records.restore', { id: submitted.id, revision: 2, baseRevision: 2 })).code).toBe(
      'locked',
    );
  });
});

describe('the audit log', () => {
  it('records create, save, restore and import, with revision and hash, never the text', async () => {
    const { desk, id } = await started();
    await desk.call('settings.update', { patch: { userName: 'A. Assistant', deviceName: 'Laptop 7' } });
    await save(desk, id, 'Secret words in a title');
    await save(desk, id, 'autosaved', 'auto');
    await desk.call('records.restore', { id, revision: 1, baseRevision: 3 });
    const imported = makeRecord();
    await desk.call('records.import', { record: imported });

    const entries = await desk.call('records.audit', { id });
    expect(entries.map((e) => [e.action, e.revision])).toEqual([
      ['created', 1],
      ['saved', 2],
      ['restored', 4],
    ]);
    const current = await desk.call('records.get', { id });
    expect(entries.at(-1)).toMatchObject({
      actor: 'A. Assistant',
      device: 'Laptop 7',
      at: '2024-03-01T09:00:00.000Z',
      contentHash: current.contentHash,
      detail: { fromRevision: 1 },
    });
    expect(JSON.stringify(entries)).not.toContain('Secret words');

    const importAudit = await desk.call('records.audit', { id: imported.id });
    expect(importAudit).toEqual([
      expect.objectContaining({
        action: 'imported',
        revision: 1,
        contentHash: imported.contentHash,
        detail: { replacedRevision: null },
      }),
    ]);
  });
});

describe('records.restore with a template’s own parts', () => {
  it('brings back the sections, category and decision maker of the revision, even one from before they were chosen', async () => {
    const desk = await createTestService();
    await desk.call('templates.import', { shipped: 'london' });
    const { id } = await desk.call('records.create', { content: { title: 'v1' } });
    const first = await desk.call('records.get', { id });
    expect(first.signOffs.map((s) => s.role)).toContain('mayor');
    await desk.call('records.save', {
      id,
      baseRevision: 1,
      patch: {
        category: 'general',
        decisionMaker: 'deputy-mayor',
        sections: [{ id: 'financial-comments', kind: 'rich-text', text: 'Within budget.' }],
      },
    });
    const second = await desk.call('records.get', { id });
    expect(second.signOffs.map((s) => s.role)).toContain('deputy-mayor');

    // Back to the first revision: no category, no sections, the Mayor deciding as the template's first decision maker.
    const restored = await desk.call('records.restore', { id, revision: 1, baseRevision: 2 });
    expect(restored.sections).toBeUndefined();
    expect(restored.category).toBeUndefined();
    expect(restored.decisionMaker).toBeUndefined();
    expect(restored.signOffs).toEqual(first.signOffs);
    expect(restored.contentHash).toBe(first.contentHash);

    // And forward again to the Deputy's revision.
    const again = await desk.call('records.restore', { id, revision: 2, baseRevision: 3 });
    expect(again).toMatchObject({
      category: 'general',
      decisionMaker: 'deputy-mayor',
      contentHash: second.contentHash,
    });
    expect(again.signOffs).toEqual(second.signOffs);
  });
});
