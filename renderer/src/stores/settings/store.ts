// The settings' store: the office template and this device's settings as saved, the form's copy, and its checks.

import { create } from 'zustand';
import type { Settings } from '../../../../electron/core/domain/settings.ts';
import { createSettingsActions, type SettingsActions } from './actions.ts';

export interface SettingsState {
  /** As saved; the editor reads the template's labels from here. */
  settings: Settings | null;
  status: 'idle' | 'loading' | 'ready' | 'failed';
  /** The settings form's copy, edited until Save. */
  draft: Settings | null;
  /** Problems found in the draft, by field path ("template.planName"). */
  errors: Record<string, string>;
  saving: boolean;
  notice: { kind: 'saved' | 'error'; message: string } | null;
}

export type SettingsStore = SettingsState & SettingsActions;

export const initialSettingsState: SettingsState = {
  settings: null,
  status: 'idle',
  draft: null,
  errors: {},
  saving: false,
  notice: null,
};

export const useSettingsStore = create<SettingsStore>()((...args) => ({
  ...initialSettingsState,
  ...createSettingsActions(...args),
}));

/** For tests: back to the state of a fresh window. */
export function resetSettingsStore(): void {
  useSettingsStore.setState(initialSettingsState);
}
