// The main process's log: record text never reaches it, lines stay one event each, and the file rotates by size.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLog, describeError, LOG_FILE, redactMessage } from '../../../electron/main/log.ts';
import { DeskError, NotFoundError } from '../../../electron/core/domain/index.ts';
import { tmpDataDir } from '../../helpers/db.ts';

const RECORD_TEXT = 'Funding for the Safer Streets partnership in Maidstone';

describe('redaction', () => {
  it('removes quoted values from messages', () => {
    expect(redactMessage(`No record has the id or reference "${RECORD_TEXT}".`)).toBe(
      'No record has the id or reference [\u2026].',
    );
    for (const quoted of [
      `'${RECORD_TEXT}'`,
      `\u201c${RECORD_TEXT}\u201d`,
      `\u2018${RECORD_TEXT}\u2019`,
      `\`${RECORD_TEXT}\``,
    ]) {
      expect(redactMessage(`Title ${quoted} is too long`)).not.toContain('Maidstone');
    }
  });

  it('keeps a message to one bounded line', () => {
    const message = redactMessage(`first line\nsecond line\r\n${'x'.repeat(5000)}`);
    expect(message).not.toMatch(/[\r\n]/);
    expect(message.length).toBeLessThanOrEqual(301);
  });

  it('describes an error by kind, code, redacted message and stack frames', () => {
    const error = new NotFoundError(`No record has the id or reference "${RECORD_TEXT}".`);
    const text = describeError(error);
    expect(text).toMatch(/^NotFoundError \[not-found\]: No record has the id or reference \[…\]\./);
    expect(text).toMatch(/\n {4}at /);
    expect(text).not.toContain('Maidstone');
  });

  it('keeps only the shape of a thrown value that is not an error', () => {
    expect(describeError(RECORD_TEXT)).toBe(`non-error value (string, ${RECORD_TEXT.length} characters)`);
    expect(describeError({ title: RECORD_TEXT })).toBe('non-error value (object)');
    expect(describeError(null)).toBe('non-error value (null)');
  });
});

describe('the log file', () => {
  it('writes one line per event with its fields, and errors with their frames', () => {
    const dir = tmpDataDir();
    const log = createLog(dir, { now: () => new Date('2024-03-01T09:00:00.000Z') });
    log.info('app.start', { version: '0.1.0', packaged: false, missing: undefined });
    log.warn('ipc.refused', { channel: 'desk:records.get', sender: 'https://evil.com' });
    log.error('main.uncaught-exception', new DeskError('internal', `Unexpected error: "${RECORD_TEXT}"`));
    const text = fs.readFileSync(path.join(dir, LOG_FILE), 'utf8');
    expect(text.split('\n')[0]).toBe('2024-03-01T09:00:00.000Z INFO app.start version="0.1.0" packaged="false"');
    expect(text).toContain('WARN ipc.refused channel="desk:records.get" sender="https://evil.com"');
    expect(text).toContain('ERROR main.uncaught-exception\n    DeskError [internal]: Unexpected error: [\u2026]');
    expect(text).not.toContain('Maidstone');
  });

  it('puts a field with line breaks on one line', () => {
    const dir = tmpDataDir();
    createLog(dir).warn('x', { reason: 'one\ntwo\r\nthree' });
    expect(fs.readFileSync(path.join(dir, LOG_FILE), 'utf8').trim().split('\n')).toHaveLength(1);
  });

  it('rotates at the size limit and keeps the newest files only', () => {
    const dir = tmpDataDir();
    const log = createLog(dir, { maxBytes: 1000, keep: 3 });
    for (let index = 0; index < 200; index += 1) log.info('tick', { index });
    const files = fs.readdirSync(dir).sort();
    expect(files).toEqual([LOG_FILE, `${LOG_FILE}.1`, `${LOG_FILE}.2`, `${LOG_FILE}.3`]);
    for (const file of files) expect(fs.statSync(path.join(dir, file)).size).toBeLessThanOrEqual(1000);
    // The newest line is in main.log, and the files are in order: .1 holds what came just before.
    const current = fs.readFileSync(path.join(dir, LOG_FILE), 'utf8');
    expect(current).toContain('index="199"');
    const lastOf = (file: string) => Number(/index="(\d+)"\n$/.exec(fs.readFileSync(path.join(dir, file), 'utf8'))![1]);
    const firstOfCurrent = Number(/index="(\d+)"/.exec(current)![1]);
    expect(lastOf(`${LOG_FILE}.1`)).toBe(firstOfCurrent - 1);
    expect(lastOf(`${LOG_FILE}.2`)).toBeLessThan(lastOf(`${LOG_FILE}.1`));
  });

  it('never throws when the folder cannot be written', () => {
    const dir = tmpDataDir();
    const blocker = path.join(dir, 'logs');
    fs.writeFileSync(blocker, 'a file where the folder should be');
    const log = createLog(blocker);
    expect(() => log.error('x', new Error('y'))).not.toThrow();
  });
});
