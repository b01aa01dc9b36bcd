// The export bench: Word and PDF (warm Chromium engine) of a typical two-page record, and LibreOffice for scale.

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { exportDocx } from '../../electron/core/export/docx.ts';
import { ChromiumPdfEngine } from '../../electron/core/export/chromium-engine.ts';
import { exportPdf } from '../../electron/core/export/pdf.ts';
import { signedRecord, templateWithLogo } from '../fixtures/records/index.ts';
import { type BenchResult, elapsedMs, type Measurement, measurement, sample } from './stats.ts';

const run = promisify(execFile);
const SOFFICE = '/usr/bin/soffice';

const TARGETS = {
  docx: { stat: 'p50', limit: 25 },
  pdf: { stat: 'p50', limit: 150 },
} as const satisfies Record<string, Measurement['target']>;

/** How much faster than LibreOffice's conversion of the same .docx the PDF export must be. */
const PDF_SPEEDUP = 5;

async function timeLibreOffice(docx: Uint8Array, runs: number): Promise<number[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'decision-desk-bench-soffice-'));
  try {
    const file = path.join(dir, 'record.docx');
    fs.writeFileSync(file, docx);
    const convert = () =>
      run(SOFFICE, [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file], { timeout: 120_000 });
    // The first run builds the private profile; the timed runs are LibreOffice as a user would meet it.
    await convert();
    const durations: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = process.hrtime.bigint();
      await convert();
      durations.push(elapsedMs(start));
    }
    return durations.sort((a, b) => a - b);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function exportBench(): Promise<BenchResult> {
  const record = signedRecord();
  const template = templateWithLogo();
  const docx = await exportDocx(record, template);
  const docxMs = await sample(100, 10, () => record, (r) => exportDocx(r, template));

  const engine = new ChromiumPdfEngine();
  let pdfMs: number[];
  let pdfBytes: Uint8Array;
  let firstPdfMs: number;
  try {
    // The first export launches Chromium; the timed ones are what the app does once it is running.
    const launch = process.hrtime.bigint();
    pdfBytes = await exportPdf(record, template, engine, { appVersion: 'bench' });
    firstPdfMs = elapsedMs(launch);
    pdfMs = await sample(30, 3, () => record, (r) => exportPdf(r, template, engine, { appVersion: 'bench' }));
  } finally {
    await engine.close();
  }
  const pdf = measurement('export.pdf', 'PDF export, warm engine', pdfMs, TARGETS.pdf);
  const measurements = [measurement('export.docx', 'Word export (two pages)', docxMs, TARGETS.docx), pdf];
  const facts: Record<string, number | string> = {
    docxBytes: docx.length,
    pdfBytes: pdfBytes.length,
    firstPdfMs: Math.round(firstPdfMs),
  };

  if (fs.existsSync(SOFFICE)) {
    const sofficeMs = await timeLibreOffice(docx, 3);
    const libreOffice = measurement('export.libreoffice', 'LibreOffice .docx → PDF (same record)', sofficeMs, null);
    measurements.push(libreOffice, {
      ...measurement(
        'export.pdf.speedup',
        `PDF export p50 × ${PDF_SPEEDUP} (under LibreOffice p50)`,
        [pdf.p50 * PDF_SPEEDUP],
        { stat: 'max', limit: Math.round(libreOffice.p50) },
      ),
      note: `${(libreOffice.p50 / pdf.p50).toFixed(1)}× faster`,
    });
    facts.pdfSpeedup = Math.round((libreOffice.p50 / pdf.p50) * 10) / 10;
  } else {
    facts.libreOffice = 'not installed: the speed-up against LibreOffice was not measured';
  }
  return { name: 'export', measurements, facts };
}
