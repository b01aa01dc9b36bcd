// Shared by every bench: timing with hrtime, percentiles, targets, and the results table.

/** One measured row of the table: a distribution of timings (ms) or a single value, checked against a target. */
export interface Measurement {
  /** Stable key for the JSON line, e.g. "search.common". */
  key: string;
  label: string;
  unit: 'ms' | 'MB';
  samples: number;
  p50: number;
  /** For the figures whose target is the 95th percentile (a key's input-to-paint while the core is busy). */
  p95: number;
  p99: number;
  max: number;
  /**
   * The 99th percentile of the CPU time the process spent per operation: when it is far below the wall-clock p99,
   * the slow operations were waiting (for the disk, or for a core on a busy machine) rather than working.
   */
  cpuP99?: number;
  /** Which statistic the target applies to, and its limit (the measurement passes when stat < limit). */
  target: { stat: 'p50' | 'p95' | 'p99' | 'max'; limit: number } | null;
  /** Facts that explain the number, e.g. how many records a search matched. */
  note?: string;
}

export interface BenchResult {
  name: string;
  measurements: Measurement[];
  /** Context for the JSON line: sizes, counts, setup times. */
  facts: Record<string, number | string>;
}

/** A bench takes the command line's arguments (for its own options) and returns its measurements. */
export type Bench = (args: readonly string[]) => Promise<BenchResult>;

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export const elapsedMs = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;

/** Wall-clock and CPU milliseconds of repeated operations, in the order they ran. */
export class Timings {
  readonly wall: number[] = [];
  readonly cpu: number[] = [];

  async time<R>(operation: () => R | Promise<R>): Promise<R> {
    const cpuStart = process.cpuUsage();
    const start = process.hrtime.bigint();
    const result = await operation();
    this.wall.push(elapsedMs(start));
    const cpu = process.cpuUsage(cpuStart);
    this.cpu.push((cpu.user + cpu.system) / 1000);
    return result;
  }
}

/**
 * Runs `step` `warmup` times untimed, then `runs` times timed (wall clock and CPU). `prepare` runs before each
 * step, outside the timing, to build its input (a patch, a random id).
 */
export async function sampleTimings<T>(
  runs: number,
  warmup: number,
  prepare: () => T | Promise<T>,
  step: (input: T) => unknown,
): Promise<Timings> {
  for (let i = 0; i < warmup; i++) await step(await prepare());
  const timings = new Timings();
  for (let i = 0; i < runs; i++) {
    const input = await prepare();
    await timings.time(() => step(input));
  }
  return timings;
}

const ascending = (values: readonly number[]) => [...values].sort((a, b) => a - b);

/** A row from timings, or from wall-clock durations in ms (in any order). */
export function measurement(
  key: string,
  label: string,
  timings: Timings | readonly number[],
  target: Measurement['target'],
  note?: string,
): Measurement {
  const wall = ascending(timings instanceof Timings ? timings.wall : timings);
  return {
    key,
    label,
    unit: 'ms',
    samples: wall.length,
    p50: percentile(wall, 50),
    p95: percentile(wall, 95),
    p99: percentile(wall, 99),
    max: wall.at(-1) ?? Number.NaN,
    ...(timings instanceof Timings ? { cpuP99: percentile(ascending(timings.cpu), 99) } : {}),
    target,
    note,
  };
}

/** A row for one number, such as the peak memory. */
export function valueMeasurement(
  key: string,
  label: string,
  value: number,
  unit: Measurement['unit'],
  target: Measurement['target'],
  note?: string,
): Measurement {
  return { key, label, unit, samples: 1, p50: value, p95: value, p99: value, max: value, target, note };
}

export function passes(m: Measurement): boolean | null {
  return m.target ? m[m.target.stat] < m.target.limit : null;
}

const round = (n: number) => (Number.isFinite(n) ? Math.round(n * 1000) / 1000 : n);

function show(n: number): string {
  if (!Number.isFinite(n)) return '-';
  return n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2);
}

/** A plain-text table: one line per measurement with its target and PASS/MISS. */
export function formatTable(results: readonly BenchResult[]): string {
  const header = ['measurement', 'n', 'p50', 'p99', 'max', 'cpu p99', 'target', 'result', 'note'];
  const lines = results.flatMap((r) =>
    r.measurements.map((m) => {
      const ok = passes(m);
      const single = m.samples === 1;
      return [
        `${r.name}: ${m.label}`,
        String(m.samples),
        single ? '' : show(m.p50),
        single ? '' : show(m.p99),
        `${show(m.max)} ${m.unit}`,
        m.cpuP99 === undefined ? '' : show(m.cpuP99),
        m.target ? `${m.target.stat} < ${m.target.limit} ${m.unit}` : '',
        ok === null ? '' : ok ? 'PASS' : 'MISS',
        m.note ?? '',
      ];
    }),
  );
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [format(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(format)].join('\n');
}

/** The machine-readable form: every number, keyed by measurement, plus an overall pass. */
export function toJson(results: readonly BenchResult[], context: Record<string, number | string>) {
  const benches: Record<string, unknown> = {};
  let allPass = true;
  for (const r of results) {
    const measurements: Record<string, unknown> = {};
    for (const m of r.measurements) {
      const ok = passes(m);
      if (ok === false) allPass = false;
      measurements[m.key] = {
        unit: m.unit,
        samples: m.samples,
        p50: round(m.p50),
        ...(m.target?.stat === 'p95' ? { p95: round(m.p95) } : {}),
        p99: round(m.p99),
        max: round(m.max),
        ...(m.cpuP99 === undefined ? {} : { cpuP99: round(m.cpuP99) }),
        target: m.target,
        pass: ok,
        ...(m.note ? { note: m.note } : {}),
      };
    }
    benches[r.name] = { facts: r.facts, measurements };
  }
  return { ...context, pass: allPass, benches };
}
