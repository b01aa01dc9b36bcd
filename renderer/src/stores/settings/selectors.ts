// How views read the settings store.

import type { SettingsStore } from './store.ts';

export const settingsSelectors = {
  template: (s: SettingsStore) => s.settings?.template ?? null,
  status: (s: SettingsStore) => s.status,
  draft: (s: SettingsStore) => s.draft,
  errors: (s: SettingsStore) => s.errors,
  saving: (s: SettingsStore) => s.saving,
  notice: (s: SettingsStore) => s.notice,
  hasChanges: (s: SettingsStore) =>
    s.draft !== null && s.settings !== null && JSON.stringify(s.draft) !== JSON.stringify(s.settings),
};
