// The office seal and the keys on this device, as Settings shows them: the trust status, and each form's problems.

import { create } from 'zustand';
import type { MethodInput } from '../../../../electron/contract.ts';
import { DeskError } from '../../../../electron/core/domain/errors.ts';
import { MIN_PASSPHRASE_LENGTH, MIN_PIN_LENGTH, type TrustStatus } from '../../../../electron/core/domain/trust.ts';
import { api } from '../../api.ts';
import type { NoticeContent } from '../notice.ts';
import { useSettingsStore } from '../settings/store.ts';
import { fileToBase64 } from '../signing/files.ts';

/** A form's problems: by field, and one sentence for the form (announced). */
export interface FormProblems {
  fields: Record<string, string>;
  message: string | null;
}

export interface TrustState {
  status: TrustStatus | null;
  phase: 'idle' | 'loading' | 'ready' | 'failed';
  loadProblem: string | null;
  /** The form whose request is on its way, or null. */
  working: string | null;
  /** By form: "create-seal", "import-seal", "pin-seal", "enrol-<role>", "enrol-recorder", "publish", "approve", "revoke". */
  problems: Record<string, FormProblems>;
  notice: NoticeContent | null;
}

export interface SealInput {
  passphrase: string;
  again: string;
}
export interface ImportInput extends SealInput {
  file: File | null;
  p12Passphrase: string;
}
export interface EnrolInput {
  kind: 'signatory' | 'recorder';
  role: string | null;
  /** For the message: "Chief Finance Officer", "recorder". */
  title: string;
  name: string;
  pin: string;
  pinAgain: string;
  sealPassphrase: string;
}
/** Asking the device that holds the seal for a key: no seal passphrase here, it is entered there. */
export type AskInput = Omit<EnrolInput, 'sealPassphrase'>;
export interface ApproveInput {
  requestId: string;
  /** For the message: "Priya Shah as Chief Finance Officer". */
  who: string;
  sealPassphrase: string;
}
export interface RevokeInput {
  fingerprint: string;
  name: string;
  reason: MethodInput<'trust.revoke'>['reason'];
  sealPassphrase: string;
}

export interface TrustActions {
  /** Settings came into view: read the seal and keys. */
  trustOpened(): Promise<void>;
  sealCreateRequested(input: SealInput): Promise<boolean>;
  sealImportRequested(input: ImportInput): Promise<boolean>;
  enrolRequested(form: string, input: EnrolInput): Promise<boolean>;
  revokeRequested(input: RevokeInput): Promise<boolean>;
  /** A second device pins the office's seal by the fingerprint read from the administrator's device. */
  sealPinRequested(typed: string): Promise<boolean>;
  /** On a device without the seal's key: a key made here, its certificate asked of the administrator's device. */
  keyAskRequested(form: string, input: AskInput): Promise<boolean>;
  /** A publishing key for this device (no PIN), asked of the administrator's device. */
  publishKeyRequested(name: string): Promise<boolean>;
  /** On the device that holds the seal: a request from another device approved. */
  approveRequested(input: ApproveInput): Promise<boolean>;
  /** Something may have arrived (a sync pass ran): read the status again, keeping the forms as they are. */
  trustRefreshed(): Promise<void>;
  /** A field was edited (its problem goes), or a form was closed (all of its problems go). */
  problemCleared(form: string, field?: string): void;
}

export type TrustStore = TrustState & TrustActions;

export const initialTrustState: TrustState = {
  status: null,
  phase: 'idle',
  loadProblem: null,
  working: null,
  problems: {},
  notice: null,
};

const FIELDS_MARKED = 'Correct the fields marked.';

/** The largest .p12 the contract takes (base64 of 200,000 characters). */
const MAX_P12_BYTES = 150_000;

const passphraseProblem = (value: string) =>
  value.length >= MIN_PASSPHRASE_LENGTH
    ? undefined
    : `The passphrase must be at least ${MIN_PASSPHRASE_LENGTH} characters long.`;
const pinProblem = (value: string) =>
  /^\s*$/.test(value) || value.length < MIN_PIN_LENGTH
    ? `The PIN must be at least ${MIN_PIN_LENGTH} characters long.`
    : undefined;

/** A fingerprint as typed: spaces and colons (as it is shown and as other tools print it) go, and letters lower-case. */
export function typedFingerprint(typed: string): string {
  return typed.replace(/[\s:]/g, '').toLowerCase();
}

function fingerprintProblem(typed: string): string | undefined {
  const digits = typedFingerprint(typed);
  if (digits === '') return 'Enter the seal\u2019s fingerprint, as the administrator\u2019s device shows it.';
  const wrong = [...new Set(digits.replace(/[0-9a-f]/g, ''))];
  if (wrong.length > 0)
    return `A fingerprint has only the digits 0\u20139 and the letters A\u2013F, not ${wrong.map((c) => `\u201c${c.toUpperCase()}\u201d`).join(', ')}.`;
  if (digits.length !== 64)
    return `The fingerprint has ${digits.length} digits; it has 64 (sixteen groups of four). Check it against the administrator\u2019s device.`;
  return undefined;
}

/** Where the service's words belong: the first field whose pattern they match, else the form. */
function placed(message: string, fields: [field: string, pattern: RegExp][]): FormProblems {
  const field = fields.find(([, pattern]) => pattern.test(message))?.[0];
  return field ? { fields: { [field]: message }, message: null } : { fields: {}, message };
}

export const useTrustStore = create<TrustStore>()((set, get) => {
  /** Field checks before a request; false (with the problems shown) when something is wrong. */
  function check(form: string, found: Record<string, string | undefined>, what: string): boolean {
    const fields = Object.fromEntries(
      Object.entries(found).filter((entry): entry is [string, string] => entry[1] !== undefined),
    );
    if (Object.keys(fields).length === 0) return true;
    set({ problems: { ...get().problems, [form]: { fields, message: `${what} ${FIELDS_MARKED}` } } });
    return false;
  }

  /** One trust.* call for a form: the new status and a notice, or the refusal placed by its field. */
  async function run(
    form: string,
    request: () => Promise<TrustStatus>,
    done: string,
    failed: string,
    fields: [string, RegExp][],
  ): Promise<boolean> {
    if (get().working) return false;
    const { [form]: _gone, ...others } = get().problems;
    set({ working: form, problems: others, notice: null });
    try {
      const status = await request();
      set({ status, working: null, notice: { kind: 'saved', message: done } });
      return true;
    } catch (error) {
      const said = api.messageOf(error);
      const problem = error instanceof DeskError ? placed(said, fields) : { fields: {}, message: said };
      // A field's problem is announced by the form too, so it is heard without looking for it.
      set({
        working: null,
        problems: { ...get().problems, [form]: { fields: problem.fields, message: `${failed} ${said}` } },
      });
      return false;
    }
  }

  /** The template now pins the seal: Settings' copy of it does too. */
  function pinnedInSettings(): true {
    const pinned = get().status?.pinned;
    if (pinned) useSettingsStore.getState().sealPinned(pinned);
    return true;
  }

  return {
    ...initialTrustState,

    async trustOpened() {
      set({ phase: get().status ? 'ready' : 'loading', loadProblem: null, notice: null, problems: {} });
      try {
        set({ status: await api.call('trust.status', {}), phase: 'ready' });
      } catch (error) {
        set({ phase: 'failed', loadProblem: `The office seal and keys could not be read. ${api.messageOf(error)}` });
      }
    },

    async sealCreateRequested({ passphrase, again }) {
      const form = 'create-seal';
      const ok = check(
        form,
        {
          passphrase: passphraseProblem(passphrase),
          again: passphraseProblem(passphrase)
            ? undefined
            : again === passphrase
              ? undefined
              : 'The two passphrases are not the same.',
        },
        'The seal was not created.',
      );
      if (!ok) return false;
      const done = await run(
        form,
        () => api.call('trust.createSeal', { passphrase }),
        'The office seal is created and pinned in the template.',
        'The seal was not created.',
        [['passphrase', /passphrase/i]],
      );
      return done && pinnedInSettings();
    },

    async sealImportRequested({ file, p12Passphrase, passphrase, again }) {
      const form = 'import-seal';
      const fileProblem = !file
        ? 'Choose the .p12 or .pfx file IT gave you.'
        : file.size > MAX_P12_BYTES
          ? `${file.name} is larger than a seal\u2019s .p12 file can be (150 KB).`
          : undefined;
      const ok = check(
        form,
        {
          file: fileProblem,
          passphrase: passphraseProblem(passphrase),
          again: passphraseProblem(passphrase)
            ? undefined
            : again === passphrase
              ? undefined
              : 'The two passphrases are not the same.',
        },
        'The seal was not imported.',
      );
      if (!ok) return false;
      const done = await run(
        form,
        async () => api.call('trust.importSeal', { base64: await fileToBase64(file!), p12Passphrase, passphrase }),
        'The office seal from IT is installed and pinned in the template.',
        'The seal was not imported.',
        [
          // The file's own passphrase (from IT) first: the new one is checked above.
          ['p12Passphrase', /password|passphrase|decrypt|MAC/i],
          ['file', /\.p12|certificate|PKCS/i],
        ],
      );
      return done && pinnedInSettings();
    },

    async enrolRequested(form, { kind, role, title, name, pin, pinAgain, sealPassphrase }) {
      const ok = check(
        form,
        {
          name: name.trim() ? undefined : 'Enter the name of the person enrolled.',
          pin: pinProblem(pin),
          pinAgain: pinProblem(pin) ? undefined : pinAgain === pin ? undefined : 'The two PINs are not the same.',
          sealPassphrase: passphraseProblem(sealPassphrase),
        },
        'Not enrolled.',
      );
      if (!ok) return false;
      return run(
        form,
        () => api.call('trust.enrol', { kind, role, name: name.trim(), pin, sealPassphrase }),
        `${name.trim()} is enrolled as ${title} on this device.`,
        'Not enrolled.',
        [
          ['sealPassphrase', /passphrase|seal/i],
          ['pin', /\bPIN\b/],
          ['name', /name/i],
        ],
      );
    },

    async revokeRequested({ fingerprint, name, reason, sealPassphrase }) {
      const form = 'revoke';
      if (!check(form, { sealPassphrase: passphraseProblem(sealPassphrase) }, 'Not revoked.')) return false;
      return run(
        form,
        () => api.call('trust.revoke', { fingerprint, reason, sealPassphrase }),
        `${name}\u2019s key is revoked: it can no longer sign, and signatures it makes from now on do not hold.`,
        'Not revoked.',
        [['sealPassphrase', /passphrase|seal/i]],
      );
    },

    async sealPinRequested(typed) {
      const form = 'pin-seal';
      if (!check(form, { fingerprint: fingerprintProblem(typed) }, 'The seal was not pinned.')) return false;
      const fingerprint = typedFingerprint(typed);
      const done = await run(
        form,
        async () => {
          // The template as saved now, not as the form last read it: only the fingerprint changes.
          const { template } = await api.call('settings.get', {});
          if (template.sealFingerprint && template.sealFingerprint !== fingerprint) {
            throw new DeskError(
              'not-allowed',
              'This device pins another seal already: changing it would void every key it believes.',
            );
          }
          await api.call('settings.update', { patch: { template: { ...template, sealFingerprint: fingerprint } } });
          return api.call('trust.status', {});
        },
        'The office seal is pinned. Sync now fetches its certificate from the shared folder.',
        'The seal was not pinned.',
        [['fingerprint', /fingerprint|seal/i]],
      );
      return done && pinnedInSettings();
    },

    async keyAskRequested(form, { kind, role, title, name, pin, pinAgain }) {
      const ok = check(
        form,
        {
          name: name.trim() ? undefined : 'Enter the name of the person the key is for.',
          pin: pinProblem(pin),
          pinAgain: pinProblem(pin) ? undefined : pinAgain === pin ? undefined : 'The two PINs are not the same.',
        },
        'No key asked for.',
      );
      if (!ok) return false;
      return run(
        form,
        () => api.call('trust.requestEnrolment', { kind, role, name: name.trim(), pin }),
        `A key for ${name.trim()} as ${title} is made on this device and asked for. The administrator approves it on the device that holds the seal; after both sync, it signs.`,
        'No key asked for.',
        [
          ['pin', /\bPIN\b/],
          ['name', /name/i],
        ],
      );
    },

    async publishKeyRequested(name) {
      return run(
        'publish',
        () => api.call('trust.requestEnrolment', { kind: 'publisher', name, pin: null }),
        'A publishing key is made on this device and asked for. The administrator approves it on the device that holds the seal.',
        'No publishing key asked for.',
        [],
      );
    },

    async approveRequested({ requestId, who, sealPassphrase }) {
      const form = 'approve';
      if (!check(form, { sealPassphrase: passphraseProblem(sealPassphrase) }, 'Not approved.')) return false;
      return run(
        form,
        () => api.call('trust.approve', { requestId, sealPassphrase }),
        `Approved: ${who}. The certificate goes to the shared folder at the next sync, and their device takes it at its own.`,
        'Not approved.',
        [['sealPassphrase', /passphrase|seal/i]],
      );
    },

    async trustRefreshed() {
      if (get().working || !get().status) return;
      try {
        const status = await api.call('trust.status', {});
        if (!get().working) set({ status });
      } catch {
        // What was shown stays; opening Settings again reads it afresh.
      }
    },

    problemCleared(form, field) {
      const problems = { ...get().problems };
      const current = problems[form];
      if (!current) return;
      if (field === undefined) delete problems[form];
      else {
        const { [field]: _gone, ...fields } = current.fields;
        // "Correct the fields marked" is no longer true once none is marked.
        const stale = Object.keys(fields).length === 0 && current.message?.endsWith(FIELDS_MARKED);
        problems[form] = { fields, message: stale ? null : current.message };
      }
      set({ problems });
    },
  };
});

/** For tests: back to the state of a fresh window. */
export function resetTrustStore(): void {
  useTrustStore.setState(initialTrustState);
}
