// What the window shows of the office's trust: the seal this device pins, the keys it holds, the certificates it
// believes. Made in core/trust; only the shapes are here, shared with the renderer.

export type CertificateKind = 'seal' | 'signatory' | 'recorder' | 'publisher';

export interface CertificateView {
  fingerprint: string;
  kind: CertificateKind | null;
  name: string;
  role: string | null;
  serial: string;
  notBefore: string;
  notAfter: string;
  /** When the seal revoked it, or null. */
  revokedAt: string | null;
}

export interface DeviceKeyView {
  id: string;
  kind: CertificateKind;
  name: string;
  role: string | null;
  certificate: CertificateView | null;
  /** Waiting after wrong PINs until this moment, or null. */
  lockedUntil: string | null;
  /** Disabled after too many wrong PINs: enrol again. */
  disabled: boolean;
  /** Usable to sign now: certified by the pinned seal, in date, not revoked, not disabled. */
  usable: boolean;
  /** Requested from the device that holds the seal, and not answered yet. */
  waiting: boolean;
}

/** A device asking the seal for a certificate, as the device holding the seal shows it to the administrator. */
export interface EnrolmentRequestView {
  id: string;
  kind: 'signatory' | 'recorder' | 'publisher';
  name: string;
  role: string | null;
  device: string;
  requestedAt: string;
  foundAt: string;
  /** The fingerprint of the certificate issued for it, once approved. */
  approvedAs: string | null;
}

export interface TrustStatus {
  /** Requests from other devices (shown on the device that holds the seal). */
  requests: EnrolmentRequestView[];
  /** The fingerprint the office template pins, or null when the office has no seal yet. */
  pinned: string | null;
  /** The pinned seal's certificate, once this device has it. */
  seal: (CertificateView & { onThisDevice: boolean }) | null;
  keys: DeviceKeyView[];
  certificates: CertificateView[];
  revocationsAsOf: string | null;
  /** Whether this device can seal what it publishes (it holds a publishing key certified by the seal). */
  canPublish: boolean;
}

/** PINs are at least this long; a passphrase for the seal at least MIN_PASSPHRASE_LENGTH. */
export const MIN_PIN_LENGTH = 6;
export const MIN_PASSPHRASE_LENGTH = 12;
