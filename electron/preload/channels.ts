// The IPC wire between preload and main: channel names and the method list, kept free of zod so the preload stays small.

import type { Method, MenuEvent } from '../contract.ts';

/**
 * Every contract method, by name. The preload builds window.desk from this list rather than from contract.ts, which
 * would bundle zod and the domain into every window. The type below fails to compile when the contract gains a method
 * that is missing here, and test/unit/shell/preload.test.ts checks the two lists are equal at run time.
 */
export const DESK_METHODS = [
  'records.create',
  'records.get',
  'records.save',
  'records.list',
  'records.delete',
  'records.restoreFromBin',
  'records.search',
  'records.history',
  'records.revision',
  'records.restore',
  'records.import',
  'records.submit',
  'records.sign',
  'records.decline',
  'records.paperSignature',
  'records.returnToDraft',
  'records.audit',
  'records.withdraw',
  'records.late',
  'records.supersededBy',
  'records.verify',
  'records.verifyFile',
  'export.preview',
  'export.previewPdf',
  'export.warmUp',
  'export.docx',
  'export.json',
  'export.pdf',
  'export.contents',
  'export.publicationPack',
  'export.register',
  'sync.status',
  'sync.now',
  'sync.conflicts',
  'sync.verifyShare',
  'sync.resolve',
  'trust.status',
  'trust.createSeal',
  'trust.importSeal',
  'trust.enrol',
  'trust.revoke',
  'trust.requestEnrolment',
  'trust.approve',
  'settings.get',
  'settings.update',
  'templates.shipped',
  'templates.export',
  'templates.import',
  'templates.versions',
  'templates.get',
] as const satisfies readonly Method[];

/** Compiles only while nothing is missing: when it fails, add the method the error names to DESK_METHODS. */
export type EveryMethodListed = NothingMissing<Exclude<Method, (typeof DESK_METHODS)[number]>>;
type NothingMissing<Missing extends never> = Missing;

/** All channels main answers start with this, so a stray channel name can never reach a desk handler. */
export const CHANNEL_PREFIX = 'desk:';

export function methodChannel(method: Method): string {
  return `${CHANNEL_PREFIX}${method}`;
}

/** The shell's own calls: things only the app can do (printing), not part of the contract the browser also has. */
export const PRINT_CHANNEL = `${CHANNEL_PREFIX}shell.print`;

/** Main to window: menu commands and files opened from outside. */
export const MENU_CHANNEL = `${CHANNEL_PREFIX}menu`;

/** The commands the window is sent, so the preload can drop anything else. */
export const MENU_COMMANDS = [
  'new-record',
  'export-docx',
  'export-pdf',
  'export-pdf-public',
  'print',
  'show-records',
  'signing-mode',
  'sync-now',
  'save-now',
  'open-record',
] as const satisfies readonly MenuEvent['command'][];

export type EveryCommandListed = NothingMissing<Exclude<MenuEvent['command'], (typeof MENU_COMMANDS)[number]>>;
