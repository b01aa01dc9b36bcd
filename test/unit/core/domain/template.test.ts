// The office template: the shipped Kent template is valid, and templates that would break the form are refused.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  describeIssues,
  type OfficeTemplate,
  OfficeTemplateSchema,
  signatoryLabel,
  templateHash,
  upgradeTemplate,
} from '../../../../electron/core/domain/index.ts';

const kent = JSON.parse(
  fs.readFileSync(path.resolve(import.meta.dirname, '../../../../resources/templates/kent.json'), 'utf8'),
) as OfficeTemplate;

function refusal(template: unknown): string {
  const result = OfficeTemplateSchema.safeParse(template);
  expect(result.success).toBe(false);
  return describeIssues(result.error!);
}

describe('OfficeTemplateSchema', () => {
  it('accepts resources/templates/kent.json', () => {
    const template = OfficeTemplateSchema.parse(kent);
    expect(template.signatories.map((s) => s.role)).toEqual([
      'chief-finance-officer',
      'chief-executive',
      'commissioner',
    ]);
    expect(signatoryLabel(template, 'commissioner')).toBe('POLICE AND CRIME COMMISSIONER FOR KENT');
  });

  it('fills the defaults of a signatory', () => {
    const signatories = [{ role: 'commissioner', label: 'Commissioner', decides: true }];
    expect(OfficeTemplateSchema.parse({ ...kent, signatories }).signatories[0]).toEqual({
      ...signatories[0],
      defaultName: '',
      capacity: '',
      reserved: true,
      need: 'required',
      after: [],
    });
  });

  it('refuses a template where nobody decides, naming the field', () => {
    const signatories = kent.signatories.map((s) => ({ ...s, decides: false, after: [] }));
    expect(refusal({ ...kent, signatories })).toContain('signatories: at least one signatory must decide');
  });

  it('refuses a decision maker who does not sign after every officer the decision needs', () => {
    const signatories = kent.signatories.map((s) => (s.decides ? { ...s, after: ['chief-finance-officer'] } : s));
    expect(refusal({ ...kent, signatories })).toContain(
      'signatories.2.after: POLICE AND CRIME COMMISSIONER FOR KENT decides, so signs after every officer the decision needs: add "chief-executive"',
    );
    // Through another officer counts: the Chief Executive after the CFO, the Commissioner after the Chief Executive.
    const chained = kent.signatories.map((s) =>
      s.decides
        ? { ...s, after: ['chief-executive'] }
        : s.role === 'chief-executive'
          ? { ...s, after: ['chief-finance-officer'] }
          : s,
    );
    expect(OfficeTemplateSchema.safeParse({ ...kent, signatories: chained }).success).toBe(true);
    // An optional officer is not waited for.
    const optional = kent.signatories.map((s) =>
      s.decides
        ? { ...s, after: ['chief-finance-officer'] }
        : s.role === 'chief-executive'
          ? { ...s, need: 'optional' }
          : s,
    );
    expect(OfficeTemplateSchema.safeParse({ ...kent, signatories: optional }).success).toBe(true);
  });

  it('refuses a loop in the order rules, an unknown role in them and a one-of without its group', () => {
    const loop = kent.signatories.map((s) =>
      s.role === 'chief-finance-officer'
        ? { ...s, after: ['chief-executive'] }
        : s.role === 'chief-executive'
          ? { ...s, after: ['chief-finance-officer'] }
          : s,
    );
    expect(refusal({ ...kent, signatories: loop })).toContain(
      'signatories.0.after: the order rules go round in a loop: chief-finance-officer signs after chief-executive signs after chief-finance-officer',
    );
    const unknown = kent.signatories.map((s) => (s.decides ? { ...s, after: [...s.after, 'treasurer'] } : s));
    expect(refusal({ ...kent, signatories: unknown })).toContain(
      'signatories.2.after: POLICE AND CRIME COMMISSIONER FOR KENT signs after "treasurer", which is not a signatory',
    );
    const oneOf = kent.signatories.map((s) => (s.role === 'chief-executive' ? { ...s, need: 'one-of' } : s));
    expect(refusal({ ...kent, signatories: oneOf })).toContain(
      'signatories.1.group: Chief Executive is one of a group: name the group',
    );
  });

  it('refuses two signatories with one role, naming the second', () => {
    const signatories = [kent.signatories[0], kent.signatories[0], kent.signatories[2]];
    expect(refusal({ ...kent, signatories })).toContain(
      'signatories.1.role: two signatories have the role "chief-finance-officer"',
    );
  });

  it('refuses a pattern with no number, two numbers, or no year where the numbers restart each year', () => {
    const series = (pattern: string, reset = 'year') => ({
      ...kent,
      numbering: { series: [{ id: 'main', label: 'Decisions', pattern, reset }] },
    });
    expect(refusal(series('OPCC.D.{yy}'))).toContain('numbering.series.0.pattern: the pattern needs a number');
    expect(refusal(series('{nnn}.{nnn}.{yy}'))).toContain(
      'numbering.series.0.pattern: the pattern may hold only one number',
    );
    expect(refusal(series('OPCC.D.{nnn}'))).toContain(
      'numbering.series.0.pattern: numbers that restart each year need the year in the pattern',
    );
    expect(refusal(series('OPCC.D.{nnn}', 'financial-year'))).toContain('restart each financial year need the year');
    expect(refusal(series('OPCC.{x}.{nnn}.{yy}'))).toContain('braces that are not a token');
    expect(refusal(series('OPCC#{nnn}.{yy}'))).toContain('a reference may hold only letters');
    // Continuous numbering needs no year.
    expect(OfficeTemplateSchema.safeParse(series('PCD {nnnn}', 'never')).success).toBe(true);
  });

  it('refuses two series whose references read as each other, and two with one id', () => {
    const numbering = (a: string, b: string, idB = 'fire') => ({
      ...kent,
      numbering: {
        series: [
          { id: 'police', label: 'Police', pattern: a, reset: 'year' },
          { id: idB, label: 'Fire', pattern: b, reset: 'year' },
        ],
      },
    });
    expect(refusal(numbering('D.{nnn}.{yy}', 'D.{nnn}.{yy}'))).toContain(
      'numbering.series.1.pattern: references of "fire" (D.007.26) read as "police"',
    );
    expect(refusal(numbering('P.{nnn}.{yy}', 'F.{nnn}.{yy}', 'police'))).toContain(
      'numbering.series.1.id: two series have the id "police"',
    );
    expect(OfficeTemplateSchema.safeParse(numbering('P.{nnn}.{yy}', 'F.{nnn}.{yy}')).success).toBe(true);
  });

  it('refuses a section with no label or one id twice, and a reserved category nobody may decide', () => {
    const section = { id: 'risk', kind: 'rich-text', label: 'RISK', required: true };
    expect(refusal({ ...kent, sections: [{ ...section, label: '  ' }] })).toContain(
      'sections.0.label: every section needs a label',
    );
    expect(refusal({ ...kent, sections: [section, section] })).toContain(
      'sections.1.id: two sections have the id "risk"',
    );
    expect(refusal({ ...kent, sections: [{ ...section, kind: 'table' }] })).toContain('sections.0.kind');
    const signatories = kent.signatories.map((s) => (s.decides ? { ...s, reserved: false } : s));
    expect(
      refusal({ ...kent, signatories, categories: [{ id: 'precept', label: 'Precept', reserved: true }] }),
    ).toContain('categories.0.reserved: a reserved category needs a decision maker who may take reserved decisions');
  });

  it('reads a template written before numbering series and order rules as it was meant', () => {
    const before = JSON.parse(
      fs.readFileSync(
        path.resolve(import.meta.dirname, '../../../fixtures/templates/kent-before-versions.json'),
        'utf8',
      ),
    ) as unknown;
    expect(OfficeTemplateSchema.safeParse(before).success).toBe(false);
    const upgraded = OfficeTemplateSchema.parse(upgradeTemplate(before));
    expect(upgraded.numbering).toEqual({
      series: [{ id: 'main', label: 'Decisions', pattern: 'OPCC.D.{nnn}.{yy}', reset: 'year' }],
    });
    expect(upgraded.signatories.find((s) => s.decides)!.after).toEqual(['chief-finance-officer', 'chief-executive']);
    // The shipped Kent template is that same template, so its version is the same.
    expect(templateHash(upgraded)).toBe(templateHash(OfficeTemplateSchema.parse(kent)));
  });

  it('accepts every shipped template', () => {
    const dir = path.resolve(import.meta.dirname, '../../../../resources/templates');
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const file of files) {
      const result = OfficeTemplateSchema.safeParse(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
      expect(result.success, `${file}: ${result.success ? '' : describeIssues(result.error)}`).toBe(true);
    }
  });

  it('refuses no signatories, bad roles, unknown fields and a logo that is not an image', () => {
    expect(refusal({ ...kent, signatories: [] })).toContain('signatories');
    expect(refusal({ ...kent, signatories: [{ ...kent.signatories[2], role: 'Commissioner' }] })).toContain(
      'a role is lower-case',
    );
    expect(refusal({ ...kent, colour: 'blue' })).toContain('unknown field "colour"');
    expect(refusal({ ...kent, logo: 'data:text/html;base64,PHA+' })).toContain(
      'the logo must be a PNG or JPEG data URL',
    );
    expect(refusal({ ...kent, labels: { ...kent.labels, title: '' } })).toContain('labels.title');
  });
});
