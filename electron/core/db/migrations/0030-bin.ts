// Schema 30: the bin. A draft that never had a reference can be deleted to the bin (binned_at set) and restored.

import type { WritableDB } from '../connection.ts';

export default function migrateTo30(db: WritableDB): void {
  db.exec(`
    -- When the draft was moved to the bin; NULL for every record in the register.
    ALTER TABLE records ADD COLUMN binned_at TEXT;
    -- The bin is small: only its rows are in this index, so listing it never walks the register.
    CREATE INDEX records_in_bin ON records (binned_at DESC, seq DESC) WHERE binned_at IS NOT NULL;
    -- The register's counts (every list and filtered search leaves the bin out) stay answered from an index alone.
    DROP INDEX records_by_status;
    DROP INDEX records_by_year;
    DROP INDEX records_by_classification;
    CREATE INDEX records_by_status ON records (status, updated_at DESC, seq DESC, binned_at);
    CREATE INDEX records_by_year ON records (year, updated_at DESC, seq DESC, binned_at);
    CREATE INDEX records_by_classification ON records (classification, updated_at DESC, seq DESC, binned_at);
  `);
}
