// The settings' store: the office template and this device's settings as saved, the form's copy, and its checks.

import { create } from 'zustand';
import type { ShippedTemplate, TemplateVersion } from '../../../../electron/contract.ts';
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
  /** The templates shipped with the app, once asked for. */
  shipped: ShippedTemplate[] | null;
  /** The versions of the office's template this device holds, newest first, once asked for. */
  versions: TemplateVersion[] | null;
  /** What the last import or export of a template file came to: done, or refused with the problems named. */
  templateNotice: { kind: 'done' | 'error'; message: string; problems: string[] } | null;
  /** An import or export of a template file is under way. */
  templateBusy: boolean;
}

export type SettingsStore = SettingsState & SettingsActions;

export const initialSettingsState: SettingsState = {
  settings: null,
  status: 'idle',
  draft: null,
  errors: {},
  saving: false,
  notice: null,
  shipped: null,
  versions: null,
  templateNotice: null,
  templateBusy: false,
};

export const useSettingsStore = create<SettingsStore>()((...args) => ({
  ...initialSettingsState,
  ...createSettingsActions(...args),
}));

/** For tests: back to the state of a fresh window. */
export function resetSettingsStore(): void {
  useSettingsStore.setState(initialSettingsState);
}
