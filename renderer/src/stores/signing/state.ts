// Signing mode's state and its starting value (kept apart from the store so the actions can use them).

import type { DecisionRecord } from '../../../../electron/core/domain/record.ts';
import type { RecordSummary } from '../../../../electron/core/domain/views.ts';
import type { OfficeTemplate } from '../../../../electron/core/domain/template.ts';
import type { TrustStatus } from '../../../../electron/core/domain/trust.ts';
import type { InkStroke } from '../../ink.ts';
import type { NoticeContent } from '../notice.ts';

/** What the signatory's panel is for: signing on the pad, declining, a paper signature, or returning to draft. */
export type SigningPanel = 'sign' | 'decline' | 'paper' | 'return';

/** A field of the panel that can be wrong, for its message beside it. */
export type SigningField = 'name' | 'reason' | 'signedOn' | 'scan' | 'pin' | 'typedName' | 'recorder';

/** On the pad with the pen, or (for a signatory who cannot use the pen) by typing their name. */
export type SignMethod = 'drawn' | 'typed';

export interface PaperSignatureDraft {
  /** YYYY-MM-DD, today unless changed. */
  signedOn: string;
  /** The scan of the signed page as a PNG data URL, or null for none. */
  scan: string | null;
  scanName: string | null;
}

export interface SigningState {
  /** The record in signing mode as the application last returned it; null outside signing mode. */
  record: DecisionRecord | null;
  template: OfficeTemplate | null;
  /** The record as it prints (export.preview), redone after every signature. */
  previewHtml: string | null;
  phase: 'closed' | 'loading' | 'ready' | 'working';
  activeRole: string | null;
  panel: SigningPanel;
  name: string;
  comments: string;
  strokes: InkStroke[];
  /** The reason for declining or for returning to draft. */
  reason: string;
  paper: PaperSignatureDraft;
  signMethod: SignMethod;
  /** The signer's (or, for paper, the recorder's) PIN: it opens their key on this device. Forgotten after each step. */
  pin: string;
  /** "Sign without drawing": the name as the signatory typed it, checked against the enrolled name. */
  typedName: string;
  /** The device key chosen to sign with (the active role's), or for paper the recorder's. */
  keyId: string | null;
  recorderKeyId: string | null;
  /** This device's keys and seal (trust.status), read when signing mode opens; null until then or if unreadable. */
  trust: TrustStatus | null;
  trustProblem: string | null;
  fieldErrors: Partial<Record<SigningField, string>>;
  notice: NoticeContent | null;
  /** Signing mode with no record open lists the records awaiting signatures; null until they have been asked for. */
  awaiting: RecordSummary[] | null;
  awaitingProblem: string | null;
}

export const initialSigningState: SigningState = {
  record: null,
  template: null,
  previewHtml: null,
  phase: 'closed',
  activeRole: null,
  panel: 'sign',
  name: '',
  comments: '',
  strokes: [],
  reason: '',
  paper: { signedOn: '', scan: null, scanName: null },
  signMethod: 'drawn',
  pin: '',
  typedName: '',
  keyId: null,
  recorderKeyId: null,
  trust: null,
  trustProblem: null,
  fieldErrors: {},
  notice: null,
  awaiting: null,
  awaitingProblem: null,
};
