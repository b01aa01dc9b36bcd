// Signing mode's store: the record being signed, the print preview, and the one signatory whose panel is showing.

import { create } from 'zustand';
import { createSigningActions, type SigningActions } from './actions.ts';
import { initialSigningState, type SigningState } from './state.ts';

export type { PaperSignatureDraft, SigningField, SigningPanel, SigningState } from './state.ts';
export { initialSigningState } from './state.ts';

export type SigningStore = SigningState & SigningActions;

export const useSigningStore = create<SigningStore>()((...args) => ({
  ...initialSigningState,
  ...createSigningActions(...args),
}));

/** For tests: back to the state of a fresh window. */
export function resetSigningStore(): void {
  useSigningStore.setState(initialSigningState);
}
