// The Verify view's store: the record.json or PDF the person picked, and what checking its signatures found.

import { create } from 'zustand';
import { InvalidInputError } from '../../../../electron/core/domain/errors.ts';
import type { VerifyReport } from '../../../../electron/core/domain/signing.ts';
import type { OfficeTemplate } from '../../../../electron/core/domain/template.ts';
import { api } from '../../api.ts';
import { fileToBase64 } from './files.ts';

/** About as large as a file can be and still cross to the application in one piece. */
const MAX_FILE_BYTES = 50 * 1024 * 1024;

export interface VerifyState {
  fileName: string | null;
  phase: 'idle' | 'checking' | 'done' | 'failed';
  report: VerifyReport | null;
  /** The office template, for the signatories' titles (null if it could not be read: roles are shown instead). */
  template: OfficeTemplate | null;
  /** Why the file could not be checked at all (not a record, unreadable…), in words for the person. */
  error: string | null;
}

export interface VerifyActions {
  /** A file was picked or dropped. */
  fileChosen(file: File): Promise<void>;
  verifyCleared(): void;
}

export type VerifyStore = VerifyState & VerifyActions;

export const initialVerifyState: VerifyState = {
  fileName: null,
  phase: 'idle',
  report: null,
  template: null,
  error: null,
};

export const useVerifyStore = create<VerifyStore>()((set, get) => {
  // A file picked later wins over one still being checked.
  let latest = 0;

  return {
    ...initialVerifyState,

    async fileChosen(file) {
      const mine = ++latest;
      set({ fileName: file.name, phase: 'checking', report: null, error: null });
      try {
        if (file.size > MAX_FILE_BYTES) {
          throw new InvalidInputError(
            `${file.name} is larger than 50 MB, so it cannot be a record exported by Decision Desk.`,
          );
        }
        const base64 = await fileToBase64(file);
        const [report, template] = await Promise.all([
          api.call('records.verifyFile', { fileName: file.name, base64 }),
          get().template ??
            api.call('settings.get', {}).then(
              (settings) => settings.template,
              () => null,
            ),
        ]);
        if (mine === latest) set({ phase: 'done', report, template });
      } catch (error) {
        if (mine === latest) set({ phase: 'failed', error: api.messageOf(error) });
      }
    },

    verifyCleared() {
      latest++;
      set({ ...initialVerifyState, template: get().template });
    },
  };
});

/** For tests: back to the state of a fresh window. */
export function resetVerifyStore(): void {
  useVerifyStore.setState(initialVerifyState);
}
