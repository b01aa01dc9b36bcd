// Template versions through the service: every change of the office template kept as a version, each record printed
// and checked with its own, record.json carrying it, and what a hand-edited database or a changed file gets.

import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/core/db/connection.ts';
import { insertRecord } from '../../../../electron/core/db/records.ts';
import { definitionHash } from '../../../../electron/core/db/templates.ts';
import {
  type DecisionRecord,
  type OfficeTemplate,
  templateDefinition,
  templateHash,
} from '../../../../electron/core/domain/index.ts';
import { BUILTIN_TEMPLATE, createService, dispatch } from '../../../../electron/core/service.ts';
import { templateFileObject, versionOfTemplate } from '../../../../electron/core/templates.ts';
import { createTestService, makeRecord, readTable, type TestDesk } from '../../../helpers/db.ts';

/** Kent with another form: the executive summary and the Commissioner labelled otherwise (version as given). */
function relabelled(template: OfficeTemplate, summary = 'SUMMARY OF THE PROPOSAL'): OfficeTemplate {
  return {
    ...template,
    labels: { ...template.labels, executiveSummary: summary },
    signatories: template.signatories.map((s) => (s.decides ? { ...s, label: 'THE COMMISSIONER' } : s)),
  };
}

const complete = {
  originator: 'Chief Executive',
  title: 'Rural crime partnership grant',
  executiveSummary: 'The partnership asks for a grant.',
  recommendation: 'To agree the grant.',
  decision: 'The grant is agreed.',
  impact: {
    planObjectives: 'Safer rural communities.',
    equalityImpactAssessment: false,
    diversityImpact: false,
    diversityExplanation: 'None.',
  },
};

/** A record.json as this app writes it: the record and, beside it, its template version. */
const fileOf = (record: DecisionRecord, template: OfficeTemplate) => ({
  ...record,
  officeTemplate: templateFileObject(versionOfTemplate(template)),
});

/** A decided record made with `template`, signed by the test office (which every test service trusts). */
const decidedWith = (template: OfficeTemplate, overrides: Partial<DecisionRecord> = {}) =>
  makeRecord({ reference: 'OPCC.D.031.25', status: 'decided', templateHash: templateHash(template), ...overrides });

async function officeTemplate(desk: TestDesk): Promise<OfficeTemplate> {
  return (await desk.call('settings.get', {})).template;
}

describe('versions of the office template', () => {
  it('starts with the template this device had, as the legacy and current version', async () => {
    const desk = await createTestService(undefined, { office: false });
    expect(await desk.call('templates.versions', {})).toEqual([
      expect.objectContaining({
        id: 'kent',
        version: 1,
        hash: templateHash(BUILTIN_TEMPLATE),
        current: true,
        legacy: true,
      }),
    ]);
    expect(desk.db.prepare('SELECT hash, definition FROM templates').all()).toEqual([
      { hash: templateHash(BUILTIN_TEMPLATE), definition: JSON.stringify(templateDefinition(BUILTIN_TEMPLATE)) },
    ]);
  });

  it('keeps every changed form as a version, numbered above the ones held unless the change raised it', async () => {
    const desk = await createTestService();
    const v1 = await officeTemplate(desk);
    const v2 = (await desk.call('settings.update', { patch: { template: relabelled(v1) } })).template;
    expect(v2.version).toBe(2);
    const v7 = (
      await desk.call('templates.import', { text: JSON.stringify({ ...relabelled(v1, 'SUMMARY'), version: 7 }) })
    ).template;
    expect(v7.version).toBe(7);
    // A change with a version below the highest held is numbered above it.
    const v8 = (
      await desk.call('settings.update', { patch: { template: { ...relabelled(v1, 'OVERVIEW'), version: 3 } } })
    ).template;
    expect(v8.version).toBe(8);
    // Not a change of form: the seal, or the same template sent again.
    await desk.call('settings.update', { patch: { template: v8, userName: 'Someone' } });
    const versions = await desk.call('templates.versions', {});
    expect(versions.map((v) => [v.version, v.current, v.legacy])).toEqual([
      [8, true, false],
      [7, false, false],
      [2, false, false],
      [1, false, true],
    ]);
    // Each is stored under the hash of its definition, and the seal is in none of them.
    for (const row of readTable(desk.db, 'templates') as { hash: string; definition: string }[]) {
      expect(definitionHash(JSON.parse(row.definition))).toBe(row.hash);
      expect(row.definition).not.toContain('sealFingerprint');
    }
    expect(versions.find((v) => v.version === 8)!.hash).toBe(templateHash(v8));
  });

  it('goes back to a version it holds exactly, from its exported file', async () => {
    const desk = await createTestService();
    const v1 = await officeTemplate(desk);
    const file = Buffer.from((await desk.call('templates.export', {})).base64, 'base64').toString('utf8');
    expect(JSON.parse(file)).toMatchObject({
      format: 'decision-desk/template@1',
      hash: templateHash(v1),
      template: { id: 'kent', version: 1 },
    });
    expect(file).not.toContain('sealFingerprint');
    await desk.call('settings.update', { patch: { template: relabelled(v1) } });
    const back = (await desk.call('templates.import', { text: file })).template;
    expect(templateHash(back)).toBe(templateHash(v1));
    expect(back.sealFingerprint).toBe(v1.sealFingerprint);
    // And an older version by its hash, as this device holds it.
    const old = await desk.call('templates.export', { hash: templateHash(v1) });
    expect(old.fileName).toBe('kent-template-v1.json');
    expect((await desk.fail('templates.export', { hash: 'a'.repeat(64) })).code).toBe('not-found');
  });

  it('refuses a template that does not validate, naming the field, and keeps no version of it', async () => {
    const desk = await createTestService();
    const before = readTable(desk.db, 'templates');
    const broken = {
      ...BUILTIN_TEMPLATE,
      signatories: BUILTIN_TEMPLATE.signatories.map((s) => (s.decides ? { ...s, after: [] } : s)),
    };
    const error = await desk.fail('templates.import', { text: JSON.stringify(broken) });
    expect(error).toMatchObject({ code: 'invalid-input' });
    expect(error.message).toContain('template.signatories.2.after');
    expect(readTable(desk.db, 'templates')).toEqual(before);
  });
});

describe('a record keeps the version it was made with', () => {
  it('changing the template changes no record: its content and hash stay, and it prints and is checked with its own form', async () => {
    const desk = await createTestService();
    const v1 = await officeTemplate(desk);
    const draft = await desk.call('records.create', { content: complete });
    expect(draft.templateHash).toBe(templateHash(v1));
    // The next version: other labels, and a section every record must fill in.
    const v2 = {
      ...relabelled(v1),
      sections: [
        {
          id: 'risk',
          kind: 'rich-text' as const,
          label: 'RISK',
          help: '',
          required: true,
          explainWhen: 'yes' as const,
          after: 'decision' as const,
          internal: false,
        },
      ],
    };
    await desk.call('settings.update', { patch: { template: v2 } });

    const after = await desk.call('records.get', { id: draft.id });
    expect(after).toEqual(draft);
    const { html } = await desk.call('export.preview', { id: draft.id });
    expect(html).toContain('EXECUTIVE SUMMARY');
    expect(html).not.toContain('SUMMARY OF THE PROPOSAL');
    expect((await desk.call('templates.get', { record: draft.id })).labels.executiveSummary).toBe('EXECUTIVE SUMMARY');
    // Its form's rules: no risk section to fill in, so it goes for signatures as it is.
    expect((await desk.call('records.submit', { id: draft.id, baseRevision: draft.revision })).status).toBe(
      'awaiting-signatures',
    );

    // A record made now follows the new form, rules and all.
    const fresh = await desk.call('records.create', { content: complete });
    expect(fresh.templateHash).toBe(templateHash({ ...v2, version: 2 }));
    expect((await desk.call('export.preview', { id: fresh.id })).html).toContain('SUMMARY OF THE PROPOSAL');
    const refused = await desk.fail('records.submit', { id: fresh.id, baseRevision: fresh.revision });
    expect(refused.message).toContain('RISK');
  });

  it('a record from before versions prints with the legacy version of its template id, else the current template', async () => {
    const desk = await createTestService();
    const legacy = makeRecord();
    const other = makeRecord({ template: 'surrey' });
    await desk.call('records.import', { record: legacy });
    await desk.call('records.import', { record: other });
    await desk.call('settings.update', { patch: { template: relabelled(await officeTemplate(desk)) } });
    expect((await desk.call('templates.get', { record: legacy.id })).labels.executiveSummary).toBe('EXECUTIVE SUMMARY');
    expect((await desk.call('templates.get', { record: other.id })).labels.executiveSummary).toBe(
      'SUMMARY OF THE PROPOSAL',
    );
  });

  it('prints with the office’s seal and publication policy of today, the form of then', async () => {
    const desk = await createTestService();
    const v1 = await officeTemplate(desk);
    const draft = await desk.call('records.create', { content: complete });
    await desk.call('settings.update', {
      patch: { template: { ...relabelled(v1), publication: { signatures: 'text', comments: false, overdueDays: 30 } } },
    });
    const template = await desk.call('templates.get', { record: draft.id });
    expect(template.labels.executiveSummary).toBe('EXECUTIVE SUMMARY');
    expect(template.publication).toEqual({ signatures: 'text', comments: false, overdueDays: 30 });
    expect(template.sealFingerprint).toBe(v1.sealFingerprint);
  });
});

describe('a stored version is read as untrusted', () => {
  async function editedCopy(edit: (desk: TestDesk, hash: string) => void) {
    const desk = await createTestService();
    const draft = await desk.call('records.create', { content: complete });
    edit(desk, draft.templateHash!);
    // Another handle on the same file, as the app opens it the next day.
    const db = await openDatabase(desk.file);
    const service = createService({ db, now: desk.clock.now, trust: desk.trust });
    return { draft, db, service };
  }

  it.each([
    [
      'a changed label',
      (desk: TestDesk, hash: string) => {
        const row = desk.db.prepare('SELECT definition FROM templates WHERE hash = ?').get(hash) as {
          definition: string;
        };
        desk.db
          .prepare('UPDATE templates SET definition = ? WHERE hash = ?')
          .run(row.definition.replace('EXECUTIVE SUMMARY', 'SOMETHING ELSE'), hash);
      },
      'its definition no longer matches its hash',
    ],
    [
      'text that is not JSON',
      (desk: TestDesk, hash: string) =>
        desk.db.prepare('UPDATE templates SET definition = ? WHERE hash = ?').run('{"id": "kent", ', hash),
      'it is not JSON',
    ],
  ])('%s is an error naming the version, not a crash; the record itself opens', async (_name, edit, why) => {
    const { draft, db, service } = await editedCopy(edit);
    const preview = await dispatch(service, 'export.preview', { id: draft.id });
    expect(preview.ok).toBe(false);
    if (preview.ok) return;
    expect(preview.error.code).toBe('database-corrupt');
    expect(preview.error.message).toContain('The template kent version 1');
    expect(preview.error.message).toContain(why);
    const opened = await dispatch(service, 'records.get', { id: draft.id });
    expect(opened.ok && opened.value).toEqual(draft);
    const versions = await dispatch(service, 'templates.versions', {});
    expect(versions.ok && (versions.value as { damaged?: string }[])[0]!.damaged).toContain(why);
    db.close();
  });

  it('is repaired by importing a record of that version again from its record.json', async () => {
    const desk = await createTestService();
    const draft = await desk.call('records.create', { content: complete });
    const file = JSON.parse(
      Buffer.from((await desk.call('export.json', { id: draft.id })).base64, 'base64').toString('utf8'),
    ) as unknown;
    desk.db.prepare('UPDATE templates SET definition = ? WHERE hash = ?').run('not json', draft.templateHash);
    const db = await openDatabase(desk.file);
    const service = createService({ db, now: desk.clock.now, trust: desk.trust });
    expect((await dispatch(service, 'export.preview', { id: draft.id })).ok).toBe(false);
    const again = await dispatch(service, 'records.import', { record: file });
    expect(again.ok && again.value).toMatchObject({ action: 'skipped' });
    expect((await dispatch(service, 'export.preview', { id: draft.id })).ok).toBe(true);
    db.close();
  });

  it('a definition that hashes right but is no template is refused the same way', async () => {
    const desk = await createTestService();
    const definition = { id: 'kent', version: 4, colour: 'blue' };
    const hash = definitionHash(definition);
    const record = makeRecord({ templateHash: hash });
    // Rows as a hand-edited database has them, past every check the service makes on the way in.
    desk.db
      .prepare(
        "INSERT INTO templates (hash, id, version, definition, stored_at) VALUES (?, 'kent', 4, ?, '2025-01-01T00:00:00.000Z')",
      )
      .run(hash, JSON.stringify(definition));
    insertRecord(desk.db, record, null);
    const error = await desk.fail('export.preview', { id: record.id });
    expect(error.code).toBe('database-corrupt');
    expect(error.message).toContain('The template kent version 4');
    expect(error.message).toContain('it is not a valid template (template.area: is missing');
  });
});

describe('record.json carries its template version', () => {
  it('is exported with the version beside it, and another device takes the record with it', async () => {
    const here = await createTestService();
    const v2 = (await here.call('settings.update', { patch: { template: relabelled(await officeTemplate(here)) } }))
      .template;
    const record = await here.call('records.create', { content: complete });
    const exported = JSON.parse(
      Buffer.from((await here.call('export.json', { id: record.id })).base64, 'base64').toString('utf8'),
    ) as Record<string, unknown>;
    expect(exported.officeTemplate).toEqual(templateFileObject(versionOfTemplate(v2)));

    const there = await createTestService();
    expect((await there.call('records.import', { record: exported })).action).toBe('created');
    expect((await there.call('templates.versions', {})).map((v) => [v.version, v.hash, v.current])).toContainEqual([
      2,
      templateHash(v2),
      false,
    ]);
    // It prints there as it does here, though that device's own template is the Kent one.
    expect((await there.call('export.preview', { id: record.id })).html).toContain('SUMMARY OF THE PROPOSAL');
    expect((await there.call('settings.get', {})).template.labels.executiveSummary).toBe('EXECUTIVE SUMMARY');
  });

  it('a decided record from a device with another version: imported, verified and printed with the version it carries', async () => {
    const desk = await createTestService();
    const theirs = { ...relabelled(BUILTIN_TEMPLATE), version: 3, sealFingerprint: null };
    const record = decidedWith(theirs);
    const report = await desk.call('records.verify', { record: fileOf(record, theirs) });
    expect(report.valid).toBe(true);
    // Verifying stores nothing.
    expect((await desk.call('templates.versions', {})).some((v) => v.hash === templateHash(theirs))).toBe(false);
    expect((await desk.call('records.import', { record: fileOf(record, theirs) })).action).toBe('created');
    expect((await desk.call('export.preview', { id: record.id })).html).toContain('THE COMMISSIONER');
    // Once held, the record needs it carried no more.
    expect((await desk.call('records.verify', { record })).valid).toBe(true);
  });

  it('refuses a carried template whose definition does not match its hash, and changes nothing', async () => {
    const desk = await createTestService();
    const theirs = { ...relabelled(BUILTIN_TEMPLATE), version: 3, sealFingerprint: null };
    const file = fileOf(decidedWith(theirs), theirs);
    file.officeTemplate.template = { ...file.officeTemplate.template, planName: 'Another plan' };
    const before = { templates: readTable(desk.db, 'templates'), records: readTable(desk.db, 'records') };
    const error = await desk.fail('records.import', { record: file });
    expect(error).toMatchObject({ code: 'invalid-input' });
    expect(error.message).toBe(
      'The template this record.json carries (officeTemplate) was changed: its definition does not match its hash.',
    );
    expect((await desk.fail('records.verify', { record: file })).message).toContain('does not match its hash');
    expect({ templates: readTable(desk.db, 'templates'), records: readTable(desk.db, 'records') }).toEqual(before);
  });

  it('refuses a carried template that is another version than the record names', async () => {
    const desk = await createTestService();
    const theirs = { ...relabelled(BUILTIN_TEMPLATE), version: 3, sealFingerprint: null };
    const other = { ...theirs, version: 4 };
    const error = await desk.fail('records.import', { record: fileOf(decidedWith(theirs), other) });
    expect(error.message).toContain('carries (officeTemplate) is kent version 4');
    expect(error.message).toContain('but the record was made with another version');
  });

  it('refuses a carried template that is not a valid template', async () => {
    const desk = await createTestService();
    const definition = { ...templateDefinition(BUILTIN_TEMPLATE), signatories: [] };
    const hash = definitionHash(definition);
    const record = decidedWith(BUILTIN_TEMPLATE, { templateHash: hash });
    const error = await desk.fail('records.import', {
      record: { ...record, officeTemplate: { format: 'decision-desk/template@1', hash, template: definition } },
    });
    expect(error.message).toContain(
      'The template this record.json carries (officeTemplate) is not a valid template (template.signatories',
    );
  });

  it('refuses a record naming a version this device lacks and the file does not carry, saying what to do', async () => {
    const desk = await createTestService();
    const theirs = { ...relabelled(BUILTIN_TEMPLATE), id: 'essex-pfcc', version: 3, sealFingerprint: null };
    const record = decidedWith(theirs, { template: 'essex-pfcc' });
    const before = readTable(desk.db, 'records');
    const message =
      `This record was made with a version of template essex-pfcc (${templateHash(theirs).slice(0, 12)}), which this device does not have ` +
      'and the file does not carry: import the template file from IT first.';
    expect(await desk.fail('records.import', { record })).toMatchObject({ code: 'invalid-input', message });
    expect((await desk.fail('records.verify', { record })).message).toBe(message);
    expect(readTable(desk.db, 'records')).toEqual(before);
    // Once IT's file is imported (that version, exactly as exported), the record goes in.
    await desk.call('templates.import', { text: JSON.stringify(templateFileObject(versionOfTemplate(theirs))) });
    expect((await desk.call('records.import', { record })).action).toBe('created');
  });

  it('a content-only file becomes a draft in this office’s template, whatever version it names or carries', async () => {
    const desk = await createTestService();
    const theirs = { ...relabelled(BUILTIN_TEMPLATE), version: 3, sealFingerprint: null };
    const outcome = await desk.call('records.import', {
      record: {
        title: 'From a macro',
        templateHash: templateHash(theirs),
        officeTemplate: templateFileObject(versionOfTemplate(theirs)),
      },
    });
    const draft = await desk.call('records.get', { id: outcome.id });
    expect(draft.templateHash).toBe(templateHash(await officeTemplate(desk)));
  });
});
