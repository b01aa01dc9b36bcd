// Settings: defaults, updates, and refused updates leaving the stored settings as they were.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_TEMPLATE, defaultSettings } from '../../../../electron/core/service.ts';
import { createTestService, readTable, tmpDataDir } from '../../../helpers/db.ts';
import { makePng } from '../../../helpers/png.ts';

/** Settings as a fresh install has them: no office seal pinned yet. */
const FRESH = { office: false };

const dataUrl = (type: 'png' | 'jpeg', bytes: Uint8Array) =>
  `data:image/${type};base64,${Buffer.from(bytes).toString('base64')}`;

describe('settings', () => {
  it('starts from the defaults: the Kent template, no shared folder, this device', async () => {
    const desk = await createTestService(undefined, FRESH);
    const settings = await desk.call('settings.get', {});
    expect(settings).toEqual(defaultSettings());
    expect(settings).toMatchObject({ defaultOriginator: '', sharedFolder: null, template: BUILTIN_TEMPLATE });
    expect(settings.template.id).toBe('kent');
    expect(settings.deviceName.length).toBeGreaterThan(0);
  });

  it('stores an update, keeps what it did not mention, and returns the whole settings', async () => {
    const desk = await createTestService(undefined, FRESH);
    const share = tmpDataDir();
    const updated = await desk.call('settings.update', { patch: { userName: 'A. Assistant', sharedFolder: share } });
    expect(updated).toMatchObject({ userName: 'A. Assistant', sharedFolder: share, template: BUILTIN_TEMPLATE });
    // Chosen while empty, so set up as a new share.
    expect(fs.readdirSync(share)).toEqual(['decision-desk.json']);
    await desk.call('settings.update', { patch: { defaultOriginator: 'Chief Executive' } });
    expect(await desk.call('settings.get', {})).toMatchObject({
      userName: 'A. Assistant',
      defaultOriginator: 'Chief Executive',
      sharedFolder: share,
    });
    // Saving again while the share is away is fine: only a newly chosen folder is checked.
    fs.rmSync(share, { recursive: true });
    expect(
      await desk.call('settings.update', { patch: { userName: 'B. Assistant', sharedFolder: share } }),
    ).toMatchObject({ userName: 'B. Assistant' });
  });

  it.each([
    ['a relative path', () => 'Decisions', 'absolute', /not a full path/],
    ['a folder that does not exist', (base: string) => path.join(base, 'missing'), 'exists', /does not exist/],
    ['a file', () => '/etc/passwd', 'folder', /is a file, not a folder/],
    [
      'a folder with other things in it',
      (base: string) => (fs.writeFileSync(path.join(base, 'budget.xlsx'), 'x'), base),
      'empty-or-share',
      /not empty/,
    ],
  ])(
    'refuses %s as the shared folder, saying which check failed, and saves nothing',
    async (_name, folder, check, message) => {
      const desk = await createTestService(undefined, FRESH);
      const before = readTable(desk.db, 'settings');
      const error = await desk.fail('settings.update', {
        patch: { userName: 'Someone', sharedFolder: folder(tmpDataDir()) },
      });
      expect(error).toMatchObject({ code: 'invalid-input', details: { field: 'sharedFolder', check } });
      expect(error.message).toMatch(message);
      expect(readTable(desk.db, 'settings')).toEqual(before);
    },
  );

  it('stores a new template, which new records then use', async () => {
    const desk = await createTestService(undefined, FRESH);
    const template = {
      ...BUILTIN_TEMPLATE,
      id: 'surrey',
      area: 'Surrey',
      numbering: { series: [{ id: 'main', label: 'Decisions', pattern: 'PCC/{yyyy}/{nnnn}', reset: 'year' as const }] },
    };
    await desk.call('settings.update', { patch: { template } });
    expect((await desk.call('settings.get', {})).template).toEqual(template);
    expect((await desk.call('records.create', {})).template).toBe('surrey');
  });

  it('cleans forbidden characters from what it stores, as from records', async () => {
    const desk = await createTestService(undefined, FRESH);
    const returned = await desk.call('settings.update', {
      patch: { userName: 'Ann\u0007 Jones\u0000', defaultOriginator: 'Gw\u0302yr' },
    });
    const stored = await desk.call('settings.get', {});
    expect(stored).toEqual(returned);
    expect(stored).toMatchObject({ userName: 'Ann Jones', defaultOriginator: 'G\u0175yr' });
  });

  it.each([
    [
      'a template whose decider signs before the officers',
      (t: typeof BUILTIN_TEMPLATE) => ({
        template: { ...t, signatories: t.signatories.map((s) => (s.decides ? { ...s, after: [] } : s)) },
      }),
      'template.signatories.2.after',
    ],
    [
      'a template with a role twice',
      (t: typeof BUILTIN_TEMPLATE) => ({ template: { ...t, signatories: [t.signatories[2]!, t.signatories[2]!] } }),
      'template.signatories.1.role',
    ],
    [
      'a pattern without a number',
      (t: typeof BUILTIN_TEMPLATE) => ({
        template: {
          ...t,
          numbering: { ...t.numbering, series: [{ ...t.numbering.series[0]!, pattern: 'OPCC.{yy}' }] },
        },
      }),
      'template.numbering.series.0.pattern: the pattern needs a number',
    ],
    ['an empty device name', () => ({ deviceName: '' }), 'deviceName'],
    ['an empty user name', () => ({ userName: '' }), 'userName: your name is required'],
    ['a blank user name', () => ({ userName: '  \t ' }), 'userName: your name is required'],
    [
      'a logo that is text',
      (t: typeof BUILTIN_TEMPLATE) => ({
        template: { ...t, logo: dataUrl('png', Buffer.from('just some text, not a picture')) },
      }),
      'template.logo: the logo file is not an image',
    ],
    [
      'a logo that is a PDF',
      (t: typeof BUILTIN_TEMPLATE) => ({ template: { ...t, logo: dataUrl('jpeg', Buffer.from('%PDF-1.7\n')) } }),
      'template.logo: the logo file is not an image',
    ],
    [
      'a PNG logo labelled as a JPEG',
      (t: typeof BUILTIN_TEMPLATE) => ({ template: { ...t, logo: dataUrl('jpeg', makePng(40, 20)) } }),
      'template.logo: the logo file is a PNG',
    ],
    [
      'a logo cut short',
      (t: typeof BUILTIN_TEMPLATE) => ({ template: { ...t, logo: dataUrl('png', makePng(40, 20).subarray(0, 12)) } }),
      'template.logo: the logo file is damaged',
    ],
    ['an unknown setting', () => ({ theme: 'dark' }), 'unknown field "theme"'],
    ['a wrong type', () => ({ userName: 7 }), 'userName'],
  ])('refuses %s and leaves the stored settings unchanged', async (_name, makePatch, named) => {
    const desk = await createTestService(undefined, FRESH);
    await desk.call('settings.update', { patch: { userName: 'Before' } });
    const before = readTable(desk.db, 'settings');
    const error = await desk.fail('settings.update', { patch: makePatch(BUILTIN_TEMPLATE) });
    expect(error.code).toBe('invalid-input');
    expect(error.message).toContain(named);
    expect(readTable(desk.db, 'settings')).toEqual(before);
    expect((await desk.call('settings.get', {})).userName).toBe('Before');
  });

  it('keeps a name with spaces around it trimmed, and takes a real PNG logo', async () => {
    const desk = await createTestService(undefined, FRESH);
    const logo = dataUrl('png', makePng(120, 40));
    const saved = await desk.call('settings.update', {
      patch: { userName: '  Ann Jones ', template: { ...BUILTIN_TEMPLATE, logo } },
    });
    expect(saved.userName).toBe('Ann Jones');
    expect(saved.template.logo).toBe(logo);
  });

  it('falls back to the default for a stored value that no longer validates', async () => {
    const desk = await createTestService(undefined, FRESH);
    await desk.call('settings.update', { patch: { userName: 'Kept' } });
    desk.db.prepare("UPDATE settings SET value = ? WHERE key = 'userName'").run(JSON.stringify(42));
    desk.db.prepare("INSERT INTO settings (key, value) VALUES ('template', ?)").run(JSON.stringify({ id: 'broken' }));
    const settings = await desk.call('settings.get', {});
    expect(settings.userName).toBe(defaultSettings().userName);
    expect(settings.template).toEqual(BUILTIN_TEMPLATE);
  });
});
