// The signature pad on a page of its own, for driving it with real (CDP) input: the strokes it reports and the
// signature image made from them are left on window.pad for the test to read, with the ink module for timing.

import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import * as ink from '../../../../renderer/src/ink.ts';
import { type InkStroke, signaturePng } from '../../../../renderer/src/ink.ts';
import { SignaturePad } from '../../../../renderer/src/components/SignaturePad.tsx';
import '../../../../renderer/src/styles/app.css';
import '../../../../renderer/src/styles/signing.css';

declare global {
  interface Window {
    pad: { strokes: InkStroke[]; png(): string; ink: typeof ink };
  }
}

window.pad = { strokes: [], png: () => signaturePng(window.pad.strokes, () => document.createElement('canvas')), ink };

function Harness() {
  const [strokes, setStrokes] = useState<InkStroke[]>([]);
  return (
    <SignaturePad
      strokes={strokes}
      onStrokesChange={(next) => {
        window.pad.strokes = next;
        setStrokes(next);
      }}
      label="Signature of the Chief Finance Officer"
    />
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Harness />
  </StrictMode>,
);
