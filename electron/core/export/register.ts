// The decision register as CSV (RFC 4180, UTF-8 with a BOM, CRLF) that Excel opens as it is, with formulas defused.

import {
  categoryOf,
  deciderOf,
  type DecisionRecord,
  decisionMakerLabel,
  type OfficeTemplate,
  registerColumnsOf,
  STATUS_LABELS,
} from '../domain/index.ts';

export interface RegisterOptions {
  /** Show confidential records' titles; otherwise they read "Confidential". */
  full?: boolean;
  /** The template each record was made with (its signatories' labels); left out, the template given for all. */
  templateOf?: (record: DecisionRecord) => OfficeTemplate;
}

export const REGISTER_COLUMNS = [
  'Reference',
  'Title',
  'Originator',
  'Classification',
  'Status',
  'Decision date',
  'Signatories',
] as const;

/**
 * The columns a template adds after "Decision date": the decision maker (with their capacity) where it has several,
 * the category where it has categories. Kent's template has neither, and its register reads as it always did.
 */
export interface TemplateColumns {
  decisionMaker: boolean;
  category: boolean;
}

/** The columns of a register, given which template columns it has. */
export function registerColumns(extra: TemplateColumns): string[] {
  const columns: string[] = [...REGISTER_COLUMNS];
  columns.splice(
    columns.indexOf('Decision date') + 1,
    0,
    ...(extra.decisionMaker ? ['Decision maker'] : []),
    ...(extra.category ? ['Category'] : []),
  );
  return columns;
}

const CONFIDENTIAL_TITLE = 'Confidential';
const LONDON_DATE = new Intl.DateTimeFormat('en-CA', {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  timeZone: 'Europe/London',
});

/**
 * What a spreadsheet may run as a formula: = + - @ (or their full-width forms, which Excel and LibreOffice read as
 * the same), also after leading spaces, tabs, line breaks or other white space it skips; and a cell that starts with
 * a tab or line break at all, which can hide one.
 */
const FORMULA_START = /^(?:[\s\u00A0\u2000-\u200B\u3000\uFEFF]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\u2212]|[\t\r\n])/;

/**
 * A cell as CSV: text a spreadsheet would run as a formula (see FORMULA_START) gets a leading apostrophe; then it is
 * quoted when it holds a quote, comma or line break.
 */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * One register line of a record: the decision date is the day the deciding signatory signed, in ISO form. The
 * decision maker and category are named by the record's own template; a confidential record's category is left
 * out unless full, like its title.
 */
export function registerRow(
  record: DecisionRecord,
  template: OfficeTemplate,
  options: RegisterOptions = {},
  extra: TemplateColumns = { decisionMaker: false, category: false },
): string[] {
  const maker = deciderOf(record, template);
  const decider = maker?.role;
  const decided = record.signOffs.find((s) => s.role === decider)?.signature;
  const signatories = template.signatories
    .map((signatory) => ({ signatory, signature: record.signOffs.find((s) => s.role === signatory.role)?.signature }))
    .filter(({ signature }) => signature)
    .map(({ signatory, signature }) => `${signatory.label}: ${signature!.signedBy}`);
  const hidden = record.classification === 'confidential' && !options.full;
  return [
    record.reference ?? '',
    hidden ? CONFIDENTIAL_TITLE : record.title,
    record.originator,
    record.classification === 'confidential' ? 'Confidential' : 'Open',
    STATUS_LABELS[record.status],
    decided ? LONDON_DATE.format(new Date(decided.signedAt)) : '',
    ...(extra.decisionMaker ? [maker ? decisionMakerLabel(maker) : ''] : []),
    ...(extra.category ? [hidden ? '' : (categoryOf(record, template)?.label ?? '')] : []),
    signatories.join('; '),
  ];
}

/**
 * The register of the given records, in the order given. It has a template column when the office's template, or
 * the template of any record in it, calls for one.
 */
export function exportRegister(
  records: readonly DecisionRecord[],
  template: OfficeTemplate,
  options: RegisterOptions = {},
): string {
  const templates = records.map((record) => options.templateOf?.(record) ?? template);
  const extra = [template, ...templates]
    .map(registerColumnsOf)
    .reduce((a, b) => ({ decisionMaker: a.decisionMaker || b.decisionMaker, category: a.category || b.category }));
  const lines = [
    registerColumns(extra),
    ...records.map((record, i) => registerRow(record, templates[i]!, options, extra)),
  ];
  return `\uFEFF${lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
