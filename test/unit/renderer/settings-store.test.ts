// The settings' store: the form checked against the settings schema, with messages a person can act on.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { refusalProblems, settingsErrors } from '../../../renderer/src/stores/settings/actions.ts';
import { resetSettingsStore, useSettingsStore } from '../../../renderer/src/stores/settings/store.ts';
import { createFakeDesk, type FakeDesk } from './fake-desk.ts';

let fake: FakeDesk;
const settings = () => useSettingsStore.getState();

beforeEach(() => {
  fake = createFakeDesk();
  window.desk = fake.desk;
  resetSettingsStore();
});

afterEach(() => {
  delete window.desk;
});

describe('the settings store', () => {
  it('says what is wrong with each field, in words', async () => {
    await settings().settingsOpened();
    settings().settingsEdited((s) => ({
      ...s,
      deviceName: '',
      template: {
        ...s.template,
        area: '',
        numbering: {
          ...s.template.numbering,
          series: [{ ...s.template.numbering.series[0]!, pattern: 'OPCC.D.{nnn}' }],
        },
      },
    }));
    await settings().settingsSaveRequested();
    expect(settings().errors).toEqual({
      deviceName: 'This cannot be left blank.',
      'template.area': 'This cannot be left blank.',
      'template.numbering.series.0.pattern':
        'Numbers that restart each year need the year in the pattern ({yy} or {yyyy}), or two records would share a reference.',
    });
    expect(settings().notice).toEqual({ kind: 'error', message: 'Not saved: correct the fields marked below.' });
    expect(fake.callsOf('settings.update')).toHaveLength(0);

    // Fixing a field clears its message as the person types; the others stay until they are fixed.
    settings().settingsEdited((s) => ({ ...s, template: { ...s.template, area: 'Kent' } }));
    expect(Object.keys(settings().errors)).toEqual(['deviceName', 'template.numbering.series.0.pattern']);
  });

  it('saves a valid form and keeps what the application returned', async () => {
    await settings().settingsOpened();
    settings().settingsEdited((s) => ({ ...s, userName: 'Sam Patel', sharedFolder: '\\\\server\\OPCC' }));
    await settings().settingsSaveRequested();
    expect(fake.callsOf('settings.update')[0]?.patch).toMatchObject({
      userName: 'Sam Patel',
      sharedFolder: '\\\\server\\OPCC',
    });
    expect(settings().settings?.userName).toBe('Sam Patel');
    expect(settings().notice).toEqual({ kind: 'saved', message: 'Settings saved.' });
  });

  it('shows the application’s refusal and keeps the form as typed', async () => {
    await settings().settingsOpened();
    settings().settingsEdited((s) => ({ ...s, userName: 'Sam' }));
    fake.failNext('settings.update', {
      code: 'invalid-input',
      message: 'The settings are not valid: logo: too large.',
    });
    await settings().settingsSaveRequested();
    expect(settings().notice?.message).toBe('Not saved. The settings are not valid: logo: too large.');
    expect(settings().draft?.userName).toBe('Sam');
  });

  it('refuses a blank name, as the application does, before sending anything', async () => {
    await settings().settingsOpened();
    settings().settingsEdited((s) => ({ ...s, userName: '   ' }));
    await settings().settingsSaveRequested();
    expect(settings().errors).toEqual({ userName: 'This cannot be left blank.' });
    expect(fake.callsOf('settings.update')).toHaveLength(0);
  });

  it('refuses a logo whose data is not an image, naming the problem', () => {
    const valid = fake.settings;
    const text = `data:image/png;base64,${btoa('a text file renamed logo.png')}`;
    expect(settingsErrors({ ...valid, template: { ...valid.template, logo: text } })).toEqual({
      'template.logo': 'The logo file is not an image: choose a PNG or JPEG picture.',
    });
  });

  it('refuses a logo that is not a PNG or JPEG data URL', () => {
    const valid = fake.settings;
    expect(settingsErrors({ ...valid, template: { ...valid.template, logo: 'data:image/gif;base64,R0lGOD' } })).toEqual(
      {
        'template.logo': 'The logo must be a PNG or JPEG data URL.',
      },
    );
  });
});

describe('the template file', () => {
  it('lists the shipped templates and the versions held', async () => {
    await settings().settingsOpened();
    await settings().templateFilesRequested();
    expect(settings().shipped?.map((t) => t.id)).toEqual(['kent', 'london']);
    expect(settings().versions).toEqual([expect.objectContaining({ id: 'kent', version: 1, current: true })]);
  });

  it('exports the current template as a download named by its id and version', async () => {
    const downloads: string[] = [];
    URL.createObjectURL = () => 'blob:fake';
    URL.revokeObjectURL = () => {};
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloads.push(this.download);
    });
    try {
      await settings().settingsOpened();
      await settings().templateExportRequested();
      expect(downloads).toEqual(['kent-template-v1.json']);
      expect(settings().templateNotice).toEqual({
        kind: 'done',
        message: 'Exported the template as kent-template-v1.json.',
        problems: [],
      });
    } finally {
      click.mockRestore();
    }
  });

  it('imports a file: the form takes the new template and keeps what else was typed', async () => {
    await settings().settingsOpened();
    settings().settingsEdited((s) => ({ ...s, userName: 'Sam Patel' }));
    const file = { ...fake.settings.template, id: 'essex', area: 'Essex', version: 4 };
    await settings().templateImportRequested({
      text: JSON.stringify({ format: 'decision-desk/template@1', template: file }),
    });
    expect(fake.callsOf('templates.import')).toHaveLength(1);
    expect(settings().settings?.template.area).toBe('Essex');
    expect(settings().draft?.template.area).toBe('Essex');
    expect(settings().draft?.userName).toBe('Sam Patel');
    expect(settings().templateNotice?.kind).toBe('done');
    expect(settings().templateNotice?.message).toMatch(
      /^New records now use .* \(essex\), version 4: 1 numbering series, 3 signatories/,
    );
  });

  it('shows the refusal of a file that is not valid, each problem named by its field, and changes nothing', async () => {
    await settings().settingsOpened();
    const before = settings().settings;
    const bad = {
      ...fake.settings.template,
      numbering: { series: [{ id: 'main', label: 'Main', pattern: 'OPCC.{nnn}', reset: 'year' }] },
      area: '',
    };
    await settings().templateImportRequested({ text: JSON.stringify(bad) });
    const notice = settings().templateNotice!;
    expect(notice.kind).toBe('error');
    expect(notice.message).toMatch(/^The template was not imported\. The template is not valid: /);
    expect(notice.problems).toHaveLength(2);
    expect(notice.problems.some((p) => p.startsWith('template.area'))).toBe(true);
    expect(notice.problems.some((p) => p.startsWith('template.numbering.series.0.pattern'))).toBe(true);
    expect(settings().settings).toBe(before);
  });

  it('says so, in words, when the file is not JSON', async () => {
    await settings().settingsOpened();
    await settings().templateImportRequested({ text: 'not json' });
    expect(settings().templateNotice).toEqual({
      kind: 'error',
      message: 'The template was not imported. This is not a template file: it is not JSON.',
      problems: [],
    });
  });

  it('starts from a shipped template', async () => {
    await settings().settingsOpened();
    await settings().templateImportRequested({ shipped: 'london' });
    expect(fake.callsOf('templates.import')).toEqual([{ shipped: 'london' }]);
    expect(settings().draft?.template.id).toBe('london');
    expect(settings().versions?.[0]?.id).toBe('london');
  });

  it('splits a refusal into its problems', () => {
    expect(
      refusalProblems(
        'The template is not valid: template.area: too short; template.signatories.1.after: unknown role.',
      ),
    ).toEqual(['template.area: too short.', 'template.signatories.1.after: unknown role.']);
    expect(refusalProblems('Something else went wrong.')).toEqual([]);
  });
});
