// What can happen to the settings, named as events: load them, edit the form, check it and save it.

import type { StateCreator } from 'zustand';
import type { z } from 'zod';
import { type Settings, SettingsPatchSchema } from '../../../../electron/core/domain/settings.ts';
import { api } from '../../api.ts';
import { downloadFile } from '../../download.ts';
import type { SettingsStore } from './store.ts';

export interface SettingsActions {
  /** The window started (or settings are wanted again): load them. */
  settingsRequested(): Promise<void>;
  /** The settings view came into view: start the form from what is saved. */
  settingsOpened(): Promise<void>;
  /**
   * An edit of the form. `reordered`: items of a list were added, removed or moved, so problems shown by position are
   * all checked again (a problem at series 2 is at series 1 once series 1 is removed).
   */
  settingsEdited(change: (draft: Settings) => Settings, options?: { reordered?: boolean }): void;
  settingsSaveRequested(): Promise<void>;
  /** Put the form back to what is saved. */
  settingsDiscarded(): void;
  /**
   * The office seal was pinned elsewhere in the window (Settings → Office seal): the saved settings and the form take
   * it, so a later Save settings does not unpin it with the copy the form started from.
   */
  sealPinned(fingerprint: string): void;
  /** The template file part of Settings came into view: the shipped templates and the versions held. */
  templateFilesRequested(): Promise<void>;
  /** Export template file…: the office's current template as the file IT rolls out. */
  templateExportRequested(): Promise<void>;
  /** Import template file…, or Start from a shipped template (confirmed): the office's template from now on. */
  templateImportRequested(source: { text: string } | { shipped: string }): Promise<void>;
}

/**
 * The problems in a refusal, one a line: the service names each field ("The template is not valid: numbering.series.0.
 * pattern: …; signatories.2.after: …").
 */
export function refusalProblems(message: string): string[] {
  const match = /^The template is not valid: (.*)$/s.exec(message);
  if (!match) return [];
  return match[1]!
    .split(/;\s+/)
    .map((part) => part.trim().replace(/\.$/, ''))
    .filter(Boolean)
    .map((part) => `${part}.`);
}

/** A version as a person names it: "kent, version 3". */
const versionWords = (settings: Settings) =>
  `${settings.template.officeName} (${settings.template.id}), version ${settings.template.version}`;

const sentence = (text: string) => (text ? text[0]!.toUpperCase() + text.slice(1) : text);

/** A schema's complaint in words for the person filling in the form. */
function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.expected === 'number') return 'Enter a whole number.';
  if (issue.code === 'too_small' && issue.origin === 'number')
    return `This must be at least ${Number(issue.minimum).toLocaleString('en-GB')}.`;
  if (issue.code === 'too_big' && issue.origin === 'number')
    return `This must be at most ${Number(issue.maximum).toLocaleString('en-GB')}.`;
  if (issue.code === 'invalid_type' && issue.expected === 'int') return 'Enter a whole number.';
  if (issue.code === 'too_small' && Number(issue.minimum) === 1) return 'This cannot be left blank.';
  if (issue.code === 'too_big' && issue.origin === 'string')
    return `This must be at most ${Number(issue.maximum).toLocaleString('en-GB')} characters.`;
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
      set({
        status: 'failed',
        notice: { kind: 'error', message: `The settings could not be loaded. ${api.messageOf(error)}` },
      });
    }
  },

  async settingsOpened() {
    set({ notice: null, errors: {} });
    await get().settingsRequested();
    const { settings } = get();
    if (settings) set({ draft: structuredClone(settings) });
  },

  settingsEdited(change, options) {
    const { draft, errors } = get();
    if (!draft) return;
    const next = change(draft);
    // Problems already shown are checked again as the person fixes them; new ones wait for Save.
    const found = Object.keys(errors).length > 0 ? settingsErrors(next) : {};
    const shown = options?.reordered
      ? found
      : Object.fromEntries(Object.entries(found).filter(([path]) => path in errors));
    set({ draft: next, errors: shown, notice: null });
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
      return;
    } finally {
      set({ saving: false });
    }
    // A change of the form is a new version of the template: the table of versions shows it.
    if (get().versions) {
      try {
        set({ versions: await api.call('templates.versions', {}) });
      } catch {
        // Saved; the table shows what it showed until Settings is opened again.
      }
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

  async templateFilesRequested() {
    try {
      const [shipped, versions] = await Promise.all([
        api.call('templates.shipped', {}),
        api.call('templates.versions', {}),
      ]);
      set({ shipped, versions });
    } catch (error) {
      set({
        templateNotice: {
          kind: 'error',
          message: `The template versions could not be loaded. ${api.messageOf(error)}`,
          problems: [],
        },
      });
    }
  },

  async templateExportRequested() {
    if (get().templateBusy) return;
    set({ templateBusy: true, templateNotice: null });
    try {
      const file = await api.call('templates.export', {});
      downloadFile(file);
      set({ templateNotice: { kind: 'done', message: `Exported the template as ${file.fileName}.`, problems: [] } });
    } catch (error) {
      set({
        templateNotice: {
          kind: 'error',
          message: `The template was not exported. ${api.messageOf(error)}`,
          problems: [],
        },
      });
    } finally {
      set({ templateBusy: false });
    }
  },

  async templateImportRequested(source) {
    if (get().templateBusy) return;
    set({ templateBusy: true, templateNotice: null });
    try {
      const settings = await api.call('templates.import', source);
      const { draft } = get();
      // The form takes the new template; what else was typed in it and not yet saved stays as typed.
      set({
        settings,
        draft: draft ? { ...draft, template: structuredClone(settings.template) } : structuredClone(settings),
        errors: {},
        notice: null,
        templateNotice: {
          kind: 'done',
          message: `New records now use ${versionWords(settings)}: ${settings.template.numbering.series.length} numbering series, ${settings.template.signatories.length} signatories, ${settings.template.sections.length} extra sections, ${settings.template.categories.length} categories. Existing records keep the version they were made with.`,
          problems: [],
        },
      });
    } catch (error) {
      const message = api.messageOf(error);
      set({
        templateNotice: {
          kind: 'error',
          message: `The template was not imported. ${message}`,
          problems: refusalProblems(message),
        },
      });
      return;
    } finally {
      set({ templateBusy: false });
    }
    try {
      set({ versions: await api.call('templates.versions', {}) });
    } catch {
      // The import is done; the table of versions shows what it showed until Settings is opened again.
    }
  },
});
