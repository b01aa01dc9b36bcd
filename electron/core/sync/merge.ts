// How a version of a record from another device meets the one here: signatures merge by role, content never silently.
//
// Content is locked from submission, so two devices holding a record out for signature can only differ in its
// sign-offs, and those merge by role. Everything else follows from revisions:
// - same content, neither a draft: merge the sign-offs by role (a signature over another hash is kept, and
//   simply does not hold for this content);
// - a record out for signature or decided here, and a later revision from elsewhere with other content (or,
//   decided, a draft): a conflict, set aside and never merged: what was signed is not replaced. Out for signature,
//   a later version of content a person here was already shown in an open conflict settles it (chosen elsewhere);
// - a later revision from elsewhere that returned it to draft: adopt it (its signatures were voided on purpose);
// - an earlier revision with other content: already superseded, ignored;
// - the same revision with two different versions, or a draft here while another device moved on: a conflict
//   for a person to resolve, both versions kept.

import { canonicalJson, type DecisionRecord, type Signature, type SignOff } from '../domain/index.ts';

export type MergeOutcome =
  /** Not in this database yet. */
  | { kind: 'import'; record: DecisionRecord }
  /** Nothing new for this device. */
  | { kind: 'unchanged' }
  /** The record as it should now be here. `handover`: other devices lack this version, so it goes back out. */
  | { kind: 'update'; record: DecisionRecord; roles: string[]; handover: boolean }
  | { kind: 'ignore'; reason: string }
  | { kind: 'conflict'; reason: string };

/** A signature holds only while the record still has the content hash it signed. */
export function signatureHolds(record: Pick<DecisionRecord, 'contentHash'>, signature: Signature | null): boolean {
  return signature !== null && signature.contentHash === record.contentHash;
}

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

/** Of two different signatures for one role: the one that holds, then the earlier, then a fixed order. */
function preferred(contentHash: string, a: SignOff, b: SignOff): SignOff {
  const holdsA = a.signature?.contentHash === contentHash;
  const holdsB = b.signature?.contentHash === contentHash;
  if (holdsA !== holdsB) return holdsA ? a : b;
  const at = Date.parse(a.signature!.signedAt) - Date.parse(b.signature!.signedAt);
  if (at !== 0) return at < 0 ? a : b;
  return canonicalJson(a) <= canonicalJson(b) ? a : b;
}

/** The sign-offs of `base`, each role taking the other side's sign-off where only that side has signed. */
export function mergeSignOffs(
  base: DecisionRecord,
  other: readonly SignOff[],
): { signOffs: SignOff[]; roles: string[] } {
  const roles: string[] = [];
  const signOffs = base.signOffs.map((mine) => {
    const theirs = other.find((s) => s.role === mine.role);
    if (!theirs?.signature || same(mine, theirs)) return mine;
    const chosen = mine.signature ? preferred(base.contentHash, mine, theirs) : theirs;
    if (chosen !== mine) roles.push(mine.role);
    return chosen;
  });
  return { signOffs, roles };
}

const isOut = (record: DecisionRecord) => record.status === 'awaiting-signatures' || record.status === 'decided';

/** Whether two versions say the same thing (revision and time aside). */
export function sameState(a: DecisionRecord, b: DecisionRecord): boolean {
  return (
    a.contentHash === b.contentHash &&
    a.status === b.status &&
    a.reference === b.reference &&
    same(a.signOffs, b.signOffs)
  );
}

/** Merges `remote` (read from the share) into `local` (this database's version, if any). Pure. */
export function mergeRemote(
  local: DecisionRecord | undefined,
  remote: DecisionRecord,
  /** Contents already shown here in an open conflict over this record: a later version of one settles it. */
  inConflict: ReadonlySet<string> = new Set(),
): MergeOutcome {
  if (!local) return { kind: 'import', record: remote };
  if (local.status === 'published') return { kind: 'ignore', reason: 'published here: a published record is final' };
  if (remote.status === 'published') return { kind: 'ignore', reason: 'a published record comes from its bundle' };
  if (sameState(local, remote)) return { kind: 'unchanged' };
  const sameContent = local.contentHash === remote.contentHash;

  if (sameContent && isOut(local) && isOut(remote)) {
    const { signOffs, roles } = mergeSignOffs(local, remote.signOffs);
    const status = local.status === 'decided' || remote.status === 'decided' ? 'decided' : 'awaiting-signatures';
    const merged: DecisionRecord = { ...local, signOffs, status };
    if (sameState(merged, local)) return { kind: 'unchanged' };
    if (sameState(merged, remote)) {
      return {
        kind: 'update',
        record: { ...remote, revision: Math.max(local.revision + 1, remote.revision) },
        roles,
        handover: false,
      };
    }
    return {
      kind: 'update',
      record: { ...merged, revision: Math.max(local.revision, remote.revision) + 1 },
      roles,
      handover: true,
    };
  }

  if (local.status === 'draft') {
    if (remote.revision < local.revision) return { kind: 'ignore', reason: 'an older version' };
    return { kind: 'conflict', reason: 'it was changed on another device while it is a draft here' };
  }
  // A record locked here takes signatures from elsewhere, never other content: set aside for a person. Returned to
  // draft elsewhere it is adopted while out for signature (its signatures were voided on purpose); a decision is final.
  const settles = local.status === 'awaiting-signatures' && inConflict.has(remote.contentHash);
  const locked = remote.status === 'draft' ? local.status === 'decided' : !sameContent && !settles;
  if (isOut(local) && remote.revision > local.revision && locked) {
    const what =
      remote.status === 'draft'
        ? 'another device returned it to draft'
        : 'the version from another device has different content';
    return { kind: 'conflict', reason: `it is ${local.status.replace('-', ' ')} here and ${what}` };
  }
  if (remote.revision > local.revision) {
    if (remote.status === 'draft') return { kind: 'update', record: remote, roles: [], handover: false };
    const { signOffs } = mergeSignOffs(remote, local.signOffs);
    const kept: DecisionRecord = { ...remote, signOffs };
    const changed = !sameState(kept, remote);
    const roles = remote.signOffs
      .filter((s) => s.signature && !same(s, local.signOffs.find((mine) => mine.role === s.role) ?? null))
      .map((s) => s.role);
    return {
      kind: 'update',
      record: changed ? { ...kept, revision: remote.revision + 1 } : remote,
      roles,
      handover: changed,
    };
  }
  if (remote.revision < local.revision) return { kind: 'ignore', reason: 'an older version' };
  return { kind: 'conflict', reason: 'this device and another have different versions at the same revision' };
}
