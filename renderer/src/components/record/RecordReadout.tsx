// A version of a record shown to be read, section by section: a revision in the history, or a side of a conflict.

import type { ReactNode } from 'react';
import type { OfficeTemplate } from '../../../../electron/core/domain/template.ts';
import { formatDay } from '../../format.ts';
import type { EditableContent, EditableField } from '../../stores/editor/draft.ts';
import { RichTextView } from '../RichTextView.tsx';

const answer = (template: OfficeTemplate, value: boolean | null) =>
  value === null ? 'Not answered' : value ? template.labels.yes : template.labels.no;

const orEmpty = (text: string): ReactNode =>
  text.trim() ? <span className="pre-line">{text}</span> : <span className="muted">Empty</span>;

/** The label and the content of one field, as the readout shows them. */
function describe(
  field: EditableField,
  content: EditableContent,
  template: OfficeTemplate,
): { label: string; body: ReactNode } {
  const { labels } = template;
  switch (field) {
    case 'originator':
      return { label: labels.originator, body: orEmpty(content.originator) };
    case 'title':
      return { label: labels.title, body: orEmpty(content.title) };
    case 'classification':
      return {
        label: `${labels.open} / ${labels.confidential}`,
        body: content.classification === 'confidential' ? labels.confidential : labels.open,
      };
    case 'confidentialReason':
      return { label: labels.confidentialReason, body: orEmpty(content.confidentialReason) };
    case 'executiveSummary':
    case 'recommendation':
    case 'decision':
      return { label: labels[field], body: <RichTextView markdown={content[field]} /> };
    case 'backgroundDocuments':
      return {
        label: labels.backgroundDocuments,
        body: content.backgroundDocuments.length ? (
          <ul>
            {content.backgroundDocuments.map((document, index) => (
              <li key={index}>{document.title || <span className="muted">Untitled</span>}</li>
            ))}
          </ul>
        ) : (
          <span className="muted">None</span>
        ),
      };
    case 'impact':
      return {
        label: labels.impactAssessment,
        body: (
          <dl className="readout-impact">
            <dt>{labels.planObjectives}</dt>
            <dd>{orEmpty(content.impact.planObjectives)}</dd>
            <dt>{labels.equalityImpactAssessment}</dt>
            <dd>{answer(template, content.impact.equalityImpactAssessment)}</dd>
            <dt>Diversity impact</dt>
            <dd>{answer(template, content.impact.diversityImpact)}</dd>
            <dt>Explanation</dt>
            <dd>{orEmpty(content.impact.diversityExplanation)}</dd>
          </dl>
        ),
      };
    case 'series':
      return {
        label: 'Numbering series',
        body:
          template.numbering.series.find((s) => s.id === content.series)?.label ?? template.numbering.series[0]!.label,
      };
    case 'category':
      return {
        label: 'Decision category',
        body: template.categories.find((c) => c.id === content.category)?.label ?? <span className="muted">None</span>,
      };
    case 'decisionMaker': {
      const maker =
        template.signatories.find((s) => s.role === content.decisionMaker) ??
        template.signatories.find((s) => s.decides);
      return { label: 'Decision maker', body: maker?.label ?? <span className="muted">None</span> };
    }
    case 'sections':
      return {
        label: 'Other sections',
        body: (
          <dl className="readout-impact">
            {template.sections.map((section) => {
              const value = content.sections?.find((v) => v.id === section.id);
              const text =
                value?.kind === 'rich-text'
                  ? value.text
                  : value?.kind === 'yes-no'
                    ? `${answer(template, value.answer)}${value.explanation ? `: ${value.explanation}` : ''}`
                    : value?.kind === 'people'
                      ? value.people.join(', ')
                      : value?.kind === 'date'
                        ? (value.date ?? '')
                        : '';
              return (
                <div key={section.id}>
                  <dt>{section.label}</dt>
                  <dd>{orEmpty(text)}</dd>
                </div>
              );
            })}
          </dl>
        ),
      };
    case 'publication': {
      const publication = content.publication ?? {};
      // The form's labels, and days as the form's date pickers would read them.
      const day = (value: string | undefined, empty: string) =>
        value ? formatDay(value) : <span className="muted">{empty}</span>;
      return {
        label: 'Publication',
        body: (
          <dl className="readout-impact">
            <dt>Date of decision</dt>
            <dd>{day(publication.decisionDate, 'The day the Commissioner signs')}</dd>
            <dt>Publish on</dt>
            <dd>{day(publication.deferUntil, 'When it is decided')}</dd>
            <dt>Supersedes</dt>
            <dd>
              {publication.supersedes?.length ? publication.supersedes.join(', ') : <span className="muted">None</span>}
            </dd>
            {content.classification === 'confidential' && (
              <>
                <dt>Public summary</dt>
                <dd>{orEmpty(publication.publicSummary ?? '')}</dd>
                <dt>Review on</dt>
                <dd>{day(publication.reviewOn, 'None')}</dd>
              </>
            )}
          </dl>
        ),
      };
    }
    case 'signOffs':
      return {
        label: 'SIGN-OFF',
        body: (
          <dl className="readout-signoffs">
            {content.signOffs.map((signOff) => (
              <div key={signOff.role}>
                <dt>{template.signatories.find((s) => s.role === signOff.role)?.label ?? signOff.role}</dt>
                <dd>
                  {signOff.name || <span className="muted">No name</span>}
                  {signOff.comments.trim() && <span className="pre-line">{` \u2014 ${signOff.comments}`}</span>}
                </dd>
              </div>
            ))}
          </dl>
        ),
      };
  }
}

export const FORM_ORDER: EditableField[] = [
  'originator',
  'title',
  'classification',
  'confidentialReason',
  'executiveSummary',
  'recommendation',
  'decision',
  'signOffs',
  'backgroundDocuments',
  'impact',
  'publication',
];

export interface RecordReadoutProps {
  content: EditableContent;
  template: OfficeTemplate;
  /** The fields to show (in form order whatever the order given); all by default. */
  fields?: readonly EditableField[];
  headingLevel?: 3 | 4;
}

export function RecordReadout({ content, template, fields, headingLevel = 3 }: RecordReadoutProps) {
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  // Shown whole, an open record has no reason to show; asked for by name (a conflict), every field is shown.
  const shown =
    fields ?? FORM_ORDER.filter((field) => field !== 'confidentialReason' || content.classification === 'confidential');
  return (
    <div className="readout">
      {FORM_ORDER.filter((field) => shown.includes(field)).map((field) => {
        const { label, body } = describe(field, content, template);
        return (
          <section key={field} className="readout-section">
            <Heading className="section-label">{label}</Heading>
            <div className="readout-body">{body}</div>
          </section>
        );
      })}
    </div>
  );
}
