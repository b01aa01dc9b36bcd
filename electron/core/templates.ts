// The office template as a file and as versions: the templates shipped with the app, export for IT, import from IT or
// a shipped one; the version each record was made with (it prints with it years later), and that version carried in
// every record.json this app writes so another device can print and check the record too.

import fire from '../../resources/templates/essex-pfcc.json' with { type: 'json' };
import kent from '../../resources/templates/kent.json' with { type: 'json' };
import continuous from '../../resources/templates/london.json' with { type: 'json' };
import type { Handlers, ShippedTemplate, TemplateVersion } from '../contract.ts';
import {
  cleanDeep,
  type DecisionRecord,
  DeskError,
  describeIssues,
  InvalidInputError,
  NotFoundError,
  type OfficeTemplate,
  OfficeTemplateSchema,
  PARSE_OPTIONS,
  type Settings,
  TemplateInputSchema,
  templateDefinition,
  templateHash,
  upgradeTemplate,
} from './domain/index.ts';
import type { ReadableDB, WritableDB } from './db/connection.ts';
import {
  definitionHash,
  heldVersion,
  highestVersion,
  holdVersion,
  legacyVersion,
  listVersions,
  readDefinition,
  versionName,
} from './db/templates.ts';

/** What a template file is: `{ format, template }`, so a file from elsewhere is recognised before it is read. */
export const TEMPLATE_FILE_FORMAT = 'decision-desk/template@1';

/** The record.json field that carries the record's template version: a template file, `{ format, hash, template }`. */
export const CARRIED_TEMPLATE_FIELD = 'officeTemplate';

const SHIPPED: readonly { raw: unknown; description: string }[] = [
  {
    raw: kent,
    description:
      'One series restarting each year (OPCC.D.021.18); Chief Finance Officer and Chief Executive sign, in either order, before the Commissioner.',
  },
  {
    raw: fire,
    description:
      'A police, fire and crime commissioner: separate police and fire series; a Monitoring Officer signs too; financial and legal implications sections.',
  },
  {
    raw: continuous,
    description:
      'One continuous series that never restarts (PCD 1861); a Deputy may decide under delegation, except in the reserved categories.',
  },
];

/** The shipped templates, parsed once (they are checked by the tests, so a broken one fails the build, not a user). */
export const SHIPPED_TEMPLATES: readonly OfficeTemplate[] = SHIPPED.map(({ raw }) =>
  OfficeTemplateSchema.parse(upgradeTemplate(raw)),
);

export function shippedTemplate(id: string): OfficeTemplate | undefined {
  return SHIPPED_TEMPLATES.find((t) => t.id === id);
}

/** A version of a template: its hash, its definition as written (which hashes to it), and the template it reads as. */
export interface TemplateVersionData {
  hash: string;
  definition: Record<string, unknown>;
  template: OfficeTemplate;
}

/** A template of this office as a version: its definition is the template without the seal. */
export function versionOfTemplate(template: OfficeTemplate): TemplateVersionData {
  return {
    hash: templateHash(template),
    definition: templateDefinition(template) as Record<string, unknown>,
    template,
  };
}

interface ReadFile {
  template: OfficeTemplate;
  /** The exact version the file holds, when its `hash` is the hash of its definition (a file this app exported). */
  exact: TemplateVersionData | null;
}

function parseTemplateFile(text: string): ReadFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new InvalidInputError('This is not a template file: it is not JSON.');
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new InvalidInputError('This is not a template file: expected a JSON object.');
  const file = cleanDeep(raw as Record<string, unknown>);
  let definition: unknown = file;
  if ('format' in file) {
    if (file.format !== TEMPLATE_FILE_FORMAT) {
      throw new InvalidInputError(
        `This is not a Decision Desk template file (its "format" is ${JSON.stringify(file.format)?.slice(0, 60)}).`,
      );
    }
    definition = file.template;
  }
  const parsed = TemplateInputSchema.safeParse(upgradeTemplate(definition), PARSE_OPTIONS);
  if (!parsed.success)
    throw new InvalidInputError(`The template is not valid: ${describeIssues(parsed.error, 'template')}`);
  // A file edited by hand no longer matches the hash it was exported with: it is a new version, not that one.
  const exact =
    typeof file.hash === 'string' && definition !== file && definitionHash(definition) === file.hash
      ? { hash: file.hash, definition: definition as Record<string, unknown>, template: parsed.data }
      : null;
  return { template: parsed.data, exact };
}

/**
 * Reads a template file: JSON, `{ format: "decision-desk/template@1", template }` or a bare template as the shipped
 * files are, in this version's form or an older one's. A refusal names the field ("signatories.2.after: …").
 */
export function readTemplateFile(text: string): OfficeTemplate {
  return parseTemplateFile(text).template;
}

/** A version as the file IT rolls out, and as record.json carries it: the form, its version and hash, never a seal. */
export function templateFileObject(version: Pick<TemplateVersionData, 'hash' | 'definition'>): {
  format: string;
  hash: string;
  template: Record<string, unknown>;
} {
  return { format: TEMPLATE_FILE_FORMAT, hash: version.hash, template: version.definition };
}

/** The template as the file IT rolls out: the form and its version, without the seal (each device pins its own). */
export function templateFile(template: OfficeTemplate | TemplateVersionData): string {
  const version = 'definition' in template ? template : versionOfTemplate(template);
  return `${JSON.stringify(templateFileObject(version), null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------------------------
// The version a record was made with.

/** The name of a record's version in messages, when this device knows no more than the record says. */
const unknownVersion = (record: Pick<DecisionRecord, 'template' | 'templateHash'>) =>
  `a version of template ${record.template} (${record.templateHash!.slice(0, 12)})`;

/** A record names a template version this device does not hold, and nothing it came with carries it. */
export function missingTemplateError(
  record: Pick<DecisionRecord, 'template' | 'templateHash'>,
  fromFile: boolean,
): DeskError {
  return fromFile
    ? new InvalidInputError(
        `This record was made with ${unknownVersion(record)}, which this device does not have and the file does not carry: import the template file from IT first.`,
      )
    : new NotFoundError(
        `This record was made with ${unknownVersion(record)}, which this device does not have: import the template file from IT first.`,
      );
}

/**
 * The version a record was made with: the one whose hash it names (`carried`: the one the file it came in carries,
 * checked by carriedVersion); a record from before versions, the legacy version of its template id, else the
 * office's current template. Throws when the record names a version nothing here holds, or a held one is damaged.
 * Without `current` (sync given only part of the settings), null where the current template would be the answer.
 */
export function versionOf(
  db: ReadableDB,
  record: Pick<DecisionRecord, 'template' | 'templateHash'>,
  current: OfficeTemplate,
  carried?: TemplateVersionData | null,
): TemplateVersionData;
export function versionOf(
  db: ReadableDB,
  record: Pick<DecisionRecord, 'template' | 'templateHash'>,
  current: OfficeTemplate | undefined,
  carried?: TemplateVersionData | null,
): TemplateVersionData | null;
export function versionOf(
  db: ReadableDB,
  record: Pick<DecisionRecord, 'template' | 'templateHash'>,
  current: OfficeTemplate | undefined,
  carried?: TemplateVersionData | null,
): TemplateVersionData | null {
  const hash = record.templateHash;
  if (hash !== undefined) {
    // The carried one first: checked against the hash, it is the same definition as a held one, and it stands in
    // for a held one that is damaged (importing the record again repairs it).
    if (carried?.hash === hash) return carried;
    const held = heldVersion(db, hash);
    if (held) return held;
    // The office's template before anything stored it (a built-in template changed by an update of the app).
    if (current && templateHash(current) === hash) return versionOfTemplate(current);
    throw missingTemplateError(record, carried !== undefined);
  }
  return legacyVersion(db, record.template) ?? (current ? versionOfTemplate(current) : null);
}

/**
 * A version's form as this office uses it today: its labels, signatories, sections and rules, with the office's own
 * pinned seal (trust is the device's, never a template's) and publication policy (how public copies show signatures
 * and comments, when a record is late: what the office does now, not what it did then).
 */
export function withOfficePolicy(form: OfficeTemplate, office: OfficeTemplate): OfficeTemplate {
  if (form.sealFingerprint === office.sealFingerprint && form.publication === office.publication) return form;
  return { ...form, sealFingerprint: office.sealFingerprint, publication: office.publication };
}

/** The template a record prints and is checked with: its own version, under this office's trust and policy. */
export function recordTemplate(
  db: ReadableDB,
  record: Pick<DecisionRecord, 'template' | 'templateHash'>,
  current: OfficeTemplate,
  carried?: TemplateVersionData | null,
): OfficeTemplate {
  return withOfficePolicy(versionOf(db, record, current, carried).template, current);
}

/**
 * The record.json this app writes: the record, and beside it its template version (officeTemplate). Without
 * `current`, a record that would print with the current template carries none.
 */
export function recordFile(
  db: ReadableDB,
  record: DecisionRecord,
  current: OfficeTemplate | undefined,
): Record<string, unknown> {
  const version = versionOf(db, record, current);
  return version ? { ...record, [CARRIED_TEMPLATE_FIELD]: templateFileObject(version) } : record;
}

/** recordFile as the text of a record.json: indented, with a final newline. */
export function recordFileText(db: ReadableDB, record: DecisionRecord, current: OfficeTemplate): string {
  return `${JSON.stringify(recordFile(db, record, current), null, 2)}\n`;
}

/** A record.json from outside, split into the record and what it carries beside it (undefined when nothing). */
export function splitRecordFile(raw: Record<string, unknown>): { record: Record<string, unknown>; carried: unknown } {
  if (!(CARRIED_TEMPLATE_FIELD in raw)) return { record: raw, carried: undefined };
  const { [CARRIED_TEMPLATE_FIELD]: carried, ...record } = raw;
  return { record, carried };
}

/**
 * Checks the template a record.json carries (its officeTemplate) against the record: a template file whose
 * definition is a valid template and hashes to the hash it states, which is the version the record names. Returns
 * it, or null when the file carries none or the record names no version (one made before versions: it prints with
 * this device's legacy version). Refuses, in a sentence, a carried template that is damaged or not the record's.
 */
export function carriedVersion(
  record: Pick<DecisionRecord, 'template' | 'templateHash'>,
  carried: unknown,
): TemplateVersionData | null {
  if (carried === undefined || carried === null) return null;
  const refuse = (why: string) =>
    new InvalidInputError(`The template this record.json carries (${CARRIED_TEMPLATE_FIELD}) ${why}.`);
  if (typeof carried !== 'object' || Array.isArray(carried)) throw refuse('is not a template file');
  const file = cleanDeep(carried as Record<string, unknown>);
  if (file.format !== TEMPLATE_FILE_FORMAT)
    throw refuse(`is not a Decision Desk template file (its "format" must be "${TEMPLATE_FILE_FORMAT}")`);
  if (typeof file.hash !== 'string' || !/^[0-9a-f]{64}$/.test(file.hash))
    throw refuse('states no hash (64 lower-case hexadecimal digits)');
  const hash = file.hash;
  const { definition, template } = readDefinition(file.template, hash, (problem, words) =>
    refuse(
      problem === 'hash'
        ? 'was changed: its definition does not match its hash'
        : problem === 'shape'
          ? 'is not a template'
          : words.replace(/^it is/, 'is'),
    ),
  );
  if (record.templateHash === undefined) return null;
  if (hash !== record.templateHash) {
    throw refuse(
      `is ${versionName(template)} (${hash.slice(0, 12)}), but the record was made with another version (${record.templateHash.slice(0, 12)}): the file was changed outside Decision Desk`,
    );
  }
  return { hash, definition, template };
}

/**
 * The office's template after a change, as it is stored: unchanged when the form is (the seal alone, say); else a
 * new version, whose `version` is raised above every version of its id this device holds unless the change raised
 * it already (or it is a version held already, which an office may go back to).
 */
export function nextVersion(db: WritableDB, before: OfficeTemplate, next: OfficeTemplate): OfficeTemplate {
  const hash = templateHash(next);
  if (hash === templateHash(before) || heldVersion(db, hash)) return next;
  const highest = Math.max(highestVersion(db, next.id), next.id === before.id ? before.version : 0);
  return next.version > highest ? next : { ...next, version: highest + 1 };
}

// ---------------------------------------------------------------------------------------------------------------
// The API.

export interface TemplateInternals {
  db: WritableDB;
  now: () => Date;
  settings: () => Settings;
  /** Makes a template the office's, through the same checks as a change in Settings (which keeps the version). */
  setTemplate: (template: OfficeTemplate) => Promise<Settings>;
  requireRecord: (key: string) => DecisionRecord;
}

type TemplateMethods =
  'templates.shipped' | 'templates.export' | 'templates.import' | 'templates.versions' | 'templates.get';

function held(ctx: TemplateInternals, hash: string): TemplateVersionData {
  const current = ctx.settings().template;
  const version = heldVersion(ctx.db, hash) ?? (templateHash(current) === hash ? versionOfTemplate(current) : null);
  if (!version) throw new NotFoundError(`This device holds no template version with the hash ${hash.slice(0, 16)}.`);
  return version;
}

export function templateHandlers(ctx: TemplateInternals): Pick<Handlers, TemplateMethods> {
  return {
    'templates.shipped': () =>
      SHIPPED_TEMPLATES.map((t, i): ShippedTemplate => ({
        id: t.id,
        area: t.area,
        officeName: t.officeName,
        description: SHIPPED[i]!.description,
      })),

    'templates.export': ({ hash }) => {
      const version = hash === undefined ? versionOfTemplate(ctx.settings().template) : held(ctx, hash);
      const { id, version: number } = version.template;
      return {
        fileName: `${id}-template-v${number}.json`,
        mediaType: 'application/json',
        base64: Buffer.from(templateFile(version), 'utf8').toString('base64'),
      };
    },

    'templates.import': async (input) => {
      let template: OfficeTemplate;
      if ('shipped' in input) {
        const found = shippedTemplate(input.shipped);
        if (!found) throw new NotFoundError(`No template shipped with Decision Desk has the id "${input.shipped}".`);
        template = found;
      } else {
        const file = parseTemplateFile(input.text);
        // A version exported from a device is kept as exactly that version: records made with it elsewhere print here.
        if (file.exact) {
          const exact = file.exact;
          ctx.db.transaction(() => holdVersion(ctx.db, exact, ctx.now()))();
        }
        template = file.template;
      }
      return ctx.setTemplate({ ...template, sealFingerprint: ctx.settings().template.sealFingerprint });
    },

    'templates.versions': () => {
      const current = versionOfTemplate(ctx.settings().template);
      const versions: TemplateVersion[] = listVersions(ctx.db).map((v) => ({
        id: v.id,
        version: v.version,
        hash: v.hash,
        storedAt: v.storedAt,
        current: v.hash === current.hash,
        legacy: v.legacy,
        ...(v.damaged ? { damaged: v.damaged } : {}),
      }));
      // The office's template before anything stored it: held from the first record made with it.
      if (!versions.some((v) => v.current)) {
        const { id, version } = current.template;
        versions.unshift({
          id,
          version,
          hash: current.hash,
          storedAt: ctx.now().toISOString(),
          current: true,
          legacy: false,
        });
      }
      return versions;
    },

    'templates.get': (input) => {
      const current = ctx.settings().template;
      if ('record' in input) return recordTemplate(ctx.db, ctx.requireRecord(input.record), current);
      return withOfficePolicy(held(ctx, input.hash).template, current);
    },
  };
}
