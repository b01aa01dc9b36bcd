// How views read signing: the signatories in the template's order, who may sign now and why not, and return notes.

import {
  canSign,
  type SignCheck,
  signatoryName,
  signatureProblem,
  stillNeeded,
} from '../../../../electron/core/domain/signing.ts';
import type { DecisionRecord, SignOff } from '../../../../electron/core/domain/record.ts';
import type { OfficeTemplate } from '../../../../electron/core/domain/template.ts';
import type { AuditEntry } from '../../../../electron/core/domain/views.ts';
import type { DeviceKeyView, TrustStatus } from '../../../../electron/core/domain/trust.ts';
import { hasInk } from '../../ink.ts';
import type { SigningStore } from './store.ts';

export interface SignatoryStep {
  role: string;
  /** The name for sentences ("Chief Finance Officer", "Police and Crime Commissioner for Kent"). */
  title: string;
  signOff: SignOff | null;
  /** Signed, and the signature still holds. */
  signed: boolean;
  /** The one who decides, and so signs last (the Commissioner). */
  decides: boolean;
  /**
   * Whether the record still needs this signature before it is decided: false once signed, for an optional officer,
   * and for the others of a "one of" group once one of them has signed.
   */
  needed: boolean;
  /** For a "one of" signatory: the titles of the others of its group, one signature from whom also does. */
  orElse: string[];
  /** Whether the role may sign now, and if not, why: the domain's own words. */
  check: SignCheck;
}

/**
 * The record's signatories, in the template's order (the officers first, the decision maker last): only the sign-offs
 * the record has, so a record decided by a Deputy shows the Deputy and not the Commissioner.
 */
export function signatorySteps(record: DecisionRecord, template: OfficeTemplate): SignatoryStep[] {
  const needed = stillNeeded(record, template);
  const known = template.signatories.filter((signatory) => record.signOffs.some((s) => s.role === signatory.role));
  // A sign-off whose role the template does not know (a record from elsewhere) is still shown, under its role.
  const unknown = record.signOffs
    .filter((s) => !template.signatories.some((signatory) => signatory.role === s.role))
    .map((s) => ({ role: s.role, decides: false }));
  return [...known, ...unknown].map((signatory) => {
    const signOff = record.signOffs.find((s) => s.role === signatory.role) ?? null;
    const group = template.signatories.find((t) => t.role === signatory.role && t.need === 'one-of')?.group;
    const orElse = group
      ? known
          .filter((o) => o.role !== signatory.role && o.need === 'one-of' && o.group === group)
          .map((o) => signatoryName(template, o.role))
      : [];
    return {
      needed: needed.has(signatory.role),
      orElse,
      role: signatory.role,
      title: signatoryName(template, signatory.role),
      signOff,
      signed: signOff !== null && signOff.signature !== null && signatureProblem(record, signOff) === null,
      decides: signatory.decides,
      check: canSign(record, template, signatory.role),
    };
  });
}

/** Whose panel to show: the first who may sign now, else the first still to sign, else the first. */
export function nextSignatory(record: DecisionRecord, template: OfficeTemplate): string | null {
  const steps = signatorySteps(record, template);
  return (steps.find((s) => s.check.ok) ?? steps.find((s) => !s.signed) ?? steps[0])?.role ?? null;
}

/** The name to prefill: the one on the record's sign-off, else the template's holder of the role. */
export function prefilledName(record: DecisionRecord, template: OfficeTemplate, role: string): string {
  const onRecord = record.signOffs.find((s) => s.role === role)?.name.trim();
  return onRecord || template.signatories.find((s) => s.role === role)?.defaultName.trim() || '';
}

/** This device's signatory keys for a role: all of them, and those that can sign now. */
export function roleKeys(
  trust: TrustStatus | null,
  role: string | null,
): { all: DeviceKeyView[]; usable: DeviceKeyView[] } {
  const all = trust && role ? trust.keys.filter((k) => k.kind === 'signatory' && k.role === role) : [];
  return { all, usable: all.filter((k) => k.usable) };
}

/** The keys that may record a paper signature: recorders' and signatories', usable now. */
export function recorderKeys(trust: TrustStatus | null): DeviceKeyView[] {
  return trust ? trust.keys.filter((k) => (k.kind === 'recorder' || k.kind === 'signatory') && k.usable) : [];
}

/** The key to offer first: the one enrolled for the name on the record, else the first that can sign. */
export function preferredKey(keys: readonly DeviceKeyView[], name: string): DeviceKeyView | null {
  return keys.find((k) => k.name === name.trim()) ?? keys[0] ?? null;
}

export interface ReturnNote {
  action: 'declined' | 'returned-to-draft';
  reason: string;
  at: string;
  /** For a decline: who declined, as they gave their name, and in which role. */
  name: string | null;
  role: string | null;
  /** Who was using the app (the audit's actor). */
  actor: string;
}

const WORKFLOW_ACTIONS = new Set(['submitted', 'declined', 'returned-to-draft']);
const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value : null);

/** Why the record is a draft again: the latest decline or return, unless it has been submitted since. */
export function latestReturn(audit: readonly AuditEntry[]): ReturnNote | null {
  const latest = audit.findLast((entry) => WORKFLOW_ACTIONS.has(entry.action));
  if (!latest || latest.action === 'submitted') return null;
  return {
    action: latest.action as ReturnNote['action'],
    reason: text(latest.detail.reason) ?? '(no reason was recorded)',
    at: latest.at,
    name: text(latest.detail.name),
    role: text(latest.detail.role),
    actor: latest.actor,
  };
}

export const signingSelectors = {
  isWorking: (s: SigningStore) => s.phase === 'working',
  record: (s: SigningStore) => s.record,
  template: (s: SigningStore) => s.template,
  activeRole: (s: SigningStore) => s.activeRole,
  /** Sign is offered once there is ink (or, signing without drawing, always); the PIN is checked when it is chosen. */
  canSign: (s: SigningStore) => s.phase === 'ready' && (s.signMethod === 'typed' || hasInk(s.strokes)),
};
