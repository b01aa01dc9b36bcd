// How the CLI shows things to a person: tables of records, a record laid out with the office template's labels.

import {
  type DecisionRecord,
  type OfficeTemplate,
  type RecordSummary,
  type SignOff,
  signatoryLabel,
  signatureProblem,
  STATUS_LABELS,
} from '../core/domain/index.ts';

/** record.json as it is written to disk and printed: pretty, UTF-8, ending with a newline. */
export function recordJsonText(record: DecisionRecord): string {
  return `${JSON.stringify(record, null, 2)}\n`;
}

/** A UK date and time in the local zone, e.g. "25 Nov 2025, 14:03". */
export function formatTimestamp(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

/** Text for one table cell: one line, and no wider than `max`. */
function cell(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

export function renderTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((text, i) => (i === cells.length - 1 ? text : text.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function recordTable(records: RecordSummary[]): string {
  return renderTable(
    ['Reference', 'Title', 'Status', 'Updated', 'Id'],
    records.map((record) => [
      record.reference ?? '(none)',
      cell(record.title, 60) || '(untitled)',
      STATUS_LABELS[record.status],
      formatTimestamp(record.updatedAt),
      record.id,
    ]),
  );
}

const box = (ticked: boolean) => (ticked ? '☒' : '☐');

function yesNo(template: OfficeTemplate, answer: boolean | null): string {
  const { yes, no } = template.labels;
  return answer === null ? `${yes} ☐  ${no} ☐  (not answered)` : `${yes} ${box(answer)}  ${no} ${box(!answer)}`;
}

function section(label: string, text: string): string[] {
  return ['', label, text.trim() === '' ? '(empty)' : text.trimEnd()];
}

function signOffLines(template: OfficeTemplate, record: DecisionRecord, signOff: SignOff): string[] {
  const { labels } = template;
  const signature = signOff.signature;
  let signed = '(not signed)';
  if (signature) {
    const how = signature.method === 'paper' ? 'on paper' : `on ${signature.device || 'a device'}`;
    const problem = signatureProblem(record, signOff);
    signed = `signed by ${signature.signedBy} ${how}${problem ? ` (not valid: ${problem})` : ''}`;
  }
  return [
    '',
    signatoryLabel(template, signOff.role),
    `  Name: ${signOff.name || '(not set)'}`,
    `  ${labels.comments}: ${signOff.comments.trim() === '' ? '(none)' : signOff.comments.trimEnd()}`,
    `  ${labels.signature}: ${signed}`,
    `  ${labels.date}: ${signature ? formatTimestamp(signature.signedAt) : ''}`.trimEnd(),
  ];
}

/** The whole record in the printed form's order (TEMPLATE.md), with the office template's labels. */
export function recordText(record: DecisionRecord, template: OfficeTemplate): string {
  const { labels } = template;
  const confidential = record.classification === 'confidential';
  const lines = [
    labels.heading,
    `${labels.originator}: ${record.originator}`,
    `${labels.reference}: ${record.reference ?? '(none yet)'}`,
    `${labels.title}: ${record.title}`,
    `${labels.open} ${box(!confidential)}  ${labels.confidential} ${box(confidential)}`,
    ...(confidential ? [`${labels.confidentialReason}: ${record.confidentialReason}`] : []),
    `Status: ${STATUS_LABELS[record.status]}, revision ${record.revision}, updated ${formatTimestamp(record.updatedAt)}`,
    `Id: ${record.id}`,
    ...section(labels.executiveSummary, record.executiveSummary),
    ...section(labels.recommendation, record.recommendation),
    ...section(labels.decision, record.decision),
    ...record.signOffs.flatMap((signOff) => signOffLines(template, record, signOff)),
    '',
    labels.backgroundDocuments,
    ...(record.backgroundDocuments.length === 0
      ? ['(none)']
      : record.backgroundDocuments.map(
          (document) =>
            `- ${document.title}${document.attachment ? ` (attached: ${document.attachment.fileName})` : ''}`,
        )),
    '',
    labels.impactAssessment,
    ...section(labels.planObjectives, record.impact.planObjectives).slice(1),
    '',
    labels.equalityImpactAssessment,
    yesNo(template, record.impact.equalityImpactAssessment),
    '',
    labels.diversityImpact,
    yesNo(template, record.impact.diversityImpact),
    ...(record.impact.diversityExplanation.trim() ? [record.impact.diversityExplanation.trimEnd()] : []),
    '',
    `Content hash: ${record.contentHash}`,
  ];
  return lines.join('\n');
}
