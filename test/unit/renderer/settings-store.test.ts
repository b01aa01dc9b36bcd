// The settings' store: the form checked against the settings schema, with messages a person can act on.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { settingsErrors } from '../../../renderer/src/stores/settings/actions.ts';
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
      template: { ...s.template, area: '', numbering: { ...s.template.numbering, series: [{ ...s.template.numbering.series[0]!, pattern: 'OPCC.D.{nnn}' }] } },
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
    expect(fake.callsOf('settings.update')[0]?.patch).toMatchObject({ userName: 'Sam Patel', sharedFolder: '\\\\server\\OPCC' });
    expect(settings().settings?.userName).toBe('Sam Patel');
    expect(settings().notice).toEqual({ kind: 'saved', message: 'Settings saved.' });
  });

  it('shows the application’s refusal and keeps the form as typed', async () => {
    await settings().settingsOpened();
    settings().settingsEdited((s) => ({ ...s, userName: 'Sam' }));
    fake.failNext('settings.update', { code: 'invalid-input', message: 'The settings are not valid: logo: too large.' });
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
    expect(settingsErrors({ ...valid, template: { ...valid.template, logo: 'data:image/gif;base64,R0lGOD' } })).toEqual({
      'template.logo': 'The logo must be a PNG or JPEG data URL.',
    });
  });
});
