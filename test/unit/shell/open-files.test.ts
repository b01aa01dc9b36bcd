// Record files opened from outside the app: found among the command-line arguments, read, and imported through
// the service; a bad file gets a clear error and changes nothing.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importRecordFile, recordFilesIn } from '../../../electron/main/open-files.ts';
import { createTestService, deskCall, makeRecord, tmpDataDir } from '../../helpers/db.ts';

describe('finding record files in a command line', () => {
  it('takes .ddrecord paths, made absolute, and ignores flags and everything else', () => {
    const cwd = path.resolve('/home/someone/Documents');
    const args = [
      '.',
      '--data-dir=/tmp/desk',
      '--allow-file-access-from-files',
      'record.ddrecord',
      '/share/decisions/OPCC.D.021.18.DDRECORD',
      'notes.txt',
      'record.ddrecord.exe',
      '-psn_0_12345',
    ];
    expect(recordFilesIn(args, cwd)).toEqual([
      path.join(cwd, 'record.ddrecord'),
      path.resolve('/share/decisions/OPCC.D.021.18.DDRECORD'),
    ]);
  });

  it('takes the file: URLs Linux launchers pass, and refuses other kinds of address', () => {
    expect(
      recordFilesIn(
        [
          'file:///home/someone/Decision%20record.ddrecord',
          'https://evil.com/x.ddrecord',
          'file://server/share/x.ddrecord',
        ],
        '/',
      ),
    ).toEqual(
      process.platform === 'win32' ? expect.any(Array) : [path.resolve('/home/someone/Decision record.ddrecord')],
    );
  });

  it('names each file once, and survives values that are not strings', () => {
    expect(recordFilesIn(['/a/x.ddrecord', '/a/x.ddrecord', 42, null, { path: '/b.ddrecord' }], '/')).toEqual([
      path.resolve('/a/x.ddrecord'),
    ]);
  });
});

describe('importing a record file', () => {
  it('imports a record.json and reports its id', async () => {
    const desk = await createTestService();
    const record = makeRecord();
    const file = path.join(tmpDataDir(), 'Funding.ddrecord');
    fs.writeFileSync(file, JSON.stringify(record));
    const outcome = await importRecordFile(deskCall(desk.service), file);
    expect(outcome).toMatchObject({ ok: true, value: { action: 'created', id: record.id } });
    expect(await desk.call('records.get', { id: record.id })).toMatchObject({ title: record.title });
  });

  it.each([
    ['a missing file', null, 'not-found'],
    ['an empty file', '', 'invalid-input'],
    ['a file that is not JSON', '{"format": "decision-desk/record@1", ', 'invalid-input'],
    ['JSON that is not a record', '{"hello": "world"}', 'invalid-input'],
  ])('refuses %s with a clear error and writes nothing', async (_name, content, code) => {
    const desk = await createTestService();
    const file = path.join(tmpDataDir(), 'broken.ddrecord');
    if (content !== null) fs.writeFileSync(file, content);
    const outcome = await importRecordFile(deskCall(desk.service), file);
    expect(outcome).toMatchObject({ ok: false, error: { code } });
    if (!outcome.ok) expect(outcome.error.message.length).toBeGreaterThan(10);
    expect((desk.db.prepare('SELECT COUNT(*) AS n FROM records').get() as { n: number }).n).toBe(0);
  });

  it('refuses a folder named like a record file', async () => {
    const desk = await createTestService();
    const folder = path.join(tmpDataDir(), 'folder.ddrecord');
    fs.mkdirSync(folder);
    expect(await importRecordFile(deskCall(desk.service), folder)).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
  });
});
