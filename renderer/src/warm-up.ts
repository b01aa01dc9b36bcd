// Once the window is usable (its register shown, or a record open), the app is asked to start its PDF engine in
// the background, so the first Export PDF is as quick as the tenth. Never before: starting Chromium or a print
// window competes with the window's own start.

import { api } from './api.ts';
import { useEditorStore } from './stores/editor/store.ts';
import { useRecordsStore } from './stores/records/store.ts';

let asked = false;

function askWhenIdle(): void {
  if (asked) return;
  asked = true;
  const ask = () => void api.call('export.warmUp', {}).catch(() => undefined);
  // After the frame that shows the register has been painted, when the window has nothing else to do.
  if (typeof requestIdleCallback === 'function') requestIdleCallback(ask, { timeout: 2_000 });
  else setTimeout(ask, 0);
}

/** For tests: a new page, which has not asked yet. */
export function resetWarmUp(): void {
  asked = false;
}

/** Watches for the first moment the window is usable; asks once per page. Returns the unsubscribe. */
export function warmUpWhenUsable(): () => void {
  const usable = () => useRecordsStore.getState().listStatus === 'ready' || useEditorStore.getState().record !== null;
  if (usable()) {
    askWhenIdle();
    return () => undefined;
  }
  const stop = () => {
    stopRecords();
    stopEditor();
  };
  const check = () => {
    if (!usable()) return;
    stop();
    askWhenIdle();
  };
  const stopRecords = useRecordsStore.subscribe(check);
  const stopEditor = useEditorStore.subscribe(check);
  return stop;
}
