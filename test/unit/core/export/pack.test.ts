// The publication pack builder: what each kind of decision shows, what a confidential one never shows, the open data.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type DecisionRecord,
  type OfficeTemplate,
  OfficeTemplateSchema,
  upgradeTemplate,
} from '../../../../electron/core/domain/index.ts';
import {
  buildPublicationPack,
  OGL_LINE,
  OGL_URL,
  PACK_COLUMNS,
  packInputKey,
  packStem,
  planPublicationPack,
  type PackFile,
} from '../../../../electron/core/export/pack.ts';
import { describeContents, internalTexts } from '../../../../electron/core/export/contents.ts';
import { fixtureTemplate, HOSTILE } from '../../../fixtures/records/index.ts';
import { makeRecord } from '../../../helpers/db.ts';

const template = fixtureTemplate();
const NOW = new Date('2024-06-01T09:00:00.000Z');
const PDF = new TextEncoder().encode('%PDF-1.7 test');

function published(reference: string, overrides: Partial<DecisionRecord> = {}): DecisionRecord {
  return makeRecord({ reference, status: 'published', publishedAt: '2024-03-02T10:00:00.000Z', ...overrides });
}

const SECRET = {
  title: 'SECRET-TITLE Covert surveillance contract',
  executiveSummary: 'SECRET-SUMMARY the supplier is **Acme**',
  recommendation: 'SECRET-RECOMMENDATION',
  decision: 'SECRET-DECISION',
  originator: 'SECRET-ORIGINATOR',
};

function confidential(reference: string, overrides: Partial<DecisionRecord> = {}): DecisionRecord {
  const record = published(reference, {
    ...SECRET,
    classification: 'confidential',
    confidentialReason: 'Disclosure would prejudice law enforcement (FOI Act s.31).',
    backgroundDocuments: [{ title: 'SECRET-DOCUMENT tender scores' }],
    impact: {
      planObjectives: 'SECRET-OBJECTIVES',
      equalityImpactAssessment: false,
      diversityImpact: false,
      diversityExplanation: 'SECRET-DIVERSITY',
    },
    publication: { publicSummary: 'A contract for specialist equipment, value under £50,000.', reviewOn: '2026-01-31' },
    ...overrides,
  });
  // Comments at sign-off are confidential too.
  return { ...record, signOffs: record.signOffs.map((s) => ({ ...s, comments: 'SECRET-COMMENT' })) };
}

async function build(records: DecisionRecord[], now = NOW, pdfs: DecisionRecord[] = []) {
  const files = await buildPublicationPack({
    records,
    template,
    now,
    publicPdf: async (record) => {
      pdfs.push(record);
      return PDF;
    },
  });
  const text = (path: string) => {
    const file = files.find((f) => f.path === path);
    if (!file) throw new Error(`no ${path} in ${files.map((f) => f.path).join(', ')}`);
    return new TextDecoder('utf-8', { ignoreBOM: true }).decode(file.bytes);
  };
  return { files, text, paths: files.map((f) => f.path).sort() };
}

const everyText = (files: PackFile[]) =>
  files
    .map((f) => `${f.path}\n${Buffer.from(f.bytes).toString('latin1')}\n${new TextDecoder().decode(f.bytes)}`)
    .join('\n');

describe('the publication pack', () => {
  it('has the register, the open data, a page and a PDF for each open decision, and pack.json listing them', async () => {
    const pdfs: DecisionRecord[] = [];
    const open = published('OPCC.D.021.18', { title: '7F Single Procurement Function' });
    const { paths, text } = await build(
      [open, makeRecord({ reference: 'OPCC.D.022.18', status: 'decided' })],
      NOW,
      pdfs,
    );
    expect(paths).toEqual(
      [
        'decisions/OPCC.D.021.18.html',
        'decisions/OPCC.D.021.18.pdf',
        'index.html',
        'pack.css',
        'pack.json',
        'register.csv',
        'register.js',
        'register.json',
      ].sort(),
    );
    expect(pdfs.map((r) => r.id)).toEqual([open.id]);
    const index = text('index.html');
    expect(index).toContain('<caption>');
    expect(index).toContain('<th scope="col">Reference</th>');
    expect(index).toContain('<a href="decisions/OPCC.D.021.18.html">OPCC.D.021.18</a>');
    expect(index).toContain('<script src="register.js" defer></script>');
    expect(index).not.toMatch(/<script>|\son[a-z]+=/);
    expect(index).toContain(`content="default-src 'none'; script-src 'self'`);
    expect(index).toContain(`<a href="${OGL_URL}" rel="license">`);
    expect(index).toContain('Contains public sector information licensed under the');
    const page = text('decisions/OPCC.D.021.18.html');
    expect(page).toContain('<h1>7F Single Procurement Function</h1>');
    expect(page).toContain('<h2>Executive summary</h2>');
    expect(page).toContain('<strong>two years</strong>');
    expect(page).toContain('<a href="OPCC.D.021.18.pdf">');
    expect(page).toContain('<a href="../index.html">');
    expect(JSON.parse(text('pack.json'))).toMatchObject({ format: 'decision-desk/publication-pack@1', files: paths });
  });

  it('signs as words, never ink or devices; comments only when the office publishes them', async () => {
    const record = published('OPCC.D.001.24');
    const signed = { ...record, signOffs: record.signOffs.map((s) => ({ ...s, comments: `Comment from ${s.role}` })) };
    const signer = signed.signOffs[0]!.signature!;
    const { text } = await build([signed]);
    const page = text('decisions/OPCC.D.001.24.html');
    const label = template.signatories[0]!.label;
    expect(page).toContain(`Signed by ${signer.signedBy}, ${label}, on 1 March 2024`);
    expect(page).toContain(`Comment from ${signed.signOffs[0]!.role}`);
    expect(page).not.toContain('data:image');
    expect(page).not.toContain(signer.device);
    const quiet = await buildPublicationPack({
      records: [signed],
      template: { ...template, publication: { ...template.publication, comments: false } },
      now: NOW,
      publicPdf: async () => PDF,
    });
    expect(
      new TextDecoder().decode(quiet.find((f) => f.path.endsWith('.html') && f.path.startsWith('decisions/'))!.bytes),
    ).not.toContain('Comment from');
  });

  it('shows a confidential decision by reference, date, decision maker, public summary, reason and review date, and nothing else of it', async () => {
    const pdfs: DecisionRecord[] = [];
    const secret = confidential('OPCC.D.030.24');
    const { files, text, paths } = await build([secret, published('OPCC.D.031.24')], NOW, pdfs);
    expect(everyText(files)).not.toMatch(/SECRET|Acme/);
    expect(pdfs.map((r) => r.reference)).toEqual(['OPCC.D.031.24']);
    expect(paths).not.toContain('decisions/OPCC.D.030.24.pdf');
    const page = text('decisions/OPCC.D.030.24.html');
    expect(page).toContain('<h1>Confidential decision OPCC.D.030.24</h1>');
    expect(page).toContain('A contract for specialist equipment, value under £50,000.');
    expect(page).toContain('Disclosure would prejudice law enforcement (FOI Act s.31).');
    expect(page).toContain('31 January 2026');
    expect(page).toContain('1 March 2024');
    const row = JSON.parse(text('register.json')).decisions.find(
      (d: { reference: string }) => d.reference === 'OPCC.D.030.24',
    );
    expect(row).toMatchObject({
      title: null,
      status: 'restricted',
      review_on: '2026-01-31',
      decision_date: '2024-03-01',
      pdf: null,
    });
    expect(row.decision_maker).toBeTruthy();
  });

  it('leaves a deferred decision out until its day, and the input key changes when the day comes', async () => {
    const deferred = published('OPCC.D.040.24', {
      title: 'Contract award not yet announced',
      publication: { deferUntil: '2024-06-10' },
    });
    const before = await build([deferred]);
    expect(everyText(before.files)).not.toContain('OPCC.D.040.24');
    expect(everyText(before.files)).not.toContain('not yet announced');
    const on = new Date('2024-06-10T08:00:00.000Z');
    const after = await build([deferred], on);
    expect(after.paths).toContain('decisions/OPCC.D.040.24.html');
    expect(packInputKey([deferred], template, '2024-06-09')).not.toBe(packInputKey([deferred], template, '2024-06-10'));
  });

  it('shows a withdrawn decision as withdrawn, with the reason and day, and no longer its text or PDF', async () => {
    const withdrawn = published('OPCC.D.050.24', {
      title: 'Estates strategy',
      decision: 'WITHDRAWN-TEXT',
      withdrawal: { at: '2024-05-20T11:00:00.000Z', by: 'Chief Executive', reason: 'Made on an incorrect valuation.' },
    });
    const { text, paths, files } = await build([withdrawn]);
    expect(paths).not.toContain('decisions/OPCC.D.050.24.pdf');
    const page = text('decisions/OPCC.D.050.24.html');
    expect(page).toContain('This decision was withdrawn on 20 May 2024');
    expect(page).toContain('Made on an incorrect valuation.');
    expect(everyText(files)).not.toContain('WITHDRAWN-TEXT');
    expect(JSON.parse(text('register.json')).decisions[0]).toMatchObject({
      status: 'withdrawn',
      withdrawn_on: '2024-05-20',
    });
    expect(packInputKey([withdrawn], template, '2024-06-01')).not.toBe(
      packInputKey([{ ...withdrawn, withdrawal: undefined }], template, '2024-06-01'),
    );
  });

  it('links a superseded decision and the one that replaces it both ways', async () => {
    const earlier = published('OPCC.D.060.23', { title: 'Fleet contract' });
    const later = published('OPCC.D.010.24', {
      title: 'Fleet contract, revised',
      publication: { supersedes: ['OPCC.D.060.23'] },
    });
    const { text } = await build([earlier, later]);
    expect(text('decisions/OPCC.D.060.23.html')).toContain(
      'superseded by <a href="OPCC.D.010.24.html">OPCC.D.010.24</a>',
    );
    expect(text('decisions/OPCC.D.010.24.html')).toContain('replaces <a href="OPCC.D.060.23.html">OPCC.D.060.23</a>');
    const rows = JSON.parse(text('register.json')).decisions;
    expect(rows.find((r: { reference: string }) => r.reference === 'OPCC.D.060.23')).toMatchObject({
      status: 'superseded',
      superseded_by: 'OPCC.D.010.24',
    });
  });

  it('escapes every text, and makes safe, unique file names from references', async () => {
    const hostile = published('OPCC.D.070.24', {
      title: HOSTILE.script,
      executiveSummary: HOSTILE.handler,
      decision: HOSTILE.formula,
    });
    const { text } = await build([hostile]);
    expect(text('decisions/OPCC.D.070.24.html')).not.toMatch(/<script>|<img/);
    expect(text('index.html')).toContain('&lt;script&gt;');
    expect(text('register.csv')).toContain(HOSTILE.script);
    const taken = new Set<string>();
    expect(packStem('OPCC/D/021/18', taken)).toBe('OPCC-D-021-18');
    expect(packStem('opcc-d-021-18', taken)).toBe('opcc-d-021-18-2');
    expect(packStem('CON', taken)).toBe('_CON');
    expect(packStem('..', taken)).toBe('decision');
  });

  it('writes the register as open data: CSV (UTF-8, ISO dates, formulas defused) and JSON with documented columns', async () => {
    const formula = published('OPCC.D.080.24', { title: HOSTILE.formula });
    const { text } = await build([formula, confidential('OPCC.D.081.24')]);
    const csv = text('register.csv');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [header, ...lines] = csv.slice(1).trimEnd().split('\r\n');
    expect(header).toBe(PACK_COLUMNS.map(([name]) => name).join(','));
    expect(lines).toHaveLength(2);
    expect(csv).toContain(`"'=HYPERLINK(""http://example.invalid"",""click"")"`);
    expect(csv).toMatch(/,2024-03-01,/);
    const json = JSON.parse(text('register.json'));
    expect(json).toMatchObject({
      format: 'decision-desk/register@1',
      office: template.officeName,
      generatedAt: NOW.toISOString(),
    });
    expect(json.licence).toMatchObject({ url: OGL_URL, attribution: OGL_LINE });
    expect(json.columns.map((c: { name: string }) => c.name)).toEqual(PACK_COLUMNS.map(([name]) => name));
    expect(json.columns.every((c: { description: string }) => c.description.length > 10)).toBe(true);
  });

  it('keys each file by what it depends on: a PDF key changes only with its record, the template or its links', () => {
    const a = published('OPCC.D.090.24');
    const b = published('OPCC.D.091.24');
    const plan = (records: DecisionRecord[], t = template) =>
      Object.fromEntries(
        planPublicationPack({ records, template: t, now: NOW, publicPdf: async () => PDF }).map((e) => [e.path, e.key]),
      );
    const first = plan([a, b]);
    const changed = plan([a, { ...b, revision: b.revision + 1 }]);
    expect(changed['decisions/OPCC.D.090.24.pdf']).toBe(first['decisions/OPCC.D.090.24.pdf']);
    expect(changed['decisions/OPCC.D.091.24.pdf']).not.toBe(first['decisions/OPCC.D.091.24.pdf']);
    const retitled = plan([a, b], { ...template, officeName: 'Another office' });
    expect(retitled['decisions/OPCC.D.090.24.pdf']).not.toBe(first['decisions/OPCC.D.090.24.pdf']);
  });
});

describe('the pack of a template with several decision makers and categories', () => {
  const london: OfficeTemplate = OfficeTemplateSchema.parse(
    upgradeTemplate(
      JSON.parse(
        fs.readFileSync(path.resolve(import.meta.dirname, '../../../../resources/templates/london.json'), 'utf8'),
      ),
    ),
  );
  const precept = london.categories.find((c) => c.id === 'precept')!.label;
  const deputy = london.signatories.find((s) => s.role === 'deputy-mayor')!;

  it('lists the decision maker\u2019s capacity and the category, in the data, the register and the decision\u2019s page', async () => {
    const byDeputy = published('PCD 0001', {
      template: 'london',
      decisionMaker: 'deputy-mayor',
      category: 'precept',
      signOffs: [],
    });
    const secret = confidential('PCD 0002', { template: 'london', category: 'precept', signOffs: [] });
    const files = await buildPublicationPack({
      records: [byDeputy, secret],
      template: london,
      now: NOW,
      publicPdf: async () => PDF,
    });
    const text = (name: string) =>
      new TextDecoder('utf-8', { ignoreBOM: true }).decode(files.find((f) => f.path === name)!.bytes);
    const data = JSON.parse(text('register.json')) as { decisions: Record<string, string | null>[] };
    const row = (reference: string) => data.decisions.find((d) => d.reference === reference)!;
    expect(row('PCD 0001')).toMatchObject({
      decision_maker_role: deputy.label,
      decision_maker_capacity: deputy.capacity,
      category: precept,
    });
    // A confidential decision's category is withheld with its title.
    expect(row('PCD 0002')).toMatchObject({ category: null, decision_maker_capacity: null });
    expect(text('register.csv').split('\r\n')[0]).toContain('decision_maker_role,decision_maker_capacity,category,');
    const index = text('index.html');
    expect(index).toContain('<th scope="col">Category</th>');
    expect(index).toContain(`<td>${precept}</td>`);
    expect(index).toContain(`, ${deputy.label}, ${deputy.capacity.replace("'", '&#39;')}</td>`);
    const page = text('decisions/PCD-0001.html');
    expect(page).toContain(`<dt>Category</dt><dd>${precept}</dd>`);
    expect(page).toContain(`${deputy.label}, ${deputy.capacity.replace("'", '&#39;')}`);
    expect(text('decisions/PCD-0002.html')).not.toContain(precept);
  });

  it('carries no text of an internal section in any of its files, as the contents check reads them', async () => {
    const sections: DecisionRecord['sections'] = [
      { id: 'financial-comments', kind: 'rich-text', text: 'Funded from the violence reduction budget.' },
      { id: 'part-two', kind: 'rich-text', text: 'The bid prices were Quillfeather figures.' },
    ];
    const open = published('PCD 0003', { template: 'london', category: 'general', signOffs: [], sections });
    const secret = confidential('PCD 0004', { template: 'london', signOffs: [], sections });
    const files = await buildPublicationPack({
      records: [open, secret],
      template: london,
      now: NOW,
      publicPdf: async () => PDF,
    });
    const internal = internalTexts(open, london);
    expect(internal).toHaveLength(1);
    // The PDFs here are stand-ins; the public copy itself is checked in contents.test.ts.
    for (const file of files.filter((f) => !f.path.endsWith('.pdf'))) {
      const contents = await describeContents(file.bytes, file.path, [], internal);
      expect(
        contents.hidden.filter((line) => line.includes('internal section')),
        file.path,
      ).toEqual([]);
    }
    // The check itself sees such text where it is.
    const leaked = new TextEncoder().encode('<p>The bid prices were Quillfeather figures.</p>');
    expect((await describeContents(leaked, 'decisions/PCD-0003.html', [], internal)).hidden).toHaveLength(1);
  });

  it('keeps the register page of a template with one decision maker and no categories as it was', async () => {
    const { text } = await build([published('OPCC.D.050.24')]);
    expect(text('index.html')).not.toContain('Category');
    expect(JSON.parse(text('register.json')).decisions[0]).toMatchObject({
      decision_maker_capacity: null,
      category: null,
    });
  });
});
