// The publication pack: the folder the office uploads to its website as it is. The register (index.html, sortable and
// filterable by register.js), one page per decision with its PDF beside it, and the register as open data
// (register.csv, register.json). Built from the records alone: nothing is read back from a previous pack.
//
// A confidential decision appears by reference, date and decision maker, with its public summary, the reason it is
// withheld and its review date: never its title, text or PDF. A deferred one is left out until its day.

import { createHash } from 'node:crypto';
import {
  canonicalJson,
  categoryOf,
  deciderOf,
  type DecisionRecord,
  decisionDay,
  decisionMaker,
  decisionMakerLabel,
  londonDay,
  type OfficeTemplate,
  PUBLICATION_STATUS_LABELS,
  type PublicationStatus,
  publicationStatus,
  registerColumnsOf,
  sha256Hex,
  supersessions,
} from '../domain/index.ts';
import { formatUkDate, signOffGroups } from './form.ts';
import { escapeHtml, richTextHtml } from './html.ts';
import { PACK_CSS, REGISTER_JS } from './pack-assets.ts';
import { csvCell } from './register.ts';

export const PACK_FORMAT = 'decision-desk/publication-pack@1';
export const REGISTER_DATA_FORMAT = 'decision-desk/register@1';
/** Written into every pack: says a folder is a pack (the CLI replaces only such a folder) and lists its files. */
export const PACK_MARKER = 'pack.json';
export const OGL_URL = 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/';
export const OGL_LINE = 'Contains public sector information licensed under the Open Government Licence v3.0.';

/** A file of the pack. */
export interface PackFile {
  path: string;
  bytes: Uint8Array;
}

/**
 * A file of the pack before it is made: `key` changes whenever its bytes would, so a writer that kept the key of what
 * it wrote last can leave an unchanged file alone without making it (a PDF costs a print).
 */
export interface PackEntry {
  path: string;
  key: string;
  bytes: () => Promise<Uint8Array>;
}

export interface PackInput {
  /** Every record of the register; only published ones are shown. */
  records: readonly DecisionRecord[];
  /** The office's template: the pack's headings, and each record's when `templateOf` is left out. */
  template: OfficeTemplate;
  /** The template a record prints with (the version it was made with, templates.ts); left out, `template`. */
  templateOf?: (record: DecisionRecord) => OfficeTemplate;
  /** When the pack is made: register.json's generatedAt, and "today" (London) for deferrals. */
  now: Date;
  /** The public PDF of an open decision, put beside its page. */
  publicPdf: (record: DecisionRecord) => Promise<Uint8Array>;
}

/** The register's columns, in CSV and JSON alike; docs/publication.md describes them from this list. */
export const PACK_COLUMNS = [
  ['reference', 'The decision’s reference, e.g. OPCC.D.021.18.'],
  ['title', 'The decision’s title; empty for a confidential decision.'],
  ['decision_date', 'The day the decision was taken (ISO 8601, YYYY-MM-DD).'],
  ['decision_maker', 'Who took the decision, by name.'],
  ['decision_maker_role', 'The role in which they took it.'],
  [
    'decision_maker_capacity',
    'The capacity in which they took it, e.g. "under the scheme of delegation"; empty when none is stated.',
  ],
  [
    'category',
    'The kind of decision, as the office sorts its decisions (e.g. "Budget and precept"); empty when none, and for a confidential decision.',
  ],
  ['status', 'published, restricted (confidential: listed with its public summary only), withdrawn or superseded.'],
  ['published_on', 'The day the record was published (YYYY-MM-DD).'],
  ['public_summary', 'What may be said in public of a confidential decision; empty for an open one.'],
  ['reason_withheld', 'Why a confidential decision’s details are withheld; empty for an open one.'],
  ['review_on', 'The day a confidential decision is to be reviewed for release (YYYY-MM-DD), if set.'],
  ['withdrawn_on', 'The day the decision was withdrawn (YYYY-MM-DD), if it was.'],
  ['withdrawal_reason', 'Why it was withdrawn, if it was.'],
  ['supersedes', 'The references of earlier decisions this one replaces, separated by "; ".'],
  ['superseded_by', 'The references of later decisions that replace this one, separated by "; ".'],
  ['page', 'The decision’s page, relative to the register (index.html).'],
  ['pdf', 'The signed record as PDF, relative to the register; empty where there is none to publish.'],
] as const satisfies readonly (readonly [string, string])[];

type Column = (typeof PACK_COLUMNS)[number][0];
type Row = Record<Column, string>;

const encoder = new TextEncoder();
const utf8 = (text: string) => encoder.encode(text);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** One decision as the pack shows it. */
interface Shown {
  record: DecisionRecord;
  status: PublicationStatus;
  confidential: boolean;
  stem: string;
  decided: string;
  supersededBy: string[];
  /** Earlier decisions it replaces: linked where they are in the pack, named where not. */
  supersedes: string[];
  hasPdf: boolean;
}

// One collator for every sort: localeCompare with options builds a new one per call, which dominated a large pack.
const REFERENCE_ORDER = new Intl.Collator('en-GB', { numeric: true });

const RESERVED = /^(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])$/i;

/**
 * A file name stem for a reference: ASCII letters, digits, dots, hyphens and underscores only (so it needs no
 * escaping in a URL and is safe on Windows and web servers); unique in the pack whatever the case.
 */
export function packStem(reference: string, taken: Set<string>): string {
  let stem = reference
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[._-]+|[.-]+$/g, '')
    .slice(0, 80)
    .replace(/[.-]+$/, '');
  if (!stem) stem = 'decision';
  if (RESERVED.test(stem.split('.')[0]!)) stem = `_${stem}`;
  let name = stem;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${stem}-${n}`;
  taken.add(name.toLowerCase());
  return name;
}

/** The decisions the pack shows on `today`, newest decision first. */
function shownDecisions(
  records: readonly DecisionRecord[],
  templateOf: (record: DecisionRecord) => OfficeTemplate,
  today: string,
): Shown[] {
  const visible = records
    .filter((r) => r.status === 'published' && r.reference)
    .filter((r) => publicationStatus(r, today) !== 'deferred')
    .sort((a, b) => REFERENCE_ORDER.compare(a.reference!, b.reference!));
  const by = supersessions(visible);
  const taken = new Set<string>();
  return visible
    .map((record): Shown => {
      const supersededBy = by.get(record.reference!) ?? [];
      const status = publicationStatus(record, today, supersededBy);
      const confidential = record.classification === 'confidential';
      return {
        record,
        status,
        confidential,
        stem: packStem(record.reference!, taken),
        decided: decisionDay(record, templateOf(record)) ?? londonDay(record.publishedAt ?? record.updatedAt),
        supersededBy,
        supersedes: (record.publication?.supersedes ?? []).filter((ref) => ref !== record.reference),
        hasPdf: !confidential && !record.withdrawal,
      };
    })
    .sort(
      (a, b) =>
        (a.decided < b.decided ? 1 : a.decided > b.decided ? -1 : 0) ||
        REFERENCE_ORDER.compare(b.record.reference!, a.record.reference!),
    );
}

const pagePath = (stem: string) => `decisions/${stem}.html`;
const pdfPath = (stem: string) => `decisions/${stem}.pdf`;

/** The title a decision shows in public: its own, or for a confidential one its reference alone. */
function publicTitle(shown: Shown): string {
  return shown.confidential
    ? `Confidential decision ${shown.record.reference}`
    : shown.record.title.trim() || `Decision ${shown.record.reference}`;
}

function row(shown: Shown, template: OfficeTemplate): Row {
  const { record, confidential } = shown;
  const maker = decisionMaker(record, template);
  return {
    reference: record.reference!,
    title: confidential ? '' : record.title,
    decision_date: shown.decided,
    decision_maker: maker?.name ?? '',
    decision_maker_role: maker?.label ?? '',
    decision_maker_capacity: deciderOf(record, template)?.capacity.trim() ?? '',
    category: confidential ? '' : (categoryOf(record, template)?.label ?? ''),
    status:
      shown.status === 'superseded' || shown.status === 'withdrawn'
        ? shown.status
        : confidential
          ? 'restricted'
          : 'published',
    published_on: record.publishedAt ? londonDay(record.publishedAt) : '',
    public_summary: confidential ? (record.publication?.publicSummary ?? '') : '',
    reason_withheld: confidential ? record.confidentialReason : '',
    review_on: confidential ? (record.publication?.reviewOn ?? '') : '',
    withdrawn_on: record.withdrawal ? londonDay(record.withdrawal.at) : '',
    withdrawal_reason: record.withdrawal?.reason ?? '',
    supersedes: shown.supersedes.join('; '),
    superseded_by: shown.supersededBy.join('; '),
    page: pagePath(shown.stem),
    pdf: shown.hasPdf ? pdfPath(shown.stem) : '',
  };
}

const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'";

function document(title: string, body: string, depth: 0 | 1, script = false): string {
  const up = depth ? '../' : '';
  return (
    `<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n` +
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">\n` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
    `<title>${escapeHtml(title)}</title>\n<link rel="stylesheet" href="${up}pack.css">\n` +
    (script ? `<script src="${up}register.js" defer></script>\n` : '') +
    `</head>\n<body>\n<a class="skip" href="#content">Skip to the content</a>\n<div class="page">\n${body}\n</div>\n</body>\n</html>\n`
  );
}

const paragraphs = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p class="text">${escapeHtml(p)}</p>`)
    .join('') || '<p>None given.</p>';

const link = (href: string, text: string) => `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>`;

/** References as links to their pages beside this one, where they are in the pack. */
function referenceLinks(references: readonly string[], stems: Map<string, string>): string {
  return references
    .map((ref) => {
      const stem = stems.get(ref);
      return stem ? link(`${stem}.html`, ref) : escapeHtml(ref);
    })
    .join(', ');
}

function facts(items: [string, string][]): string {
  return `<dl class="facts">${items.map(([term, value]) => `<dt>${escapeHtml(term)}</dt><dd>${value}</dd>`).join('')}</dl>`;
}

const yesNo = (answer: boolean | null, template: OfficeTemplate) =>
  answer === null ? 'Not answered' : answer ? escapeHtml(template.labels.yes) : escapeHtml(template.labels.no);

/** A section label as a heading: the paper form's capitals ("EXECUTIVE SUMMARY") read as shouting on a web page. */
const heading = (label: string) =>
  label === label.toUpperCase() ? label.charAt(0) + label.slice(1).toLowerCase() : label;

/** Questions and their answers, each answer under its question (the questions are long). */
function answers(items: [string, string][]): string {
  return `<dl class="answers">${items.map(([term, value]) => `<dt>${escapeHtml(term)}</dt><dd>${value}</dd>`).join('')}</dl>`;
}

function decisionPage(shown: Shown, template: OfficeTemplate, stems: Map<string, string>): string {
  const { record, confidential } = shown;
  const { labels } = template;
  const maker = decisionMaker(record, template);
  const title = publicTitle(shown);
  const notices: string[] = [];
  if (record.withdrawal) {
    notices.push(
      `<div class="notice warning"><p><strong>This decision was withdrawn on ${escapeHtml(formatUkDate(record.withdrawal.at))}.</strong></p>` +
        `<p class="text">${escapeHtml(record.withdrawal.reason)}</p></div>`,
    );
  }
  if (shown.supersededBy.length) {
    notices.push(
      `<div class="notice"><p>This decision has been superseded by ${referenceLinks(shown.supersededBy, stems)}.</p></div>`,
    );
  }
  if (shown.supersedes.length) {
    notices.push(`<div class="notice"><p>This decision replaces ${referenceLinks(shown.supersedes, stems)}.</p></div>`);
  }
  const summary: [string, string][] = [
    ['Reference', escapeHtml(record.reference!)],
    ['Date of decision', escapeHtml(formatUkDate(shown.decided))],
    ['Decision maker', escapeHtml(maker ? `${maker.name}, ${decisionMakerLabel(deciderOf(record, template)!)}` : '')],
    ['Status', `<span class="tag ${shown.status}">${escapeHtml(PUBLICATION_STATUS_LABELS[shown.status])}</span>`],
  ];
  const category = confidential ? undefined : categoryOf(record, template);
  if (category) summary.splice(3, 0, ['Category', escapeHtml(category.label)]);
  if (record.publishedAt) summary.push(['Published', escapeHtml(formatUkDate(record.publishedAt))]);
  if (confidential && record.publication?.reviewOn)
    summary.push(['To be reviewed', escapeHtml(formatUkDate(record.publication.reviewOn))]);

  let content: string;
  if (confidential) {
    content =
      `<h2>Public summary</h2>${paragraphs(record.publication?.publicSummary ?? '')}` +
      `<h2>Why the details are withheld</h2>${paragraphs(record.confidentialReason)}`;
  } else if (record.withdrawal) {
    content = '<p>Its text is no longer published.</p>';
  } else {
    content =
      `<h2>${escapeHtml(heading(labels.executiveSummary))}</h2>${richTextHtml(record.executiveSummary)}` +
      `<h2>${escapeHtml(heading(labels.recommendation))}</h2>${richTextHtml(record.recommendation)}` +
      `<h2>${escapeHtml(heading(labels.decision))}</h2>${richTextHtml(record.decision)}` +
      signaturesHtml(record, template) +
      `<h2>${escapeHtml(heading(labels.backgroundDocuments))}</h2>` +
      (record.backgroundDocuments.length
        ? `<ul>${record.backgroundDocuments.map((d) => `<li class="text">${escapeHtml(d.title)}</li>`).join('')}</ul>`
        : '<p>None.</p>') +
      `<h2>${escapeHtml(heading(labels.impactAssessment))}</h2>` +
      answers([
        [
          labels.planObjectives,
          `<span class="text">${escapeHtml(record.impact.planObjectives) || 'Not given.'}</span>`,
        ],
        [labels.equalityImpactAssessment, yesNo(record.impact.equalityImpactAssessment, template)],
        [
          labels.diversityImpact,
          yesNo(record.impact.diversityImpact, template) +
            (record.impact.diversityExplanation.trim()
              ? `<br><span class="text">${escapeHtml(record.impact.diversityExplanation)}</span>`
              : ''),
        ],
      ]);
  }
  const downloads = shown.hasPdf
    ? `<h2>Download</h2><p>${link(`${shown.stem}.pdf`, `The signed record of decision ${record.reference} (PDF)`)}</p>`
    : '';
  const body =
    `<header><p class="office">${escapeHtml(template.officeName)}</p>` +
    `<nav class="no-print" aria-label="Breadcrumb"><p>${link('../index.html', 'Decision register')}</p></nav></header>\n` +
    `<main id="content">\n<h1>${escapeHtml(title)}</h1>\n${notices.join('')}${facts(summary)}\n${content}\n${downloads}\n` +
    `<p class="no-print">${link('../index.html', 'Back to the decision register')}</p>\n</main>`;
  return document(`${title} - ${template.officeName}`, body, 1);
}

/** Signatures as words: who, in what role, on what day. Never the ink, the strokes or the device. */
function signaturesHtml(record: DecisionRecord, template: OfficeTemplate): string {
  const items = signOffGroups(record, template)
    .filter((group) => group.signOff.signature)
    .map(({ label, signOff }) => {
      const signature = signOff.signature!;
      const how = signature.method === 'paper' ? 'Signed on paper by' : 'Signed by';
      const comments =
        template.publication.comments && signOff.comments.trim()
          ? `<p><strong>${escapeHtml(template.labels.comments)}:</strong> <span class="text">${escapeHtml(signOff.comments)}</span></p>`
          : '';
      return `<li><p>${escapeHtml(`${how} ${signature.signedBy}, ${label}, on ${formatUkDate(signature.signedAt)}`)}</p>${comments}</li>`;
    });
  return `<h2>Signatures</h2>${items.length ? `<ul>${items.join('')}</ul>` : '<p>None.</p>'}`;
}

function registerPage(decisions: Shown[], rows: Row[], template: OfficeTemplate, generatedAt: Date): string {
  const years = [...new Set(decisions.map((d) => d.decided.slice(0, 4)))].sort().reverse();
  const statuses = [...new Set(rows.map((r) => r.status))];
  const options = (values: string[], label: (v: string) => string) =>
    values.map((v) => `<option value="${escapeHtml(v)}">${escapeHtml(label(v))}</option>`).join('');
  const statusLabel = (status: string) => PUBLICATION_STATUS_LABELS[status as PublicationStatus] ?? status;
  // The office's own columns: the category where it sorts its decisions so, the role (with capacity) of the decision
  // maker where several may take a decision.
  const own = registerColumnsOf(template);
  const withCategory = own.category || rows.some((r) => r.category);
  const withRole = own.decisionMaker || decisions.some((d) => d.record.decisionMaker !== undefined);
  const lines = decisions.map((shown, i) => {
    const r = rows[i]!;
    const what = shown.confidential
      ? `<span class="tag restricted">Confidential</span> <span class="text">${escapeHtml(r.public_summary || 'No public summary.')}</span>`
      : escapeHtml(r.title || 'Untitled');
    const status =
      `<span class="tag ${escapeHtml(r.status)}">${escapeHtml(statusLabel(r.status))}</span>` +
      (shown.supersededBy.length ? ` by ${escapeHtml(shown.supersededBy.join(', '))}` : '');
    return (
      `<tr data-year="${escapeHtml(shown.decided.slice(0, 4))}" data-status="${escapeHtml(r.status)}">` +
      `<th scope="row" data-sort="${escapeHtml(r.reference)}">${link(r.page, r.reference)}</th>` +
      `<td>${what}</td>` +
      `<td data-sort="${escapeHtml(r.decision_date)}">${escapeHtml(formatUkDate(r.decision_date))}</td>` +
      (withCategory ? `<td>${escapeHtml(r.category)}</td>` : '') +
      `<td>${escapeHtml(withRole && r.decision_maker_role ? `${r.decision_maker}, ${[r.decision_maker_role, r.decision_maker_capacity].filter(Boolean).join(', ')}` : r.decision_maker)}</td>` +
      `<td>${status}</td></tr>`
    );
  });
  const n = decisions.length;
  const body =
    `<header><p class="office">${escapeHtml(template.officeName)}</p></header>\n<main id="content">\n` +
    `<h1>Decision register</h1>\n` +
    `<p class="lead">Records of decision of the ${escapeHtml(template.commissionerTitle)}, newest first. Each reference opens the decision; ` +
    `open decisions have the signed record beside them as PDF.</p>\n` +
    `<p>Confidential decisions are listed by reference, date and decision maker, with a public summary and the reason their details are withheld.</p>\n` +
    `<form id="filters" class="filters" role="search" aria-label="Filter the register" hidden>` +
    `<div><label for="filter-text">Search</label><input id="filter-text" type="search" autocomplete="off"></div>` +
    `<div><label for="filter-year">Year</label><select id="filter-year"><option value="">All years</option>${options(years, (y) => y)}</select></div>` +
    `<div><label for="filter-status">Status</label><select id="filter-status"><option value="">All</option>${options(statuses, statusLabel)}</select></div>` +
    `</form>\n` +
    `<p id="count" role="status">Showing all ${n} decision${n === 1 ? '' : 's'}</p>\n` +
    `<table id="register"><caption>Decisions of the ${escapeHtml(template.commissionerTitle)}</caption>` +
    `<thead><tr><th scope="col">Reference</th><th scope="col">Title</th><th scope="col" aria-sort="descending">Date of decision</th>` +
    (withCategory ? '<th scope="col">Category</th>' : '') +
    `<th scope="col">Decision maker</th><th scope="col">Status</th></tr></thead>` +
    `<tbody>${lines.join('\n')}</tbody></table>\n` +
    `<h2>Download the data</h2>\n<p>The register as an open dataset, one line per decision (UTF-8, dates as YYYY-MM-DD; the columns are described in register.json):</p>\n` +
    `<ul><li>${link('register.csv', 'register.csv (CSV)')}</li><li>${link('register.json', 'register.json (JSON)')}</li></ul>\n` +
    `<p class="licence">${OGL_LINE.replace('Open Government Licence v3.0', `<a href="${OGL_URL}" rel="license">Open Government Licence v3.0</a>`)}</p>\n` +
    `<p>Made ${escapeHtml(formatUkDate(generatedAt.toISOString()))} by ${escapeHtml(template.officeName)}.</p>\n</main>`;
  return document(`Decision register - ${template.officeName}`, body, 0, true);
}

function registerCsv(rows: Row[]): string {
  const names = PACK_COLUMNS.map(([name]) => name);
  const lines = [names, ...rows.map((r) => names.map((name) => r[name]))];
  return `\uFEFF${lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

function registerJson(rows: Row[], template: OfficeTemplate, generatedAt: Date): string {
  const data = {
    format: REGISTER_DATA_FORMAT,
    office: template.officeName,
    generatedAt: generatedAt.toISOString(),
    licence: { name: 'Open Government Licence v3.0', url: OGL_URL, attribution: OGL_LINE },
    columns: PACK_COLUMNS.map(([name, description]) => ({ name, description })),
    decisions: rows.map((r) =>
      Object.fromEntries(PACK_COLUMNS.map(([name]) => [name, r[name] === '' ? null : r[name]])),
    ),
  };
  return `${JSON.stringify(data, null, 2)}\n`;
}

/** What a record's public PDF depends on: the record as signed and stated, the template, the supersession links. */
function pdfKey(shown: Shown, templateHash: string): string {
  const { record } = shown;
  return sha256Hex(
    canonicalJson({
      id: record.id,
      revision: record.revision,
      contentHash: record.contentHash,
      templateHash,
      supersededBy: shown.supersededBy,
    }),
  );
}

const templateHashOf = (template: OfficeTemplate) => sha256Hex(canonicalJson(template));

/**
 * What the whole pack depends on, on `today`: when it is unchanged, so is every file but register.json's
 * generatedAt, and the pack need not be made again. A withdrawal, a new publication, a deferral reaching its day or a
 * template change all change it.
 */
export function packInputKey(records: readonly DecisionRecord[], template: OfficeTemplate, today: string): string {
  const shown = records
    .filter((r) => r.status === 'published' && r.reference && publicationStatus(r, today) !== 'deferred')
    .map((r) => [r.id, r.revision, r.contentHash, r.publishedAt ?? null, r.withdrawal ?? null])
    .sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1));
  return sha256Hex(canonicalJson({ format: PACK_FORMAT, template: templateHashOf(template), shown }));
}

/** The pack's files, each with its key; PDFs are made only when asked for. Pages before the register, pack.json last. */
export function planPublicationPack(input: PackInput): PackEntry[] {
  const { template, now } = input;
  const templateOf = input.templateOf ?? (() => template);
  const today = londonDay(now);
  const decisions = shownDecisions(input.records, templateOf, today);
  const stems = new Map(decisions.map((d) => [d.record.reference!, d.stem]));
  const rows = decisions.map((d) => row(d, templateOf(d.record)));
  const templateHash = templateHashOf(template);
  const entries: PackEntry[] = [];
  const text = (path: string, content: string) => {
    const bytes = utf8(content);
    entries.push({ path, key: sha256(bytes), bytes: async () => bytes });
  };
  text('pack.css', PACK_CSS);
  text('register.js', REGISTER_JS);
  for (const shown of decisions) {
    if (shown.hasPdf) {
      const record = shown.record;
      entries.push({
        path: pdfPath(shown.stem),
        key: pdfKey(shown, templateHash),
        bytes: () => input.publicPdf(record),
      });
    }
    text(pagePath(shown.stem), decisionPage(shown, templateOf(shown.record), stems));
  }
  text('register.csv', registerCsv(rows));
  text('register.json', registerJson(rows, template, now));
  text('index.html', registerPage(decisions, rows, template, now));
  const marker = {
    format: PACK_FORMAT,
    office: template.officeName,
    generatedAt: now.toISOString(),
    files: [...entries.map((e) => e.path), PACK_MARKER].sort(),
  };
  text(PACK_MARKER, `${JSON.stringify(marker, null, 2)}\n`);
  return entries;
}

/** The whole pack, every file made: for the CLI's folder and the window's zip. */
export async function buildPublicationPack(input: PackInput): Promise<PackFile[]> {
  const files: PackFile[] = [];
  for (const entry of planPublicationPack(input)) files.push({ path: entry.path, bytes: await entry.bytes() });
  return files;
}
