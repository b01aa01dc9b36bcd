// The template's lists in the settings form: series, signatories, sections and categories added, removed and moved,
// ids made from labels for what is new and kept for what is saved; problems shown at the moved fields.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addedCategory,
  addedSection,
  addedSeries,
  addedSignatory,
  editedSeries,
  idFromLabel,
  movedSeries,
  relabelledCategory,
  relabelledSection,
  relabelledSeries,
  relabelledSignatory,
  removedSeries,
  removedSignatory,
} from '../../../renderer/src/stores/settings/template-edits.ts';
import { resetSettingsStore, useSettingsStore } from '../../../renderer/src/stores/settings/store.ts';
import { createFakeDesk, type FakeDesk } from './fake-desk.ts';

let fake: FakeDesk;
const settings = () => useSettingsStore.getState();
const template = () => fake.settings.template;

beforeEach(() => {
  fake = createFakeDesk();
  window.desk = fake.desk;
  resetSettingsStore();
});

afterEach(() => {
  delete window.desk;
});

describe('ids made from labels', () => {
  it('are lower-case words joined by hyphens, starting with a letter, and unique', () => {
    expect(idFromLabel('Fire and Rescue', [], 'series')).toBe('fire-and-rescue');
    expect(idFromLabel('  2026 Café budget!  ', [], 'series')).toBe('cafe-budget');
    expect(idFromLabel('***', [], 'series')).toBe('series');
    expect(idFromLabel('Police', ['police', 'police-2'], 'series')).toBe('police-3');
    expect(idFromLabel('x'.repeat(60), ['x'.repeat(40)], 'series')).toBe(`${'x'.repeat(38)}-2`);
    expect(idFromLabel('Has the Monitoring Officer been consulted?', [], 'section')).toBe(
      'has-the-monitoring-officer-been',
    );
  });
});

describe('numbering series', () => {
  it('adds a series whose id follows its label until saved, and keeps a saved one’s id', () => {
    const saved = template().numbering.series.map((s) => s.id);
    let next = addedSeries(template());
    expect(next.numbering.series).toHaveLength(2);
    next = relabelledSeries(next, 1, 'Fire and Rescue', saved);
    expect(next.numbering.series[1]).toMatchObject({ id: 'fire-and-rescue', label: 'Fire and Rescue', reset: 'year' });
    next = relabelledSeries(next, 0, 'Police decisions', saved);
    expect(next.numbering.series[0]!.id).toBe(saved[0]);
    // A new series never takes the id of the saved one, which records name.
    next = relabelledSeries(next, 1, saved[0]!, saved);
    expect(next.numbering.series[1]!.id).toBe(`${saved[0]}-2`);
  });

  it('moves a series and never removes the last one', () => {
    let next = relabelledSeries(addedSeries(template()), 1, 'Fire', []);
    next = movedSeries(next, 1, -1);
    expect(next.numbering.series.map((s) => s.label)).toEqual(['Fire', template().numbering.series[0]!.label]);
    expect(movedSeries(next, 0, -1).numbering.series.map((s) => s.label)).toEqual([
      'Fire',
      template().numbering.series[0]!.label,
    ]);
    next = removedSeries(next, 0);
    expect(next.numbering.series).toHaveLength(1);
    expect(removedSeries(next, 0)).toBe(next);
  });

  it('names the problem at the second series, and follows it when the first is removed', async () => {
    await settings().settingsOpened();
    settings().settingsEdited(
      (s) => ({
        ...s,
        template: editedSeries(addedSeries(s.template), 1, { pattern: 'F.{nnn}', reset: 'financial-year' }),
      }),
      {
        reordered: true,
      },
    );
    await settings().settingsSaveRequested();
    expect(Object.keys(settings().errors)).toEqual(['template.numbering.series.1.pattern']);
    expect(fake.callsOf('settings.update')).toHaveLength(0);
    settings().settingsEdited((s) => ({ ...s, template: removedSeries(s.template, 0) }), { reordered: true });
    expect(Object.keys(settings().errors)).toEqual(['template.numbering.series.0.pattern']);
    settings().settingsEdited((s) => ({ ...s, template: editedSeries(s.template, 0, { pattern: 'F.{nnn}/{yy}' }) }));
    expect(settings().errors).toEqual({});
  });

  it('saves a second series with a financial-year reset', async () => {
    await settings().settingsOpened();
    settings().settingsEdited((s) => ({
      ...s,
      template: editedSeries(relabelledSeries(addedSeries(s.template), 1, 'Fire', ['main']), 1, {
        pattern: 'FIRE {nnn}/{yy}',
        reset: 'financial-year',
      }),
    }));
    await settings().settingsSaveRequested();
    expect(settings().notice).toEqual({ kind: 'saved', message: 'Settings saved.' });
    expect(fake.callsOf('settings.update')[0]?.patch.template?.numbering?.series?.[1]).toEqual({
      id: 'fire',
      label: 'Fire',
      pattern: 'FIRE {nnn}/{yy}',
      reset: 'financial-year',
    });
  });
});

describe('signatories', () => {
  it('adds one before the decision makers, with a role made from its label that those signing after it follow', () => {
    const saved = template().signatories.map((s) => s.role);
    let next = addedSignatory(template());
    const index = next.signatories.findIndex((s) => s.label === 'New signatory');
    expect(index).toBe(next.signatories.length - 2);
    expect(next.signatories.at(-1)!.decides).toBe(true);
    next = {
      ...next,
      signatories: next.signatories.map((s, i) =>
        i === index + 1 ? { ...s, after: [...s.after, 'new-signatory'] } : s,
      ),
    };
    next = relabelledSignatory(next, index, 'Monitoring Officer', saved);
    expect(next.signatories[index]!.role).toBe('monitoring-officer');
    expect(next.signatories.at(-1)!.after).toContain('monitoring-officer');
    expect(next.signatories.at(-1)!.after).not.toContain('new-signatory');
    next = relabelledSignatory(next, 0, 'Treasurer', saved);
    expect(next.signatories[0]!.role).toBe(saved[0]);
  });

  it('removes one from everyone’s “signs after”, and never the last', () => {
    const first = template().signatories[0]!.role;
    const next = removedSignatory(template(), 0);
    expect(next.signatories.some((s) => s.after.includes(first))).toBe(false);
    const one = { ...template(), signatories: [template().signatories.at(-1)!] };
    expect(removedSignatory(one, 0)).toBe(one);
  });
});

describe('sections and categories', () => {
  it('adds each with an id made from its label', () => {
    let next = relabelledSection(addedSection(template()), 0, 'Financial implications', []);
    expect(next.sections[0]).toMatchObject({
      id: 'financial-implications',
      kind: 'rich-text',
      after: 'impact',
      internal: false,
    });
    next = relabelledCategory(addedCategory(next), 0, 'Precept', []);
    expect(next.categories).toEqual([{ id: 'precept', label: 'Precept', reserved: false }]);
  });
});
