// The office seal and the keys on this device, as Settings shows them: the trust status, and each form's problems.

import { create } from 'zustand';
import type { MethodInput } from '../../../../electron/contract.ts';
import { DeskError } from '../../../../electron/core/domain/errors.ts';
import { MIN_PASSPHRASE_LENGTH, MIN_PIN_LENGTH, type TrustStatus } from '../../../../electron/core/domain/trust.ts';
import { api } from '../../api.ts';
import type { NoticeContent } from '../../components/Notice.tsx';
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
  /** By form: "create-seal", "import-seal", "enrol-<role>", "enrol-recorder", "revoke". */
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
  /** A field was edited (its problem goes), or a form was closed (all of its problems go). */
  problemCleared(form: string, field?: string): void;
}

export type TrustStore = TrustState & TrustActions;

export const initialTrustState: TrustState = { status: null, phase: 'idle', loadProblem: null, working: null, problems: {}, notice: null };

/** The largest .p12 the contract takes (base64 of 200,000 characters). */
const MAX_P12_BYTES = 150_000;

const passphraseProblem = (value: string) =>
  value.length >= MIN_PASSPHRASE_LENGTH ? undefined : `The passphrase must be at least ${MIN_PASSPHRASE_LENGTH} characters long.`;
const pinProblem = (value: string) =>
  /^\s*$/.test(value) || value.length < MIN_PIN_LENGTH ? `The PIN must be at least ${MIN_PIN_LENGTH} characters long.` : undefined;

/** Where the service's words belong: the first field whose pattern they match, else the form. */
function placed(message: string, fields: [field: string, pattern: RegExp][]): FormProblems {
  const field = fields.find(([, pattern]) => pattern.test(message))?.[0];
  return field ? { fields: { [field]: message }, message: null } : { fields: {}, message };
}

export const useTrustStore = create<TrustStore>()((set, get) => {
  /** Field checks before a request; false (with the problems shown) when something is wrong. */
  function check(form: string, found: Record<string, string | undefined>, what: string): boolean {
    const fields = Object.fromEntries(Object.entries(found).filter((entry): entry is [string, string] => entry[1] !== undefined));
    if (Object.keys(fields).length === 0) return true;
    set({ problems: { ...get().problems, [form]: { fields, message: `${what} Correct the fields marked.` } } });
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
      set({ working: null, problems: { ...get().problems, [form]: { fields: problem.fields, message: `${failed} ${said}` } } });
      return false;
    }
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
        { passphrase: passphraseProblem(passphrase), again: passphraseProblem(passphrase) ? undefined : again === passphrase ? undefined : 'The two passphrases are not the same.' },
        'The seal was not created.',
      );
      if (!ok) return false;
      return run(form, () => api.call('trust.createSeal', { passphrase }), 'The office seal is created and pinned in the template.', 'The seal was not created.', [
        ['passphrase', /passphrase/i],
      ]);
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
          again: passphraseProblem(passphrase) ? undefined : again === passphrase ? undefined : 'The two passphrases are not the same.',
        },
        'The seal was not imported.',
      );
      if (!ok) return false;
      return run(
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

    problemCleared(form, field) {
      const problems = { ...get().problems };
      const current = problems[form];
      if (!current) return;
      if (field === undefined) delete problems[form];
      else {
        const { [field]: _gone, ...fields } = current.fields;
        problems[form] = { ...current, fields };
      }
      set({ problems });
    },
  };
});

/** For tests: back to the state of a fresh window. */
export function resetTrustStore(): void {
  useTrustStore.setState(initialTrustState);
}
