// What a file contains, as the check before publication shows it: read back from the file's own bytes.

export interface FileContents {
  kind: 'pdf' | 'docx' | 'json' | 'other';
  fileName: string;
  bytes: number;
  metadata: { name: string; value: string }[];
  attachments: { name: string; bytes: number; mimeType: string | null }[];
  images: { name: string; bytes: number; description: string | null }[];
  /** Of the people the record names, those the file names. */
  people: string[];
  /** What a reader would not see on the page: comments, tracked changes, hidden text, embedded objects. */
  hidden: string[];
}
