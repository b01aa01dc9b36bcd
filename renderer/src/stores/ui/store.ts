// The window's navigation: which view is showing, how the preview sits beside the form, and requests to focus search.

import { create } from 'zustand';

/**
 * The views of the window. Signing mode and Verify belong to the signing work; conflicts is sync with the shared
 * folder (its status and the conflicts to resolve), reached from the status in the bar. App.tsx maps each to its view.
 */
export type ViewName = 'register' | 'record' | 'settings' | 'signing' | 'verify' | 'conflicts';
/** The printed-form preview: beside the form, instead of it (full width), or hidden. */
export type PreviewLayout = 'side' | 'full' | 'off';

export interface UiState {
  view: ViewName;
  previewLayout: PreviewLayout;
  /** Counts Ctrl+F presses: the register's search box takes the focus while one is not yet met. */
  searchRequests: number;
  /** The Ctrl+F presses the search box has answered, so coming back to the register later does not take the focus. */
  searchRequestsMet: number;
  /** The find bar of the open record (Ctrl+F in a record, as in Word). */
  findOpen: boolean;
  /** Counts Ctrl+F presses in a record: each one puts the cursor back in the find box, its text selected. */
  findRequests: number;
}

export interface UiActions {
  viewChosen(view: ViewName): void;
  previewLayoutChosen(layout: PreviewLayout): void;
  /** Ctrl+F: show the register and put the cursor in its search box. */
  searchRequested(): void;
  /** The search box took the focus for the presses so far. */
  searchRequestMet(): void;
  /** Ctrl+F in a record: show the find bar and put the cursor in it. */
  findRequested(): void;
  /** Escape or Close in the find bar. */
  findClosed(): void;
}

export type UiStore = UiState & UiActions;

export const initialUiState: UiState = {
  view: 'register',
  previewLayout: 'side',
  searchRequests: 0,
  searchRequestsMet: 0,
  findOpen: false,
  findRequests: 0,
};

/** Listeners told when the person leaves a view, so the open record is saved on the way out. */
const leaveListeners = new Set<(from: ViewName, to: ViewName) => void>();

export function onViewLeft(listener: (from: ViewName, to: ViewName) => void): () => void {
  leaveListeners.add(listener);
  return () => leaveListeners.delete(listener);
}

export const useUiStore = create<UiStore>()((set, get) => ({
  ...initialUiState,
  viewChosen(view) {
    const from = get().view;
    if (from === view) return;
    // The find bar belongs to the record on show; leaving the record closes it.
    set({ view, findOpen: false });
    for (const listener of leaveListeners) listener(from, view);
  },
  previewLayoutChosen(previewLayout) {
    set({ previewLayout });
  },
  searchRequested() {
    get().viewChosen('register');
    set({ searchRequests: get().searchRequests + 1 });
  },
  searchRequestMet() {
    set({ searchRequestsMet: get().searchRequests });
  },
  findRequested() {
    set({ findOpen: true, findRequests: get().findRequests + 1 });
  },
  findClosed() {
    set({ findOpen: false });
  },
}));

export const uiSelectors = {
  view: (s: UiStore) => s.view,
  previewLayout: (s: UiStore) => s.previewLayout,
  searchRequests: (s: UiStore) => s.searchRequests,
  findOpen: (s: UiStore) => s.findOpen,
  findRequests: (s: UiStore) => s.findRequests,
  /** A Ctrl+F the search box has not answered yet. */
  searchRequestPending: (s: UiStore) => s.searchRequests > s.searchRequestsMet,
};

/** For tests: back to the state of a fresh window. */
export function resetUiStore(): void {
  useUiStore.setState(initialUiState);
}
