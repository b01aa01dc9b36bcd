// The office template as a file: the templates shipped with the app, export for IT, import from IT or a shipped one.

import fire from '../../resources/templates/essex-pfcc.json' with { type: 'json' };
import kent from '../../resources/templates/kent.json' with { type: 'json' };
import continuous from '../../resources/templates/london.json' with { type: 'json' };
import type { Handlers, ShippedTemplate } from '../contract.ts';
import {
  describeIssues,
  InvalidInputError,
  NotFoundError,
  type OfficeTemplate,
  OfficeTemplateSchema,
  PARSE_OPTIONS,
  type Settings,
  TemplateInputSchema,
  templateHash,
  upgradeTemplate,
} from './domain/index.ts';

/** What a template file is: `{ format, template }`, so a file from elsewhere is recognised before it is read. */
export const TEMPLATE_FILE_FORMAT = 'decision-desk/template@1';

const SHIPPED: readonly { raw: unknown; description: string }[] = [
  { raw: kent, description: 'One series restarting each year (OPCC.D.021.18); Chief Finance Officer and Chief Executive sign, in either order, before the Commissioner.' },
  {
    raw: fire,
    description:
      'A police, fire and crime commissioner: separate police and fire series; a Monitoring Officer signs too; financial and legal implications sections.',
  },
  {
    raw: continuous,
    description:
      'One continuous series that never restarts (PCD 1861); a Deputy may decide under delegation, except in the reserved categories.',
  },
];

/** The shipped templates, parsed once (they are checked by the tests, so a broken one fails the build, not a user). */
export const SHIPPED_TEMPLATES: readonly OfficeTemplate[] = SHIPPED.map(({ raw }) => OfficeTemplateSchema.parse(upgradeTemplate(raw)));

export function shippedTemplate(id: string): OfficeTemplate | undefined {
  return SHIPPED_TEMPLATES.find((t) => t.id === id);
}

/**
 * Reads a template file: JSON, `{ format: "decision-desk/template@1", template }` or a bare template as the shipped
 * files are, in this version's form or an older one's. A refusal names the field ("signatories.2.after: …").
 */
export function readTemplateFile(text: string): OfficeTemplate {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new InvalidInputError('This is not a template file: it is not JSON.');
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new InvalidInputError('This is not a template file: expected a JSON object.');
  const file = raw as Record<string, unknown>;
  if ('format' in file) {
    if (file.format !== TEMPLATE_FILE_FORMAT) {
      throw new InvalidInputError(`This is not a Decision Desk template file (its "format" is ${JSON.stringify(file.format)?.slice(0, 60)}).`);
    }
    raw = file.template;
  }
  const parsed = TemplateInputSchema.safeParse(upgradeTemplate(raw), PARSE_OPTIONS);
  if (!parsed.success) throw new InvalidInputError(`The template is not valid: ${describeIssues(parsed.error, 'template')}`);
  return parsed.data;
}

/** The template as the file IT rolls out: the form and its version, without the seal (each device pins its own). */
export function templateFile(template: OfficeTemplate): string {
  const { sealFingerprint: _seal, ...definition } = template;
  return `${JSON.stringify({ format: TEMPLATE_FILE_FORMAT, hash: templateHash(template), template: definition }, null, 2)}\n`;
}

export interface TemplateInternals {
  settings: () => Settings;
  /** Makes a template the office's, through the same checks as a change in Settings. */
  setTemplate: (template: OfficeTemplate) => Promise<Settings>;
}

type TemplateMethods = 'templates.shipped' | 'templates.export' | 'templates.import' | 'templates.versions';

export function templateHandlers(ctx: TemplateInternals): Pick<Handlers, TemplateMethods> {
  return {
    'templates.shipped': () =>
      SHIPPED_TEMPLATES.map(
        (t, i): ShippedTemplate => ({ id: t.id, area: t.area, officeName: t.officeName, description: SHIPPED[i]!.description }),
      ),
    'templates.export': () => {
      const template = ctx.settings().template;
      return {
        fileName: `${template.id}-template-v${template.version}.json`,
        mediaType: 'application/json',
        base64: Buffer.from(templateFile(template), 'utf8').toString('base64'),
      };
    },
    'templates.import': async (input) => {
      let template: OfficeTemplate;
      if ('shipped' in input) {
        const found = shippedTemplate(input.shipped);
        if (!found) throw new NotFoundError(`No template shipped with Decision Desk has the id "${input.shipped}".`);
        template = found;
      } else template = readTemplateFile(input.text);
      return ctx.setTemplate({ ...template, sealFingerprint: ctx.settings().template.sealFingerprint });
    },
    'templates.versions': () => {
      const template = ctx.settings().template;
      return [{ id: template.id, version: template.version, hash: templateHash(template), storedAt: new Date(0).toISOString(), current: true, legacy: false }];
    },
  };
}
