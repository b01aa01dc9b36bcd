// The export bench: Word and PDF (warm Chromium engine) of a typical two-page record, and LibreOffice for scale;
// what the office's seal adds to a PDF export, and how long checking a seal takes.

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { exportDocx } from '../../electron/core/export/docx.ts';
import { ChromiumPdfEngine } from '../../electron/core/export/chromium-engine.ts';
import { checkPdfSeal, sealPdf, type SealIdentity } from '../../electron/core/export/pdf-seal.ts';
import { exportPdf, type PdfMeta } from '../../electron/core/export/pdf.ts';
import { parseRichText } from '../../electron/core/domain/markdown.ts';
import { serialiseRichText } from '../../electron/core/domain/markdown-write.ts';
import { ecdsaChainSeal, rsaSeal } from '../helpers/seal.ts';
import { signedRecord, templateWithLogo } from '../fixtures/records/index.ts';
import { type BenchResult, elapsedMs, type Measurement, measurement, sampleTimings, Timings } from './stats.ts';

const run = promisify(execFile);
const SOFFICE = '/usr/bin/soffice';

const TARGETS = {
  docx: { stat: 'p50', limit: 25 },
  pdf: { stat: 'p50', limit: 150 },
  sealAdds: { stat: 'max', limit: 50 },
  // A section of 200,000 characters (well past any real one) read or written in well under a keystroke's pause.
  richText: { stat: 'p50', limit: 500 },
} as const satisfies Record<string, Measurement['target']>;

/** How much faster than LibreOffice's conversion of the same .docx the PDF export must be. */
const PDF_SPEEDUP = 5;

async function timeLibreOffice(docx: Uint8Array, runs: number): Promise<number[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'decision-desk-bench-soffice-'));
  try {
    const file = path.join(dir, 'record.docx');
    fs.writeFileSync(file, docx);
    const convert = () =>
      run(
        SOFFICE,
        [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file],
        { timeout: 120_000 },
      );
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
  const docxMs = await sampleTimings(
    100,
    10,
    () => record,
    (r) => exportDocx(r, template),
  );

  const [ecdsa, rsa] = await Promise.all([ecdsaChainSeal(), rsaSeal()]);
  const sealed = (identity: SealIdentity): PdfMeta => ({
    appVersion: 'bench',
    seal: {
      identity,
      info: { name: template.officeName, reason: 'Published record of decision', signingTime: new Date() },
    },
  });
  const engine = new ChromiumPdfEngine();
  // CPU beside wall is this process's: the printing itself is Chromium's, in processes of its own.
  const pdfMs = new Timings();
  const sealedMs = new Timings();
  let pdfBytes: Uint8Array;
  let sealedBytes: Uint8Array;
  let firstPdfMs: number;
  try {
    // The first export launches Chromium; the timed ones are what the app does once it is running.
    const launch = process.hrtime.bigint();
    pdfBytes = await exportPdf(record, template, engine, { appVersion: 'bench' });
    firstPdfMs = elapsedMs(launch);
    sealedBytes = await exportPdf(record, template, engine, sealed(ecdsa));
    // Interleaved, so that a busy moment on the machine falls on both alike.
    for (let i = 0; i < 3; i++) {
      await exportPdf(record, template, engine, { appVersion: 'bench' });
      await exportPdf(record, template, engine, sealed(ecdsa));
    }
    for (let i = 0; i < 30; i++) {
      await pdfMs.time(() => exportPdf(record, template, engine, { appVersion: 'bench' }));
      await sealedMs.time(() => exportPdf(record, template, engine, sealed(ecdsa)));
    }
  } finally {
    await engine.close();
  }
  const pdf = measurement('export.pdf', 'PDF export, warm engine', pdfMs, TARGETS.pdf);
  // What the app does (export.warmUp, once the window is usable): a fresh engine warmed in the background, then the
  // person's first Export PDF. It should feel like the tenth: within 1.5 times a warm export.
  const fresh = new ChromiumPdfEngine();
  let firstAfterWarmUpMs: number;
  try {
    await fresh.warm();
    const first = process.hrtime.bigint();
    await exportPdf(record, template, fresh, { appVersion: 'bench' });
    firstAfterWarmUpMs = elapsedMs(first);
  } finally {
    await fresh.close();
  }
  const firstAfterWarmUp = measurement(
    'export.pdf.firstAfterWarmUp',
    'first PDF export after the engine warmed up',
    [firstAfterWarmUpMs],
    { stat: 'max', limit: Math.round(1.5 * pdf.p50) },
    `target 1.5 × the warm p50; without the warm-up the first waits for Chromium (${Math.round(firstPdfMs)} ms here)`,
  );
  const pdfSealed = measurement('export.pdf.sealed', 'PDF export sealed (ECDSA P-256 chain)', sealedMs, null);
  const sealAdds = {
    ...measurement(
      'export.seal.adds',
      'What the seal adds to a PDF export (p50 sealed − p50 plain)',
      [pdfSealed.p50 - pdf.p50],
      TARGETS.sealAdds,
    ),
    note: 'the difference of two medians: noisy by a few ms',
  };
  const info = { name: template.officeName, reason: 'Published record of decision', signingTime: new Date() };
  const sealEcdsaMs = await sampleTimings(
    30,
    3,
    () => pdfBytes,
    (bytes) => sealPdf(bytes, ecdsa, info),
  );
  const sealRsaMs = await sampleTimings(
    30,
    3,
    () => pdfBytes,
    (bytes) => sealPdf(bytes, rsa, info),
  );
  const checkMs = await sampleTimings(
    10,
    1,
    () => sealedBytes,
    (bytes) => checkPdfSeal(bytes),
  );
  // The rich-text reader and writer on 200,000 characters of paragraphs, three-level lists and tables.
  const richSource =
    'Some **bold** words and *italic* ones.\n\n- item\n  1. nested\n     - deeper\n\n| a | **b** |\n| --- | --- |\n| c \\| d | *e* |\n\n'
      .repeat(2_500)
      .slice(0, 200_000);
  const richBlocks = parseRichText(richSource);
  const parseMs = await sampleTimings(
    10,
    2,
    () => richSource,
    (source) => parseRichText(source),
  );
  const writeMs = await sampleTimings(
    10,
    2,
    () => richBlocks,
    (blocks) => serialiseRichText(blocks),
  );
  const measurements = [
    measurement('export.docx', 'Word export (two pages)', docxMs, TARGETS.docx),
    pdf,
    firstAfterWarmUp,
    pdfSealed,
    sealAdds,
    measurement('export.seal.ecdsa', 'sealPdf on an exported PDF, ECDSA (load, seal, save)', sealEcdsaMs, null),
    measurement('export.seal.rsa', 'sealPdf on an exported PDF, RSA-2048 (load, seal, save)', sealRsaMs, null),
    measurement('export.seal.check', 'checkPdfSeal of a sealed export (worker included)', checkMs, null),
    measurement('richtext.parse', 'parseRichText, 200,000 characters with lists and tables', parseMs, TARGETS.richText),
    measurement('richtext.write', 'serialiseRichText of the same blocks', writeMs, TARGETS.richText),
  ];
  const facts: Record<string, number | string> = {
    docxBytes: docx.length,
    pdfBytes: pdfBytes.length,
    sealedPdfBytes: sealedBytes.length,
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
