// Signing mode's panel for one signatory: sign on the pad, decline with a reason, or record a paper signature;
// and the assistant's Return to draft.

import { type ReactNode, useId } from 'react';
import type { SignatoryStep } from '../stores/signing/selectors.ts';
import { signingSelectors } from '../stores/signing/selectors.ts';
import { useSigningStore } from '../stores/signing/store.ts';
import { SignaturePad } from '../components/SignaturePad.tsx';
import { usePasteLimit } from '../components/paste-limit.ts';
import { signaturePng } from '../components/ink.ts';
import { messageOf } from '../errors.ts';
import { scanToPng } from '../stores/signing/files.ts';
import { formatWhen } from '../format.ts';
import { localDate } from '../stores/signing/actions.ts';

interface FieldProps {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: (describedBy: string | undefined) => ReactNode;
}

/** A labelled field with its hint and its error, both read out with it. */
function Field({ id, label, hint, error, children }: FieldProps) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`signing-field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          <span aria-hidden="true">! </span>
          {error}
        </p>
      )}
      {children(describedBy)}
    </div>
  );
}

function NameField() {
  const name = useSigningStore((s) => s.name);
  const error = useSigningStore((s) => s.fieldErrors.name);
  const nameEdited = useSigningStore((s) => s.nameEdited);
  return (
    <Field id="signing-name" label="Name of the person signing" error={error}>
      {(describedBy) => (
        <input
          id="signing-name"
          type="text"
          value={name}
          maxLength={200}
          autoComplete="name"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => nameEdited(event.target.value)}
        />
      )}
    </Field>
  );
}

function CommentsField() {
  const comments = useSigningStore((s) => s.comments);
  const commentsEdited = useSigningStore((s) => s.commentsEdited);
  const paste = usePasteLimit(20_000);
  return (
    <Field id="signing-comments" label="Comments (optional)" error={paste.message ?? undefined}>
      {(describedBy) => (
        <textarea
          id="signing-comments"
          rows={2}
          value={comments}
          maxLength={20_000}
          aria-describedby={describedBy}
          onChange={(event) => {
            paste.changed();
            commentsEdited(event.target.value);
          }}
          onPaste={paste.onPaste}
          onDrop={paste.onDrop}
        />
      )}
    </Field>
  );
}

function ReasonField({ label, hint }: { label: string; hint: string }) {
  const reason = useSigningStore((s) => s.reason);
  const error = useSigningStore((s) => s.fieldErrors.reason);
  const reasonEdited = useSigningStore((s) => s.reasonEdited);
  const paste = usePasteLimit(5_000);
  return (
    <Field id="signing-reason" label={label} hint={hint} error={paste.message ?? error}>
      {(describedBy) => (
        <textarea
          id="signing-reason"
          rows={4}
          value={reason}
          maxLength={5_000}
          required
          aria-required="true"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => {
            paste.changed();
            reasonEdited(event.target.value);
          }}
          onPaste={paste.onPaste}
          onDrop={paste.onDrop}
        />
      )}
    </Field>
  );
}

function SignForm({ step }: { step: SignatoryStep }) {
  const strokes = useSigningStore((s) => s.strokes);
  const strokesChanged = useSigningStore((s) => s.strokesChanged);
  const canSign = useSigningStore(signingSelectors.canSign);
  const working = useSigningStore(signingSelectors.isWorking);
  const { signRequested, problemShown, panelChosen } = useSigningStore.getState();
  const hintId = useId();

  async function sign() {
    let image: string;
    try {
      image = signaturePng(strokes, () => document.createElement('canvas'));
    } catch (error) {
      problemShown(messageOf(error));
      return;
    }
    await signRequested(image);
  }

  return (
    <form
      className="signing-form"
      onSubmit={(event) => {
        event.preventDefault();
        void sign();
      }}
    >
      <div className="signing-who">
        <NameField />
        <CommentsField />
      </div>
      <div className="signing-field">
        <p className="signing-pad-label">Signature</p>
        <p id={hintId} className="hint">
          Sign in the box with the pen or a finger.
          <span className="visually-hidden"> If you cannot sign on the screen, record a paper signature instead.</span>
        </p>
        <SignaturePad
          strokes={strokes}
          onStrokesChange={strokesChanged}
          label={`Signature of the ${step.title}`}
          describedBy={hintId}
          disabled={working}
          countId={`${hintId}-count`}
          actions={
            <button
              type="submit"
              className="button button-primary button-large signing-sign"
              disabled={!canSign}
              aria-describedby={`${hintId}-count`}
            >
              {working ? 'Signing…' : 'Sign'}
            </button>
          }
        />
      </div>
      <div className="signing-alternatives">
        <button type="button" className="button" onClick={() => panelChosen('paper')}>
          Record a paper signature…
        </button>
        <button type="button" className="button button-danger-outline" onClick={() => panelChosen('decline')}>
          Decline to sign…
        </button>
      </div>
    </form>
  );
}

/** A step other than signing on the pad (decline, paper, return): its form, with the step's button and Cancel. */
function StepForm({
  title,
  intro,
  submitLabel,
  danger,
  onSubmit,
  children,
}: {
  title: string;
  intro: string;
  submitLabel: string;
  danger?: boolean;
  onSubmit: () => Promise<unknown>;
  children: ReactNode;
}) {
  const working = useSigningStore(signingSelectors.isWorking);
  const panelChosen = useSigningStore((s) => s.panelChosen);
  return (
    <form
      className="signing-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void onSubmit();
      }}
    >
      <h3>{title}</h3>
      <p>{intro}</p>
      {children}
      <div className="signing-actions">
        <button type="submit" className={`button ${danger ? 'button-danger' : 'button-primary'} button-large`} disabled={working}>
          {submitLabel}
        </button>
        <button type="button" className="button button-large" onClick={() => panelChosen('sign')}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function DeclineForm() {
  const declineRequested = useSigningStore((s) => s.declineRequested);
  return (
    <StepForm
      title="Decline to sign"
      intro="The record goes back to the assistant as a draft, with your reason. Any signatures already on it are voided."
      submitLabel="Decline and return to draft"
      danger
      onSubmit={declineRequested}
    >
      <NameField />
      <ReasonField label="Reason for declining (required)" hint="The assistant sees this with the record." />
    </StepForm>
  );
}

function PaperForm() {
  const paper = useSigningStore((s) => s.paper);
  const dateError = useSigningStore((s) => s.fieldErrors.signedOn);
  const scanError = useSigningStore((s) => s.fieldErrors.scan);
  const { paperSignatureRequested, paperDateEdited, paperScanChosen, scanRefused } = useSigningStore.getState();

  async function scanPicked(file: File | undefined) {
    if (!file) return;
    try {
      paperScanChosen(await scanToPng(file), file.name);
    } catch (error) {
      scanRefused(messageOf(error));
    }
  }

  return (
    <StepForm
      title="Record a paper signature"
      intro="For a form printed and signed by hand. Its date is the day it was signed."
      submitLabel="Record paper signature"
      onSubmit={paperSignatureRequested}
    >
      <NameField />
      <Field id="signing-date" label="Date signed" error={dateError}>
        {(describedBy) => (
          <input
            id="signing-date"
            type="date"
            value={paper.signedOn}
            max={localDate()}
            required
            aria-invalid={dateError ? true : undefined}
            aria-describedby={describedBy}
            onChange={(event) => paperDateEdited(event.target.value)}
          />
        )}
      </Field>
      <CommentsField />
      <Field id="signing-scan" label="Scan of the signed page (optional)" hint="A PNG or JPEG image." error={scanError}>
        {(describedBy) => (
          <input
            id="signing-scan"
            type="file"
            accept="image/png,image/jpeg"
            aria-invalid={scanError ? true : undefined}
            aria-describedby={describedBy}
            onChange={(event) => void scanPicked(event.target.files?.[0])}
          />
        )}
      </Field>
      {paper.scan && (
        <figure className="signing-scan">
          <img src={paper.scan} alt={`Scan of the signed page (${paper.scanName ?? 'image'})`} />
          <figcaption>
            {paper.scanName}{' '}
            <button type="button" className="button" onClick={() => paperScanChosen(null, null)}>
              Remove the scan
            </button>
          </figcaption>
        </figure>
      )}
    </StepForm>
  );
}

/** The assistant's way out while signatures are awaited: the record goes back to draft, with a reason. */
export function ReturnForm() {
  const returnToDraftRequested = useSigningStore((s) => s.returnToDraftRequested);
  return (
    <StepForm
      title="Return to draft"
      intro="The record can be edited again. Any signatures on it are voided; they stay in its history."
      submitLabel="Return to draft"
      danger
      onSubmit={returnToDraftRequested}
    >
      <ReasonField label="Reason (required)" hint="Kept in the record's audit trail and shown with the draft." />
    </StepForm>
  );
}

/** The panel's body for the active signatory: signed, not yet allowed (and why), or the chosen form. */
export function SignatoryPanel({ step }: { step: SignatoryStep }) {
  const panel = useSigningStore((s) => s.panel);
  const signature = step.signOff?.signature ?? null;
  if (step.signed && signature) {
    return (
      <p className="signing-state signing-state-done">
        Signed by {signature.signedBy}
        {signature.method === 'paper' ? ' on paper' : ''}, <time dateTime={signature.signedAt}>{formatWhen(signature.signedAt)}</time>.
      </p>
    );
  }
  if (panel === 'decline') return <DeclineForm />;
  if (!step.check.ok) {
    return (
      <>
        <p className="signing-state signing-state-waiting">{step.check.reason}</p>
        <div className="signing-alternatives">
          <button
            type="button"
            className="button button-danger-outline"
            onClick={() => useSigningStore.getState().panelChosen('decline')}
          >
            Decline to sign…
          </button>
        </div>
      </>
    );
  }
  if (panel === 'paper') return <PaperForm />;
  return <SignForm step={step} />;
}
