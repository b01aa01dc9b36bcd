// Schema 60: what this device last wrote of the publication pack on the share (publication/): each file's key (what
// its bytes depend on) and size, so a pack made again rewrites only what changed and never reads the share back.

import type { WritableDB } from '../connection.ts';

export default function migrateTo60(db: WritableDB): void {
  db.exec(`
    CREATE TABLE publication_files (
      path TEXT PRIMARY KEY,
      key TEXT NOT NULL,
      bytes INTEGER NOT NULL
    ) STRICT;
  `);
}
