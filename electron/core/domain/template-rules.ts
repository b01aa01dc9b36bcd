// What makes an office template coherent, how a template from an older version is read, and a template version's
// identity (its hash). The rules are data in the template; this file only checks and reads them.

import { canonicalJson, sha256Hex } from './hash.ts';
import { dayOf, formatSeriesReference, parseNumbered, patternProblem } from './reference.ts';
import type { OfficeTemplate } from './template.ts';

export interface TemplateProblem {
  path: (string | number)[];
  message: string;
}

/** The id of the one series a template from before numbering series has (its `referencePattern`). */
export const LEGACY_SERIES_ID = 'main';

/**
 * A template as an older version wrote it, read as this version's: `referencePattern` becomes the one series
 * "main" restarting each year; with no order rules at all, the decision makers sign after every other signatory
 * (the rule that was in code). Anything else is left for the schema to judge.
 */
export function upgradeTemplate(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const template: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
  if (typeof template.referencePattern === 'string' && !('numbering' in template)) {
    template.numbering = {
      series: [{ id: LEGACY_SERIES_ID, label: 'Decisions', pattern: template.referencePattern, reset: 'year' }],
    };
    delete template.referencePattern;
  }
  const signatories = template.signatories;
  if (Array.isArray(signatories) && signatories.every((s) => typeof s === 'object' && s !== null && !('after' in s))) {
    const officers = signatories
      .filter((s) => !(s as { decides?: unknown }).decides)
      .map((s) => (s as { role?: unknown }).role);
    template.signatories = signatories.map((s) =>
      (s as { decides?: unknown }).decides ? { ...s, after: officers } : s,
    );
  }
  return template;
}

type TemplateShape = Omit<OfficeTemplate, never>;

/** Every problem with a template's rules, each with the field it is in. Empty when the template is coherent. */
export function templateProblems(template: TemplateShape): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const add = (path: (string | number)[], message: string) => problems.push({ path, message });

  // Signatories: one role each, known roles in the order rules, no loops, and decision makers after every needed officer.
  const roles = new Map<string, number>();
  template.signatories.forEach((s, i) => {
    if (roles.has(s.role))
      add(['signatories', i, 'role'], `two signatories have the role "${s.role}": each role appears once`);
    else roles.set(s.role, i);
  });
  const deciders = template.signatories.filter((s) => s.decides);
  if (deciders.length === 0) add(['signatories'], 'at least one signatory must decide (the Commissioner)');
  template.signatories.forEach((s, i) => {
    if (s.need === 'one-of' && !s.group)
      add(['signatories', i, 'group'], `${s.label} is one of a group: name the group`);
    for (const role of s.after) {
      if (role === s.role) add(['signatories', i, 'after'], `${s.label} cannot sign after themselves`);
      else if (!roles.has(role))
        add(['signatories', i, 'after'], `${s.label} signs after "${role}", which is not a signatory`);
    }
  });
  const loop = orderLoop(template);
  if (loop)
    add(
      ['signatories', roles.get(loop[0]!) ?? 0, 'after'],
      `the order rules go round in a loop: ${loop.join(' signs after ')}`,
    );
  if (!loop) {
    const needed = template.signatories.filter((s) => !s.decides && s.need !== 'optional');
    template.signatories.forEach((s, i) => {
      if (!s.decides) return;
      const before = signsAfter(template, s.role);
      const missing = needed.filter((o) => !before.has(o.role));
      if (missing.length > 0) {
        add(
          ['signatories', i, 'after'],
          `${s.label} decides, so signs after every officer the decision needs: add ${missing.map((o) => `"${o.role}"`).join(' and ')}`,
        );
      }
    });
  }

  // Sections and categories: one id each; a reserved category needs someone who may take it.
  const sectionIds = new Set<string>();
  template.sections.forEach((section, i) => {
    if (sectionIds.has(section.id))
      add(['sections', i, 'id'], `two sections have the id "${section.id}": each id appears once`);
    sectionIds.add(section.id);
  });
  const categoryIds = new Set<string>();
  template.categories.forEach((category, i) => {
    if (categoryIds.has(category.id))
      add(['categories', i, 'id'], `two categories have the id "${category.id}": each id appears once`);
    categoryIds.add(category.id);
  });
  const reservedIndex = template.categories.findIndex((c) => c.reserved);
  if (reservedIndex >= 0 && !deciders.some((d) => d.reserved)) {
    add(
      ['categories', reservedIndex, 'reserved'],
      'a reserved category needs a decision maker who may take reserved decisions',
    );
  }

  // Numbering: one id each, a pattern that works, and no two series whose references could be read as each other's.
  const seriesIds = new Set<string>();
  template.numbering.series.forEach((series, i) => {
    if (seriesIds.has(series.id))
      add(['numbering', 'series', i, 'id'], `two series have the id "${series.id}": each id appears once`);
    seriesIds.add(series.id);
    const problem = patternProblem(series.pattern, series.reset);
    if (problem) add(['numbering', 'series', i, 'pattern'], problem);
  });
  if (problems.every((p) => p.path[0] !== 'numbering')) {
    const sampleDay = dayOf(new Date(Date.UTC(2026, 5, 1)));
    template.numbering.series.forEach((series, i) => {
      for (const number of [7, 4321]) {
        const sample = formatSeriesReference(series, number, sampleDay);
        const read = parseNumbered(template.numbering, sample);
        if (read && read.series !== series.id) {
          add(
            ['numbering', 'series', i, 'pattern'],
            `references of "${series.id}" (${sample}) read as "${read.series}": give each series its own prefix`,
          );
          return;
        }
      }
    });
  }
  return problems;
}

/** The roles `role` signs after, directly or through those it signs after. */
export function signsAfter(template: Pick<OfficeTemplate, 'signatories'>, role: string): Set<string> {
  const seen = new Set<string>();
  const stack = [...(template.signatories.find((s) => s.role === role)?.after ?? [])];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...(template.signatories.find((s) => s.role === next)?.after ?? []));
  }
  return seen;
}

/** A loop in the order rules, as the roles round it ("a", "b", "a"), or null. */
function orderLoop(template: Pick<OfficeTemplate, 'signatories'>): string[] | null {
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (role: string): string[] | null => {
    if (state.get(role) === 'done') return null;
    if (state.get(role) === 'visiting') return [...path.slice(path.indexOf(role)), role];
    state.set(role, 'visiting');
    path.push(role);
    for (const next of template.signatories.find((s) => s.role === role)?.after ?? []) {
      if (next === role) continue;
      const loop = visit(next);
      if (loop) return loop;
    }
    path.pop();
    state.set(role, 'done');
    return null;
  };
  for (const s of template.signatories) {
    const loop = visit(s.role);
    if (loop) return loop;
  }
  return null;
}

/** A template's form, as a record keeps it: everything but the pinned seal, which is trust, not form. */
export function templateDefinition(template: OfficeTemplate): Omit<OfficeTemplate, 'sealFingerprint'> {
  const { sealFingerprint: _seal, ...definition } = template;
  return definition;
}

/** The identity of a template version: SHA-256 over the canonical JSON of its definition. */
export function templateHash(template: OfficeTemplate): string {
  return sha256Hex(canonicalJson(templateDefinition(template)));
}
