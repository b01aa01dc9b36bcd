// What the core reports that nobody is waiting for (a failed daily backup, upkeep, a sync pass that threw): a small
// log interface, injected through openDesk. The app passes its redacting main-process log; the CLI and browser mode
// write to standard error.

export type CoreLogFields = Record<string, string | number | boolean | null | undefined>;

export interface CoreLog {
  warn(event: string, fields?: CoreLogFields): void;
  error(event: string, error?: unknown, fields?: CoreLogFields): void;
}

function line(event: string, fields: CoreLogFields | undefined, error?: unknown): string {
  const parts = Object.entries(fields ?? {})
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${JSON.stringify(String(value))}`);
  const reason = error === undefined ? '' : `: ${error instanceof Error ? error.message : String(error)}`;
  return `${event}${parts.length > 0 ? ` ${parts.join(' ')}` : ''}${reason}`.replace(/[\r\n]+/g, ' ');
}

/** One line per event on standard error (or through `write`), e.g. "decision-desk: backup.daily-failed: …". */
export function stderrLog(write: (text: string) => void = (text) => process.stderr.write(`${text}\n`)): CoreLog {
  return {
    warn: (event, fields) => write(`decision-desk: ${line(event, fields)}`),
    error: (event, error, fields) => write(`decision-desk: ${line(event, fields, error)}`),
  };
}
