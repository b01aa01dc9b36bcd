// The register's lines name a record's decision maker (with capacity) and category by the labels of the template
// version it was made with, through records.list and records.search, on a real database file.

import { beforeEach, describe, expect, it } from 'vitest';
import type { OfficeTemplate, RecordSummary } from '../../../../electron/core/domain/index.ts';
import { createTestService, type TestDesk } from '../../../helpers/db.ts';

let desk: TestDesk;

beforeEach(async () => {
  desk = await createTestService();
});

async function draft(patch: Record<string, unknown>) {
  const record = await desk.call('records.create', {});
  return desk.call('records.save', {
    id: record.id,
    baseRevision: record.revision,
    patch: { title: 'Violence reduction grants', ...patch },
  });
}

const line = (items: RecordSummary[], id: string) => items.find((item) => item.id === id)!;

describe('register lines of a template with decision makers and categories', () => {
  it('name the decision maker with capacity and the category, by each record\u2019s own template version', async () => {
    const kent = await draft({});
    const london: OfficeTemplate = (await desk.call('templates.import', { shipped: 'london' })).template;
    const deputy = await draft({ decisionMaker: 'deputy-mayor', category: 'precept' });
    const mayor = await draft({});
    const precept = london.categories.find((c) => c.id === 'precept')!.label;

    const listed = (await desk.call('records.list', {})).items;
    expect(line(listed, deputy.id)).toMatchObject({
      decisionMaker: "Deputy Mayor for Policing and Crime, under the Mayor's scheme of delegation",
      category: precept,
    });
    expect(line(listed, mayor.id).decisionMaker).toBe(london.signatories.find((s) => s.role === 'mayor')!.label);
    expect(line(listed, mayor.id)).not.toHaveProperty('category');
    // Kent's template has one decision maker and no categories: its line is as it was.
    expect(line(listed, kent.id)).not.toHaveProperty('decisionMaker');
    expect(line(listed, kent.id)).not.toHaveProperty('category');

    // The office renames the category and the Deputy Mayor: the record keeps the labels of its own version.
    const renamed = {
      ...london,
      version: london.version + 1,
      signatories: london.signatories.map((s) =>
        s.role === 'deputy-mayor' ? { ...s, label: 'Deputy Mayor for Policing' } : s,
      ),
      categories: london.categories.map((c) => (c.id === 'precept' ? { ...c, label: 'Council tax precept' } : c)),
    };
    await desk.call('templates.import', { text: JSON.stringify(renamed) });
    const later = await draft({ decisionMaker: 'deputy-mayor', category: 'precept' });
    const hits = (await desk.call('records.search', { text: 'violence' })).items;
    expect(line(hits, deputy.id)).toMatchObject({
      decisionMaker: "Deputy Mayor for Policing and Crime, under the Mayor's scheme of delegation",
      category: precept,
    });
    expect(line(hits, later.id)).toMatchObject({
      decisionMaker: "Deputy Mayor for Policing, under the Mayor's scheme of delegation",
      category: 'Council tax precept',
    });
  });
});
