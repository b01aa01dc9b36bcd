// Signing mode's panel for one signatory: sign on the pad, decline with a reason, or record a paper signature;
// and the assistant's Return to draft.

import { type ReactNode, useId } from 'react';
import { intentStatement } from '../../../electron/core/domain/signing.ts';
import type { DeviceKeyView } from '../../../electron/core/domain/trust.ts';
import { recorderKeys, roleKeys, type SignatoryStep } from '../stores/signing/selectors.ts';
import { signingSelectors } from '../stores/signing/selectors.ts';
import { useUiStore } from '../stores/ui/store.ts';
import { useSigningStore } from '../stores/signing/store.ts';
import { SignaturePad } from '../components/SignaturePad.tsx';
import { usePasteLimit } from '../components/paste-limit.ts';
import { signaturePng } from '../ink.ts';
import { messageOf } from '../errors.ts';
import { scanToPng } from '../stores/signing/files.ts';
import { formatDate, formatWhen } from '../format.ts';
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

/** The PIN that opens a key on this device: a password field with a number keypad, never remembered by the browser. */
function PinField({ id, label, hint }: { id: string; label: string; hint?: string }) {
  const pin = useSigningStore((s) => s.pin);
  const error = useSigningStore((s) => s.fieldErrors.pin);
  const pinEdited = useSigningStore((s) => s.pinEdited);
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {(describedBy) => (
        <input
          id={id}
          className="signing-pin"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          value={pin}
          maxLength={200}
          required
          aria-required="true"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => pinEdited(event.target.value)}
        />
      )}
    </Field>
  );
}

/** The sentence that is signed, word for word, shown before the PIN is asked for. */
function IntentStatement({ id, text }: { id: string; text: string }) {
  return (
    <div className="signing-intent">
      <p className="signing-intent-label" id={`${id}-label`}>
        What you sign
      </p>
      <blockquote id={id} aria-labelledby={`${id}-label`}>
        <p>{text}</p>
      </blockquote>
    </div>
  );
}

/** A key's state in words: why it cannot sign, or when it can again. */
function keyState(key: DeviceKeyView): string {
  if (key.certificate?.revokedAt) return 'revoked';
  if (key.disabled) return 'disabled after too many wrong PINs';
  if (!key.certificate) return 'not certified';
  if (key.certificate.notAfter < new Date().toISOString()) return `expired on ${formatDate(key.certificate.notAfter)}`;
  if (!key.usable) return 'not certified by this office’s seal';
  if (key.lockedUntil) return `locked after wrong PINs until ${formatWhen(key.lockedUntil)}`;
  return `valid until ${formatDate(key.certificate.notAfter)}`;
}

/** Who signs: the holder of the key enrolled for the role, or a choice when more than one is. */
function SignerLine({ keys }: { keys: DeviceKeyView[] }) {
  const keyId = useSigningStore((s) => s.keyId);
  const keyChosen = useSigningStore((s) => s.keyChosen);
  const key = keys.find((k) => k.id === keyId) ?? keys[0]!;
  if (keys.length > 1) {
    return (
      <Field id="signing-key" label="Who is signing" hint="Each of these is enrolled for this role on this device.">
        {(describedBy) => (
          <select
            id="signing-key"
            value={key.id}
            aria-describedby={describedBy}
            onChange={(event) => keyChosen(event.target.value)}
          >
            {keys.map((k) => (
              <option key={k.id} value={k.id}>
                {k.name} ({keyState(k)})
              </option>
            ))}
          </select>
        )}
      </Field>
    );
  }
  return (
    <p className="signing-signer">
      Signing as <strong>{key.name}</strong>, with the key enrolled on this device ({keyState(key)}).
    </p>
  );
}

/** No key for the role on this device: say so, and where keys come from, rather than offer a pad that cannot sign. */
function NoKey({ step, keys }: { step: SignatoryStep; keys: DeviceKeyView[] }) {
  const panelChosen = useSigningStore((s) => s.panelChosen);
  return (
    <>
      <div className="signing-state signing-state-waiting">
        {keys.length === 0 ? (
          <p>There is no signing key for the {step.title} on this device, so they cannot sign here yet.</p>
        ) : (
          <p>
            The {step.title}’s key on this device cannot sign:{' '}
            {keys.map((k) => `${k.name}’s is ${keyState(k)}`).join('; ')}.
          </p>
        )}
        <p>
          The administrator enrols signatories in Settings, under “Office seal and signatories”, with the seal’s
          passphrase; the signatory chooses their PIN there.
        </p>
        <button type="button" className="button" onClick={() => useUiStore.getState().viewChosen('settings')}>
          Open Settings
        </button>
      </div>
      <div className="signing-alternatives">
        <button type="button" className="button" onClick={() => panelChosen('paper')}>
          Record a paper signature…
        </button>
        <button type="button" className="button button-danger-outline" onClick={() => panelChosen('decline')}>
          Decline to sign…
        </button>
      </div>
    </>
  );
}

function TypedNameField({ enrolled }: { enrolled: string }) {
  const typedName = useSigningStore((s) => s.typedName);
  const error = useSigningStore((s) => s.fieldErrors.typedName);
  const typedNameEdited = useSigningStore((s) => s.typedNameEdited);
  return (
    <Field
      id="signing-typed-name"
      label="Type your name to sign"
      hint={`As it is enrolled: ${enrolled}.`}
      error={error}
    >
      {(describedBy) => (
        <input
          id="signing-typed-name"
          type="text"
          value={typedName}
          maxLength={200}
          autoComplete="off"
          spellCheck={false}
          required
          aria-required="true"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => typedNameEdited(event.target.value)}
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
  const record = useSigningStore((s) => s.record);
  const template = useSigningStore((s) => s.template);
  const trust = useSigningStore((s) => s.trust);
  const name = useSigningStore((s) => s.name);
  const signMethod = useSigningStore((s) => s.signMethod);
  const { signRequested, problemShown, panelChosen, signMethodChosen } = useSigningStore.getState();
  const hintId = useId();
  const intentId = `${hintId}-intent`;
  const keys = roleKeys(trust, step.role);

  // Without the keys (trust.status failed) the pad stays: the service says in words why it cannot sign.
  if (trust && keys.usable.length === 0) return <NoKey step={step} keys={keys.all} />;

  const typed = signMethod === 'typed';
  const intent = record && template ? intentStatement(record, template, step.role, name.trim() || '…', signMethod) : '';

  async function sign() {
    if (typed) {
      await signRequested(null);
      return;
    }
    let image: string;
    try {
      image = signaturePng(strokes, () => document.createElement('canvas'));
    } catch (error) {
      problemShown(messageOf(error));
      return;
    }
    await signRequested(image);
  }

  const signButton = (
    <button
      type="submit"
      className="button button-primary button-large signing-sign"
      disabled={!canSign}
      aria-describedby={typed ? intentId : `${intentId} ${hintId}-count`}
    >
      {working ? 'Signing…' : 'Sign'}
    </button>
  );

  return (
    <form
      className="signing-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void sign();
      }}
    >
      {keys.usable.length > 0 ? <SignerLine keys={keys.usable} /> : <NameField />}
      <CommentsField />
      {intent && <IntentStatement id={intentId} text={intent} />}
      {typed ? (
        <div className="signing-typed">
          <TypedNameField enrolled={name.trim()} />
          <div className="signing-pin-row">
            <PinField id="signing-pin" label="Your PIN" />
            {signButton}
          </div>
          <button type="button" className="button signing-method-switch" onClick={() => signMethodChosen('drawn')}>
            Sign with the pen instead
          </button>
        </div>
      ) : (
        <div className="signing-field">
          <p className="signing-pad-label">Signature</p>
          <p id={hintId} className="hint">
            Sign in the box with the pen or a finger, then enter your PIN.
            <span className="visually-hidden"> If you cannot use the pen, choose Sign without drawing.</span>
          </p>
          <SignaturePad
            strokes={strokes}
            onStrokesChange={strokesChanged}
            label={`Signature of the ${step.title}`}
            describedBy={hintId}
            disabled={working}
            countId={`${hintId}-count`}
            actions={
              <>
                <PinField id="signing-pin" label="Your PIN" />
                {signButton}
              </>
            }
          />
        </div>
      )}
      <div className="signing-alternatives">
        {!typed && (
          <button type="button" className="button" onClick={() => signMethodChosen('typed')}>
            Sign without drawing…
          </button>
        )}
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
        <button
          type="submit"
          className={`button ${danger ? 'button-danger' : 'button-primary'} button-large`}
          disabled={working}
        >
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
      <PinField id="signing-decline-pin" label="Your PIN" hint="You decline with your own key, as you would sign." />
    </StepForm>
  );
}

function PaperForm() {
  const paper = useSigningStore((s) => s.paper);
  const dateError = useSigningStore((s) => s.fieldErrors.signedOn);
  const scanError = useSigningStore((s) => s.fieldErrors.scan);
  const recorderError = useSigningStore((s) => s.fieldErrors.recorder);
  const trust = useSigningStore((s) => s.trust);
  const recorderKeyId = useSigningStore((s) => s.recorderKeyId);
  const record = useSigningStore((s) => s.record);
  const template = useSigningStore((s) => s.template);
  const role = useSigningStore((s) => s.activeRole);
  const { paperSignatureRequested, paperDateEdited, paperScanChosen, scanRefused, recorderChosen } =
    useSigningStore.getState();
  const recorders = recorderKeys(trust);
  const recorder = recorders.find((k) => k.id === recorderKeyId) ?? null;
  const intentId = useId();
  const intent =
    record && template && role && recorder ? intentStatement(record, template, role, recorder.name, 'paper') : '';

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
      {recorders.length === 0 ? (
        <div className="signing-state signing-state-waiting">
          <p>
            A paper signature is recorded with the key of the person recording it, and no one has a key on this device
            yet. The administrator enrols a recorder in Settings, under “Office seal and signatories”.
          </p>
          <button type="button" className="button" onClick={() => useUiStore.getState().viewChosen('settings')}>
            Open Settings
          </button>
        </div>
      ) : (
        <>
          <Field
            id="signing-recorder"
            label="Recorded by"
            hint="The person recording the paper signature, with their key on this device."
            error={recorderError}
          >
            {(describedBy) => (
              <select
                id="signing-recorder"
                value={recorder?.id ?? ''}
                aria-invalid={recorderError ? true : undefined}
                aria-describedby={describedBy}
                onChange={(event) => recorderChosen(event.target.value)}
              >
                {!recorder && <option value="">Choose…</option>}
                {recorders.map((k) => (
                  <option key={k.id} value={k.id}>
                    {k.name} (
                    {k.kind === 'recorder'
                      ? 'recorder'
                      : (template?.signatories.find((s) => s.role === k.role)?.label ?? k.role)}
                    )
                  </option>
                ))}
              </select>
            )}
          </Field>
          {intent && <IntentStatement id={intentId} text={intent} />}
          <PinField
            id="signing-recorder-pin"
            label={recorder ? `PIN of ${recorder.name}` : 'PIN of the person recording it'}
          />
        </>
      )}
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
        {signature.method === 'paper' ? ' on paper' : ''},{' '}
        <time dateTime={signature.signedAt}>{formatWhen(signature.signedAt)}</time>.
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
