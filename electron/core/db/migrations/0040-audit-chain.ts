// Schema 40: the audit chain. Each entry carries the hash of its record's entry before it and its own hash over what
// it says (auditEntryHash in domain/signing.ts), so an entry edited or removed in the database shows. Existing rows
// are chained here, in the order they were written.

import { auditEntryHash } from '../../domain/signing.ts';
import type { WritableDB } from '../connection.ts';

interface Row {
  seq: number;
  record_id: string | null;
  at: string;
  actor: string;
  device: string;
  action: string;
  revision: number | null;
  content_hash: string | null;
  detail: string;
}

export default function migrateTo40(db: WritableDB): void {
  db.exec(`
    ALTER TABLE audit ADD COLUMN prev_hash TEXT;
    ALTER TABLE audit ADD COLUMN hash TEXT;
  `);
  const update = db.prepare('UPDATE audit SET prev_hash = ?, hash = ? WHERE seq = ?');
  const last = new Map<string | null, string>();
  for (const row of db.prepare('SELECT * FROM audit ORDER BY seq').all() as Row[]) {
    const prev = last.get(row.record_id) ?? null;
    const hash = auditEntryHash(
      {
        recordId: row.record_id,
        at: row.at,
        actor: row.actor,
        device: row.device,
        action: row.action,
        revision: row.revision,
        contentHash: row.content_hash,
        detail: JSON.parse(row.detail) as Record<string, unknown>,
      },
      prev,
    );
    update.run(prev, hash, row.seq);
    last.set(row.record_id, hash);
  }
}
