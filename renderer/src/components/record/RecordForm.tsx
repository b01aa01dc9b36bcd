// The Record of Decision as a form: the printed template's sections in its order, under its labels.

import type { FocusEvent, ReactNode } from 'react';
import { LIMITS } from '../../../../electron/core/domain/record.ts';
import type { OfficeTemplate } from '../../../../electron/core/domain/template.ts';
import { formatDate, referenceOf } from '../../format.ts';
import type { EditableContent } from '../../stores/editor/draft.ts';
import { editorSelectors } from '../../stores/editor/selectors.ts';
import { useEditorStore } from '../../stores/editor/store.ts';
import { RichTextEditor } from '../RichTextEditor.tsx';
import { BackgroundDocuments } from './BackgroundDocuments.tsx';
import { ExtraSectionsAt, RecordChoices } from './ExtraSections.tsx';
import { Choice, fieldId, TextField } from './fields.tsx';
import { PublicationFields } from './PublicationFields.tsx';

function Section({
  id,
  title,
  children,
  help,
  printed,
}: {
  id: string;
  title: ReactNode;
  help?: ReactNode;
  children: ReactNode;
  /** The section's heading in the printed form, when it has one: the preview follows the cursor to it. */
  printed?: string;
}) {
  return (
    <section className="form-section" aria-labelledby={`${id}-heading`} data-print-heading={printed}>
      <h3 id={`${id}-heading`} className="section-label">
        {title}
      </h3>
      {help && (
        <p id={`${id}-help`} className="hint">
          {help}
        </p>
      )}
      {children}
    </section>
  );
}

/** A plain text field of the draft, by name. */
function DraftText({
  field,
  ...props
}: { field: 'originator' | 'title' | 'confidentialReason' } & Omit<
  Parameters<typeof TextField>[0],
  'id' | 'value' | 'onChange'
>) {
  const value = useEditorStore((s) => s.draft?.[field] ?? '');
  const fieldEdited = useEditorStore((s) => s.fieldEdited);
  return <TextField id={fieldId(field)} value={value} onChange={(next) => fieldEdited(field, next)} {...props} />;
}

function Classification({ template, readOnly }: { template: OfficeTemplate; readOnly: boolean }) {
  const classification = useEditorStore((s) => s.draft?.classification ?? 'open');
  const reasonBlank = useEditorStore((s) => !s.draft?.confidentialReason.trim());
  const fieldEdited = useEditorStore((s) => s.fieldEdited);
  const { labels } = template;
  return (
    <>
      <Choice
        id={fieldId('classification')}
        legend={<span className="visually-hidden">Open or confidential</span>}
        options={[
          { value: 'open' as const, label: labels.open },
          { value: 'confidential' as const, label: labels.confidential },
        ]}
        value={classification}
        readOnly={readOnly}
        onChange={(value) => fieldEdited('classification', value)}
      />
      {classification === 'confidential' && (
        <DraftText
          field="confidentialReason"
          label={labels.confidentialReason}
          hint="Why the record is not published in full, e.g. the exemption that applies."
          error={reasonBlank ? 'Give the reason the record is confidential.' : null}
          maxLength={LIMITS.reason}
          multiline
          readOnly={readOnly}
        />
      )}
    </>
  );
}

function RichSection({
  field,
  title,
  help,
  readOnly,
}: {
  field: 'executiveSummary' | 'recommendation' | 'decision';
  title: string;
  help: string;
  readOnly: boolean;
}) {
  return (
    <Section id={field} title={title} help={help} printed={title}>
      <RichTextEditor
        field={field}
        label={title}
        labelId={`${field}-heading`}
        describedBy={`${field}-help`}
        readOnly={readOnly}
      />
    </Section>
  );
}

const NO_SIGN_OFFS: EditableContent['signOffs'] = [];

function SignOffs({ template, readOnly }: { template: OfficeTemplate; readOnly: boolean }) {
  const signOffs = useEditorStore((s) => s.draft?.signOffs ?? NO_SIGN_OFFS);
  const record = useEditorStore(editorSelectors.record);
  const fieldEdited = useEditorStore((s) => s.fieldEdited);
  const labelOf = (role: string) => template.signatories.find((s) => s.role === role)?.label ?? role;
  const edit = (role: string, change: Partial<{ name: string; comments: string }>) =>
    fieldEdited(
      'signOffs',
      signOffs.map((signOff) => (signOff.role === role ? { ...signOff, ...change } : signOff)),
    );
  return (
    <Section
      id="sign-off"
      title="SIGN-OFF"
      help="Officers comment before the Commissioner decides. Signatures are captured in signing mode."
    >
      {signOffs.map((signOff) => {
        const signature = record?.signOffs.find((s) => s.role === signOff.role)?.signature ?? null;
        const id = `signoff-${signOff.role}`;
        return (
          <fieldset key={signOff.role} className="signoff-group" data-print-heading={labelOf(signOff.role)}>
            <legend>{labelOf(signOff.role)}</legend>
            <TextField
              id={`${id}-name`}
              label="Name"
              value={signOff.name}
              maxLength={LIMITS.name}
              readOnly={readOnly}
              onChange={(name) => edit(signOff.role, { name })}
            />
            <TextField
              id={`${id}-comments`}
              label={template.labels.comments}
              value={signOff.comments}
              maxLength={LIMITS.impactText}
              multiline
              rows={2}
              readOnly={readOnly}
              onChange={(comments) => edit(signOff.role, { comments })}
            />
            <p className="signature-state">
              <span className="label">{template.labels.signature}:</span>{' '}
              {signature
                ? `${signature.method === 'paper' ? 'Signed on paper' : 'Signed'} by ${signature.signedBy}, ${formatDate(signature.signedAt)}`
                : 'Not signed yet'}
            </p>
          </fieldset>
        );
      })}
    </Section>
  );
}

function Impact({ template, readOnly }: { template: OfficeTemplate; readOnly: boolean }) {
  const impact = useEditorStore((s) => s.draft?.impact ?? null);
  const fieldEdited = useEditorStore((s) => s.fieldEdited);
  if (!impact) return null;
  const { labels } = template;
  const edit = (change: Partial<EditableContent['impact']>) => fieldEdited('impact', { ...impact, ...change });
  const yesNo = [
    { value: true, label: labels.yes },
    { value: false, label: labels.no },
  ];
  return (
    <Section id="impact" title={labels.impactAssessment} printed={labels.impactAssessment}>
      <TextField
        id={fieldId('impact.planObjectives')}
        label={labels.planObjectives}
        hint={`For example: \u201cSupports delivery of the ${template.planName} by \u2026\u201d`}
        value={impact.planObjectives}
        maxLength={LIMITS.impactText}
        multiline
        readOnly={readOnly}
        onChange={(planObjectives) => edit({ planObjectives })}
      />
      <Choice
        id={fieldId('impact.equalityImpactAssessment')}
        legend={labels.equalityImpactAssessment}
        help={labels.equalityImpactAssessmentHelp}
        options={yesNo}
        value={impact.equalityImpactAssessment}
        readOnly={readOnly}
        onChange={(equalityImpactAssessment) => edit({ equalityImpactAssessment })}
      />
      <Choice
        id={fieldId('impact.diversityImpact')}
        legend={labels.diversityImpact}
        options={yesNo}
        value={impact.diversityImpact}
        readOnly={readOnly}
        onChange={(diversityImpact) => edit({ diversityImpact })}
      />
      <TextField
        id={fieldId('impact.diversityExplanation')}
        label="Explanation"
        hint={
          impact.diversityImpact
            ? 'Describe the impact and how it will be addressed.'
            : 'Optional when there is no impact.'
        }
        error={
          impact.diversityImpact && !impact.diversityExplanation.trim() ? 'Explain the impact on diversity.' : null
        }
        value={impact.diversityExplanation}
        maxLength={LIMITS.impactText}
        multiline
        readOnly={readOnly}
        onChange={(diversityExplanation) => edit({ diversityExplanation })}
      />
    </Section>
  );
}

export function RecordForm({ template }: { template: OfficeTemplate }) {
  const record = useEditorStore(editorSelectors.record);
  const editable = useEditorStore(editorSelectors.isEditable);
  const sectionFocused = useEditorStore((s) => s.sectionFocused);
  const { labels } = template;
  if (!record) return null;
  const readOnly = !editable;
  // Focus moves bubble up to the form: the section it went into is the one the preview shows. The fields above the
  // first section print under the form's own heading, on the first page.
  const onFocus = (event: FocusEvent<HTMLFormElement>) =>
    sectionFocused(event.target.closest('[data-print-heading]')?.getAttribute('data-print-heading') ?? labels.heading);
  const onBlur = (event: FocusEvent<HTMLFormElement>) => {
    if (!(event.relatedTarget instanceof Node && event.currentTarget.contains(event.relatedTarget)))
      sectionFocused(null);
  };
  return (
    <form
      className="record-form"
      aria-label="Record of Decision"
      onSubmit={(event) => event.preventDefault()}
      onFocus={onFocus}
      onBlur={onBlur}
      noValidate
    >
      <div className="form-section form-row">
        <DraftText
          field="originator"
          label={labels.originator}
          hint="A role or a person, e.g. Chief Executive."
          maxLength={LIMITS.name}
          readOnly={readOnly}
        />
        <div className="field">
          <span className="label-like">{labels.reference}</span>
          <p className="hint">
            {record.reference === null && record.status !== 'draft'
              ? 'Given by the next sync with the shared folder.'
              : 'Given when the record is submitted for signatures.'}
          </p>
          <p className="reference-value">{referenceOf(record)}</p>
        </div>
      </div>
      <div className="form-section">
        <DraftText
          field="title"
          label={labels.title}
          hint="As it will appear on the Record of Decision."
          maxLength={LIMITS.shortText}
          readOnly={readOnly}
        />
      </div>
      <Section id="classification" title={`${labels.open} / ${labels.confidential}`}>
        <Classification template={template} readOnly={readOnly} />
      </Section>
      <RecordChoices template={template} readOnly={readOnly} />
      <RichSection
        field="executiveSummary"
        title={labels.executiveSummary}
        help="The background and the case for the decision. Pasting from Word keeps bold, italic and lists."
        readOnly={readOnly}
      />
      <ExtraSectionsAt template={template} place="executiveSummary" readOnly={readOnly} />
      <RichSection
        field="recommendation"
        title={labels.recommendation}
        help={'Usually \u201cThe PCC is recommended to \u2026\u201d'}
        readOnly={readOnly}
      />
      <ExtraSectionsAt template={template} place="recommendation" readOnly={readOnly} />
      <RichSection field="decision" title={labels.decision} help="What the Commissioner decides." readOnly={readOnly} />
      <ExtraSectionsAt template={template} place="decision" readOnly={readOnly} />
      <SignOffs template={template} readOnly={readOnly} />
      <Section
        id="background-documents"
        title={labels.backgroundDocuments}
        printed={labels.backgroundDocuments}
        help="The papers the decision rests on, e.g. the business case. List an equality impact assessment here when one was done."
      >
        <BackgroundDocuments label={labels.backgroundDocuments} readOnly={readOnly} />
      </Section>
      <ExtraSectionsAt template={template} place="backgroundDocuments" readOnly={readOnly} />
      <Impact template={template} readOnly={readOnly} />
      <ExtraSectionsAt template={template} place="impact" readOnly={readOnly} />
      <PublicationFields readOnly={readOnly} />
    </form>
  );
}
