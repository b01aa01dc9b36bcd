// Settings → Office seal and signatories: the seal this device pins (creating, importing or pinning it), and each
// signatory's and recorder's key on this device: enrolled and revoked with the administrator present on the seal's
// device, asked for on any other and approved on the seal's device.

import { type ReactNode, useEffect, useRef, useState } from 'react';
import type { OfficeTemplate } from '../../../electron/core/domain/template.ts';
import type { DeviceKeyView, EnrolmentRequestView, TrustStatus } from '../../../electron/core/domain/trust.ts';
import { MIN_PASSPHRASE_LENGTH, MIN_PIN_LENGTH } from '../../../electron/core/domain/trust.ts';
import { Dialog } from '../components/Dialog.tsx';
import { NoticeArea } from '../components/Notice.tsx';
import { FieldFrame } from '../components/record/fields.tsx';
import { formatDate, formatWhen, groupedFingerprint } from '../format.ts';
import { useSyncStore } from '../stores/sync/store.ts';
import { type FormProblems, type RevokeInput, typedFingerprint, useTrustStore } from '../stores/trust/store.ts';

const NO_PROBLEMS: FormProblems = { fields: {}, message: null };

function useProblems(form: string): FormProblems {
  return useTrustStore((s) => s.problems[form]) ?? NO_PROBLEMS;
}

interface SecretProps {
  form: string;
  field: string;
  label: string;
  hint?: string;
  value: string;
  onChange(value: string): void;
  /** A PIN: the number keypad on a tablet. */
  numeric?: boolean;
  type?: 'password' | 'text';
  className?: string;
}

/** One field of a trust form, with its hint and its problem read out with it. */
function TrustField({ form, field, label, hint, value, onChange, numeric, type = 'password', className }: SecretProps) {
  const error = useProblems(form).fields[field];
  const problemCleared = useTrustStore((s) => s.problemCleared);
  const id = `trust-${form}-${field}`;
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      {(describedBy) => (
        <input
          id={id}
          className={className}
          type={type}
          inputMode={numeric ? 'numeric' : undefined}
          autoComplete="off"
          spellCheck={false}
          value={value}
          maxLength={1000}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => {
            problemCleared(form, field);
            onChange(event.target.value);
          }}
        />
      )}
    </FieldFrame>
  );
}

/** A form of this section: its fields, its one announced problem, its button and Cancel. */
function TrustForm({
  form,
  title,
  intro,
  submitLabel,
  danger,
  onSubmit,
  onCancel,
  className,
  children,
}: {
  form: string;
  className?: string;
  title: string;
  intro?: ReactNode;
  submitLabel: string;
  danger?: boolean;
  onSubmit(): Promise<boolean>;
  onCancel?: () => void;
  children: ReactNode;
}) {
  const working = useTrustStore((s) => s.working);
  const message = useProblems(form).message;
  const headingRef = useRef<HTMLHeadingElement>(null);
  // When the form opens, if a button opened it (only those forms have Cancel): what it had at first, not later.
  const [openedByButton] = useState(onCancel !== undefined);
  useEffect(() => {
    if (openedByButton) headingRef.current?.focus();
  }, [openedByButton]);
  return (
    <form
      className={`trust-form${className ? ` ${className}` : ''}`}
      noValidate
      aria-labelledby={`trust-${form}-title`}
      onSubmit={(event) => {
        event.preventDefault();
        void onSubmit();
      }}
    >
      <h4 id={`trust-${form}-title`} ref={headingRef} tabIndex={-1}>
        {title}
      </h4>
      {intro}
      {children}
      <div role="alert" className="trust-form-problem">
        {message && <p className="error-text">{message}</p>}
      </div>
      <div className="form-actions">
        <button
          type="submit"
          className={`button button-primary${danger ? ' button-danger' : ''}`}
          aria-disabled={working !== null}
        >
          {working === form ? 'Working…' : submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

function CreateSealForm() {
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const sealCreateRequested = useTrustStore((s) => s.sealCreateRequested);
  return (
    <TrustForm
      form="create-seal"
      title="Create the office seal"
      intro={
        <p className="trust-warning">
          <strong>The passphrase cannot be recovered.</strong> Without it no one can be enrolled or revoked, and a new
          seal would void every key. Keep it where the office keeps its other secrets.
        </p>
      }
      submitLabel="Create the office seal"
      onSubmit={() => sealCreateRequested({ passphrase, again })}
    >
      <TrustField
        form="create-seal"
        field="passphrase"
        label="Passphrase for the seal"
        hint={`At least ${MIN_PASSPHRASE_LENGTH} characters; a few words are easier to remember than symbols.`}
        value={passphrase}
        onChange={setPassphrase}
      />
      <TrustField form="create-seal" field="again" label="The passphrase again" value={again} onChange={setAgain} />
    </TrustForm>
  );
}

function ImportSealForm() {
  const [file, setFile] = useState<File | null>(null);
  const [p12Passphrase, setP12Passphrase] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const sealImportRequested = useTrustStore((s) => s.sealImportRequested);
  const problemCleared = useTrustStore((s) => s.problemCleared);
  const fileError = useProblems('import-seal').fields.file;
  return (
    <TrustForm
      form="import-seal"
      title="Import the seal from IT (.p12/.pfx)"
      intro={
        <p className="hint">
          When IT issues the office’s certificate. It is kept here under a new passphrase of your own.
        </p>
      }
      submitLabel="Import the seal"
      onSubmit={() => sealImportRequested({ file, p12Passphrase, passphrase, again })}
    >
      <div className={`field${fileError ? ' has-error' : ''}`}>
        <label htmlFor="trust-import-seal-file">The .p12 or .pfx file</label>
        <input
          id="trust-import-seal-file"
          type="file"
          accept=".p12,.pfx,application/x-pkcs12"
          aria-invalid={fileError ? true : undefined}
          aria-describedby={fileError ? 'trust-import-seal-file-error' : undefined}
          onChange={(event) => {
            problemCleared('import-seal', 'file');
            setFile(event.target.files?.[0] ?? null);
          }}
        />
        {fileError && (
          <p id="trust-import-seal-file-error" className="field-error">
            <span aria-hidden="true">! </span>
            {fileError}
          </p>
        )}
      </div>
      <TrustField
        form="import-seal"
        field="p12Passphrase"
        label="The file’s password, from IT"
        value={p12Passphrase}
        onChange={setP12Passphrase}
      />
      <TrustField
        form="import-seal"
        field="passphrase"
        label="New passphrase for the seal"
        hint={`At least ${MIN_PASSPHRASE_LENGTH} characters. It cannot be recovered.`}
        value={passphrase}
        onChange={setPassphrase}
      />
      <TrustField form="import-seal" field="again" label="The new passphrase again" value={again} onChange={setAgain} />
    </TrustForm>
  );
}

function PinSealForm() {
  const [typed, setTyped] = useState('');
  const sealPinRequested = useTrustStore((s) => s.sealPinRequested);
  const digits = typedFingerprint(typed);
  return (
    <TrustForm
      form="pin-seal"
      className="trust-form-wide"
      title="This office already has a seal"
      intro={
        <p className="trust-warning">
          <strong>Read the fingerprint from the administrator’s device, or from IT</strong>, never from the shared
          folder or an email: anyone can write there, and a wrong fingerprint makes this device believe a stranger’s
          seal.
        </p>
      }
      submitLabel="Pin the office seal"
      onSubmit={() => sealPinRequested(typed)}
    >
      <TrustField
        form="pin-seal"
        field="fingerprint"
        type="text"
        label="The seal’s fingerprint (SHA-256)"
        hint="64 digits and letters A–F, in sixteen groups of four as Settings shows them on the administrator’s device. Spaces and colons may be left in."
        value={typed}
        onChange={setTyped}
        className="trust-fingerprint-input"
      />
      {digits && (
        <p className="trust-fingerprint-readback">
          <span className="visually-hidden">As read: </span>
          {/* Two lines of eight groups, as the administrator's device shows it, to compare line by line. */}
          <code className="trust-fingerprint">
            <span className="trust-fingerprint-line">{groupedFingerprint(digits.slice(0, 32))}</span>{' '}
            {digits.length > 32 && (
              <span className="trust-fingerprint-line">{groupedFingerprint(digits.slice(32))}</span>
            )}
          </code>
          <span className="muted">{digits.length} of 64</span>
        </p>
      )}
    </TrustForm>
  );
}

function EnrolForm({
  form,
  kind,
  role,
  title,
  defaultName,
  ask,
  onClose,
}: {
  form: string;
  kind: 'signatory' | 'recorder';
  role: string | null;
  title: string;
  defaultName: string;
  /** On a device without the seal's key: the key is asked for, and approved on the seal's device. */
  ask: boolean;
  onClose(): void;
}) {
  const [name, setName] = useState(defaultName);
  const [pin, setPin] = useState('');
  const [pinAgain, setPinAgain] = useState('');
  const [sealPassphrase, setSealPassphrase] = useState('');
  const enrolRequested = useTrustStore((s) => s.enrolRequested);
  const keyAskRequested = useTrustStore((s) => s.keyAskRequested);
  const whom = kind === 'recorder' ? 'a recorder of paper signatures' : `the ${title}`;
  return (
    <TrustForm
      form={form}
      title={ask ? `Ask for a key for ${whom}` : `Enrol ${whom}`}
      intro={
        ask ? (
          <p className="hint">
            The person chooses their PIN and types it twice. The key is made and kept on this device; the administrator
            approves it on the device that holds the seal, after checking who asked. It signs once both devices have
            synced.
          </p>
        ) : (
          <p className="hint">
            The person enrolled chooses their PIN and types it twice; the administrator enters the seal’s passphrase.
            The key stays on this device.
          </p>
        )
      }
      submitLabel={ask ? 'Ask for a key' : 'Enrol'}
      onCancel={onClose}
      onSubmit={async () => {
        const done = ask
          ? await keyAskRequested(form, { kind, role, title, name, pin, pinAgain })
          : await enrolRequested(form, { kind, role, title, name, pin, pinAgain, sealPassphrase });
        if (done) onClose();
        return done;
      }}
    >
      <TrustField
        form={form}
        field="name"
        type="text"
        label="Name"
        hint="As it is printed under the signature."
        value={name}
        onChange={setName}
      />
      <TrustField
        form={form}
        field="pin"
        label="PIN"
        hint={`At least ${MIN_PIN_LENGTH} digits. Three wrong PINs make the key wait; ten disable it.`}
        numeric
        value={pin}
        onChange={setPin}
      />
      <TrustField form={form} field="pinAgain" label="The PIN again" numeric value={pinAgain} onChange={setPinAgain} />
      {!ask && (
        <TrustField
          form={form}
          field="sealPassphrase"
          label="The seal’s passphrase (administrator)"
          value={sealPassphrase}
          onChange={setSealPassphrase}
        />
      )}
    </TrustForm>
  );
}

/** A key's state in words, never by colour alone. */
function keyState(key: DeviceKeyView): string {
  const cert = key.certificate;
  if (cert?.revokedAt) return `Revoked on ${formatDate(cert.revokedAt)}`;
  if (key.disabled) return 'Disabled after too many wrong PINs: enrol again';
  if (key.waiting) return 'Waiting for the administrator to approve (on the device that holds the seal)';
  if (!cert) return 'Not certified';
  if (cert.notAfter < new Date().toISOString()) return `Expired on ${formatDate(cert.notAfter)}`;
  if (!key.usable) return 'Not certified by the office seal';
  if (key.lockedUntil) return `Locked after wrong PINs until ${formatWhen(key.lockedUntil)}`;
  return `Can sign; valid until ${formatDate(cert.notAfter)}`;
}

function KeyList({
  keys,
  onRevoke,
  canRevoke,
  empty,
}: {
  keys: DeviceKeyView[];
  onRevoke(key: DeviceKeyView): void;
  canRevoke: boolean;
  empty: string;
}) {
  if (keys.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="trust-keys">
      {keys.map((key) => (
        <li
          key={key.id}
          className={key.usable ? 'is-usable' : key.waiting && !key.disabled ? 'is-waiting' : 'is-unusable'}
        >
          <span className="trust-key-name">{key.name}</span>
          <span className="trust-key-state">{keyState(key)}</span>
          {key.certificate && !key.certificate.revokedAt && canRevoke && (
            <button
              type="button"
              className="button button-small button-danger-outline"
              aria-label={`Revoke ${key.name}’s key`}
              onClick={() => onRevoke(key)}
            >
              Revoke
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

function RevokeDialog({ target, onClose }: { target: DeviceKeyView | null; onClose(): void }) {
  const [reason, setReason] = useState<RevokeInput['reason']>('key-compromise');
  const [sealPassphrase, setSealPassphrase] = useState('');
  const revokeRequested = useTrustStore((s) => s.revokeRequested);
  const problemCleared = useTrustStore((s) => s.problemCleared);
  const close = () => {
    problemCleared('revoke');
    setSealPassphrase('');
    onClose();
  };
  return (
    <Dialog
      open={target !== null}
      title={target ? `Revoke ${target.name}’s key?` : 'Revoke'}
      onClose={close}
      className="trust-revoke-dialog"
    >
      {target && (
        <TrustForm
          form="revoke"
          title="What revoking means"
          intro={
            <ul className="trust-revoke-meaning">
              <li>
                From now on this key cannot sign, on this device or any other: signatures it makes after now do not
                hold.
              </li>
              <li>Signatures it made before now still hold.</li>
              <li>It cannot be undone. To sign again, {target.name} is enrolled afresh with a new PIN.</li>
            </ul>
          }
          submitLabel="Revoke the key"
          danger
          onCancel={close}
          onSubmit={async () => {
            const done = await revokeRequested({
              fingerprint: target.certificate!.fingerprint,
              name: target.name,
              reason,
              sealPassphrase,
            });
            if (done) close();
            return done;
          }}
        >
          <div className="field">
            <label htmlFor="trust-revoke-reason">Why</label>
            <select
              id="trust-revoke-reason"
              value={reason}
              onChange={(event) => setReason(event.target.value as RevokeInput['reason'])}
            >
              <option value="key-compromise">The tablet or the PIN may be in someone else’s hands</option>
              <option value="cessation-of-operation">They have left the role</option>
              <option value="superseded">A new key replaces it</option>
              <option value="unspecified">Another reason</option>
            </select>
          </div>
          <TrustField
            form="revoke"
            field="sealPassphrase"
            label="The seal’s passphrase (administrator)"
            value={sealPassphrase}
            onChange={setSealPassphrase}
          />
        </TrustForm>
      )}
    </Dialog>
  );
}

/** What a request asks to be, in the template's words. */
function requestedAs(request: EnrolmentRequestView, template: OfficeTemplate): string {
  if (request.kind === 'publisher') return 'Publishing key: seals what that device publishes';
  if (request.kind === 'recorder') return 'Recorder of paper signatures';
  const signatory = template.signatories.find((s) => s.role === request.role);
  if (!signatory) return `A role this office’s template does not have (${request.role ?? 'none'})`;
  return signatory.decides ? template.commissionerTitle : signatory.label;
}

function RequestList({
  requests,
  template,
  onApprove,
}: {
  requests: EnrolmentRequestView[];
  template: OfficeTemplate;
  onApprove(request: EnrolmentRequestView): void;
}) {
  if (requests.length === 0) {
    return (
      <p className="muted">
        None. A device asks for a key in its own Settings; its request arrives here once it and this device have synced.
      </p>
    );
  }
  return (
    <ul className="trust-requests" aria-label="Requests from other devices">
      {requests.map((request) => {
        const as = requestedAs(request, template);
        return (
          <li key={request.id} className={request.approvedAs ? 'is-approved' : 'is-open'}>
            <div className="trust-request-who">
              <span className="trust-key-name">{request.name}</span>
              <span>{as}</span>
            </div>
            <dl className="trust-request-facts">
              <div>
                <dt>Device</dt>
                <dd>{request.device}</dd>
              </div>
              <div>
                <dt>Asked</dt>
                <dd>
                  <time dateTime={request.requestedAt}>{formatWhen(request.requestedAt)}</time>
                </dd>
              </div>
            </dl>
            {request.approvedAs ? (
              <span className="trust-request-approved">Approved</span>
            ) : (
              <button
                type="button"
                className="button button-small button-primary"
                aria-label={`Approve ${request.name} as ${as}`}
                onClick={() => onApprove(request)}
              >
                Approve
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function ApproveDialog({
  target,
  template,
  onClose,
}: {
  target: EnrolmentRequestView | null;
  template: OfficeTemplate;
  onClose(): void;
}) {
  const [sealPassphrase, setSealPassphrase] = useState('');
  const approveRequested = useTrustStore((s) => s.approveRequested);
  const problemCleared = useTrustStore((s) => s.problemCleared);
  const close = () => {
    problemCleared('approve');
    setSealPassphrase('');
    onClose();
  };
  const as = target ? requestedAs(target, template) : '';
  const signs =
    target?.kind === 'publisher'
      ? 'seal what it publishes as this office'
      : target?.kind === 'recorder'
        ? 'record paper signatures'
        : `sign as ${as}`;
  return (
    <Dialog
      open={target !== null}
      title={target ? `Approve ${target.name} as ${as}?` : 'Approve'}
      onClose={close}
      className="trust-approve-dialog"
    >
      {target && (
        <TrustForm
          form="approve"
          title="Who asked, and for what"
          intro={
            <>
              <dl className="trust-approve-facts">
                <div>
                  <dt>Name</dt>
                  <dd>{target.name}</dd>
                </div>
                <div>
                  <dt>{target.kind === 'signatory' ? 'Role' : 'Key'}</dt>
                  <dd>{as}</dd>
                </div>
                <div>
                  <dt>Device</dt>
                  <dd>{target.device}</dd>
                </div>
                <div>
                  <dt>Asked</dt>
                  <dd>{formatWhen(target.requestedAt)}</dd>
                </div>
              </dl>
              <p className="trust-warning">
                Anyone can leave a request on the shared folder. Approve only when you know {target.name} asked, on{' '}
                {target.device}: the key can then {signs} until it is revoked.
              </p>
            </>
          }
          submitLabel="Approve"
          onCancel={close}
          onSubmit={async () => {
            const done = await approveRequested({
              requestId: target.id,
              who: `${target.name} as ${as}`,
              sealPassphrase,
            });
            if (done) close();
            return done;
          }}
        >
          <TrustField
            form="approve"
            field="sealPassphrase"
            label="The seal’s passphrase (administrator)"
            value={sealPassphrase}
            onChange={setSealPassphrase}
          />
        </TrustForm>
      )}
    </Dialog>
  );
}

/** Whether this device seals what it publishes, and asking for a publishing key when it cannot. */
function Publishing({ status, officeName }: { status: TrustStatus; officeName: string }) {
  const publishKeyRequested = useTrustStore((s) => s.publishKeyRequested);
  const working = useTrustStore((s) => s.working);
  const message = useProblems('publish').message;
  const waiting = status.keys.some((k) => k.kind === 'publisher' && k.waiting);
  const canAsk = !status.canPublish && !waiting && status.seal?.onThisDevice !== true;
  return (
    <div className="trust-signatory">
      <div className="trust-signatory-head">
        <h5>Publishing from this device</h5>
        {canAsk && (
          <button
            type="button"
            className="button button-small"
            aria-disabled={working !== null}
            onClick={() => void publishKeyRequested(officeName)}
          >
            {working === 'publish' ? 'Working…' : 'Let this device publish'}
          </button>
        )}
      </div>
      <p className="trust-key-state">
        {status.canPublish
          ? 'This device seals what it publishes with a key the office seal certified.'
          : waiting
            ? 'Waiting for the administrator to approve this device’s publishing key (on the device that holds the seal).'
            : 'This device has no publishing key: the records it publishes would not be sealed. Another device with one can publish them.'}
      </p>
      <div role="alert" className="trust-form-problem">
        {message && <p className="error-text">{message}</p>}
      </div>
    </div>
  );
}

function SealFacts({ status }: { status: TrustStatus }) {
  const seal = status.seal!;
  const grouped = groupedFingerprint(seal.fingerprint);
  return (
    <dl className="trust-seal">
      <div>
        <dt>Seal</dt>
        <dd>{seal.name}</dd>
      </div>
      <div>
        <dt>Valid until</dt>
        <dd>{formatDate(seal.notAfter)}</dd>
      </div>
      <div>
        <dt>Its key</dt>
        <dd>
          {seal.onThisDevice
            ? 'On this device: enrol and revoke here'
            : 'On the administrator’s device: enrol and revoke there'}
        </dd>
      </div>
      <div className="trust-seal-fingerprint">
        <dt>Fingerprint (SHA-256)</dt>
        <dd>
          <code className="trust-fingerprint">
            <span className="trust-fingerprint-line">{grouped.slice(0, 39)}</span>{' '}
            <span className="trust-fingerprint-line">{grouped.slice(40)}</span>
          </code>
        </dd>
      </div>
    </dl>
  );
}

export function TrustSettings({ template, defaultRecorder }: { template: OfficeTemplate; defaultRecorder: string }) {
  const status = useTrustStore((s) => s.status);
  const phase = useTrustStore((s) => s.phase);
  const loadProblem = useTrustStore((s) => s.loadProblem);
  const notice = useTrustStore((s) => s.notice);
  const trustOpened = useTrustStore((s) => s.trustOpened);
  const problemCleared = useTrustStore((s) => s.problemCleared);
  const [enrolling, setEnrolling] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<DeviceKeyView | null>(null);
  const [approving, setApproving] = useState<EnrolmentRequestView | null>(null);
  const trustRefreshed = useTrustStore((s) => s.trustRefreshed);
  const lastSyncedAt = useSyncStore((s) => s.status?.lastSyncedAt);

  useEffect(() => {
    void trustOpened();
  }, [trustOpened]);

  // A pass brings certificates, the seal and requests: what is shown follows without leaving Settings.
  useEffect(() => {
    if (lastSyncedAt) void trustRefreshed();
  }, [lastSyncedAt, trustRefreshed]);

  const canEnrol = status?.seal?.onThisDevice === true;
  // Without the seal's key, a key is asked for here and approved on the device that holds it.
  const canAsk = !canEnrol && status?.pinned != null;
  const openEnrol = (form: string) => {
    if (enrolling) problemCleared(enrolling);
    setEnrolling(form);
  };
  const closeEnrol = () => {
    if (enrolling) problemCleared(enrolling);
    setEnrolling(null);
  };

  return (
    <section className="settings-group trust-section" aria-labelledby="trust-heading">
      <h3 id="trust-heading">Office seal and signatories</h3>
      <p className="hint">
        Each signatory signs with a key kept on this device under their own PIN. The office seal certifies the keys, and
        every copy of Decision Desk checks signatures against it.
      </p>
      <NoticeArea notice={phase === 'failed' && loadProblem ? { kind: 'error', message: loadProblem } : notice} />
      {!status ? (
        phase === 'loading' && <p className="muted">Reading the office seal…</p>
      ) : (
        <>
          {status.seal ? (
            <SealFacts status={status} />
          ) : status.pinned ? (
            <div className="trust-pending">
              <p>
                <strong>Waiting for the seal’s certificate from the shared folder.</strong> This device pins the office
                seal with the fingerprint
              </p>
              <p>
                <code className="trust-fingerprint">{groupedFingerprint(status.pinned)}</code>
              </p>
              <p>Sync now fetches it once the administrator’s device has synced. Keys can be asked for meanwhile.</p>
            </div>
          ) : (
            <>
              <p>
                This device pins no office seal yet. On the administrator’s device, create it or import the one IT
                issued. On any other device, pin the seal the office already has.
              </p>
              <div className="trust-seal-forms">
                <PinSealForm />
                <CreateSealForm />
                <ImportSealForm />
              </div>
            </>
          )}

          {status.seal && !canEnrol && (
            <p className="hint">
              Enrolling and revoking need the seal’s key, which is on the administrator’s device: here, a key is asked
              for and the administrator approves it there.
            </p>
          )}

          {canEnrol && (
            <>
              <h4 className="trust-subheading">Requests from other devices</h4>
              <RequestList requests={status.requests} template={template} onApprove={setApproving} />
            </>
          )}

          <h4 className="trust-subheading">Signatories’ keys on this device</h4>
          {template.signatories.map((signatory) => {
            const form = `enrol-${signatory.role}`;
            const keys = status.keys.filter((k) => k.kind === 'signatory' && k.role === signatory.role);
            const title = signatory.decides ? template.commissionerTitle : signatory.label;
            return (
              <div key={signatory.role} className="trust-signatory">
                <div className="trust-signatory-head">
                  <h5>{title}</h5>
                  {(canEnrol || canAsk) && enrolling !== form && (
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={canEnrol ? `Enrol the ${title}` : `Ask for a key for the ${title}`}
                      onClick={() => openEnrol(form)}
                    >
                      {canEnrol ? 'Enrol' : 'Ask for a key'}
                    </button>
                  )}
                </div>
                <KeyList keys={keys} canRevoke={canEnrol} onRevoke={setRevoking} empty="No key on this device." />
                {enrolling === form && (
                  <EnrolForm
                    form={form}
                    kind="signatory"
                    role={signatory.role}
                    title={title}
                    defaultName={signatory.defaultName}
                    ask={!canEnrol}
                    onClose={closeEnrol}
                  />
                )}
              </div>
            );
          })}

          <div className="trust-signatory">
            <div className="trust-signatory-head">
              <h5>Recorders of paper signatures</h5>
              {(canEnrol || canAsk) && enrolling !== 'enrol-recorder' && (
                <button type="button" className="button button-small" onClick={() => openEnrol('enrol-recorder')}>
                  {canEnrol ? 'Enrol a recorder' : 'Ask for a recorder’s key'}
                </button>
              )}
            </div>
            <KeyList
              keys={status.keys.filter((k) => k.kind === 'recorder')}
              canRevoke={canEnrol}
              onRevoke={setRevoking}
              empty="No recorder on this device. A signatory’s key can record paper signatures too."
            />
            {enrolling === 'enrol-recorder' && (
              <EnrolForm
                form="enrol-recorder"
                kind="recorder"
                role={null}
                title="a recorder"
                defaultName={defaultRecorder}
                ask={!canEnrol}
                onClose={closeEnrol}
              />
            )}
          </div>
          {status.pinned && <Publishing status={status} officeName={template.officeName} />}
          {status.revocationsAsOf && <p className="hint">Revocations as of {formatWhen(status.revocationsAsOf)}.</p>}
        </>
      )}
      <RevokeDialog target={revoking} onClose={() => setRevoking(null)} />
      <ApproveDialog target={approving} template={template} onClose={() => setApproving(null)} />
    </section>
  );
}
