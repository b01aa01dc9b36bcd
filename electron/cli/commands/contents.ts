// `contents`: what a file contains besides what a reader sees (metadata, attachments, images, people, hidden parts).

import path from 'node:path';
import { DeskError, type FileContents } from '../../core/domain/index.ts';
import { describeContents } from '../../core/export/contents.ts';
import { type Command, EXIT, printJson, stringsOption } from '../command.ts';
import { readBinaryFile } from '../../core/files.ts';

const bytesText = (bytes: number) => `${bytes.toLocaleString('en-GB')} bytes`;

/** The contents as a person reads them: a line for each kind of thing, "none" where there is nothing. */
export function contentsText(contents: FileContents): string[] {
  const kind = {
    pdf: 'PDF',
    docx: 'Word document',
    json: 'record.json',
    other: 'not a PDF, Word document or record.json',
  }[contents.kind];
  const lines = [`${contents.fileName}: ${kind}, ${bytesText(contents.bytes)}`];
  lines.push(
    contents.metadata.length === 0 ? 'Metadata: none' : 'Metadata:',
    ...contents.metadata.map((m) => `  ${m.name}: ${m.value.replace(/\s*\n\s*/g, ' ')}`),
  );
  lines.push(
    contents.attachments.length === 0 ? 'Attached files: none' : 'Attached files:',
    ...contents.attachments.map((a) => `  ${a.name} (${bytesText(a.bytes)}${a.mimeType ? `, ${a.mimeType}` : ''})`),
  );
  lines.push(
    `Images: ${contents.images.length}`,
    ...contents.images.map((i) => `  ${i.name} (${bytesText(i.bytes)})${i.description ? `: ${i.description}` : ''}`),
  );
  lines.push(`People named: ${contents.people.length > 0 ? contents.people.join(', ') : 'none of those looked for'}`);
  lines.push(
    contents.hidden.length === 0 ? 'Not shown on the page: nothing' : 'Not shown on the page:',
    ...contents.hidden.map((h) => `  ${h}`),
  );
  return lines;
}

export const contentsCommand: Command = {
  name: 'contents',
  summary: 'Show what a file contains besides what a reader sees, before it is published',
  usage: 'FILE [--person NAME]...',
  description:
    'Reads FILE (a PDF, a Word document or a record.json) and lists its metadata, attached files, images, the ' +
    'people it names and what a reader does not see on the page (comments, tracked changes, hidden text, embedded ' +
    'objects, signature strokes). The people looked for are those given with --person, else those of the record ' +
    'the file carries. Needs no data folder and changes nothing.',
  options: { person: { type: 'string', multiple: true } },
  optionHelp: [['--person NAME', 'a name to look for in the file (repeat for more)']],
  positionals: { min: 1, max: 1, names: 'FILE' },
  writes: false,
  async run(context) {
    const file = path.resolve(context.positionals[0]!);
    const bytes = readBinaryFile(file);
    let contents: FileContents;
    try {
      contents = await describeContents(
        new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
        path.basename(file),
        stringsOption(context.values, 'person'),
      );
    } catch (error) {
      if (error instanceof DeskError) throw new DeskError(error.code, `${context.positionals[0]}: ${error.message}`);
      throw error;
    }
    if (context.json) printJson(context, contents);
    else for (const line of contentsText(contents)) context.print(line);
    return EXIT.ok;
  },
};
