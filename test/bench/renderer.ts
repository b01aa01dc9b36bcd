// The renderer bench: the window in Chromium over the web bridge on 50,000 records: first usable register after a
// page load, search results after the last keystroke, a key's input-to-paint in a 20-page executive summary (on its
// own, and while the core makes 50 records' PDF and Word files), "Saved" after a pause in typing, the printed
// pages of that record shown after an autosave, and on a tablet-sized touch screen, a tap on Sign to "Signed by"
// (with keys at the costs a real enrolment writes).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page, Request } from 'playwright-core';
import { openDatabase } from '../../electron/core/db/connection.ts';
import { DATABASE_FILE } from '../../electron/core/paths.ts';
import { dispatch } from '../../electron/core/service.ts';
import { serveDesk } from '../../electron/web/run.ts';
import { signWithPen } from '../e2e/support/pen.ts';
import { ensureRendererBuilt } from '../e2e/support/renderer.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { grantsDecision, OFFICERS } from '../helpers/records.ts';
import { type Corpus, officeCorpus } from './corpus.ts';
import { type BenchResult, elapsedMs, type Measurement, measurement, percentile } from './stats.ts';
import { populate } from './store.ts';

export interface RendererBenchOptions {
  records: number;
  seed: number;
}

const TARGETS = {
  firstList: { stat: 'max', limit: 1_000 },
  search: { stat: 'p99', limit: 100 },
  typing: { stat: 'p99', limit: 50 },
  // While the core exports a batch, a key may wait a little, never visibly.
  typingBusy: { stat: 'p95', limit: 50 },
  saved: { stat: 'p99', limit: 1_000 },
  preview: { stat: 'p50', limit: 2_500 },
  previewInView: { stat: 'p50', limit: 1_500 },
  sign: { stat: 'p95', limit: 300 },
} as const satisfies Record<string, Measurement['target']>;

/** About 500 words a page. */
const SUMMARY_PAGES = 20;
const BIG_TITLE = 'Twenty-page executive summary for the typing bench';

/** Typed in bursts with pauses long enough for an autosave (and the preview after it), as a person types. */
const TYPING_BURSTS = 12;
const KEYS_PER_BURST = 15;
const KEY_DELAY_MS = 45;
/** Long enough for "Saved" to show (the autosave waits AUTOSAVE_DELAY_MS = 500 ms after the last key). */
const PAUSE_MS = 1_500;
/** Records in the batch exported (PDF and Word each, one after another, as publishing makes them) while typing. */
const BATCH_RECORDS = 50;
/** The search box is typed into at a brisk typist's pace. */
const SEARCH_KEY_DELAY_MS = 80;

/** Records signed by all three officers in the signing figure (three taps on Sign each). */
const SIGNED_RECORDS = 7;
const SIGNER_PIN = '204816';
const SEAL_PASSPHRASE = 'lantern orchard velvet 42';

/** A finance table as a precept or budget decision has: a header row and twelve rows of figures. */
function figuresTable(corpus: Corpus, seed: number): string {
  const rows = Array.from(
    { length: 12 },
    (_, i) =>
      `| ${corpus.sentence().split(' ').slice(0, 3).join(' ')} | ${(seed * 31 + i * 17) % 900}.${i} | ${(seed + i * 7) % 90}.5 | ${i % 3 === 0 ? '**up**' : 'level'} |`,
  );
  return ['| Budget line | 2025/26 (£m) | 2026/27 (£m) | Change |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/** A 20-page summary as the corpus writes: paragraphs, some bold, a bulleted list every few paragraphs, two tables. */
function longSummary(corpus: Corpus): string {
  const blocks: string[] = [];
  let words = 0;
  for (let i = 0; words < SUMMARY_PAGES * 500; i++) {
    const block =
      i === 8 || i === 40
        ? figuresTable(corpus, i)
        : i % 7 === 6
          ? Array.from({ length: 4 }, () => `- ${corpus.sentence()}`).join('\n')
          : `${i % 5 === 0 ? `**${corpus.sentence()}** ` : ''}${corpus.paragraph(5)}`;
    words += block.split(/\s+/).length;
    blocks.push(block);
  }
  return blocks.join('\n\n');
}

/**
 * Listens in the page: each keydown's time, and each time the register shows lines for a search text, once the
 * frame with them has been painted (the next animation frame, then a task after it).
 */
const PROBE = `(() => {
  const probe = { keys: [], shown: [], typed: [], saved: [] };
  window.__deskProbe = probe;
  addEventListener('keydown', (event) => probe.keys.push(event.timeStamp), true);
  // Each time the save status turns to "Saved", once painted.
  let wasSaved = false;
  new MutationObserver(() => {
    const saved = document.querySelector('.save-status .save-saved') !== null;
    if (saved && !wasSaved) requestAnimationFrame(() => setTimeout(() => probe.saved.push(performance.now()), 0));
    wasSaved = saved;
  }).observe(document.documentElement, { subtree: true, childList: true, characterData: true });
  addEventListener('input', (event) => {
    const started = probe.keys.at(-1);
    if (!event.target.closest || !event.target.closest('.rich-editor')) return;
    requestAnimationFrame(() => setTimeout(() => probe.typed.push(performance.now() - started), 0));
  }, true);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.name !== 'desk:lines-shown') continue;
      const text = entry.detail;
      requestAnimationFrame(() => setTimeout(() => probe.shown.push({ text, at: performance.now() }), 0));
    }
  }).observe({ type: 'mark' });
})()`;

/**
 * Listens in the page for each autosave's answer (the end of its records.save response) and each time the preview's
 * pages are on screen (painted: the next animation frame, then a task after it).
 */
const PREVIEW_PROBE = `(() => {
  const probe = { saves: [], shown: [], inView: [] };
  window.__previewProbe = probe;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.entryType === 'resource' && entry.name.includes('/api/records.save')) probe.saves.push(entry.responseEnd);
      if (entry.entryType === 'mark' && entry.name === 'desk:preview-shown') {
        requestAnimationFrame(() => setTimeout(() => probe.shown.push(performance.now()), 0));
      }
      if (entry.entryType === 'mark' && entry.name === 'desk:preview-page-shown') {
        requestAnimationFrame(() => setTimeout(() => probe.inView.push(performance.now()), 0));
      }
    }
  }).observe({ entryTypes: ['resource', 'mark'] });
})()`;

/**
 * Types a word, lets it autosave, and returns the times from the save's answer to the page in view redrawn and to
 * all the new pages on screen.
 */
async function previewAfterSave(page: Page, word: string): Promise<{ inView: number; all: number }> {
  await page.evaluate(
    'performance.clearResourceTimings(); for (const list of Object.values(window.__previewProbe)) list.length = 0',
  );
  await page.keyboard.type(word);
  // A function, not a string: the page's CSP allows no eval.
  const handle = await page.waitForFunction(
    () => {
      const { saves, shown, inView } = (
        globalThis as unknown as { __previewProbe: Record<'saves' | 'shown' | 'inView', number[]> }
      ).__previewProbe;
      const saved = saves.at(-1);
      if (saved === undefined) return null;
      const after = shown.find((at) => at > saved);
      const first = inView.find((at) => at > saved) ?? after;
      return after === undefined || first === undefined ? null : { inView: first - saved, all: after - saved };
    },
    undefined,
    { timeout: 120_000 },
  );
  return (await handle.jsonValue()) as { inView: number; all: number };
}

/**
 * Listens in the page for each tap on Sign (the click's time) and each new "Signed by" notice, once painted.
 */
const SIGN_PROBE = `(() => {
  const probe = { taps: [], signed: [] };
  window.__signProbe = probe;
  addEventListener('click', (event) => {
    const button = event.target.closest && event.target.closest('button');
    if (button && button.textContent.trim() === 'Sign') probe.taps.push(event.timeStamp);
  }, true);
  let last = '';
  new MutationObserver(() => {
    const text = document.querySelector('.notice-area [role=status] .notice p')?.textContent ?? '';
    if (text !== last && text.startsWith('Signed by ')) requestAnimationFrame(() => setTimeout(() => probe.signed.push(performance.now()), 0));
    last = text;
  }).observe(document.documentElement, { subtree: true, childList: true, characterData: true });
})()`;

/**
 * Signs records in signing mode as the three officers do on a tablet, each with their pen and PIN, and returns the
 * time from each tap on Sign to its "Signed by" notice painted. The keys are made at the costs enrolment uses.
 */
async function signingLatencies(browser: Browser, served: Awaited<ReturnType<typeof serveDesk>>): Promise<number[]> {
  const call = async (method: string, input: unknown) => {
    const answer = await dispatch(served.desk.service, method, input);
    if (!answer.ok) throw new Error(`${method}: ${answer.error.message}`);
    return answer.value as { id: string; revision: number };
  };
  await call('trust.createSeal', { passphrase: SEAL_PASSPHRASE });
  for (const [role, name] of Object.entries(OFFICERS)) {
    await call('trust.enrol', { kind: 'signatory', role, name, pin: SIGNER_PIN, sealPassphrase: SEAL_PASSPHRASE });
  }
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, hasTouch: true, locale: 'en-GB' });
  try {
    const page = await context.newPage();
    // The calls the window has in flight: a person takes seconds to draw and type a PIN, by which time the record's
    // printed preview (asked for when it was opened) is long made, so each tap on Sign waits until none has been for
    // a quarter of a second (one print can follow another at once).
    let inFlight = 0;
    const isApi = (request: Request) => request.url().includes('/api/');
    page.on('request', (request) => isApi(request) && inFlight++);
    page.on('requestfinished', (request) => isApi(request) && inFlight--);
    page.on('requestfailed', (request) => isApi(request) && inFlight--);
    const latencies: number[] = [];
    for (let round = 0; round < SIGNED_RECORDS; round++) {
      const title = `Signing bench grants round ${round + 1}`;
      const record = await call('records.create', { content: grantsDecision(title) });
      await call('records.submit', { id: record.id, baseRevision: record.revision });
      if (round === 0) await page.goto(served.bridge.url);
      await page.getByLabel('Search records').fill(title);
      await page.getByRole('option').filter({ hasText: title }).first().click();
      await page.getByRole('button', { name: 'Open signing mode' }).click();
      await page.getByRole('heading', { level: 1, name: 'Signing mode' }).waitFor();
      await page.evaluate(SIGN_PROBE);
      for (const [index, name] of Object.values(OFFICERS).entries()) {
        await page.locator('.signing-signer').getByText(name).waitFor();
        await signWithPen(page, 40 + index);
        await page.getByLabel('Your PIN', { exact: true }).fill(SIGNER_PIN);
        await page.frameLocator('iframe.signing-preview-frame').getByText(title).first().waitFor();
        for (let quiet = 0; quiet < 250; quiet = inFlight > 0 ? 0 : quiet + 25)
          await new Promise((resolve) => setTimeout(resolve, 25));
        await page.evaluate('window.__signProbe.taps.length = 0; window.__signProbe.signed.length = 0');
        await page.getByRole('button', { name: 'Sign', exact: true }).click();
        const handle = await page.waitForFunction(
          () => {
            const { taps, signed } = (globalThis as unknown as { __signProbe: Record<'taps' | 'signed', number[]> })
              .__signProbe;
            const tap = taps.at(-1);
            const shown = tap === undefined ? undefined : signed.find((at) => at > tap);
            return tap === undefined || shown === undefined ? null : shown - tap;
          },
          undefined,
          { timeout: 60_000 },
        );
        latencies.push((await handle.jsonValue()) as number);
      }
      await page.getByRole('button', { name: 'Leave signing mode' }).first().click();
      await page.getByRole('navigation').getByText('Records', { exact: true }).click();
    }
    return latencies;
  } finally {
    await context.close();
  }
}

async function registerUsableAt(page: Page): Promise<number> {
  await page.locator('[role=option] .cell-title').first().waitFor();
  return page.evaluate<number>(`performance.getEntriesByName('desk:register-usable')[0].startTime`);
}

/** Types a search from an empty box; returns the time from its last keystroke to its results on screen. */
async function searchLatency(page: Page, text: string): Promise<number> {
  const box = page.getByLabel('Search records');
  await box.fill('');
  await page.waitForTimeout(300);
  await page.evaluate('window.__deskProbe.keys.length = 0; window.__deskProbe.shown.length = 0');
  await box.focus();
  await page.keyboard.type(text, { delay: SEARCH_KEY_DELAY_MS });
  const probe = page.evaluate<{ lastKey: number; shownAt: number } | null>(`(async () => {
    const probe = window.__deskProbe;
    for (let tries = 0; tries < 500; tries++) {
      const shown = probe.shown.find((s) => s.text === ${JSON.stringify(text)});
      if (shown) return { lastKey: probe.keys.at(-1), shownAt: shown.at };
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return null;
  })()`);
  const result = await probe;
  if (!result) throw new Error(`The register never showed the results for "${text}".`);
  return result.shownAt - result.lastKey;
}

export async function rendererBench(options: RendererBenchOptions): Promise<BenchResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'decision-desk-renderer-bench-'));
  const measurements: Measurement[] = [];
  const facts: Record<string, number | string> = { records: options.records + 1 };
  ensureRendererBuilt();
  try {
    const corpus = officeCorpus(options.records, options.seed);
    const start = process.hrtime.bigint();
    const db = await openDatabase(path.join(dataDir, DATABASE_FILE));
    const population = populate(db, corpus, options.records);
    db.close();
    facts.createSeconds = Math.round(elapsedMs(start)) / 1000;

    const served = await serveDesk({ dataDir, open: false });
    const browser = await launchChromium();
    try {
      const summary = longSummary(corpus);
      const created = await dispatch(served.desk.service, 'records.create', {
        content: { title: BIG_TITLE, executiveSummary: summary },
      });
      if (!created.ok) throw new Error(created.error.message);
      facts.summaryCharacters = summary.length;
      facts.summaryWords = summary.split(/\s+/).length;

      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-GB' });
      const page = await context.newPage();
      await page.goto(served.bridge.url);
      await registerUsableAt(page);

      // First usable register: from the start of a page load to the first lines painted, over fresh loads.
      const loads: number[] = [];
      for (let round = 0; round < 7; round++) {
        await page.reload();
        loads.push(await registerUsableAt(page));
      }
      loads.sort((a, b) => a - b);
      measurements.push(
        measurement(
          'firstList',
          'first usable register after page load',
          loads,
          TARGETS.firstList,
          `${(options.records + 1).toLocaleString('en-GB')} records`,
        ),
      );

      await page.evaluate(PROBE);
      const queries = [
        'police',
        'fleet',
        'vehicles fle',
        population.rareTerm,
        'collaboration agreement',
        'pol',
        'treasury',
        'precept',
      ];
      const searches: number[] = [];
      for (let round = 0; round < 3; round++) {
        for (const query of queries) searches.push(await searchLatency(page, query));
      }
      searches.sort((a, b) => a - b);
      measurements.push(
        measurement(
          'search',
          'search results shown after the last keystroke',
          searches,
          TARGETS.search,
          `${queries.length} queries x 3, typed at ${SEARCH_KEY_DELAY_MS} ms a key`,
        ),
      );

      await page.getByLabel('Search records').fill('Twenty-page executive summary');
      await page.getByRole('option', { name: new RegExp(BIG_TITLE) }).click();
      const editor = page.locator('#field-executiveSummary');
      await editor.waitFor();
      await page.getByRole('button', { name: 'Beside the form' }).waitFor();
      // The cursor goes into a paragraph a third of the way down, so the text both above and below it is long.
      const paragraphs = editor.locator(':scope > p');
      const target = paragraphs.nth(Math.floor((await paragraphs.count()) / 3));
      await target.scrollIntoViewIfNeeded();
      await target.click();
      await page.keyboard.press('End');
      const words = 'and the regional board will review the savings each quarter ';
      /** Types bursts (while `more` says so, at least `bursts`); returns each key's input-to-paint and each "Saved" after its pause. */
      const typeBursts = async (bursts: number, more: () => boolean = () => false) => {
        await page.evaluate(
          'window.__deskProbe.typed.length = 0; window.__deskProbe.saved.length = 0; window.__deskProbe.keys.length = 0',
        );
        const lastKeys: number[] = [];
        for (let burst = 0; burst < bursts || more(); burst++) {
          for (let key = 0; key < KEYS_PER_BURST; key++) {
            await page.keyboard.type(words[(burst * KEYS_PER_BURST + key) % words.length]!);
            await page.waitForTimeout(KEY_DELAY_MS);
          }
          lastKeys.push(await page.evaluate<number>('window.__deskProbe.keys.at(-1)'));
          await page.waitForTimeout(PAUSE_MS);
        }
        const probe = await page.evaluate<{ typed: number[]; saved: number[] }>(
          '({ typed: window.__deskProbe.typed.slice(), saved: window.__deskProbe.saved.slice() })',
        );
        // From the pause's start (the last key) to "Saved" painted; a pause that never showed it counts as the whole pause.
        const saved = lastKeys.map((last, i) => {
          const at = probe.saved.find((t) => t > last && t < (lastKeys[i + 1] ?? Infinity));
          return at === undefined ? PAUSE_MS : at - last;
        });
        return { typed: probe.typed.sort((a, b) => a - b), saved };
      };
      const quiet = await typeBursts(TYPING_BURSTS);
      const typed = quiet.typed;
      measurements.push(
        measurement(
          'typing',
          `key input-to-paint, ${SUMMARY_PAGES}-page summary with two tables`,
          typed,
          TARGETS.typing,
          `${facts.summaryWords.toLocaleString('en-GB')} words; p95 ${percentile(typed, 95).toFixed(1)} ms; autosave and preview between bursts`,
        ),
        measurement(
          'saved',
          '"Saved" shown after a pause in typing',
          quiet.saved,
          TARGETS.saved,
          `autosave ${500} ms after the last key, then the save`,
        ),
      );

      // The same typing while the core makes a batch's files, as publishing does: each record's PDF, then its Word file.
      const batch = population.ids.slice(0, BATCH_RECORDS);
      let exporting = true;
      const batchCpu = process.cpuUsage();
      const batchStart = process.hrtime.bigint();
      const exported = (async () => {
        try {
          for (const id of batch) {
            for (const method of ['export.pdf', 'export.docx'] as const) {
              const made = await dispatch(served.desk.service, method, { id });
              if (!made.ok) throw new Error(`${method}: ${made.error.message}`);
            }
          }
        } finally {
          exporting = false;
        }
      })();
      const busy = await typeBursts(3, () => exporting);
      await exported;
      const cpu = process.cpuUsage(batchCpu);
      facts.batchSeconds = Math.round(elapsedMs(batchStart)) / 1000;
      facts.batchCpuSeconds = Math.round((cpu.user + cpu.system) / 1000) / 1000;
      measurements.push(
        measurement(
          'typingWhileExporting',
          `key input-to-paint while ${BATCH_RECORDS} records' PDF and Word files are made`,
          busy.typed,
          TARGETS.typingBusy,
          `p95 ${percentile(busy.typed, 95).toFixed(1)} ms; the batch took ${facts.batchSeconds} s (core CPU ${facts.batchCpuSeconds} s)`,
        ),
        measurement(
          'savedWhileExporting',
          '"Saved" shown after a pause, while the batch is made',
          busy.saved,
          TARGETS.saved,
        ),
      );
      await page.locator('.save-status .save-saved').waitFor();

      // The pages after an autosave: the engine prints the whole record, pdf.js draws every page.
      await page.locator('.preview-pages canvas').first().waitFor({ timeout: 120_000 });
      await page.evaluate(PREVIEW_PROBE);
      const previews: { inView: number; all: number }[] = [];
      for (let round = 0; round < 5; round++) previews.push(await previewAfterSave(page, ` round ${round}.`));
      facts.previewPages = await page.locator('.preview-pages canvas').count();
      measurements.push(
        measurement(
          'previewInView',
          'printed page in view redrawn after an autosave',
          previews.map((p) => p.inView),
          TARGETS.previewInView,
          'print, then that page drawn',
        ),
        measurement(
          'preview',
          'all printed pages shown after an autosave',
          previews.map((p) => p.all),
          TARGETS.preview,
          `${facts.previewPages} pages, print and draw`,
        ),
      );
      await context.close();

      const signing = await signingLatencies(browser, served);
      measurements.push(
        measurement(
          'sign',
          'tap on Sign to "Signed by" shown, on a tablet',
          signing,
          TARGETS.sign,
          `${SIGNED_RECORDS} records x 3 officers; PIN key at enrolment's cost`,
        ),
      );
    } finally {
      await browser.close();
      await served.stop();
    }
    return { name: 'renderer', measurements, facts };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
