// The publication pack on the share: <share>/publication/, made again after a pass whenever what it shows changed (a
// record published, withdrawn, a deferral reaching its day, the template), from this device's database alone.
//
// The share is untrusted and the pack is output only: nothing under publication/ is ever read. What this device wrote
// last is kept locally (publication_files: each file's key and size), so a pack made again rewrites only the files
// whose key changed, or that are missing or not the size written (someone's edit, a sync client's copy); whatever
// else is there is removed. Pages go before the register that links them, pack.json last.

import type { PackEntry } from '../export/pack.ts';
import type { SyncContext } from './context.ts';
import { forgetPublicationFile, getState, publicationFiles, rememberPublicationFile, setState } from '../db/sync.ts';

export const PUBLICATION = 'publication';
const STATE_KEY = 'publication-pack-key';

/** The pack as it stands at a moment: a key for everything it depends on, and its files, made only when asked. */
export type PublicationSource = (now: Date) => { key: string; plan: () => PackEntry[] };

export interface PublicationOutcome {
  written: number;
  kept: number;
  removed: number;
  /** Files left for the next pass: this one made as many PDFs as one pass may. */
  remaining: number;
}

/**
 * The most public PDFs one pass makes (about a quarter of a second each). A device that first writes the pack of a
 * register with a thousand published decisions makes it over many short passes, each leaving the rest for the next,
 * rather than holding up hand-overs and signatures for minutes. The register's pages come last, so the share keeps
 * the previous register, whose files are all still there, until every page it will link to is written.
 */
export const PDFS_PER_PASS = 20;

/** Makes the pack again when its key changed since this device last wrote it (or `force`); null when it had not. */
export async function refreshPublication(
  ctx: SyncContext,
  source: PublicationSource,
  force = false,
  pdfsPerPass = PDFS_PER_PASS,
): Promise<PublicationOutcome | null> {
  const { key, plan } = source(ctx.now());
  if (!force && getState(ctx.db, STATE_KEY) === key) return null;
  const entries = plan();
  const outcome: PublicationOutcome = { written: 0, kept: 0, removed: 0, remaining: 0 };
  let pdfs = 0;
  const before = publicationFiles(ctx.db);
  const folders = new Set(entries.map((entry) => entry.path.split('/').slice(0, -1).join('/')));
  await ctx.driver.ensureFolder(PUBLICATION);
  for (const folder of [...folders].filter(Boolean).sort()) await ctx.driver.ensureFolder(`${PUBLICATION}/${folder}`);
  for (const [index, entry] of entries.entries()) {
    const file = `${PUBLICATION}/${entry.path}`;
    const written = before.get(entry.path);
    const there = written?.key === entry.key ? await ctx.driver.stat(file) : null;
    if (written && there?.kind === 'file' && there.size === written.bytes) {
      outcome.kept++;
      continue;
    }
    if (entry.path.endsWith('.pdf') && pdfs++ >= pdfsPerPass) {
      // The rest next pass: the key is not noted, so the pack is still out of date, and nothing is removed yet.
      outcome.remaining = entries.length - index;
      return outcome;
    }
    const bytes = await entry.bytes();
    await ctx.driver.replace(file, bytes);
    rememberPublicationFile(ctx.db, { path: entry.path, key: entry.key, bytes: bytes.length });
    outcome.written++;
  }
  outcome.removed = await removeOthers(ctx, new Set(entries.map((e) => e.path)), folders);
  ctx.db.transaction(() => {
    const wanted = new Set(entries.map((e) => e.path));
    for (const path of before.keys()) if (!wanted.has(path)) forgetPublicationFile(ctx.db, path);
    setState(ctx.db, STATE_KEY, key);
  })();
  return outcome;
}

/** Removes from publication/ every file and folder the pack no longer has (conflict copies too: they are ours). */
async function removeOthers(ctx: SyncContext, wanted: Set<string>, folders: Set<string>): Promise<number> {
  let removed = 0;
  const walk = async (folder: string): Promise<void> => {
    const listing = await ctx.driver.list(folder ? `${PUBLICATION}/${folder}` : PUBLICATION);
    if (!listing) return;
    const names = [...listing.entries, ...listing.conflictCopies.map((name) => ({ name, kind: 'file' as const }))];
    for (const { name, kind } of names) {
      const relative = folder ? `${folder}/${name}` : name;
      if (kind === 'folder' && folders.has(relative)) await walk(relative);
      else if (!(kind === 'file' && wanted.has(relative))) {
        await ctx.driver.remove(`${PUBLICATION}/${relative}`);
        removed++;
      }
    }
  };
  await walk('');
  return removed;
}
