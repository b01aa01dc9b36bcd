// The window: the office's register beside the open record.

import { RecordView } from './views/RecordView.tsx';
import { RegisterView } from './views/RegisterView.tsx';

export function App() {
  return (
    <>
      <header className="app-header">
        <h1 className="app-name">Decision Desk</h1>
        <p className="app-tagline">Prepare, sign and publish Records of Decision</p>
      </header>
      <main className="app-main">
        <RegisterView />
        <RecordView />
      </main>
    </>
  );
}
