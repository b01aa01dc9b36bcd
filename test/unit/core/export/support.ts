// Reading exports back for the export tests: .docx parts and their text, PDF text and pages.

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { strFromU8, unzipSync } from 'fflate';

export const run = promisify(execFile);

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `decision-desk-${prefix}-`));
}

/** Every part of a .docx by its path, XML parts as text. */
export function unzipDocx(bytes: Uint8Array): Map<string, Uint8Array> {
  return new Map(Object.entries(unzipSync(bytes)));
}

export function xmlPart(parts: Map<string, Uint8Array>, name: string): string {
  const part = parts.get(name);
  if (!part) throw new Error(`the .docx has no ${name}; it has ${[...parts.keys()].join(', ')}`);
  return strFromU8(part);
}

/** True, or the parser's complaint: an XML part Word cannot read is a file Word refuses to open. */
export function xmlProblem(xml: string): string | null {
  const result = XMLValidator.validate(xml);
  return result === true ? null : `${result.err.code} at ${result.err.line}:${result.err.col}: ${result.err.msg}`;
}

type Node = Record<string, unknown>;
const ordered = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  trimValues: false,
  parseTagValue: false,
  processEntities: true,
});

/**
 * The paragraphs of a WordprocessingML part in document order: the text of their w:t runs (breaks as "\n"), and
 * whether they are list items (w:numPr).
 */
export function docxParagraphs(xml: string): { text: string; listItem: boolean }[] {
  const paragraphs: { text: string; listItem: boolean }[] = [];
  const walk = (nodes: Node[], current: { text: string; listItem: boolean } | null) => {
    for (const node of nodes) {
      for (const [tag, value] of Object.entries(node)) {
        if (tag === ':@' || !Array.isArray(value)) {
          if (tag === '#text' && current) current.text += String(value);
          continue;
        }
        if (tag === 'w:p') {
          const paragraph = { text: '', listItem: false };
          walk(value as Node[], paragraph);
          paragraphs.push(paragraph);
        } else if (tag === 'w:numPr' && current) {
          current.listItem = true;
        } else if (tag === 'w:br' && current) {
          current.text += '\n';
        } else if (tag === 'w:t' && current) {
          walk(value as Node[], current);
        } else if (tag !== 'w:instrText') {
          walk(value as Node[], current);
        }
      }
    }
  };
  walk(ordered.parse(xml) as Node[], null);
  return paragraphs;
}

/** The custom document properties (docProps/custom.xml) by name. */
export function customProperties(xml: string): Record<string, string> {
  const parsed = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    parseTagValue: false,
    isArray: (name) => name === 'property',
  }).parse(xml) as {
    Properties: { property: { '@name': string; 'vt:lpwstr': string }[] };
  };
  return Object.fromEntries(parsed.Properties.property.map((p) => [p['@name'], p['vt:lpwstr']]));
}

function requireTool(tool: string, pkg: string): string {
  const file = `/usr/bin/${tool}`;
  if (!fs.existsSync(file))
    throw new Error(`${tool} is not installed: the PDF checks need it (apt-get install ${pkg}).`);
  return file;
}

/** The PDF's text in reading order (pdftotext from poppler-utils). */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const tool = requireTool('pdftotext', 'poppler-utils');
  const dir = tempDir('pdftext');
  try {
    const file = path.join(dir, 'record.pdf');
    fs.writeFileSync(file, bytes);
    const { stdout } = await run(tool, ['-enc', 'UTF-8', file, '-'], { maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
