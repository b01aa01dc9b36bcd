// "What this file contains": a file's metadata, attachments, images, the people it names and what a reader may not
// see, read from its real bytes, so the office can check there is nothing hidden before it is published.

import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';
import {
  type DecisionRecord,
  type FileContents,
  InvalidInputError,
  LIMITS,
  type OfficeTemplate,
  blockTexts,
  parseRichText,
} from '../domain/index.ts';
import { isPdf, pdfAttachments } from './pdf-attachments.ts';
import { pdfFacts, xmlText } from './pdf-contents.ts';

export interface UnzipLimits {
  /** The most one entry may inflate to. */
  maxEntryBytes: number;
  /** The most all entries together may inflate to. */
  maxTotalBytes: number;
  maxEntries: number;
}

export const DOCX_LIMITS: UnzipLimits = {
  maxEntryBytes: LIMITS.recordJsonBytes,
  maxTotalBytes: 4 * LIMITS.recordJsonBytes,
  maxEntries: 10_000,
};

/** Fed to the inflater a little at a time, so that no one step can inflate far past a cap (deflate grows ~1000×). */
const CHUNK = 16 * 1024;

/**
 * The entries of a zip, inflated within `limits`: the bytes of those `keep` picks, the size of every one. A zip
 * bomb is refused with invalid-input once it passes a cap, before it is inflated further.
 */
export function unzipBounded(
  bytes: Uint8Array,
  keep: (name: string) => boolean,
  limits: UnzipLimits = DOCX_LIMITS,
): Map<string, { bytes: number; data: Uint8Array | null }> {
  const entries = new Map<string, { bytes: number; data: Uint8Array | null }>();
  let total = 0;
  let failure: InvalidInputError | null = null;
  const fail = (error: InvalidInputError, file: UnzipFile) => {
    failure ??= error;
    file.terminate();
  };
  const unzip = new Unzip((file) => {
    if (failure) return;
    if (entries.size >= limits.maxEntries)
      return fail(
        new InvalidInputError(
          `This file cannot be read: it holds more than ${limits.maxEntries.toLocaleString('en-GB')} parts.`,
        ),
        file,
      );
    const chunks: Uint8Array[] | null = keep(file.name) ? [] : null;
    const entry = { bytes: 0, data: null as Uint8Array | null };
    entries.set(file.name, entry);
    file.ondata = (error, chunk, final) => {
      if (failure) return;
      if (error)
        return fail(
          new InvalidInputError(`This file cannot be read: its part ${file.name.slice(0, 100)} is damaged.`),
          file,
        );
      entry.bytes += chunk.byteLength;
      total += chunk.byteLength;
      if (entry.bytes > limits.maxEntryBytes || total > limits.maxTotalBytes) {
        return fail(
          new InvalidInputError('This file cannot be read: it is too large when decompressed (it may be a zip bomb).'),
          file,
        );
      }
      chunks?.push(chunk);
      if (final && chunks) entry.data = concat(chunks, entry.bytes);
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    for (let at = 0; at < bytes.byteLength && !failure; at += CHUNK)
      unzip.push(bytes.subarray(at, at + CHUNK), at + CHUNK >= bytes.byteLength);
  } catch (error) {
    failure ??= new InvalidInputError(
      `This file cannot be read: it is not a whole zip file (${error instanceof Error ? error.message.slice(0, 80) : 'damaged'}).`,
    );
  }
  if (failure) throw failure as InvalidInputError;
  return entries;
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

const utf8 = (bytes: Uint8Array) => new TextDecoder('utf-8', { fatal: false }).decode(bytes);

/** Of `people`, those named in `texts`: ignoring case and how white space runs. */
function peopleNamed(people: readonly string[], texts: readonly string[]): string[] {
  const fold = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').toLocaleLowerCase('en-GB');
  const haystack = texts.map(fold).join('\n');
  const seen = new Set<string>();
  return people.filter((name) => {
    const needle = fold(name).trim();
    if (!needle || seen.has(needle) || !haystack.includes(needle)) return false;
    seen.add(needle);
    return true;
  });
}

// ---- Internal sections ------------------------------------------------------------------------------------------

/** The text of one of the record's internal sections (template.sections[].internal), to be kept off anything public. */
export interface InternalText {
  /** The section's label, as the form prints it. */
  label: string;
  /** Its text: a rich-text section's paragraphs and items, a yes/no question's explanation, each person named. */
  pieces: string[];
}

/** The words of the record's internal sections, by the template it prints with; sections left empty are left out. */
export function internalTexts(
  record: Pick<DecisionRecord, 'sections'>,
  template: Pick<OfficeTemplate, 'sections'>,
): InternalText[] {
  const texts: InternalText[] = [];
  for (const section of template.sections) {
    if (!section.internal) continue;
    const value = record.sections?.find((v) => v.id === section.id && v.kind === section.kind);
    const pieces =
      value?.kind === 'rich-text'
        ? blockTexts(parseRichText(value.text))
        : value?.kind === 'yes-no'
          ? [value.explanation]
          : value?.kind === 'people'
            ? value.people
            : [];
    const kept = pieces.map((piece) => piece.trim()).filter(Boolean);
    if (kept.length) texts.push({ label: section.label, pieces: kept });
  }
  return texts;
}

/** Text compared without case, accents' composition or white space (a PDF's lines break where the page does). */
const squeeze = (text: string) => text.normalize('NFC').replace(/\s+/g, '').toLocaleLowerCase('en-GB');

/**
 * A line of the file's hidden-content list for each internal section whose text is in `texts`. A piece counts when
 * it has four letters or more (less, such as "N/A", proves nothing).
 */
export function internalLeaks(internal: readonly InternalText[], texts: readonly string[]): string[] {
  if (internal.length === 0) return [];
  const haystack = texts.map(squeeze).join('\u0000');
  return internal.flatMap(({ label, pieces }) => {
    const found = pieces.filter((piece) => {
      const needle = squeeze(piece);
      return needle.length >= 4 && haystack.includes(needle);
    });
    return found.length
      ? [
          `Text of the internal section ${label} (${plural(found.length, 'passage')}): it is for the office only and must not be published`,
        ]
      : [];
  });
}

const plural = (count: number, one: string, many = `${one}s`) =>
  `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;

// ---- record.json ------------------------------------------------------------------------------------------------

interface RecordLike {
  format?: unknown;
  id?: unknown;
  reference?: unknown;
  title?: unknown;
  status?: unknown;
  revision?: unknown;
  originator?: unknown;
  signOffs?: unknown;
}

interface SignOffLike {
  role?: unknown;
  name?: unknown;
  comments?: unknown;
  signature?: {
    signedBy?: unknown;
    device?: unknown;
    strokes?: unknown;
    image?: unknown;
    recordedBy?: unknown;
    method?: unknown;
  } | null;
}

const str = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value : null);
const signOffsOf = (record: RecordLike): SignOffLike[] =>
  Array.isArray(record.signOffs)
    ? (record.signOffs as unknown[]).filter((s): s is SignOffLike => typeof s === 'object' && s !== null)
    : [];

/** The people a record names: its originator, the sign-offs' names, who signed and who recorded paper signatures. */
export function recordPeople(record: unknown): string[] {
  if (typeof record !== 'object' || record === null) return [];
  const r = record as RecordLike;
  const names = [
    str(r.originator),
    ...signOffsOf(r).flatMap((s) => [str(s.name), str(s.signature?.signedBy), str(s.signature?.recordedBy)]),
  ];
  return [...new Set(names.filter((n): n is string => n !== null))];
}

/** What a record.json holds: its identity as metadata; signature images; which fields hold personal data. */
function describeRecord(record: RecordLike): Pick<FileContents, 'metadata' | 'images' | 'hidden'> {
  const metadata: FileContents['metadata'] = [];
  for (const [name, key] of [
    ['Format', 'format'],
    ['Record id', 'id'],
    ['Reference', 'reference'],
    ['Title', 'title'],
    ['Status', 'status'],
    ['Revision', 'revision'],
  ] as const) {
    const value = record[key];
    if (typeof value === 'string' || typeof value === 'number')
      metadata.push({ name, value: String(value).slice(0, 2_000) });
  }
  const images: FileContents['images'] = [];
  const hidden: string[] = [];
  for (const signOff of signOffsOf(record)) {
    const role = str(signOff.role) ?? '(no role)';
    if (str(signOff.comments))
      hidden.push(`Comments of ${role}: ${(signOff.comments as string).length.toLocaleString('en-GB')} characters`);
    const signature = signOff.signature;
    if (!signature || typeof signature !== 'object') continue;
    const who = str(signature.signedBy) ?? '(unnamed)';
    const strokes = Array.isArray(signature.strokes) ? (signature.strokes as { points?: unknown }[]) : [];
    if (strokes.length > 0) {
      const points = strokes.reduce(
        (sum, stroke) => sum + (Array.isArray(stroke?.points) ? stroke.points.length : 0),
        0,
      );
      hidden.push(
        `Signature strokes of ${who} (${role}): ${plural(strokes.length, 'stroke')}, ${plural(points, 'point')} of pen movement`,
      );
    }
    if (str(signature.device))
      hidden.push(`Device ${who} signed on (${role}): ${(signature.device as string).slice(0, 200)}`);
    if (str(signature.recordedBy))
      hidden.push(`Paper signature of ${who} (${role}) recorded by ${(signature.recordedBy as string).slice(0, 200)}`);
    const image = str(signature.image);
    if (image)
      images.push({
        name: `Signature image of ${who} (${role})`,
        bytes: Math.floor(((image.length - image.indexOf(',') - 1) * 3) / 4),
        description: `Signature of ${who}`,
      });
  }
  return { metadata, images, hidden };
}

function parseJson(text: string): RecordLike | null {
  try {
    const value = JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as RecordLike) : null;
  } catch {
    return null;
  }
}

// ---- Word ------------------------------------------------------------------------------------------------------

const CORE_NAMES: Record<string, string> = {
  title: 'Title',
  subject: 'Subject',
  creator: 'Author',
  keywords: 'Keywords',
  description: 'Description',
  lastModifiedBy: 'Last modified by',
  revision: 'Revision',
  created: 'Created',
  modified: 'Modified',
  language: 'Language',
  category: 'Category',
  contentStatus: 'Status',
  lastPrinted: 'Last printed',
  identifier: 'Identifier',
  version: 'Version',
};

/** Elements holding only text, `<prefix:name>text</prefix:name>`, in order: bounded, with no nesting to backtrack over. */
function textElements(xml: string, prefix: string): { name: string; value: string }[] {
  return [
    ...xml.matchAll(new RegExp(`<${prefix}([A-Za-z]{1,60})(?:\\s[^<>]{0,2000})?>([^<]{1,100000})</${prefix}\\1>`, 'g')),
  ]
    .map((m) => ({ name: m[1]!, value: xmlText(m[2]!).trim() }))
    .filter((field) => field.value);
}

/** A part's text: its runs' w:t, a paragraph to a line. */
function wordText(xml: string): string {
  let text = '';
  for (const m of xml.matchAll(/<w:t(?:\s[^<>]{0,200})?>([^<]{0,100000})<\/w:t>|<\/w:p>/g))
    text += m[1] === undefined ? '\n' : xmlText(m[1]);
  return text;
}

const count = (xml: string, pattern: RegExp) => xml.match(pattern)?.length ?? 0;

function describeDocx(
  bytes: Uint8Array,
  people: readonly string[],
  internal: readonly InternalText[],
): Omit<FileContents, 'kind' | 'fileName' | 'bytes'> | null {
  const entries = unzipBounded(bytes, (name) => /\.(xml|rels)$/i.test(name));
  const part = (name: string) => {
    const data = entries.get(name)?.data;
    return data ? utf8(data) : null;
  };
  const document = part('word/document.xml');
  if (document === null) return null;
  const metadata: FileContents['metadata'] = [];
  for (const { name, value } of [...textElements(part('docProps/core.xml') ?? '', '(?:dc|cp|dcterms):')]) {
    metadata.push({ name: CORE_NAMES[name] ?? name, value: value.slice(0, 2_000) });
  }
  const app = (part('docProps/app.xml') ?? '').replace(/<(HeadingPairs|TitlesOfParts)>[\s\S]{0,100000}?<\/\1>/g, '');
  for (const { name, value } of textElements(app, '')) metadata.push({ name, value: value.slice(0, 2_000) });
  for (const m of (part('docProps/custom.xml') ?? '').matchAll(
    /<property\b[^<>]{0,2000}?\bname="([^"]{0,500})"[^<>]{0,2000}>\s*<vt:(\w{1,20})>([^<]{0,100000})<\/vt:\2>/g,
  )) {
    metadata.push({ name: `Custom property ${xmlText(m[1]!)}`, value: xmlText(m[3]!).slice(0, 2_000) });
  }

  // Alternative text of each picture, by the media file its relationship points to.
  const descriptions = new Map<string, string>();
  for (const name of entries.keys()) {
    const match = /^word\/([^/]+\.xml)$/.exec(name);
    const xml = match && part(name);
    const rels = match && part(`word/_rels/${match[1]}.rels`);
    if (!xml || !rels) continue;
    const targets = new Map(
      [...rels.matchAll(/<Relationship\b[^<>]{0,2000}>/g)].map((r) => [
        /\bId="([^"]*)"/.exec(r[0])?.[1] ?? '',
        /\bTarget="([^"]*)"/.exec(r[0])?.[1] ?? '',
      ]),
    );
    for (const m of xml.matchAll(/<wp:docPr\b([^<>]{0,5000})>[\s\S]{0,20000}?r:embed="([^"]{1,100})"/g)) {
      const target = targets.get(m[2]!);
      const descr = /\bdescr="([^"]*)"/.exec(m[1]!)?.[1];
      if (target && descr) descriptions.set(`word/${target.replace(/^\.?\//, '')}`, xmlText(descr));
    }
  }
  const images: FileContents['images'] = [];
  const attachments: FileContents['attachments'] = [];
  for (const [name, entry] of entries) {
    if (name.startsWith('word/media/'))
      images.push({ name, bytes: entry.bytes, description: descriptions.get(name) ?? null });
    if (name.startsWith('word/embeddings/')) attachments.push({ name, bytes: entry.bytes, mimeType: null });
  }

  const hidden: string[] = [];
  const comments = part('word/comments.xml') ?? '';
  const authors = (xml: string, tag: string) =>
    [
      ...new Set(
        [...xml.matchAll(new RegExp(`<${tag}\\b[^<>]{0,2000}?\\bw:author="([^"]{0,500})"`, 'g'))].map((m) =>
          xmlText(m[1]!),
        ),
      ),
    ].filter(Boolean);
  const commentCount = count(comments, /<w:comment\b/g);
  if (commentCount > 0) {
    const by = authors(comments, 'w:comment');
    hidden.push(`${plural(commentCount, 'comment')} (word/comments.xml)${by.length ? `, by ${by.join(', ')}` : ''}`);
  }
  const stories = [...entries.keys()]
    .filter((name) => /^word\/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$/.test(name))
    .map((name) => part(name) ?? '');
  const insertions = stories.reduce((n, xml) => n + count(xml, /<w:ins\b/g), 0);
  const deletions = stories.reduce((n, xml) => n + count(xml, /<w:del\b/g), 0);
  if (insertions + deletions > 0) {
    const by = [...new Set(stories.flatMap((xml) => [...authors(xml, 'w:ins'), ...authors(xml, 'w:del')]))];
    hidden.push(
      `Tracked changes: ${plural(insertions, 'insertion')}, ${plural(deletions, 'deletion')}${by.length ? `, by ${by.join(', ')}` : ''}`,
    );
  }
  const embedded = attachments.length;
  if (embedded > 0)
    hidden.push(
      `${plural(embedded, 'embedded object')} (word/embeddings): ${attachments.map((a) => a.name.slice('word/embeddings/'.length)).join(', ')}`,
    );
  const vanished = stories.reduce((n, xml) => n + count(xml, /<w:vanish(?:\s+w:val="(?:true|1|on)")?\s*\/>/g), 0);
  if (vanished > 0) hidden.push(`Hidden text (w:vanish) in ${plural(vanished, 'place')}`);

  const texts = [
    ...stories.map(wordText),
    wordText(comments),
    ...metadata.map((m) => m.value),
    ...authors(comments, 'w:comment'),
    ...stories.flatMap((xml) => [...authors(xml, 'w:ins'), ...authors(xml, 'w:del')]),
  ];
  hidden.push(...internalLeaks(internal, texts));
  return { metadata, attachments, images, people: peopleNamed(people, texts), hidden };
}

// ---- PDF -------------------------------------------------------------------------------------------------------

async function describePdf(
  bytes: Uint8Array,
  people: readonly string[] | undefined,
  internal: readonly InternalText[],
): Promise<Omit<FileContents, 'kind' | 'fileName' | 'bytes'>> {
  const [facts, attached] = await Promise.all([pdfFacts(bytes), pdfAttachments(bytes)]);
  const hidden = [...facts.hidden];
  const images = [...facts.images];
  let asked = people;
  const recordFile = attached.find((a) => a.name === 'record.json');
  const record = recordFile ? parseJson(utf8(recordFile.bytes)) : null;
  if (record) {
    // The record inside travels with the PDF: what it holds beyond the page is listed too.
    hidden.push(...describeRecord(record).hidden.map((line) => `record.json: ${line}`));
    asked ??= recordPeople(record);
  }
  // The pages' text, as the fonts' maps give it, and everything the file carries besides.
  hidden.push(
    ...internalLeaks(internal, [
      facts.text,
      ...facts.metadata.map((m) => m.value),
      ...attached.map((a) => utf8(a.bytes)),
    ]),
  );
  return {
    metadata: facts.metadata,
    attachments: attached.map((a) => ({ name: a.name, bytes: a.bytes.byteLength, mimeType: a.mimeType })),
    images,
    // A PDF's page text is not reliably text in its bytes: its metadata and attached files are searched.
    people: peopleNamed(asked ?? [], [...facts.metadata.map((m) => m.value), ...attached.map((a) => utf8(a.bytes))]),
    hidden,
  };
}

// ---- The file --------------------------------------------------------------------------------------------------

const isZip = (bytes: Uint8Array) =>
  bytes.byteLength >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/**
 * What a file contains besides what a reader sees on its pages. `people` are the names to look for (the people the
 * record names); left out, those of the record the file carries (a record.json, or a PDF's attached one).
 * `internal`: the text of the record's internal sections, each found anywhere in the file (a page of a public copy,
 * a pack's page or data) listed as hidden content that must not be published.
 * Throws invalid-input, in plain words, for a file too damaged or too large to read.
 */
export async function describeContents(
  bytes: Uint8Array,
  fileName: string,
  people?: readonly string[],
  internal: readonly InternalText[] = [],
): Promise<FileContents> {
  const base = { fileName, bytes: bytes.byteLength };
  const empty = { metadata: [], attachments: [], images: [], people: [], hidden: [] };
  if (isPdf(bytes)) return { kind: 'pdf', ...base, ...(await describePdf(bytes, people, internal)) };
  if (isZip(bytes)) {
    const docx = describeDocx(bytes, people ?? [], internal);
    return docx ? { kind: 'docx', ...base, ...docx } : { kind: 'other', ...base, ...empty };
  }
  if (bytes.byteLength <= LIMITS.recordJsonBytes) {
    const text = utf8(bytes);
    const record = /^\uFEFF?\s*\{/.test(text.slice(0, 64)) ? parseJson(text) : null;
    if (record) {
      const described = describeRecord(record);
      return {
        kind: 'json',
        ...base,
        attachments: [],
        ...described,
        hidden: [...described.hidden, ...internalLeaks(internal, [text])],
        people: peopleNamed(people ?? recordPeople(record), [text]),
      };
    }
    // A pack's page, its register.csv: text, read as such.
    if (internal.length)
      return {
        kind: 'other',
        ...base,
        ...empty,
        hidden: internalLeaks(internal, [text, xmlText(text.replace(/<[^<>]{0,2000}>/g, ' '))]),
      };
  }
  return { kind: 'other', ...base, ...empty };
}
