// The office seal and enrolment, as the window and the CLI reach them (contract: trust.*).

import type { Handlers } from '../../contract.ts';
import { InvalidInputError, type Settings } from '../domain/index.ts';
import type { TrustStore } from './store.ts';

type TrustMethods =
  | 'trust.status'
  | 'trust.createSeal'
  | 'trust.importSeal'
  | 'trust.enrol'
  | 'trust.revoke'
  | 'trust.requestEnrolment'
  | 'trust.approve';

export interface TrustContext {
  trust: TrustStore;
  settings: () => Settings;
  /** Pins a new seal in the office template (the fingerprint every device checks against). */
  pinSeal: (fingerprint: string) => void;
  /** Something the share should know changed (a certificate or revocation list to publish). */
  changed: () => void;
}

export function trustHandlers(ctx: TrustContext): Pick<Handlers, TrustMethods> {
  const template = () => ctx.settings().template;
  const status = () => ctx.trust.status(template());

  function assertNoSealYet() {
    if (template().sealFingerprint) {
      throw new InvalidInputError(
        'The office already has a seal. A new one would make every signatory certificate void: revoke and re-enrol instead, or change the pinned seal in the template deliberately.',
      );
    }
  }

  return {
    'trust.status': () => status(),

    'trust.createSeal': async ({ passphrase }) => {
      assertNoSealYet();
      const seal = await ctx.trust.createSeal(template().officeName, passphrase);
      ctx.pinSeal(seal.fingerprint);
      ctx.changed();
      return status();
    },

    'trust.importSeal': async ({ base64, p12Passphrase, passphrase }) => {
      assertNoSealYet();
      const seal = await ctx.trust.importSeal(Buffer.from(base64, 'base64'), p12Passphrase, passphrase);
      ctx.pinSeal(seal.fingerprint);
      ctx.changed();
      return status();
    },

    'trust.enrol': async ({ kind, role, name, pin, sealPassphrase }) => {
      if (kind === 'signatory' && role === null)
        throw new InvalidInputError('Say which signatory role the key is for.');
      await ctx.trust.enrol(template(), { kind, role, name, pin, sealPassphrase });
      ctx.changed();
      return status();
    },

    'trust.requestEnrolment': async ({ kind, role, name, pin }) => {
      if (kind === 'signatory' && role === null)
        throw new InvalidInputError('Say which signatory role the key is for.');
      if (kind !== 'publisher' && pin === null) throw new InvalidInputError('Choose a PIN for the key.');
      await ctx.trust.requestEnrolment(template(), { kind, role, name, pin, device: ctx.settings().deviceName });
      ctx.changed();
      return status();
    },

    'trust.approve': async ({ requestId, sealPassphrase }) => {
      await ctx.trust.approve(template(), requestId, sealPassphrase);
      ctx.changed();
      return status();
    },

    'trust.revoke': async ({ fingerprint, reason, sealPassphrase }) => {
      await ctx.trust.revoke(template(), fingerprint, reason, sealPassphrase);
      ctx.changed();
      return status();
    },
  };
}
