// Signing mode: the whole window on a tablet, the record as it prints beside one signatory's panel at a time.

import { useEffect, useMemo, useRef, useState } from 'react';
import { NoticeArea } from '../components/Notice.tsx';
import { PreviewFrame } from '../components/PreviewFrame.tsx';
import { RichTextView } from '../components/RichTextView.tsx';
import { StatusTag } from '../components/StatusTag.tsx';
import { referenceOf, UNTITLED } from '../format.ts';
import { type SignatoryStep, signatorySteps, signingSelectors } from '../stores/signing/selectors.ts';
import { useSigningStore } from '../stores/signing/store.ts';
import { useEditorStore } from '../stores/editor/store.ts';
import { useUiStore } from '../stores/ui/store.ts';
import { ReturnForm, SignatoryPanel } from './SigningPanel.tsx';
import '../styles/signing.css';

function stepState(step: SignatoryStep): string {
  if (step.signed) return `Signed by ${step.signOff?.signature?.signedBy ?? ''}`.trim();
  if (step.check.ok) return 'Ready to sign';
  if (!step.needed) return 'Optional: the decision does not wait for this signature';
  if (step.decides) return 'Signs last';
  return step.orElse.length > 0 ? `Still needed, or ${step.orElse.join(' or ')}` : 'Still needed';
}

/** Who the record still needs, in signing order: "Still needed: Chief Finance Officer and Monitoring Officer." */
function stillNeededLine(steps: SignatoryStep[]): string | null {
  const names: string[] = [];
  const named = new Set<string>();
  for (const step of steps.filter((s) => s.needed)) {
    if (named.has(step.title)) continue;
    // A "one of" group is one signature: "Chief Executive or Chief of Staff".
    const group = [step.title, ...step.orElse.filter((title) => steps.some((s) => s.title === title && s.needed))];
    group.forEach((title) => named.add(title));
    names.push(group.join(' or '));
  }
  if (names.length === 0) return null;
  // With an "or" among them, semicolons keep each signature apart: "A; B or C; D".
  const list = names.some((n) => n.includes(' or '))
    ? names.join('; ')
    : names.length > 1
      ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
      : names[0];
  return `Still needed: ${list}.`;
}

function SignatorySteps({ steps, activeRole }: { steps: SignatoryStep[]; activeRole: string | null }) {
  const signatoryChosen = useSigningStore((s) => s.signatoryChosen);
  return (
    <ol className="signing-steps" aria-label="Signatories, in signing order">
      {steps.map((step) => (
        <li key={step.role}>
          <button
            type="button"
            className={`signing-step${step.signed ? ' is-signed' : ''}`}
            aria-current={step.role === activeRole ? 'step' : undefined}
            onClick={() => signatoryChosen(step.role)}
          >
            <span className="signing-step-mark" aria-hidden="true">
              {step.signed ? '✓' : ''}
            </span>
            <span className="signing-step-text">
              <span className="signing-step-title">{step.title}</span>
              <span className="signing-step-state">{stepState(step)}</span>
            </span>
          </button>
        </li>
      ))}
    </ol>
  );
}

/** Signing mode with no record open: the records awaiting signatures, to choose one. */
function AwaitingPicker() {
  const awaiting = useSigningStore((s) => s.awaiting);
  const problem = useSigningStore((s) => s.awaitingProblem);
  useEffect(() => {
    void useSigningStore.getState().awaitingListRequested();
  }, []);

  async function choose(id: string) {
    await useEditorStore.getState().recordOpened(id);
    useUiStore.getState().viewChosen('signing');
  }

  if (problem)
    return (
      <p className="signing-state signing-state-waiting">
        The records awaiting signatures could not be listed. {problem}
      </p>
    );
  if (!awaiting) return <p>Finding the records awaiting signatures…</p>;
  if (awaiting.length === 0)
    return <p>No record is awaiting signatures. Submit a record for signatures from its page first.</p>;
  return (
    <ul className="signing-awaiting">
      {awaiting.map((summary) => (
        <li key={summary.id}>
          <button type="button" className="signing-step" onClick={() => void choose(summary.id)}>
            <span className="signing-step-text">
              <span className="signing-step-title">{referenceOf(summary)}</span>
              <span className="signing-step-state">{summary.title || UNTITLED}</span>
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

/**
 * What the signatory is signing, quoted where they sign: the reference, the title and the decision itself, with the
 * whole record one tap away (upright, the printed record gives its room to the pad until asked for).
 */
function DecisionQuote({ reading, readingChosen }: { reading: boolean; readingChosen: (reading: boolean) => void }) {
  const record = useSigningStore(signingSelectors.record);
  const template = useSigningStore(signingSelectors.template);
  if (!record || !template) return null;
  return (
    <section className="signing-decision" aria-labelledby="signing-decision-heading">
      <h2 id="signing-decision-heading" className="signing-decision-heading">
        The decision you are signing
      </h2>
      <p className="signing-decision-record">
        <span className="signing-decision-reference">{referenceOf(record)}</span> {record.title || UNTITLED}
      </p>
      <figure className="signing-decision-text">
        <figcaption className="signing-decision-label">{template.labels.decision}</figcaption>
        <blockquote>
          <RichTextView markdown={record.decision} />
        </blockquote>
      </figure>
      <button
        type="button"
        className="button signing-read-toggle"
        aria-expanded={reading}
        aria-controls="signing-preview"
        onClick={() => readingChosen(!reading)}
      >
        {reading ? 'Back to the signature' : 'Read the whole record'}
      </button>
    </section>
  );
}

export function SigningView() {
  const openRecordId = useEditorStore((s) => s.record?.id ?? null);
  const record = useSigningStore(signingSelectors.record);
  const template = useSigningStore(signingSelectors.template);
  const previewHtml = useSigningStore((s) => s.previewHtml);
  const activeRole = useSigningStore(signingSelectors.activeRole);
  const panel = useSigningStore((s) => s.panel);
  const notice = useSigningStore((s) => s.notice);
  const phase = useSigningStore((s) => s.phase);
  const { panelChosen } = useSigningStore.getState();
  const steps = useMemo(() => (record && template ? signatorySteps(record, template) : []), [record, template]);
  const active = steps.find((step) => step.role === activeRole) ?? null;
  const title = useRef<HTMLHeadingElement>(null);
  const panelHeading = useRef<HTMLHeadingElement>(null);
  const shownRole = useRef<string | null>(null);
  const [reading, readingChosen] = useState(false);

  // Signing mode is for the record open in the window; leaving it forgets any ink not signed.
  useEffect(() => {
    if (openRecordId) void useSigningStore.getState().signingOpened(openRecordId);
    return () => useSigningStore.getState().signingClosed();
  }, [openRecordId]);

  // Entering signing mode puts the focus at its top; a new signatory's panel takes it when it changes.
  useEffect(() => title.current?.focus(), []);
  useEffect(() => {
    if (shownRole.current !== null && activeRole !== shownRole.current) panelHeading.current?.focus();
    shownRole.current = activeRole;
  }, [activeRole]);

  function leave() {
    useUiStore.getState().viewChosen(openRecordId ? 'record' : 'register');
  }

  const awaiting = record?.status === 'awaiting-signatures';
  const heading = !openRecordId
    ? 'Choose a record to sign'
    : panel === 'return'
      ? 'Return to draft'
      : record?.status === 'draft'
        ? 'This record is a draft'
        : record?.status === 'decided' || record?.status === 'published'
          ? 'Every signature is in'
          : (active?.title ?? 'Signatory');

  return (
    <div className="signing-mode">
      <header className="signing-header">
        <div className="signing-header-text">
          <h1 ref={title} tabIndex={-1}>
            Signing mode
          </h1>
          {record && (
            <p className="signing-record-line">
              <span className="signing-reference">{referenceOf(record)}</span>
              <span className="signing-title">{record.title || UNTITLED}</span>
              <StatusTag status={record.status} />
            </p>
          )}
        </div>
        <div className="signing-header-actions">
          {awaiting && panel !== 'return' && (
            <button type="button" className="button button-on-dark" onClick={() => panelChosen('return')}>
              Return to draft…
            </button>
          )}
          <button type="button" className="button button-on-dark" onClick={leave}>
            Leave signing mode
          </button>
        </div>
      </header>

      <main className={`signing-body${reading ? ' is-reading' : ''}${record ? ' has-record' : ''}`}>
        {record && <DecisionQuote reading={reading} readingChosen={readingChosen} />}
        <section id="signing-preview" className="signing-preview" aria-label="The record as it will print">
          {previewHtml && record ? (
            <PreviewFrame
              className="signing-preview-frame"
              html={previewHtml}
              title={`Record of Decision ${record.reference ?? ''} as it will print`.replace(/\s+/g, ' ')}
            />
          ) : (
            <p className="signing-loading">
              {phase === 'loading' ? 'Opening the record…' : 'The preview is not available.'}
            </p>
          )}
        </section>

        {steps.length > 0 && (
          // Beside the decision when the tablet is sideways, so the panel keeps its height for the pad.
          <div className="signing-progress">
            <SignatorySteps steps={steps} activeRole={activeRole} />
            {awaiting && stillNeededLine(steps) && <p className="signing-still-needed">{stillNeededLine(steps)}</p>}
          </div>
        )}

        <section className="signing-panel" aria-labelledby="signing-panel-heading">
          <h2 id="signing-panel-heading" ref={panelHeading} tabIndex={-1}>
            {heading}
          </h2>
          <NoticeArea notice={notice} />
          {record && panel === 'return' && awaiting && <ReturnForm />}
          {record && panel !== 'return' && awaiting && active && <SignatoryPanel step={active} />}
          {!openRecordId && <AwaitingPicker />}
          {record && !awaiting && (
            <div className="signing-finished">
              <p>
                {record.status === 'draft'
                  ? 'Only a record submitted for signatures can be signed. The assistant edits it and submits it; then it can be signed here.'
                  : 'The record is decided. It can now be exported and published.'}
              </p>
              <button type="button" className="button button-primary button-large" onClick={leave}>
                Leave signing mode
              </button>
            </div>
          )}
        </section>
      </main>
    </div>
  );
}
