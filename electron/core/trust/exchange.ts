// This device's trust store as sync exchanges it with the share (sync/trust.ts): public material only.

import type { OfficeTemplate } from '../domain/index.ts';
import type { TrustExchange } from '../sync/trust.ts';
import { fingerprintOf, readCertificate } from './pki.ts';
import type { TrustStore } from './store.ts';

export function trustExchange(store: TrustStore, template: () => OfficeTemplate): TrustExchange {
  return {
    seal: () => store.anchors(template()).seal?.der ?? null,
    acceptSeal(der) {
      const pinned = template().sealFingerprint;
      if (!pinned) return 'this device pins no office seal yet';
      if (fingerprintOf(der) !== pinned) return 'it is not the seal this office pins (its fingerprint differs)';
      try {
        const info = readCertificate(der);
        if (info.kind !== 'seal') return 'it is not a seal certificate';
      } catch (error) {
        return (error as Error).message;
      }
      store.storeSeal(der);
      return null;
    },
    certificates: () => store.certificates().map((c) => ({ fingerprint: c.fingerprint, der: c.der })),
    acceptCertificate: (der) => store.acceptCertificate(template(), der),
    revocationList() {
      const der = store.revocationList();
      const asOf = store.anchors(template()).revocationsAsOf;
      return der && asOf ? { issuedAt: asOf, der } : null;
    },
    acceptRevocationList: (der) => store.acceptRevocationList(template(), der),
    ownRequests: () => store.pendingRequests(),
    holdsSeal: () => store.status(template()).seal?.onThisDevice ?? false,
    acceptRequest: (bytes) => store.acceptRequest(bytes),
    knownRequests: () => new Set(store.requests().map((r) => r.id)),
    attachIssued: () => store.attachIssued(),
  };
}
