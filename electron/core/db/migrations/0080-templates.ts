// Schema 80: the versions of the office template this device holds, by the hash of their definition (templateHash),
// so a record prints with the version it was made with years after the office changed its form. The template this
// device had when it first ran this version is the "legacy" version of its id: records made before versions (they
// name no templateHash) print with it.

import type { WritableDB } from '../connection.ts';
import {
  OfficeTemplateSchema,
  type OfficeTemplate,
  templateDefinition,
  templateHash,
  upgradeTemplate,
} from '../../domain/index.ts';
// The built-in template as the releases before versions shipped it: a later change to resources/templates/kent.json
// must not change what the records of a device upgraded from then print with.
import kentBeforeVersions from './0080-kent-before-versions.json' with { type: 'json' };

/** The template in force before this step: the stored one as the settings read it, else the built-in Kent. */
function templateBefore(db: WritableDB): OfficeTemplate {
  const row = db.prepare("SELECT value FROM settings WHERE key = 'template'").get() as { value: string } | undefined;
  if (row) {
    try {
      const parsed = OfficeTemplateSchema.safeParse(upgradeTemplate(JSON.parse(row.value)));
      // A stored template that no longer validates was not in force: the settings fell back to the built-in one.
      if (parsed.success) return parsed.data;
    } catch {
      // Not JSON: as above.
    }
  }
  return OfficeTemplateSchema.parse(upgradeTemplate(kentBeforeVersions));
}

export default function migrateTo80(db: WritableDB): void {
  db.exec(`
    CREATE TABLE templates (
      hash TEXT PRIMARY KEY,
      id TEXT NOT NULL,
      version INTEGER NOT NULL,
      definition TEXT NOT NULL,
      stored_at TEXT NOT NULL,
      legacy INTEGER NOT NULL DEFAULT 0 CHECK (legacy IN (0, 1))
    ) STRICT;
    CREATE INDEX templates_by_id ON templates (id, version);
    -- One legacy version per template id at most.
    CREATE UNIQUE INDEX templates_legacy ON templates (id) WHERE legacy = 1;
  `);
  const template = templateBefore(db);
  db.prepare('INSERT INTO templates (hash, id, version, definition, stored_at, legacy) VALUES (?, ?, ?, ?, ?, 1)').run(
    templateHash(template),
    template.id,
    template.version,
    JSON.stringify(templateDefinition(template)),
    new Date().toISOString(),
  );
}
