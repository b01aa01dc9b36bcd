// Sync through the shared folder: the engine the service drives, and the parts the CLI and tests use directly.

export type { BundleBuilder, BundleBytes } from './context.ts';
export {
  createShareDriver,
  nodeShareFs,
  type DriverOptions,
  type ShareDriver,
  type ShareFs,
  type ShareListing,
  type ShareWatch,
} from './driver.ts';
export { createSyncEngine, type SyncEngine, type SyncEngineOptions, type SyncSettings } from './engine.ts';
export type { SyncTimers } from './schedule.ts';
export { type FolderWatcher, watchSharedFolder } from './watch.ts';
export { type GateVerdict, type IncomingGate, type IncomingSource } from './gate.ts';
export { SyncError, type SyncFailureReason } from './errors.ts';
export { chooseSharedFolder, type SharedFolderCheck } from './share.ts';
export { signatureHolds } from './merge.ts';
export { enqueue as queueSyncWork } from '../db/sync.ts';
export * from './types.ts';
