// The office template: the shipped Kent template is valid, and templates that would break the form are refused.

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeIssues, type OfficeTemplate, OfficeTemplateSchema, signatoryLabel } from '../../../../electron/core/domain/index.ts';

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
    expect(template.signatories.map((s) => s.role)).toEqual(['chief-finance-officer', 'chief-executive', 'commissioner']);
    expect(signatoryLabel(template, 'commissioner')).toBe('POLICE AND CRIME COMMISSIONER FOR KENT');
  });

  it('fills the defaults of a signatory', () => {
    const signatories = [{ role: 'commissioner', label: 'Commissioner', decides: true }];
    expect(OfficeTemplateSchema.parse({ ...kent, signatories }).signatories[0]).toEqual({ ...signatories[0], defaultName: '' });
  });

  it('refuses a template where nobody decides', () => {
    const signatories = kent.signatories.map((s) => ({ ...s, decides: false }));
    expect(refusal({ ...kent, signatories })).toContain('exactly one signatory decides, and that signatory comes last');
  });

  it('refuses a template whose decider is not last', () => {
    const signatories = [...kent.signatories].reverse();
    expect(refusal({ ...kent, signatories })).toContain('that signatory comes last');
  });

  it('refuses two deciders', () => {
    const signatories = kent.signatories.map((s) => ({ ...s, decides: s.role !== 'chief-executive' }));
    expect(refusal({ ...kent, signatories })).toContain('exactly one signatory decides');
  });

  it('refuses a role listed twice', () => {
    const signatories = [kent.signatories[0], kent.signatories[0], kent.signatories[2]];
    expect(refusal({ ...kent, signatories })).toContain('signatories: each signatory role may appear only once');
  });

  it('refuses a reference pattern without a number or without a year', () => {
    expect(refusal({ ...kent, referencePattern: 'OPCC.D.{yy}' })).toContain('referencePattern: the reference pattern needs a number');
    expect(refusal({ ...kent, referencePattern: 'OPCC.D.{nnn}' })).toContain('referencePattern:');
  });

  it('refuses no signatories, bad roles, unknown fields and a logo that is not an image', () => {
    expect(refusal({ ...kent, signatories: [] })).toContain('signatories');
    expect(refusal({ ...kent, signatories: [{ ...kent.signatories[2], role: 'Commissioner' }] })).toContain('a role is lower-case');
    expect(refusal({ ...kent, colour: 'blue' })).toContain('unknown field "colour"');
    expect(refusal({ ...kent, logo: 'data:text/html;base64,PHA+' })).toContain('the logo must be a PNG or JPEG data URL');
    expect(refusal({ ...kent, labels: { ...kent.labels, title: '' } })).toContain('labels.title');
  });
});
