// What can happen to the settings, named as events: load them, edit the form, check it and save it.

import type { StateCreator } from 'zustand';
import type { z } from 'zod';
import { type Settings, SettingsPatchSchema } from '../../../../electron/core/domain/settings.ts';
import { api } from '../../api.ts';
import type { SettingsStore } from './store.ts';

export interface SettingsActions {
  /** The window started (or settings are wanted again): load them. */
  settingsRequested(): Promise<void>;
  /** The settings view came into view: start the form from what is saved. */
  settingsOpened(): Promise<void>;
  settingsEdited(change: (draft: Settings) => Settings): void;
  settingsSaveRequested(): Promise<void>;
  /** Put the form back to what is saved. */
  settingsDiscarded(): void;
  /**
   * The office seal was pinned elsewhere in the window (Settings → Office seal): the saved settings and the form take
   * it, so a later Save settings does not unpin it with the copy the form started from.
   */
  sealPinned(fingerprint: string): void;
}

const sentence = (text: string) => (text ? text[0]!.toUpperCase() + text.slice(1) : text);

/** A schema's complaint in words for the person filling in the form. */
function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.expected === 'number') return 'Enter a whole number.';
  if (issue.code === 'too_small' && issue.origin === 'number') return `This must be at least ${Number(issue.minimum).toLocaleString('en-GB')}.`;
  if (issue.code === 'too_big' && issue.origin === 'number') return `This must be at most ${Number(issue.maximum).toLocaleString('en-GB')}.`;
  if (issue.code === 'invalid_type' && issue.expected === 'int') return 'Enter a whole number.';
  if (issue.code === 'too_small' && Number(issue.minimum) === 1) return 'This cannot be left blank.';
  if (issue.code === 'too_big' && issue.origin === 'string') return `This must be at most ${Number(issue.maximum).toLocaleString('en-GB')} characters.`;
  return `${sentence(issue.message)}.`.replace(/\.\.$/, '.');
}

/** The draft's problems by field path, the first for each field: checked as the application checks a change. */
export function settingsErrors(draft: Settings): Record<string, string> {
  const result = SettingsPatchSchema.safeParse(draft);
  if (result.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.');
    errors[path] ??= describe(issue);
  }
  return errors;
}

export const createSettingsActions: StateCreator<SettingsStore, [], [], SettingsActions> = (set, get) => ({
  async settingsRequested() {
    set({ status: get().settings ? 'ready' : 'loading' });
    try {
      const settings = await api.call('settings.get', {});
      set({ settings, status: 'ready' });
    } catch (error) {
      set({ status: 'failed', notice: { kind: 'error', message: `The settings could not be loaded. ${api.messageOf(error)}` } });
    }
  },

  async settingsOpened() {
    set({ notice: null, errors: {} });
    await get().settingsRequested();
    const { settings } = get();
    if (settings) set({ draft: structuredClone(settings) });
  },

  settingsEdited(change) {
    const { draft, errors } = get();
    if (!draft) return;
    const next = change(draft);
    // Problems already shown are checked again as the person fixes them; new ones wait for Save.
    const found = Object.keys(errors).length > 0 ? settingsErrors(next) : {};
    set({ draft: next, errors: Object.fromEntries(Object.entries(found).filter(([path]) => path in errors)), notice: null });
  },

  async settingsSaveRequested() {
    const { draft, saving } = get();
    if (!draft || saving) return;
    const errors = settingsErrors(draft);
    if (Object.keys(errors).length > 0) {
      set({ errors, notice: { kind: 'error', message: 'Not saved: correct the fields marked below.' } });
      return;
    }
    set({ saving: true, errors: {}, notice: null });
    try {
      const settings = await api.call('settings.update', { patch: draft });
      set({ settings, draft: structuredClone(settings), notice: { kind: 'saved', message: 'Settings saved.' } });
    } catch (error) {
      set({ notice: { kind: 'error', message: `Not saved. ${api.messageOf(error)}` } });
    } finally {
      set({ saving: false });
    }
  },

  settingsDiscarded() {
    const { settings } = get();
    if (settings) set({ draft: structuredClone(settings), errors: {}, notice: null });
  },

  sealPinned(fingerprint) {
    const { settings, draft } = get();
    set({
      settings: settings && { ...settings, template: { ...settings.template, sealFingerprint: fingerprint } },
      draft: draft && { ...draft, template: { ...draft.template, sealFingerprint: fingerprint } },
    });
  },
});
