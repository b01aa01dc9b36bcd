// Edits of the template's lists in the settings form: add, remove, move; ids made from labels for what is new.

import type {
  Category,
  ExtraSection,
  OfficeTemplate,
  Series,
  Signatory,
} from '../../../../electron/core/domain/template.ts';

/**
 * An id made from a label: lower-case letters, digits and hyphens, starting with a letter ("Fire and rescue" →
 * "fire-and-rescue"); `taken` ids are avoided by a number on the end ("police-2").
 */
export function idFromLabel(label: string, taken: readonly string[], fallback: string, max = 40): string {
  const words = label
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .replace(/-+$/, '');
  // Too long: cut at the last whole word that fits ("has-the-monitoring-officer-been"), else within the word.
  const cut =
    words.length <= max
      ? words
      : words.lastIndexOf('-', max) > 0
        ? words.slice(0, words.lastIndexOf('-', max))
        : words.slice(0, max);
  const base = cut || fallback;
  if (!taken.includes(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const id = `${base.slice(0, max - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!taken.includes(id)) return id;
  }
}

/** The list with the item at `index` moved by `by` places (-1 up, 1 down); unchanged at either end. */
export function moved<T>(list: readonly T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (to < 0 || to >= list.length) return [...list];
  const next = [...list];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}

export function without<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}

export function replaced<T>(list: readonly T[], index: number, change: Partial<NoInfer<T>>): T[] {
  return list.map((item, i) => (i === index ? { ...item, ...change } : item));
}

// ---------------------------------------------------------------------------------------------------------------
// Numbering series.

/** A new series: its id follows its label until saved (records then name it), so it starts from "New series". */
export function addedSeries(template: OfficeTemplate): OfficeTemplate {
  const series = template.numbering.series;
  const label = 'New series';
  const added: Series = {
    id: idFromLabel(
      label,
      series.map((s) => s.id),
      'series',
    ),
    label,
    pattern: '{nnn}/{yy}',
    reset: 'year',
  };
  return { ...template, numbering: { ...template.numbering, series: [...series, added] } };
}

/**
 * A series relabelled: a series not yet saved (`savedIds` does not name it) takes an id made from its new label; a
 * saved one keeps its id, which records name.
 */
export function relabelledSeries(
  template: OfficeTemplate,
  index: number,
  label: string,
  savedIds: readonly string[],
): OfficeTemplate {
  const series = template.numbering.series;
  const current = series[index]!;
  const id = savedIds.includes(current.id)
    ? current.id
    : idFromLabel(
        label,
        series
          .filter((_, i) => i !== index)
          .map((s) => s.id)
          .concat(savedIds),
        'series',
      );
  return { ...template, numbering: { ...template.numbering, series: replaced(series, index, { label, id }) } };
}

export function editedSeries(
  template: OfficeTemplate,
  index: number,
  change: Partial<Omit<Series, 'id'>>,
): OfficeTemplate {
  return {
    ...template,
    numbering: { ...template.numbering, series: replaced(template.numbering.series, index, change) },
  };
}

/** Removes a series; the last one stays (every record needs a reference). */
export function removedSeries(template: OfficeTemplate, index: number): OfficeTemplate {
  if (template.numbering.series.length <= 1) return template;
  return { ...template, numbering: { ...template.numbering, series: without(template.numbering.series, index) } };
}

export function movedSeries(template: OfficeTemplate, index: number, by: -1 | 1): OfficeTemplate {
  return { ...template, numbering: { ...template.numbering, series: moved(template.numbering.series, index, by) } };
}

// ---------------------------------------------------------------------------------------------------------------
// Signatories.

export function addedSignatory(template: OfficeTemplate): OfficeTemplate {
  const label = 'New signatory';
  const added: Signatory = {
    role: idFromLabel(
      label,
      template.signatories.map((s) => s.role),
      'signatory',
      48,
    ),
    label,
    defaultName: '',
    decides: false,
    capacity: '',
    reserved: true,
    need: 'required',
    after: [],
  };
  // Before the decision makers, who sign last.
  const at = template.signatories.findIndex((s) => s.decides);
  const signatories = [...template.signatories];
  signatories.splice(at === -1 ? signatories.length : at, 0, added);
  return { ...template, signatories };
}

/** A signatory relabelled: one not yet saved takes a role made from its label, and those who sign after it follow. */
export function relabelledSignatory(
  template: OfficeTemplate,
  index: number,
  label: string,
  savedRoles: readonly string[],
): OfficeTemplate {
  const current = template.signatories[index]!;
  const role = savedRoles.includes(current.role)
    ? current.role
    : idFromLabel(
        label,
        template.signatories
          .filter((_, i) => i !== index)
          .map((s) => s.role)
          .concat(savedRoles),
        'signatory',
        48,
      );
  const signatories = replaced(template.signatories, index, { label, role }).map((s) =>
    role === current.role ? s : { ...s, after: s.after.map((r) => (r === current.role ? role : r)) },
  );
  return { ...template, signatories };
}

export function editedSignatory(
  template: OfficeTemplate,
  index: number,
  change: Partial<Omit<Signatory, 'role'>>,
): OfficeTemplate {
  return { ...template, signatories: replaced(template.signatories, index, change) };
}

/** Removes a signatory, and it from everyone's "signs after"; the last one stays. */
export function removedSignatory(template: OfficeTemplate, index: number): OfficeTemplate {
  if (template.signatories.length <= 1) return template;
  const role = template.signatories[index]!.role;
  return {
    ...template,
    signatories: without(template.signatories, index).map((s) => ({ ...s, after: s.after.filter((r) => r !== role) })),
  };
}

export function movedSignatory(template: OfficeTemplate, index: number, by: -1 | 1): OfficeTemplate {
  return { ...template, signatories: moved(template.signatories, index, by) };
}

// ---------------------------------------------------------------------------------------------------------------
// Extra sections and categories.

export function addedSection(template: OfficeTemplate): OfficeTemplate {
  const label = 'New section';
  const added: ExtraSection = {
    id: idFromLabel(
      label,
      template.sections.map((s) => s.id),
      'section',
    ),
    kind: 'rich-text',
    label,
    help: '',
    required: false,
    explainWhen: 'yes',
    after: 'impact',
    internal: false,
  };
  return { ...template, sections: [...template.sections, added] };
}

export function relabelledSection(
  template: OfficeTemplate,
  index: number,
  label: string,
  savedIds: readonly string[],
): OfficeTemplate {
  const current = template.sections[index]!;
  const id = savedIds.includes(current.id)
    ? current.id
    : idFromLabel(
        label,
        template.sections
          .filter((_, i) => i !== index)
          .map((s) => s.id)
          .concat(savedIds),
        'section',
      );
  return { ...template, sections: replaced(template.sections, index, { label, id }) };
}

export function editedSection(
  template: OfficeTemplate,
  index: number,
  change: Partial<Omit<ExtraSection, 'id'>>,
): OfficeTemplate {
  return { ...template, sections: replaced(template.sections, index, change) };
}

export function addedCategory(template: OfficeTemplate): OfficeTemplate {
  const label = 'New category';
  const added: Category = {
    id: idFromLabel(
      label,
      template.categories.map((c) => c.id),
      'category',
    ),
    label,
    reserved: false,
  };
  return { ...template, categories: [...template.categories, added] };
}

export function relabelledCategory(
  template: OfficeTemplate,
  index: number,
  label: string,
  savedIds: readonly string[],
): OfficeTemplate {
  const current = template.categories[index]!;
  const id = savedIds.includes(current.id)
    ? current.id
    : idFromLabel(
        label,
        template.categories
          .filter((_, i) => i !== index)
          .map((c) => c.id)
          .concat(savedIds),
        'category',
      );
  return { ...template, categories: replaced(template.categories, index, { label, id }) };
}
