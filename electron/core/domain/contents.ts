// "What this file contains": what a published file carries besides what a reader sees, shown before it is published.

export type FileContentsKind = 'pdf' | 'docx' | 'json' | 'other';

export interface FileContents {
  kind: FileContentsKind;
  fileName: string;
  /** The file's size in bytes. */
  bytes: number;
  /** Document properties: the PDF's Info and XMP, a Word file's core, app and custom properties, a record's identity. */
  metadata: { name: string; value: string }[];
  /** Files inside the file: a PDF's embedded files, a Word file's embedded objects. */
  attachments: { name: string; bytes: number; mimeType: string | null }[];
  /** Pictures: a PDF's image objects, a Word file's media (with its alternative text), a record's signature images. */
  images: { name: string; bytes: number; description: string | null }[];
  /** Of the names asked about, those the file names somewhere. */
  people: string[];
  /** What a reader may not see on the page: comments, tracked changes, hidden text, embedded objects, ink strokes… */
  hidden: string[];
}
