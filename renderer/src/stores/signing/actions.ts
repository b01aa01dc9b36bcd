// What can happen in signing mode, named as events: open, choose a signatory, sign, decline, paper, return to draft.

import type { StateCreator } from 'zustand';
import type { MethodInput } from '../../../../electron/contract.ts';
import { DeskError } from '../../../../electron/core/domain/errors.ts';
import type { DecisionRecord } from '../../../../electron/core/domain/record.ts';
import { canSign, signatoryName } from '../../../../electron/core/domain/signing.ts';
import { api } from '../../api.ts';
import { hasInk, type InkStroke } from '../../components/ink.ts';
import { useEditorStore } from '../editor/store.ts';
import { useRecordsStore } from '../records/store.ts';
import { nextSignatory, prefilledName } from './selectors.ts';
import { initialSigningState, type SigningField, type SigningPanel } from './state.ts';
import type { SigningStore } from './store.ts';

export interface SigningActions {
  /** Signing mode was opened for a record (by id or reference). */
  signingOpened(id: string): Promise<void>;
  signingClosed(): void;
  signatoryChosen(role: string): void;
  panelChosen(panel: SigningPanel): void;
  nameEdited(name: string): void;
  commentsEdited(comments: string): void;
  strokesChanged(strokes: InkStroke[]): void;
  reasonEdited(reason: string): void;
  paperDateEdited(signedOn: string): void;
  paperScanChosen(scan: string | null, scanName: string | null): void;
  /** Sign was chosen, with the pad's ink as a trimmed PNG data URL. Resolves true when the signature was saved. */
  signRequested(image: string): Promise<boolean>;
  declineRequested(): Promise<boolean>;
  paperSignatureRequested(): Promise<boolean>;
  returnToDraftRequested(): Promise<boolean>;
  /** A step could not start on this side (e.g. the signature image could not be made): say why. */
  problemShown(message: string): void;
  /** The chosen scan could not be read or converted: say why beside the field. */
  scanRefused(message: string): void;
  /** Signing mode opened with no record: list the records awaiting signatures to choose from. */
  awaitingListRequested(): Promise<void>;
}

/** Today in the computer's time zone, YYYY-MM-DD, as a date input gives it. */
export function localDate(at: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

const MESSAGES = {
  name: 'Enter the name of the person signing.',
  declineReason: 'Give the reason for declining: the assistant will see it.',
  returnReason: 'Give the reason for returning the record to draft.',
  signedOn: 'Enter the date the printed form was signed.',
  future: 'The date the form was signed cannot be in the future.',
  noInk: 'Sign in the box first.',
} as const;

export const createSigningActions: StateCreator<SigningStore, [], [], SigningActions> = (set, get) => {
  // Opening another record (or leaving) makes answers still on their way for an earlier one irrelevant.
  let session = 0;

  /** The panel for a signatory, fresh: their name prefilled, the comments already on the record, no ink. */
  function panelFor(record: DecisionRecord, role: string | null) {
    const template = get().template;
    const signOff = record.signOffs.find((s) => s.role === role);
    return {
      activeRole: role,
      panel: 'sign' as const,
      name: template && role ? prefilledName(record, template, role) : '',
      comments: signOff?.comments ?? '',
      strokes: [],
      reason: '',
      paper: { signedOn: localDate(), scan: null, scanName: null },
      fieldErrors: {},
    };
  }

  async function refreshPreview(record: DecisionRecord, mine: number) {
    try {
      const { html } = await api.call('export.preview', { id: record.id });
      if (mine === session) set({ previewHtml: html });
    } catch (error) {
      if (mine === session) set({ notice: { kind: 'error', message: `The preview could not be updated. ${api.messageOf(error)}` } });
    }
  }

  /** After a step: show the record as it now is, tell the register, and move to whoever signs next. */
  function stepDone(record: DecisionRecord, message: string, mine: number) {
    if (mine !== session) return;
    useRecordsStore.getState().recordChanged(record);
    useEditorStore.getState().recordReplaced(record);
    const template = get().template!;
    const next = record.status === 'awaiting-signatures' ? nextSignatory(record, template) : get().activeRole;
    set({ record, phase: 'ready', ...panelFor(record, next), notice: { kind: 'saved', message } });
    void refreshPreview(record, mine);
  }

  /** A refused step: say why; when the record moved on under us (someone else signed), show it as it is now. */
  async function stepFailed(error: unknown, what: string, mine: number) {
    if (mine !== session) return;
    const message = `${what} ${api.messageOf(error)}`;
    set({ phase: 'ready', notice: { kind: 'error', message } });
    const stale = error instanceof DeskError && (error.code === 'not-allowed' || error.code === 'conflict');
    const record = get().record;
    if (!stale || !record) return;
    try {
      const fresh = await api.call('records.get', { id: record.id });
      if (mine === session) {
        set({ record: fresh });
        void refreshPreview(fresh, mine);
      }
    } catch {
      // The refusal is already shown; the record as last seen stays on screen.
    }
  }

  /** Runs one workflow call for the open record, with the phase and notices around it. */
  async function step<M extends 'records.sign' | 'records.decline' | 'records.paperSignature' | 'records.returnToDraft'>(
    method: M,
    input: MethodInput<M>,
    done: (record: DecisionRecord) => string,
    failed: string,
  ): Promise<boolean> {
    const mine = session;
    set({ phase: 'working', notice: null, fieldErrors: {} });
    try {
      const record = (await api.call(method, input)) as DecisionRecord;
      stepDone(record, done(record), mine);
      return true;
    } catch (error) {
      await stepFailed(error, failed, mine);
      return false;
    }
  }

  /** Field checks before a step; returns false (with the messages shown) when something is missing. */
  function require(errors: Partial<Record<SigningField, string>>): boolean {
    const found = Object.fromEntries(Object.entries(errors).filter(([, message]) => message));
    if (Object.keys(found).length === 0) return true;
    set({ fieldErrors: found, notice: { kind: 'error', message: Object.values(found).join(' ') } });
    return false;
  }

  /** The record, the template and the active role, when a step can be taken at all. */
  function ready() {
    const { record, template, activeRole, phase } = get();
    return record && template && activeRole && phase === 'ready' ? { record, template, role: activeRole } : null;
  }

  /** Whether the active signatory may sign now; if not, the domain's reason is shown. */
  function allowed(record: DecisionRecord, role: string): boolean {
    const check = canSign(record, get().template!, role);
    if (!check.ok) set({ notice: { kind: 'error', message: check.reason } });
    return check.ok;
  }

  function edited(field: SigningField | null, patch: Partial<SigningStore>) {
    const fieldErrors = { ...get().fieldErrors };
    if (field) delete fieldErrors[field];
    set({ ...patch, fieldErrors });
  }

  return {
    async signingOpened(id) {
      const mine = ++session;
      set({ ...initialSigningState, phase: 'loading' });
      try {
        const [record, settings, preview] = await Promise.all([
          api.call('records.get', { id }),
          api.call('settings.get', {}),
          api.call('export.preview', { id }),
        ]);
        if (mine !== session) return;
        set({ template: settings.template, previewHtml: preview.html });
        set({ record, phase: 'ready', ...panelFor(record, nextSignatory(record, settings.template)) });
      } catch (error) {
        if (mine === session) set({ phase: 'ready', notice: { kind: 'error', message: `Signing mode could not open the record. ${api.messageOf(error)}` } });
      }
    },

    signingClosed() {
      session++;
      set(initialSigningState);
    },

    signatoryChosen(role) {
      const { record, phase } = get();
      if (!record || phase === 'working') return;
      set({ ...panelFor(record, role), notice: null });
    },

    panelChosen(panel) {
      set({ panel, reason: '', fieldErrors: {}, notice: null });
    },

    nameEdited: (name) => edited('name', { name }),
    commentsEdited: (comments) => edited(null, { comments }),
    strokesChanged: (strokes) => edited(null, { strokes, notice: get().notice?.kind === 'error' ? null : get().notice }),
    reasonEdited: (reason) => edited('reason', { reason }),
    paperDateEdited: (signedOn) => edited('signedOn', { paper: { ...get().paper, signedOn } }),
    paperScanChosen: (scan, scanName) => edited('scan', { paper: { ...get().paper, scan, scanName } }),
    problemShown: (message) => set({ notice: { kind: 'error', message } }),
    scanRefused: (message) =>
      set({ paper: { ...get().paper, scan: null, scanName: null }, fieldErrors: { ...get().fieldErrors, scan: message } }),

    async awaitingListRequested() {
      set({ awaiting: null, awaitingProblem: null });
      try {
        const page = await api.call('records.list', { status: ['awaiting-signatures'], sort: 'reference', direction: 'asc' });
        set({ awaiting: page.items });
      } catch (error) {
        set({ awaitingProblem: api.messageOf(error) });
      }
    },

    async signRequested(image) {
      const open = ready();
      if (!open) return false;
      const { name, comments, strokes } = get();
      if (!require({ name: name.trim() ? undefined : MESSAGES.name })) return false;
      if (!hasInk(strokes)) {
        set({ notice: { kind: 'error', message: MESSAGES.noInk } });
        return false;
      }
      if (!allowed(open.record, open.role)) return false;
      return step(
        'records.sign',
        { id: open.record.id, role: open.role, name: name.trim(), comments, image, strokes },
        (record) =>
          record.status === 'decided'
            ? `Signed by ${name.trim()}. Every signature is in: the record is decided.`
            : `Signed by ${name.trim()} as ${signatoryName(open.template, open.role)}.`,
        'The signature was not saved.',
      );
    },

    async declineRequested() {
      const open = ready();
      if (!open) return false;
      const { name, reason } = get();
      if (!require({ name: name.trim() ? undefined : MESSAGES.name, reason: reason.trim() ? undefined : MESSAGES.declineReason })) {
        return false;
      }
      return step(
        'records.decline',
        { id: open.record.id, role: open.role, name: name.trim(), reason: reason.trim() },
        () => `Declined by ${name.trim()}. The record is a draft again, and the assistant will see the reason.`,
        'The decline was not saved.',
      );
    },

    async paperSignatureRequested() {
      const open = ready();
      if (!open) return false;
      const { name, comments, paper } = get();
      const dateProblem = !/^\d{4}-\d{2}-\d{2}$/.test(paper.signedOn)
        ? MESSAGES.signedOn
        : paper.signedOn > localDate()
          ? MESSAGES.future
          : undefined;
      if (!require({ name: name.trim() ? undefined : MESSAGES.name, signedOn: dateProblem })) return false;
      if (!allowed(open.record, open.role)) return false;
      return step(
        'records.paperSignature',
        { id: open.record.id, role: open.role, name: name.trim(), comments, signedOn: paper.signedOn, scan: paper.scan },
        (record) =>
          record.status === 'decided'
            ? `Paper signature of ${name.trim()} recorded. Every signature is in: the record is decided.`
            : `Paper signature of ${name.trim()} recorded.`,
        'The paper signature was not recorded.',
      );
    },

    async returnToDraftRequested() {
      const { record, phase, reason } = get();
      if (!record || phase !== 'ready') return false;
      if (!require({ reason: reason.trim() ? undefined : MESSAGES.returnReason })) return false;
      return step(
        'records.returnToDraft',
        { id: record.id, reason: reason.trim() },
        () => 'The record is a draft again: any signatures on it were voided (they are kept in its history).',
        'The record was not returned to draft.',
      );
    },
  };
};
