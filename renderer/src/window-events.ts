// The window's shortcuts, the app's menu commands, saving when the person leaves, and sync's status while it shows.

import { useEffect } from 'react';
import type { MenuEvent } from '../../electron/contract.ts';
import { api } from './api.ts';
import { useEditorStore } from './stores/editor/store.ts';
import { usePreviewStore } from './stores/preview/store.ts';
import { useSyncStore } from './stores/sync/store.ts';
import { useUiStore } from './stores/ui/store.ts';

const recordShowing = () => useUiStore.getState().view === 'record' && useEditorStore.getState().record !== null;

/**
 * Ctrl+N new record, Ctrl+S save now (Cmd on a Mac). As in Word: Ctrl+F finds in the open record (elsewhere it goes
 * to the register's search), Ctrl+P prints the record's form.
 */
function shortcut(event: KeyboardEvent): void {
  if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
  const key = event.key.toLowerCase();
  if (key === 'n') {
    event.preventDefault();
    void useEditorStore.getState().newRecordRequested();
  } else if (key === 'f') {
    event.preventDefault();
    if (recordShowing()) useUiStore.getState().findRequested();
    else useUiStore.getState().searchRequested();
  } else if (key === 's') {
    event.preventDefault();
    if (recordShowing()) void useEditorStore.getState().saveRequested();
  } else if (key === 'p') {
    event.preventDefault();
    // In the app the menu's Print also has Ctrl+P; the page taking the key first stops the menu's on most systems,
    // and printRequested ignores a second request while one is under way.
    if (recordShowing()) void useEditorStore.getState().printRequested();
  }
}

const EXPORTS = { 'export-docx': 'docx', 'export-pdf': 'pdf', 'export-pdf-public': 'pdf-public' } as const;

function menuCommand(event: MenuEvent): void {
  const editor = useEditorStore.getState();
  const record = editor.record;
  switch (event.command) {
    case 'new-record':
      void editor.newRecordRequested();
      break;
    case 'open-record':
      void editor.recordOpened(event.id);
      break;
    case 'export-docx':
    case 'export-pdf':
    case 'export-pdf-public':
      if (record) void usePreviewStore.getState().exportRequested(EXPORTS[event.command]);
      break;
    case 'print':
      if (record) void editor.printRequested();
      break;
    case 'show-records':
      useUiStore.getState().viewChosen('register');
      break;
    case 'signing-mode':
      useUiStore.getState().viewChosen('signing');
      break;
    case 'save-now':
      void editor.saveRequested();
      break;
    case 'sync-now':
      void useSyncStore.getState().syncNowRequested();
      break;
  }
}

export function useWindowEvents(): void {
  useEffect(() => {
    const left = () => useEditorStore.getState().windowLeft();
    const visibilityChanged = () => {
      const visible = document.visibilityState !== 'hidden';
      if (!visible) left();
      useSyncStore.getState().windowVisibilityChanged(visible);
    };
    const unloading = (event: BeforeUnloadEvent) => {
      if (useEditorStore.getState().saveState.kind === 'saved') return;
      left();
      // In a browser tab, ask before closing with unsaved edits; the app saves on its own "save-now" instead.
      if (!api.inApp()) event.preventDefault();
    };
    window.addEventListener('keydown', shortcut);
    window.addEventListener('blur', left);
    window.addEventListener('pagehide', left);
    window.addEventListener('beforeunload', unloading);
    document.addEventListener('visibilitychange', visibilityChanged);
    const stopMenu = api.onMenu(menuCommand);
    useSyncStore.getState().syncWatchStarted();
    return () => {
      window.removeEventListener('keydown', shortcut);
      window.removeEventListener('blur', left);
      window.removeEventListener('pagehide', left);
      window.removeEventListener('beforeunload', unloading);
      document.removeEventListener('visibilitychange', visibilityChanged);
      stopMenu();
      useSyncStore.getState().syncWatchStopped();
    };
  }, []);
}
