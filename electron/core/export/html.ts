// The one HTML form of a Record of Decision: the on-screen preview and, through the PDF engine, the printed PDF.

import {
  type AuditEntry,
  type DecisionRecord,
  type OfficeTemplate,
  parseRichText,
  type RichBlock,
  type RichCell,
  type RichInline,
  type RichList,
  type RichTable,
  type SignOff,
  inlineText,
  signatureProblem,
  signatureWords,
  signatoryName,
  textDirection,
} from '../domain/index.ts';
import { createHash } from 'node:crypto';
import type { PdfPrintOptions } from './pdf-engine.ts';
import {
  box,
  categoryLabel,
  decisionCapacity,
  documentTitle,
  extraSectionsAt,
  formatUkDate,
  formatUkDay,
  markingFor,
  referenceText,
  type SectionPlace,
  signerName,
  signOffGroups,
} from './form.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for an element's content or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

const FONT_STACK = "Arial, 'Liberation Sans', Helvetica, sans-serif";

// Print: the page box holds the margins; the header and footer templates draw inside them. Screen: the same body on
// an A4-sized white sheet on grey, with the marking and reference the print margins would carry.
const STYLE = `
@page { size: A4; margin: 22mm 20mm 24mm; }
* { box-sizing: border-box; }
html { font-family: ${FONT_STACK}; font-size: 11pt; line-height: 1.35; color: #000; background: #fff; }
body { margin: 0; }
.sheet { background: #fff; overflow-wrap: anywhere; }
@media screen {
  html { background: #d9d9d9; }
  body { padding: 16px 0; }
  .sheet { width: 210mm; max-width: 100%; min-height: 297mm; margin: 0 auto; padding: 12mm 20mm 14mm; box-shadow: 0 1px 6px rgba(0, 0, 0, 0.35); }
}
@media print { .screen-only { display: none; } }
.signing-record { break-before: page; }
.signing-record h1 { font-size: 16pt; margin: 0 0 6pt; }
.signing-record table { width: 100%; border-collapse: collapse; margin: 0 0 10pt; font-size: 9pt; table-layout: fixed; }
.signing-record th, .signing-record td { border: 1px solid #000; padding: 3pt 4pt; text-align: left; vertical-align: top; overflow-wrap: break-word; }
.signing-record .signatures col.hash-col { width: 30%; }
.signing-record .events col.reason-col { width: 34%; }
.signing-record tr { break-inside: avoid; }
.hash { font-family: 'DejaVu Sans Mono', Consolas, 'Courier New', monospace; font-size: 7.5pt; overflow-wrap: anywhere; }
.margin-note { font-size: 8pt; text-align: center; margin: 0 0 8mm; }
.margin-note.foot { margin: 8mm 0 0; }
.marking { font-weight: bold; letter-spacing: 0.05em; }
.masthead { display: flex; align-items: center; justify-content: space-between; gap: 12pt; margin: 0 0 8pt; }
h1 { font-size: 20pt; margin: 0; }
.logo { display: block; max-height: 24mm; max-width: 70mm; }
/* Rows overlap by their 1px border; a row that breaks across pages is closed and reopened by its cloned border. */
.form { padding-top: 1px; }
.row { border: 1px solid #000; margin-top: -1px; padding: 4pt 6pt; -webkit-box-decoration-break: clone; box-decoration-break: clone; }
.cols { display: grid; grid-template-columns: 1fr 1fr; padding: 0; break-inside: avoid; }
.cols > div { padding: 4pt 6pt; min-width: 0; }
.cols > div + div { border-left: 1px solid #000; }
.label { font-weight: bold; }
h2 { font-size: 11pt; font-weight: bold; margin: 0 0 4pt; break-after: avoid; }
/* A section's label is a row of its own, as on the paper form; it never ends a page. */
.section > h2 { margin: -4pt -6pt 4pt; padding: 4pt 6pt; border-bottom: 1px solid #000; }
h2.inline { display: inline; margin: 0; }
p { margin: 0 0 6pt; orphans: 2; widows: 2; }
.rich > :last-child, .rich li > :last-child { margin-bottom: 0; }
ul, ol { margin: 0 0 6pt; padding-left: 18pt; }
li { margin: 0 0 2pt; }
li > ul, li > ol { margin: 2pt 0 0; }
/* A table in a section: ruled cells, the header row repeated on every page it runs onto, no row split by a page. */
.rich-table { width: 100%; border-collapse: collapse; margin: 0 0 6pt; }
.rich-table th, .rich-table td { border: 1px solid #000; padding: 2pt 4pt; text-align: start; vertical-align: top; overflow-wrap: break-word; }
.rich-table th { font-weight: bold; }
.rich-table thead { display: table-header-group; }
.rich-table tr { break-inside: avoid; }
.box { font-family: 'Segoe UI Symbol', 'DejaVu Sans', ${FONT_STACK}; font-size: 12pt; line-height: 1; }
.choice { white-space: nowrap; margin-right: 10pt; }
.text { white-space: pre-wrap; }
.signoff { break-inside: avoid; }
.keep-with-next { break-after: avoid; }
.signoff .cols { border-top: 1px solid #000; margin: 4pt -6pt -4pt; }
.signature { display: block; max-height: 18mm; max-width: 65mm; margin: 2pt 0; }
.sign-here { display: block; height: 14mm; border-bottom: 1px solid #000; margin: 0 0 2pt; }
.date-here { display: inline-block; width: 40mm; border-bottom: 1px solid #000; }
.paper { display: block; font-style: italic; margin: 4pt 0 6pt; }
.docs { list-style: none; padding: 0; margin: 0; }
.docs li { margin: 0 0 2pt; }
.help { font-size: 10pt; }
`;

/** The form's one stylesheet, for a page's Content-Security-Policy to allow by hash: the preview frame inherits it. */
export const FORM_STYLE = STYLE;

function inlineHtml(content: readonly RichInline[]): string {
  return content
    .map((run) => {
      if (run.kind === 'break') return '<br>';
      let html = escapeHtml(run.text);
      if (run.italic) html = `<em>${html}</em>`;
      if (run.bold) html = `<strong>${html}</strong>`;
      return html;
    })
    .join('');
}

const dirOf = (content: readonly RichInline[]) => textDirection(inlineText(content));

function listHtml(list: RichList): string {
  const tag = list.ordered ? 'ol' : 'ul';
  const items = list.items
    .map(
      (item) =>
        `<li dir="${dirOf(item.content)}">${inlineHtml(item.content)}${item.children.map(listHtml).join('')}</li>`,
    )
    .join('');
  return `<${tag}>${items}</${tag}>`;
}

function tableHtml(table: RichTable): string {
  const cell = (tag: 'th' | 'td', content: RichCell) =>
    `<${tag}${tag === 'th' ? ' scope="col"' : ''} dir="${dirOf(content)}">${inlineHtml(content)}</${tag}>`;
  const head = `<thead><tr>${table.header.map((content) => cell('th', content)).join('')}</tr></thead>`;
  const body =
    table.rows.length > 0
      ? `<tbody>${table.rows.map((row) => `<tr>${row.map((content) => cell('td', content)).join('')}</tr>`).join('')}</tbody>`
      : '';
  return `<table class="rich-table">${head}${body}</table>`;
}

function blockHtml(block: RichBlock): string {
  if (block.kind === 'list') return listHtml(block);
  if (block.kind === 'table') return tableHtml(block);
  return `<p dir="${dirOf(block.content)}">${inlineHtml(block.content)}</p>`;
}

/** A rich-text section as HTML: paragraphs, bold, italic, lists and tables from the Markdown subset. */
export function richTextHtml(source: string): string {
  return parseRichText(source).map(blockHtml).join('');
}

/** Plain text kept as typed, line breaks and all. */
const plain = (text: string) => `<span class="text" dir="auto">${escapeHtml(text)}</span>`;

const tick = (ticked: boolean) =>
  `<span class="box" role="img" aria-label="${ticked ? 'ticked' : 'not ticked'}">${box(ticked)}</span>`;

function choice(label: string, ticked: boolean): string {
  return `<span class="choice"><span class="label">${escapeHtml(label)}</span> ${tick(ticked)}</span>`;
}

function yesNo(template: OfficeTemplate, answer: boolean | null): string {
  return choice(template.labels.yes, answer === true) + choice(template.labels.no, answer === false);
}

function section(label: string, body: string, id: string): string {
  return `<section class="row section" aria-labelledby="${id}"><h2 id="${id}">${escapeHtml(label)}</h2><div class="rich">${body}</div></section>`;
}

/** SHA-256 of a certificate's DER (given as base64), as trust.status and Verify show it. */
const certificateFingerprint = (base64: string) =>
  createHash('sha256').update(Buffer.from(base64, 'base64')).digest('hex');

/** "Jane Smith, Chief Finance Officer": who signed, in which role, for alt text and the public copy's words. */
const signerAndRole = (template: OfficeTemplate, signOff: SignOff, signedBy: string) =>
  `${signedBy}, ${signatoryName(template, signOff.role)}`;

function signatureHtml(template: OfficeTemplate, signOff: SignOff, publicCopy: boolean): string {
  const signature = signOff.signature;
  if (!signature) return `<span class="sign-here" role="img" aria-label="Space to sign"></span>`;
  if (publicCopy) {
    // Paper: the words, never the scan (a scan is an image of a handwritten signature and carries nothing checkable).
    if (signature.method === 'paper')
      return `<span class="paper">Signed on paper on ${escapeHtml(formatUkDate(signature.signedAt))}</span>`;
    if (template.publication.signatures === 'text' || !signature.image) {
      const words = `Signed electronically by ${signerAndRole(template, signOff, signature.signedBy)}, ${formatUkDate(signature.signedAt)}`;
      return `<span class="paper">${escapeHtml(words)}</span>`;
    }
  }
  if (signature.image) {
    return `<img class="signature" src="${escapeHtml(signature.image)}" alt="${escapeHtml(`Signature of ${signerAndRole(template, signOff, signature.signedBy)}`)}">`;
  }
  return `<span class="paper">${escapeHtml(signatureWords(signature))}</span>`;
}

function signOffHtml(
  template: OfficeTemplate,
  label: string,
  signOff: SignOff,
  index: number,
  publicCopy: boolean,
  capacity: string | null,
): string {
  const { labels } = template;
  const signature = signOff.signature;
  const name = signerName(signOff);
  const date = signature ? escapeHtml(formatUkDate(signature.signedAt)) : '<span class="date-here"></span>';
  return (
    `<section class="row signoff" aria-labelledby="signoff-${index}">` +
    `<h2 id="signoff-${index}">${escapeHtml(label)}:</h2>` +
    // Under the heading, not after the signature row, whose cells run to the foot of the section.
    (capacity ? `<p class="capacity">${plain(capacity)}</p>` : '') +
    (publicCopy && !template.publication.comments
      ? ''
      : `<p><span class="label">${escapeHtml(labels.comments)}:</span> ${plain(signOff.comments)}</p>`) +
    `<div class="cols"><div><span class="label">${escapeHtml(labels.signature)}:</span>${signatureHtml(template, signOff, publicCopy)}` +
    `<span class="label">Name:</span> ${plain(name)}</div>` +
    `<div><span class="label">${escapeHtml(labels.date)}:</span> ${date}</div></div>` +
    `</section>`
  );
}

/** The template's extra sections that print after `place`, each as the built-in sections of its kind print. */
function extraSectionsHtml(
  record: DecisionRecord,
  template: OfficeTemplate,
  place: SectionPlace,
  publicCopy: boolean,
): string {
  return extraSectionsAt(record, template, place, publicCopy)
    .map(({ section: extra, value }) => {
      const id = `section-${extra.id}`;
      switch (extra.kind) {
        case 'rich-text':
          return section(extra.label, richTextHtml(value?.kind === 'rich-text' ? value.text : ''), id);
        case 'yes-no': {
          const answer = value?.kind === 'yes-no' ? value.answer : null;
          const explanation = value?.kind === 'yes-no' ? value.explanation : '';
          return (
            `<section class="row" aria-labelledby="${id}"><h2 id="${id}" class="inline">${escapeHtml(extra.label)}</h2> ` +
            `${yesNo(template, answer)}<div>${plain(explanation)}</div></section>`
          );
        }
        case 'people': {
          const people = value?.kind === 'people' ? value.people.filter((name) => name.trim()) : [];
          return section(
            extra.label,
            people.length
              ? `<ul class="docs">${people.map((name) => `<li>${plain(name)}</li>`).join('')}</ul>`
              : 'None',
            id,
          );
        }
        case 'date':
          return section(extra.label, value?.kind === 'date' && value.date ? plain(formatUkDay(value.date)) : '', id);
      }
    })
    .join('');
}

function backgroundDocumentsHtml(record: DecisionRecord): string {
  if (record.backgroundDocuments.length === 0) return 'None';
  return `<ul class="docs">${record.backgroundDocuments.map((doc) => `<li>${plain(doc.title)}</li>`).join('')}</ul>`;
}

function impactHtml(record: DecisionRecord, template: OfficeTemplate): string {
  const { labels } = template;
  const { impact } = record;
  // A table of questions and answers, each question its row's header: the tagged PDF's Table, TR, TH and TD.
  const row = (question: string, answer: string) =>
    `<div class="row cols" role="row"><div role="rowheader">${question}</div><div role="cell">${answer}</div></div>`;
  return (
    `<section class="row keep-with-next" aria-labelledby="impact"><h2 id="impact" class="inline">${escapeHtml(labels.impactAssessment)}:</h2></section>` +
    `<div role="table" aria-labelledby="impact">` +
    row(escapeHtml(labels.planObjectives), plain(impact.planObjectives)) +
    row(
      escapeHtml(labels.equalityImpactAssessment),
      `${yesNo(template, impact.equalityImpactAssessment)}<div class="help">${escapeHtml(labels.equalityImpactAssessmentHelp)}</div>`,
    ) +
    row(
      escapeHtml(labels.diversityImpact),
      `${yesNo(template, impact.diversityImpact)}<div>${plain(impact.diversityExplanation)}</div>`,
    ) +
    `</div>`
  );
}

function marginNote(text: string, where: 'head' | 'foot'): string {
  return `<div class="margin-note screen-only ${where}">${text}</div>`;
}

const WORKFLOW_EVENTS: Record<string, string> = {
  submitted: 'Submitted for signatures',
  'returned-to-draft': 'Returned to draft',
  declined: 'Declined',
};

const timestamp = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/London' }).format(
    new Date(iso),
  );

/**
 * The "Record of signing" page that ends the PDF: each signature's signer, role, time, device and the content hash
 * it signed (with whether it still holds), then the submissions, returns and declines from the audit trail.
 */
export function signingRecordHtml(
  record: DecisionRecord,
  template: OfficeTemplate,
  audit: readonly AuditEntry[],
): string {
  const signatures = record.signOffs
    .filter((signOff) => signOff.signature)
    .map((signOff) => {
      const signature = signOff.signature!;
      const problem = signatureProblem(record, signOff);
      return (
        `<tr><td>${escapeHtml(signatoryName(template, signOff.role))}</td><td>${plain(signature.signedBy)}` +
        (signature.method === 'paper' && signature.recordedBy ? `<br>recorded by ${plain(signature.recordedBy)}` : '') +
        (signature.method === 'typed' ? '<br>typed name, no drawing' : '') +
        (signature.proof
          ? `<br><span class="hash">key ${escapeHtml(certificateFingerprint(signature.proof.certificate).slice(0, 16))}</span>`
          : '') +
        `</td>` +
        `<td>${signature.method === 'paper' ? `Signed on paper, ${escapeHtml(formatUkDate(signature.signedAt))}` : escapeHtml(timestamp(signature.signedAt))}</td>` +
        `<td>${plain(signature.device)}</td><td class="hash">${escapeHtml(signature.contentHash)}</td>` +
        `<td>${problem ? `Not valid: ${escapeHtml(problem)}` : 'Valid'}</td></tr>`
      );
    });
  const events = audit
    .filter((entry) => entry.action in WORKFLOW_EVENTS)
    .map((entry) => {
      const detail = entry.detail as { reason?: unknown; role?: unknown; name?: unknown; reference?: unknown };
      const who = typeof detail.name === 'string' ? detail.name : entry.actor;
      const role = typeof detail.role === 'string' ? ` (${signatoryName(template, detail.role)})` : '';
      const reason = typeof detail.reason === 'string' ? detail.reason : '';
      return (
        `<tr><td>${escapeHtml(WORKFLOW_EVENTS[entry.action]!)}</td><td>${plain(who)}${escapeHtml(role)}</td>` +
        `<td>${escapeHtml(timestamp(entry.at))}</td><td>${plain(entry.device)}</td><td>${plain(reason)}</td></tr>`
      );
    });
  return (
    `<section class="signing-record" aria-labelledby="signing-record"><h1 id="signing-record">Record of signing</h1>` +
    `<p>${escapeHtml(referenceText(record))}: content SHA-256 <span class="hash">${escapeHtml(record.contentHash)}</span></p>` +
    (signatures.length
      ? `<table class="signatures"><colgroup><col><col><col><col><col class="hash-col"><col></colgroup>` +
        `<thead><tr><th>Role</th><th>Signed by</th><th>When</th><th>Device</th><th>Content hash signed</th><th>Check</th></tr></thead>` +
        `<tbody>${signatures.join('')}</tbody></table>`
      : '<p>No signatures yet.</p>') +
    (events.length
      ? `<h2>Submissions, returns and declines</h2><table class="events"><colgroup><col><col><col><col><col class="reason-col"></colgroup>` +
        `<thead><tr><th>Event</th><th>By</th><th>When</th><th>Device</th><th>Reason</th></tr></thead>` +
        `<tbody>${events.join('')}</tbody></table>`
      : '') +
    `<p>Check this record with Decision Desk’s Verify, or <code>decision-desk verify FILE.pdf</code>: the record.json attached to this PDF carries every signature.</p>` +
    `</section>`
  );
}

export interface RecordHtmlOptions {
  /** The audit trail, to end the document with the "Record of signing" page; left out, there is no such page. */
  signingAudit?: readonly AuditEntry[];
  /**
   * The public copy, for the website: signatures as the office's template.publication says (the drawn image, or
   * "Signed electronically by …"), paper signatures as words and never the scan, officers' comments only when
   * published, and no "Record of signing" page whatever signingAudit says.
   */
  publicCopy?: boolean;
}

/** The whole form as a self-contained HTML document: escaped text, no scripts, nothing fetched. */
export function renderRecordHtml(
  record: DecisionRecord,
  template: OfficeTemplate,
  options: RecordHtmlOptions = {},
): string {
  const { labels } = template;
  const marking = markingFor(record, template);
  const markingHtml = marking ? `<span class="marking">${escapeHtml(marking)}</span>` : '';
  const logo = template.logo
    ? `<img class="logo" src="${escapeHtml(template.logo)}" alt="${escapeHtml(template.officeName)}">`
    : '';
  const confidential = record.classification === 'confidential';
  const publicCopy = options.publicCopy === true;
  const category = categoryLabel(record, template);
  const body =
    marginNote(markingHtml, 'head') +
    `<header class="masthead"><h1>${escapeHtml(labels.heading)}</h1>${logo}</header>` +
    `<div class="form">` +
    `<div class="row cols"><div><span class="label">${escapeHtml(labels.originator)}:</span> ${plain(record.originator)}</div>` +
    `<div><span class="label">${escapeHtml(labels.reference)}:</span> ${plain(referenceText(record))}</div></div>` +
    `<div class="row"><span class="label">${escapeHtml(labels.title)}:</span> ${plain(record.title)}</div>` +
    `<div class="row cols"><div>${choice(labels.open, !confidential)}${choice(labels.confidential, confidential)}</div>` +
    `<div><span class="label">${escapeHtml(labels.confidentialReason)}:</span> ${plain(confidential ? record.confidentialReason : '')}</div></div>` +
    (category ? `<div class="row"><span class="label">Decision category:</span> ${plain(category)}</div>` : '') +
    section(labels.executiveSummary, richTextHtml(record.executiveSummary), 'executive-summary') +
    extraSectionsHtml(record, template, 'executiveSummary', publicCopy) +
    section(labels.recommendation, richTextHtml(record.recommendation), 'recommendation') +
    extraSectionsHtml(record, template, 'recommendation', publicCopy) +
    section(labels.decision, richTextHtml(record.decision), 'decision') +
    extraSectionsHtml(record, template, 'decision', publicCopy) +
    signOffGroups(record, template)
      .map((group, index) =>
        signOffHtml(
          template,
          group.label,
          group.signOff,
          index,
          publicCopy,
          decisionCapacity(record, template, group.signOff.role),
        ),
      )
      .join('') +
    `<div class="row cols"><div><h2 class="inline">${escapeHtml(labels.backgroundDocuments)}:</h2></div><div>${backgroundDocumentsHtml(record)}</div></div>` +
    extraSectionsHtml(record, template, 'backgroundDocuments', publicCopy) +
    impactHtml(record, template) +
    extraSectionsHtml(record, template, 'impact', publicCopy) +
    `</div>` +
    marginNote(`${escapeHtml(referenceText(record))}${markingHtml ? ` \u00b7 ${markingHtml}` : ''}`, 'foot');
  return (
    `<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">` +
    `<meta name="color-scheme" content="light">` +
    `<title>${escapeHtml(documentTitle(record, template))}</title><style>${STYLE}</style></head>` +
    `<body><main class="sheet">${body}</main>` +
    (options.signingAudit && !options.publicCopy
      ? `<div class="sheet">${signingRecordHtml(record, template, options.signingAudit)}</div>`
      : '') +
    `</body></html>\n`
  );
}

// Chromium draws these in the page margins, as separate documents that share none of the page's CSS; without an
// explicit font-size the text comes out at about 0.7 pt.
const MARGIN_STYLE = `font-family: ${FONT_STACK}; font-size: 8pt; width: 100%; margin: 0 20mm; text-align: center; color: #000;`;

/** The print header (the marking) and footer (marking, then "Reference · Page N of M") for the PDF engine. */
export function renderPrintMargins(
  record: DecisionRecord,
  template: OfficeTemplate,
): Required<Pick<PdfPrintOptions, 'headerTemplate' | 'footerTemplate'>> {
  const marking = markingFor(record, template);
  const markingLine = marking
    ? `<div style="font-weight: bold; letter-spacing: 0.05em;">${escapeHtml(marking)}</div>`
    : '';
  return {
    headerTemplate: `<div style="${MARGIN_STYLE} padding-top: 10mm;">${markingLine}</div>`,
    footerTemplate:
      `<div style="${MARGIN_STYLE} padding-bottom: 8mm;">${markingLine}` +
      `<div>${escapeHtml(referenceText(record))} \u00b7 Page <span class="pageNumber"></span> of <span class="totalPages"></span></div></div>`,
  };
}

/** Everything the PDF engine needs to print a record. */
export function printJob(
  record: DecisionRecord,
  template: OfficeTemplate,
  options: RecordHtmlOptions = {},
): { html: string; options: PdfPrintOptions } {
  return {
    html: renderRecordHtml(record, template, options),
    options: { title: documentTitle(record, template), ...renderPrintMargins(record, template) },
  };
}
