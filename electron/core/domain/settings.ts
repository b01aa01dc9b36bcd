// Settings: the office template the office edits, who is using this device, and where the shared folder is.

import { z } from 'zod';
import { imageSize } from './image-size.ts';
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

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * What is wrong with a logo (a data URL), in words, or null when it is a real PNG or JPEG whose size can be read, of
 * the type its data URL says. A file that only has an image's name (a text file renamed logo.png) is refused.
 */
export function logoProblem(dataUrl: string): string | null {
  const match = /^data:image\/(png|jpeg);base64,([A-Za-z0-9+/]*={0,2})$/.exec(dataUrl);
  if (!match) return 'the logo must be a PNG or JPEG image';
  let bytes: Uint8Array;
  try {
    bytes = Uint8Array.from(atob(match[2]!), (c) => c.charCodeAt(0));
  } catch {
    return 'the logo file is damaged: it cannot be read';
  }
  const png = PNG_SIGNATURE.every((byte, i) => bytes[i] === byte);
  const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  if (!png && !jpeg) return 'the logo file is not an image: choose a PNG or JPEG picture';
  const labelled = match[1] === 'png' ? 'PNG' : 'JPEG';
  const actual = png ? 'PNG' : 'JPEG';
  if (labelled !== actual) return `the logo file is a ${actual} but is labelled as a ${labelled}`;
  if (!imageSize(bytes)) return 'the logo file is damaged: its picture cannot be read';
  return null;
}

/** The template as a change to it is checked: the schema, and a logo that is really an image. */
export const TemplateInputSchema = OfficeTemplateSchema.superRefine((template, ctx) => {
  const problem = template.logo === null ? null : logoProblem(template.logo);
  if (problem) ctx.addIssue({ code: 'custom', path: ['logo'], message: problem });
});

/**
 * A change to the settings, as the window and the API send it: stricter than what is stored, which may still hold a
 * default (no user name where the system account has none) until someone saves.
 */
export const SettingsPatchSchema = z.strictObject({
  /** A person's name: blank is refused, since the audit trail would say "unknown". */
  userName: z
    .string()
    .trim()
    .min(1, { error: 'your name is required: the audit trail records it with what you do' })
    .max(200)
    .optional(),
  defaultOriginator: SettingsSchema.shape.defaultOriginator.optional(),
  deviceName: SettingsSchema.shape.deviceName.optional(),
  sharedFolder: SettingsSchema.shape.sharedFolder.optional(),
  template: TemplateInputSchema.optional(),
  recordOfSigningPage: z.boolean().optional(),
});
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;
