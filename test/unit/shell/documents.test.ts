// PDF and printing in the app: a hidden, sandboxed, script-free window per document, loaded from a one-off
// app://print address, printed with the form's own page size, and always destroyed (on failure too).

import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ElectronPdfEngine } from '../../../electron/main/pdf-engine.ts';
import { printDocument, printRecord } from '../../../electron/main/print.ts';
import { PrintDocuments } from '../../../electron/main/protocol.ts';
import type { DecisionRecord } from '../../../electron/core/domain/index.ts';
import { createTestService, deskCall } from '../../helpers/db.ts';
import { resetElectronStub, StubBrowserWindow } from '../../helpers/electron-stub.ts';

vi.mock('electron', async () => (await import('../../helpers/electron-stub.ts')).electronModule);

let documents: PrintDocuments;

beforeEach(() => {
  resetElectronStub();
  documents = new PrintDocuments();
});

/** Lets the stub windows be created and their print calls arrive. */
async function nextWindow(): Promise<StubBrowserWindow> {
  await vi.waitFor(() =>
    expect(StubBrowserWindow.instances.at(-1)?.webContents.printCalls.length ?? 0).toBeGreaterThan(0),
  );
  return StubBrowserWindow.instances.at(-1)!;
}

describe('ElectronPdfEngine', () => {
  it('prints in a hidden sandboxed window with no preload and no JavaScript', async () => {
    const engine = new ElectronPdfEngine(documents);
    const pdf = await engine.print('<!DOCTYPE html><p>Record</p>', { title: 'Record of Decision' });
    expect(new TextDecoder().decode(pdf)).toBe('%PDF-1.4 stub');
    const [window] = StubBrowserWindow.instances;
    expect(window!.options).toMatchObject({ show: false, title: 'Record of Decision' });
    const preferences = window!.options.webPreferences as Record<string, unknown>;
    expect(preferences).toMatchObject({
      sandbox: true,
      javascript: false,
      contextIsolation: true,
      nodeIntegration: false,
    });
    expect(preferences).not.toHaveProperty('preload');
    expect(window!.webContents.loadedUrls).toEqual([expect.stringMatching(/^app:\/\/print\/[0-9a-f-]{36}$/)]);
    expect(window!.destroyed).toBe(true);
    expect(documents.size).toBe(0);
  });

  it('asks for the CSS page size, backgrounds, and no header or footer unless given', async () => {
    const engine = new ElectronPdfEngine(documents);
    await engine.print('<p>a</p>');
    await engine.print('<p>b</p>', {
      footerTemplate: '<div style="font-size:8pt">Page <span class="pageNumber"></span></div>',
    });
    const [plain, withFooter] = StubBrowserWindow.instances.map((window) => window.webContents.pdfOptions[0]);
    // Tagged, with an outline: the PDF a screen reader can read (export/pdf-conformance.ts makes it conform).
    expect(plain).toEqual({
      pageSize: 'A4',
      preferCSSPageSize: true,
      printBackground: true,
      displayHeaderFooter: false,
      generateTaggedPDF: true,
      generateDocumentOutline: true,
    });
    expect(withFooter).toMatchObject({
      preferCSSPageSize: true,
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: expect.stringContaining('pageNumber'),
    });
  });

  it('destroys the window and forgets the document when printing fails', async () => {
    const engine = new ElectronPdfEngine(documents);
    const original = StubBrowserWindow.prototype.loadURL;
    const failing = vi.spyOn(StubBrowserWindow.prototype, 'loadURL').mockImplementation(function (
      this: StubBrowserWindow,
      url: string,
    ) {
      this.webContents.pdfResult = new Error('GPU process crashed');
      return original.call(this, url);
    });
    try {
      await expect(engine.print('<p>Record</p>')).rejects.toThrow('GPU process crashed');
    } finally {
      failing.mockRestore();
    }
    expect(StubBrowserWindow.instances[0]!.destroyed).toBe(true);
    expect(documents.size).toBe(0);
  });

  it('destroys the window when the document does not load', async () => {
    const engine = new ElectronPdfEngine(documents);
    const failing = vi.spyOn(StubBrowserWindow.prototype, 'loadURL').mockRejectedValue(new Error('ERR_FAILED'));
    try {
      await expect(engine.print('<p>Record</p>')).rejects.toThrow('ERR_FAILED');
    } finally {
      failing.mockRestore();
    }
    expect(StubBrowserWindow.instances[0]!.destroyed).toBe(true);
    expect(documents.size).toBe(0);
  });
});

describe('printing on paper', () => {
  it('opens the print dialog on A4 with backgrounds, and reports a print', async () => {
    const printing = printDocument(documents, '<p>Record</p>', {
      title: 'Record',
      header: 'OFFICIAL',
      footer: 'OPCC.D.021.18',
    });
    const window = await nextWindow();
    const [call] = window.webContents.printCalls;
    expect(call!.options).toEqual({
      silent: false,
      printBackground: true,
      pageSize: 'A4',
      header: 'OFFICIAL',
      footer: 'OPCC.D.021.18',
    });
    call!.callback(true, '');
    expect(await printing).toBe(true);
    expect(window.destroyed).toBe(true);
  });

  it('treats a cancelled dialog as not printed, not as an error', async () => {
    const printing = printDocument(documents, '<p>Record</p>');
    (await nextWindow()).webContents.printCalls[0]!.callback(false, 'Print job canceled');
    expect(await printing).toBe(false);
  });

  it('reports a printer failure as unavailable, and still closes the window', async () => {
    const printing = printDocument(documents, '<p>Record</p>');
    const window = await nextWindow();
    window.webContents.printCalls[0]!.callback(false, 'Print job failed');
    await expect(printing).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining('Print job failed'),
    });
    expect(window.destroyed).toBe(true);
    expect(documents.size).toBe(0);
  });

  it('prints a stored record’s form, with its reference in the footer', async () => {
    const desk = await createTestService();
    const record = await desk.call('records.create', { content: { title: 'Funding for a rural crime partnership' } });
    const printing = printRecord(deskCall(desk.service), documents, (record as DecisionRecord).id);
    const window = await nextWindow();
    const served = window.webContents.loadedUrls[0]!;
    expect(served).toMatch(/^app:\/\/print\//);
    const [call] = window.webContents.printCalls;
    expect(call!.options.footer).toMatch(/Draft/);
    call!.callback(true, '');
    expect(await printing).toBe(true);
  });

  it('refuses a record that does not exist before opening any window', async () => {
    const desk = await createTestService();
    await expect(
      printRecord(deskCall(desk.service), documents, '0b0e8a52-6a3c-4a53-9d52-5d7f3f0a9c11'),
    ).rejects.toMatchObject({ code: 'not-found' });
    expect(StubBrowserWindow.instances).toHaveLength(0);
  });
});
