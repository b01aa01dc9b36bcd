// A Log that keeps its lines in memory, for the shell's tests: "LEVEL event {fields}".

import type { Log, LogFields } from '../../../electron/main/log.ts';

export function recordingLog(): Log & { lines: string[] } {
  const lines: string[] = [];
  const write = (level: string, event: string, fields?: LogFields) =>
    lines.push(`${level} ${event} ${JSON.stringify(fields ?? {})}`);
  return {
    lines,
    dir: '',
    file: '',
    info: (event, fields) => write('INFO', event, fields),
    warn: (event, fields) => write('WARN', event, fields),
    error: (event, _error, fields) => write('ERROR', event, fields),
  };
}
