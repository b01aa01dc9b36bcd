// The window: the bar with the views (register, open record, settings) and sync's status, and the view chosen.

import { type ReactNode, useEffect } from 'react';
import { SyncControl } from './components/SyncControl.tsx';
import { UNTITLED } from './format.ts';
import { editorSelectors } from './stores/editor/selectors.ts';
import { useEditorStore } from './stores/editor/store.ts';
import { useSettingsStore } from './stores/settings/store.ts';
import { uiSelectors, useUiStore, type ViewName } from './stores/ui/store.ts';
import { ConflictsView } from './views/ConflictsView.tsx';
import { RecordView } from './views/RecordView.tsx';
import { RegisterView } from './views/RegisterView.tsx';
import { SettingsView } from './views/SettingsView.tsx';
import { SigningView } from './views/SigningView.tsx';
import { VerifyView } from './views/VerifyView.tsx';
import { useWindowEvents } from './window-events.ts';
import { warmUpWhenUsable } from './warm-up.ts';

/** What each view shows. Signing mode takes the whole window (see App). */
const VIEWS: Partial<Record<ViewName, () => ReactNode>> = {
  register: () => <RegisterView />,
  record: () => <RecordView />,
  settings: () => <SettingsView />,
  signing: () => <SigningView />,
  verify: () => <VerifyView />,
  conflicts: () => <ConflictsView />,
};

/** The tabs of the bar, in order; the open record's tab appears only while one is open. */
const NAVIGATION: { view: ViewName; label: string }[] = [
  { view: 'register', label: 'Records' },
  { view: 'record', label: 'Open record' },
  { view: 'signing', label: 'Signing mode' },
  { view: 'verify', label: 'Verify' },
  { view: 'settings', label: 'Settings' },
];

function NavigationBar() {
  const view = useUiStore(uiSelectors.view);
  const viewChosen = useUiStore((s) => s.viewChosen);
  const record = useEditorStore(editorSelectors.record);
  const title = useEditorStore((s) => s.draft?.title.trim() ?? '');
  return (
    <nav className="app-nav" aria-label="Views">
      <ul>
        {NAVIGATION.filter((item) => item.view !== 'record' || record !== null).map((item) => (
          <li key={item.view} className={item.view === 'record' ? 'nav-item-record' : undefined}>
            <button
              type="button"
              className="nav-tab"
              aria-current={view === item.view ? 'page' : undefined}
              onClick={() => viewChosen(item.view)}
            >
              {item.view === 'record' ? <span className="nav-record">{title || UNTITLED}</span> : item.label}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function App() {
  const view = useUiStore(uiSelectors.view);
  const settingsRequested = useSettingsStore((s) => s.settingsRequested);
  useWindowEvents();

  useEffect(() => {
    void settingsRequested();
  }, [settingsRequested]);
  useEffect(() => warmUpWhenUsable(), []);

  const render = VIEWS[view] ?? VIEWS.register!;
  // Signing mode is the whole window, for a tablet: no bar, nothing behind it.
  if (view === 'signing') return render();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to the content
      </a>
      <header className="app-header">
        <h1 className="app-name">Decision Desk</h1>
        <NavigationBar />
        <SyncControl />
      </header>
      <main id="main" className="app-main" tabIndex={-1}>
        {render()}
      </main>
    </>
  );
}
