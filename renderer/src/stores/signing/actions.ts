// What can happen in signing mode, named as events: open, choose a signatory, sign, decline, paper, return to draft.

import type { StateCreator } from 'zustand';
import type { MethodInput } from '../../../../electron/contract.ts';
import { DeskError } from '../../../../electron/core/domain/errors.ts';
import type { DecisionRecord } from '../../../../electron/core/domain/record.ts';
import { canSign, signatoryName } from '../../../../electron/core/domain/signing.ts';
import { MIN_PIN_LENGTH, type TrustStatus } from '../../../../electron/core/domain/trust.ts';
import { api } from '../../api.ts';
import { hasInk, type InkStroke } from '../../ink.ts';
import { useEditorStore } from '../editor/store.ts';
import { useRecordsStore } from '../records/store.ts';
import { nextSignatory, preferredKey, prefilledName, recorderKeys, roleKeys } from './selectors.ts';
import { initialSigningState, type SigningField, type SigningPanel, type SignMethod } from './state.ts';
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
  pinEdited(pin: string): void;
  typedNameEdited(typedName: string): void;
  /** With the pen, or "Sign without drawing". The ink drawn so far is kept either way. */
  signMethodChosen(method: SignMethod): void;
  /** Another of this device's keys for the role (two people enrolled for it): its holder's name is the signer's. */
  keyChosen(keyId: string): void;
  recorderChosen(keyId: string): void;
  /**
   * Sign was chosen: with the pad's ink as a trimmed PNG data URL, or null when signing without drawing. Resolves
   * true when the signature was saved.
   */
  signRequested(image: string | null): Promise<boolean>;
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
  pin: `Enter your PIN (at least ${MIN_PIN_LENGTH} characters).`,
  recorderPin: `Enter the PIN of the person recording it (at least ${MIN_PIN_LENGTH} characters).`,
  recorder: 'Choose whose key records the paper signature.',
} as const;

/** The service's refusals that are about the PIN: shown beside the PIN field. */
const PIN_PROBLEM = /\bPINs?\b/;

export const createSigningActions: StateCreator<SigningStore, [], [], SigningActions> = (set, get) => {
  // Opening another record (or leaving) makes answers still on their way for an earlier one irrelevant.
  let session = 0;

  /**
   * The panel for a signatory, fresh: the key enrolled for them on this device (its holder's name is the signer's),
   * else the name on the record; the comments already on the record; no ink, no PIN.
   */
  function panelFor(record: DecisionRecord, role: string | null, trust: TrustStatus | null = get().trust) {
    const template = get().template;
    const signOff = record.signOffs.find((s) => s.role === role);
    const prefilled = template && role ? prefilledName(record, template, role) : '';
    const key = preferredKey(roleKeys(trust, role).usable, prefilled);
    // A recorder's key first: paper is usually recorded by the assistant, not by a signatory.
    const recorders = recorderKeys(trust);
    const recorder = recorders.find((k) => k.kind === 'recorder') ?? recorders[0] ?? null;
    return {
      activeRole: role,
      panel: 'sign' as const,
      name: key?.name ?? prefilled,
      keyId: key?.id ?? null,
      recorderKeyId: recorder?.id ?? null,
      comments: signOff?.comments ?? '',
      strokes: [],
      reason: '',
      signMethod: 'drawn' as const,
      pin: '',
      typedName: '',
      paper: { signedOn: localDate(), scan: null, scanName: null },
      fieldErrors: {},
    };
  }

  /** Reads this device's keys again (a wrong PIN may have locked one); the panel keeps its choices. */
  async function refreshTrust(mine: number) {
    try {
      const trust = await api.call('trust.status', {});
      if (mine === session) set({ trust, trustProblem: null });
    } catch (error) {
      if (mine === session) set({ trustProblem: api.messageOf(error) });
    }
  }

  async function refreshPreview(record: DecisionRecord, mine: number) {
    try {
      const { html } = await api.call('export.preview', { id: record.id });
      if (mine === session) set({ previewHtml: html });
    } catch (error) {
      if (mine === session)
        set({ notice: { kind: 'error', message: `The preview could not be updated. ${api.messageOf(error)}` } });
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
    void refreshTrust(mine);
  }

  /** A refused step: say why; when the record moved on under us (someone else signed), show it as it is now. */
  async function stepFailed(error: unknown, what: string, mine: number) {
    if (mine !== session) return;
    const said = api.messageOf(error);
    const message = `${what} ${said}`;
    // A wrong PIN: its words beside the PIN field, which is emptied for the next try; the ink stays.
    const aboutPin = error instanceof DeskError && error.code !== 'internal' && PIN_PROBLEM.test(said);
    set({
      phase: 'ready',
      notice: { kind: 'error', message },
      ...(aboutPin ? { pin: '', fieldErrors: { pin: said } } : {}),
    });
    void refreshTrust(mine);
    if (aboutPin) return;
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
  async function step<
    M extends 'records.sign' | 'records.decline' | 'records.paperSignature' | 'records.returnToDraft',
  >(method: M, input: MethodInput<M>, done: (record: DecisionRecord) => string, failed: string): Promise<boolean> {
    const mine = session;
    set({ phase: 'working', notice: null, fieldErrors: {} });
    // The PIN goes with this one call and is not kept after it.
    set({ pin: '' });
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
        const [record, settings, recordTemplate, preview, trust] = await Promise.all([
          api.call('records.get', { id }),
          api.call('settings.get', {}),
          // The record signs under the template version it was made with (its signatories, labels and order rules);
          // the device's current one when that version cannot be had.
          api.call('templates.get', { record: id }).catch(() => null),
          api.call('export.preview', { id }),
          // Without the keys the pad still opens; the service refuses a signature it cannot make, in words.
          api.call('trust.status', {}).then(
            (value) => ({ value, problem: null }),
            (error: unknown) => ({ value: null, problem: api.messageOf(error) }),
          ),
        ]);
        if (mine !== session) return;
        const template = recordTemplate ?? settings.template;
        set({ template, previewHtml: preview.html, trust: trust.value, trustProblem: trust.problem });
        set({ record, phase: 'ready', ...panelFor(record, nextSignatory(record, template), trust.value) });
      } catch (error) {
        if (mine === session)
          set({
            phase: 'ready',
            notice: { kind: 'error', message: `Signing mode could not open the record. ${api.messageOf(error)}` },
          });
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
      set({ panel, reason: '', pin: '', fieldErrors: {}, notice: null });
    },

    pinEdited: (pin) => edited('pin', { pin }),
    typedNameEdited: (typedName) => edited('typedName', { typedName }),
    signMethodChosen(signMethod) {
      set({ signMethod, typedName: '', fieldErrors: {}, notice: null });
    },
    keyChosen(keyId) {
      const key = roleKeys(get().trust, get().activeRole).usable.find((k) => k.id === keyId);
      if (key) edited('pin', { keyId, name: key.name, pin: '' });
    },
    recorderChosen: (recorderKeyId) => edited('recorder', { recorderKeyId, pin: '' }),

    nameEdited: (name) => edited('name', { name }),
    commentsEdited: (comments) => edited(null, { comments }),
    strokesChanged: (strokes) =>
      edited(null, { strokes, notice: get().notice?.kind === 'error' ? null : get().notice }),
    reasonEdited: (reason) => edited('reason', { reason }),
    paperDateEdited: (signedOn) => edited('signedOn', { paper: { ...get().paper, signedOn } }),
    paperScanChosen: (scan, scanName) => edited('scan', { paper: { ...get().paper, scan, scanName } }),
    problemShown: (message) => set({ notice: { kind: 'error', message } }),
    scanRefused: (message) =>
      set({
        paper: { ...get().paper, scan: null, scanName: null },
        fieldErrors: { ...get().fieldErrors, scan: message },
      }),

    async awaitingListRequested() {
      set({ awaiting: null, awaitingProblem: null });
      try {
        const page = await api.call('records.list', {
          status: ['awaiting-signatures'],
          sort: 'reference',
          direction: 'asc',
        });
        set({ awaiting: page.items });
      } catch (error) {
        set({ awaitingProblem: api.messageOf(error) });
      }
    },

    async signRequested(image) {
      const open = ready();
      if (!open) return false;
      const { name, comments, strokes, signMethod, pin, typedName, keyId } = get();
      const typed = signMethod === 'typed';
      if (!typed && (!hasInk(strokes) || image === null)) {
        set({ notice: { kind: 'error', message: MESSAGES.noInk } });
        return false;
      }
      const typedProblem = !typed
        ? undefined
        : !typedName.trim()
          ? `Type your name to sign: ${name.trim()}.`
          : typedName.trim().toLocaleLowerCase('en-GB') !== name.trim().toLocaleLowerCase('en-GB')
            ? `Type your name as it is enrolled on this device: ${name.trim()}.`
            : undefined;
      if (
        !require({
          name: name.trim() ? undefined : MESSAGES.name,
          typedName: typedProblem,
          pin: pin.length >= MIN_PIN_LENGTH ? undefined : MESSAGES.pin,
        })
      ) {
        return false;
      }
      if (!allowed(open.record, open.role)) return false;
      return step(
        'records.sign',
        {
          id: open.record.id,
          role: open.role,
          name: name.trim(),
          comments,
          method: signMethod,
          image: typed ? null : image,
          strokes: typed ? [] : strokes,
          pin,
          ...(keyId ? { keyId } : {}),
        },
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
      const { name, reason, pin, keyId } = get();
      if (
        !require({
          name: name.trim() ? undefined : MESSAGES.name,
          reason: reason.trim() ? undefined : MESSAGES.declineReason,
          pin: pin.length >= MIN_PIN_LENGTH ? undefined : MESSAGES.pin,
        })
      ) {
        return false;
      }
      return step(
        'records.decline',
        {
          id: open.record.id,
          role: open.role,
          name: name.trim(),
          reason: reason.trim(),
          pin,
          ...(keyId ? { keyId } : {}),
        },
        () => `Declined by ${name.trim()}. The record is a draft again, and the assistant will see the reason.`,
        'The decline was not saved.',
      );
    },

    async paperSignatureRequested() {
      const open = ready();
      if (!open) return false;
      const { name, comments, paper, pin, recorderKeyId } = get();
      const dateProblem = !/^\d{4}-\d{2}-\d{2}$/.test(paper.signedOn)
        ? MESSAGES.signedOn
        : paper.signedOn > localDate()
          ? MESSAGES.future
          : undefined;
      const recorder = recorderKeys(get().trust).find((k) => k.id === recorderKeyId);
      if (
        !require({
          name: name.trim() ? undefined : MESSAGES.name,
          signedOn: dateProblem,
          recorder: recorder ? undefined : MESSAGES.recorder,
          pin: pin.length >= MIN_PIN_LENGTH ? undefined : MESSAGES.recorderPin,
        })
      ) {
        return false;
      }
      if (!allowed(open.record, open.role)) return false;
      return step(
        'records.paperSignature',
        {
          id: open.record.id,
          role: open.role,
          name: name.trim(),
          comments,
          signedOn: paper.signedOn,
          scan: paper.scan,
          recorderKeyId: recorder!.id,
          pin,
        },
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
