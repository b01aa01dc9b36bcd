// What the API returns besides whole records: register lines, search hits, revisions, audit entries, pages.

import type { Classification, DecisionRecord, RecordStatus } from './record.ts';

/** One line of the register: what lists and search results show, without the record's text. */
export interface RecordSummary {
  id: string;
  reference: string | null;
  title: string;
  originator: string;
  status: RecordStatus;
  classification: Classification;
  year: number;
  revision: number;
  createdAt: string;
  updatedAt: string;
  /** Set only for a draft in the bin: when it was deleted there. */
  binnedAt?: string;
  /**
   * Who takes the decision, with their capacity ("Deputy Mayor for Policing and Crime, under delegation"), by the
   * labels of the record's own template version: set only where that template has several decision makers.
   */
  decisionMaker?: string;
  /** The label of the record's category in its own template version; set only when it has one. */
  category?: string;
}

export interface SearchHit extends RecordSummary {
  /** The words searched for, so a view can highlight them. */
  terms: string[];
}

export interface Page<T> {
  items: T[];
  total: number;
}

/**
 * How far a search counts its matches, and how many it shows: past it, the register says "1,000+" (as search boxes
 * do), and the person narrows the search or a filter to reach the rest. Counting every match of a common word in a
 * large register costs more than a keystroke may.
 */
export const SEARCH_COUNT_CAP = 1_000;

/** A page of search hits. `total` counts at most SEARCH_COUNT_CAP matches; `capped` says there are more than that. */
export interface SearchPage extends Page<SearchHit> {
  capped: boolean;
}

export type RevisionKind = 'created' | 'saved' | 'autosaved' | 'restored' | 'imported' | 'workflow';

export interface RevisionSummary {
  revision: number;
  kind: RevisionKind;
  savedAt: string;
  /** For a coalesced autosave, when the run of edits it stands for began. */
  firstSavedAt: string;
  title: string;
  status: DecisionRecord['status'];
  contentHash: string;
}

export interface AuditEntry {
  recordId: string | null;
  at: string;
  actor: string;
  device: string;
  action: string;
  revision: number | null;
  contentHash: string | null;
  /** Small structured facts (a reason, a role, a file name); never record text. */
  detail: Record<string, unknown>;
  /** The hash of the record's entry before this one (null for its first), and this entry's: see auditEntryHash. */
  prevHash?: string | null;
  hash?: string | null;
}

export type ImportOutcome =
  | {
      action: 'created' | 'updated';
      id: string;
      reference: string | null;
      revision: number;
      /** For a content-only file (a new draft): each field the file left out or gave as null, which was filled in. */
      filled?: string[];
    }
  | { action: 'skipped'; id: string; reference: string | null; revision: number; reason: string };
