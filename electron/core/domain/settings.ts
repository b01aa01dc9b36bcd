// Settings: the office template the office edits, who is using this device, and where the shared folder is.

import { z } from 'zod';
import { OfficeTemplateSchema } from './template.ts';

export const SettingsSchema = z.strictObject({
  /** The person using this device, written into the audit log. */
  userName: z.string().max(200),
  /** Prefilled as the originator of new records, e.g. "Chief Executive". */
  defaultOriginator: z.string().max(200),
  /** How this device is named in the audit log and on the shared folder. */
  deviceName: z.string().min(1).max(100),
  /** The office's shared folder (network share or OneDrive-synced folder), or null while not set. */
  sharedFolder: z.string().max(1000).nullable(),
  template: OfficeTemplateSchema,
  /** Whether exported PDFs end with a "Record of signing" page (signers, times, devices, hashes, returns). */
  recordOfSigningPage: z.boolean(),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const SettingsPatchSchema = z.strictObject({
  userName: SettingsSchema.shape.userName.optional(),
  defaultOriginator: SettingsSchema.shape.defaultOriginator.optional(),
  deviceName: SettingsSchema.shape.deviceName.optional(),
  sharedFolder: SettingsSchema.shape.sharedFolder.optional(),
  template: OfficeTemplateSchema.optional(),
  recordOfSigningPage: z.boolean().optional(),
});
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;
