// The publication pack bench: the pack of the office's published records written to a share folder, first whole,
// then again after one record changes (only its page, its PDF and the register files are rewritten). PDFs are a
// fixed 120 KB stand-in: the export bench times a real one (each costs a Chromium print, made once per change).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openMemoryDatabase } from '../../electron/core/db/connection.ts';
import { type DecisionRecord, londonDay } from '../../electron/core/domain/index.ts';
import { packInputKey, planPublicationPack } from '../../electron/core/export/pack.ts';
import { BUILTIN_TEMPLATE } from '../../electron/core/service.ts';
import type { SyncContext } from '../../electron/core/sync/context.ts';
import { createShareDriver } from '../../electron/core/sync/driver.ts';
import { MARKER_FILE } from '../../electron/core/sync/layout.ts';
import { type PublicationSource, refreshPublication } from '../../electron/core/sync/publication.ts';
import { officeCorpus } from './corpus.ts';
import { type BenchResult, measurement, Timings } from './stats.ts';

const PDF = new Uint8Array(120 * 1024).fill(0x20);

export async function packBench(options: { records: number; seed: number }): Promise<BenchResult> {
  const corpus = officeCorpus(options.records, options.seed);
  const all: DecisionRecord[] = Array.from({ length: options.records }, (_, i) => corpus.next(i));
  const records = all.map((r) => (r.status === 'published' ? { ...r, publishedAt: r.updatedAt } : r));
  const share = fs.mkdtempSync(path.join(os.tmpdir(), 'decision-desk-pack-bench-'));
  fs.writeFileSync(path.join(share, MARKER_FILE), '{"format":"decision-desk/share@1"}\n');
  const db = openMemoryDatabase();
  let pdfs = 0;
  const now = new Date();
  const source =
    (list: DecisionRecord[]): PublicationSource =>
    (at) => {
      const input = { records: list, template: BUILTIN_TEMPLATE, now: at, publicPdf: async () => (pdfs++, PDF) };
      return { key: packInputKey(list, BUILTIN_TEMPLATE, londonDay(at)), plan: () => planPublicationPack(input) };
    };
  const ctx = { db, driver: createShareDriver(share), now: () => now } as unknown as SyncContext;
  try {
    const planMs = new Timings();
    for (let i = 0; i < 5; i++) {
      await planMs.time(() =>
        planPublicationPack({ records, template: BUILTIN_TEMPLATE, now, publicPdf: async () => PDF }),
      );
    }
    // A pack too large for one pass goes on over the passes after it (PDFS_PER_PASS at a time): the first pack is
    // every pass until nothing remains.
    const firstMs = new Timings();
    let passes = 0;
    const first = await firstMs.time(async () => {
      const total = { written: 0, kept: 0, removed: 0, remaining: 0 };
      for (;;) {
        const outcome = await refreshPublication(ctx, source(records));
        passes += 1;
        if (!outcome) return total;
        total.written += outcome.written;
        total.kept += outcome.kept;
        total.removed += outcome.removed;
        if (outcome.remaining === 0) return total;
      }
    });
    const firstPdfs = pdfs;

    const target = records.findIndex((r) => r.status === 'published' && r.classification === 'open');
    const changed = records.map((r, i) =>
      i === target ? { ...r, revision: r.revision + 1, title: `${r.title} (amended)` } : r,
    );
    pdfs = 0;
    const againMs = new Timings();
    const again = await againMs.time(() => refreshPublication(ctx, source(changed)));
    const unchangedMs = new Timings();
    const unchanged = await unchangedMs.time(() => refreshPublication(ctx, source(changed)));

    const shown = first!.written;
    return {
      name: 'pack',
      measurements: [
        measurement('pack.plan', 'Plan the pack: every page, the register, CSV and JSON (no PDFs)', planMs, null),
        measurement(
          'pack.first',
          'First pack on the share: every file written',
          firstMs,
          null,
          `${shown} files, ${firstPdfs} PDFs, over ${passes} passes`,
        ),
        measurement(
          'pack.rebuild',
          'Pack again after one record changed',
          againMs,
          null,
          `${again!.written} files written, ${again!.kept} kept, ${pdfs} PDF made`,
        ),
        measurement(
          'pack.unchanged',
          'A pass when nothing in the pack changed',
          unchangedMs,
          null,
          unchanged === null ? 'key unchanged: nothing read or written' : 'rebuilt',
        ),
      ],
      facts: {
        records: options.records,
        published: records.filter((r) => r.status === 'published').length,
        confidential: records.filter((r) => r.status === 'published' && r.classification === 'confidential').length,
        indexKiB: Math.round(fs.statSync(path.join(share, 'publication', 'index.html')).size / 1024),
        csvKiB: Math.round(fs.statSync(path.join(share, 'publication', 'register.csv')).size / 1024),
        jsonKiB: Math.round(fs.statSync(path.join(share, 'publication', 'register.json')).size / 1024),
      },
    };
  } finally {
    db.close();
    fs.rmSync(share, { recursive: true, force: true });
  }
}
