// A record made with each shipped template, from blank to published, as an office using it would: the template
// imported, the office's seal made and each signatory enrolled, the draft filled (extra sections, series, category,
// decision maker), submitted, signed in the template's order (out of order refused), exported to Word and PDF and
// read back by python-docx and pdftotext, verified, and published to a real shared folder.

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Method, MethodInput, MethodResult } from '../../../../electron/contract.ts';
import { type Desk, openDesk } from '../../../../electron/core/desk.ts';
import {
  type DecisionRecord,
  deciderOf,
  type OfficeTemplate,
  parseNumbered,
} from '../../../../electron/core/domain/index.ts';
import { dispatch } from '../../../../electron/core/service.ts';
import { pngDataUrl } from '../../../helpers/png.ts';
import { pdfText } from '../export/support.ts';

const PIN = '246810';
const PASSPHRASE = 'quiet harbour lantern 7';
const CHEAP_KEYS = { kdf: { pin: { N: 1024, r: 8, p: 1 }, passphrase: { N: 1024, r: 8, p: 1 } } };
const run = promisify(execFile);

interface Case {
  id: string;
  /** What the draft chooses and fills beyond the built-in sections. */
  choices: Partial<DecisionRecord>;
  /** The officers in the order they sign; the decision maker signs after them. */
  officers: string[];
  /** Text that must print: each extra section's label and words, the decision maker and capacity. */
  prints: string[];
  /** Text the public copy must not have (internal sections). */
  internal: string[];
  reference: RegExp;
  /** Where its claim is made on the shared folder. */
  claim: RegExp;
}

const CASES: Case[] = [
  {
    id: 'kent',
    choices: {},
    officers: ['chief-executive', 'chief-finance-officer'],
    prints: ['POLICE AND CRIME COMMISSIONER FOR KENT'],
    internal: [],
    reference: /^OPCC\.D\.001\.\d{2}$/,
    claim: /^references\/\d{2}\/0001\.claim$/,
  },
  {
    id: 'essex-pfcc',
    choices: {
      series: 'fire',
      category: 'policing',
      sections: [
        { id: 'options', kind: 'rich-text', text: 'Option one: replace the appliances. Option two: refurbish them.' },
        {
          id: 'financial-implications',
          kind: 'rich-text',
          text: 'The cost of 2.4 million pounds is met from the capital programme.',
        },
        { id: 'legal-implications', kind: 'rich-text', text: 'The Fire and Rescue Services Act 2004 gives the power.' },
        { id: 'consultation', kind: 'yes-no', answer: true, explanation: 'Consulted the Fire Brigades Union locally.' },
        { id: 'interests', kind: 'yes-no', answer: true, explanation: 'A relative works for the bidder Marigoldcorp.' },
      ],
    },
    officers: ['monitoring-officer', 'chief-finance-officer'],
    prints: [
      'FINANCIAL IMPLICATIONS',
      'capital programme',
      'LEGAL IMPLICATIONS',
      'Fire and Rescue Services Act 2004',
      'OPTIONS CONSIDERED',
      'Monitoring Officer',
    ],
    internal: ['Marigoldcorp'],
    reference: /^PFCC\/FRS\/001\/\d{2}$/,
    claim: /^references\/fire\/fy20\d{2}\/0001\.claim$/,
  },
  {
    id: 'london',
    choices: {
      decisionMaker: 'deputy-mayor',
      category: 'general',
      sections: [
        { id: 'financial-comments', kind: 'rich-text', text: 'Funded from the violence reduction budget.' },
        {
          id: 'legal-comments',
          kind: 'rich-text',
          text: 'Within the powers of the Deputy Mayor under the scheme of delegation.',
        },
        { id: 'considered-by', kind: 'people', people: ['Investment Advisory Board'] },
        { id: 'considered-on', kind: 'date', date: '2026-02-10' },
        { id: 'part-two', kind: 'rich-text', text: 'The bid prices were Quillfeather figures.' },
      ],
    },
    officers: ['chief-of-staff', 'chief-finance-officer'],
    prints: [
      'FINANCIAL COMMENTS',
      'violence reduction budget',
      'CONSIDERED BY',
      'Investment Advisory Board',
      'Deputy Mayor for Policing and Crime',
      "under the Mayor's scheme of delegation",
    ],
    internal: ['Quillfeather'],
    reference: /^PCD 0001$/,
    claim: /^references\/pcd\/all\/0001\.claim$/,
  },
];

let tmp: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-shipped-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe.each(CASES)('a record in the shipped template $id, from blank to published', (spec) => {
  let desk: Desk;
  let template: OfficeTemplate;
  const call = async <M extends Method>(method: M, input: MethodInput<M>): Promise<MethodResult<M>> => {
    const envelope = await dispatch(desk.service, method, input);
    if (!envelope.ok) throw new Error(`${method}: ${envelope.error.message}`);
    return envelope.value as MethodResult<M>;
  };
  const refusal = async <M extends Method>(method: M, input: MethodInput<M>): Promise<string> => {
    const envelope = await dispatch(desk.service, method, input);
    if (envelope.ok) throw new Error(`${method} was expected to be refused`);
    return envelope.error.message;
  };
  const nameOf = (role: string) => `Signer ${role}`;
  let record: DecisionRecord;
  let share: string;

  beforeAll(async () => {
    const dir = path.join(tmp, spec.id);
    share = path.join(dir, 'share');
    fs.mkdirSync(share, { recursive: true });
    desk = await openDesk(path.join(dir, 'data'), { dailyBackup: false, sync: { start: false }, keys: CHEAP_KEYS });
    await call('settings.update', {
      patch: { userName: 'Alex Morgan', deviceName: 'Office laptop', sharedFolder: share },
    });
    template = (await call('templates.import', { shipped: spec.id })).template;
    await call('trust.createSeal', { passphrase: PASSPHRASE });
    for (const s of template.signatories) {
      await call('trust.enrol', {
        kind: 'signatory',
        role: s.role,
        name: nameOf(s.role),
        pin: PIN,
        sealPassphrase: PASSPHRASE,
      });
    }
  });
  afterAll(async () => desk?.close());

  it('drafts, submits and numbers it in its series', async () => {
    expect(template.id).toBe(spec.id);
    const draft = await call('records.create', {});
    expect(draft.template).toBe(spec.id);
    const saved = await call('records.save', {
      id: draft.id,
      baseRevision: draft.revision,
      patch: {
        originator: 'Chief Executive',
        title: `New appliances (${spec.id})`,
        executiveSummary: 'The fleet is old and breaks down.',
        recommendation: 'Approve the purchase.',
        decision: 'The purchase is approved.',
        impact: {
          planObjectives: 'A safer county.',
          equalityImpactAssessment: false,
          diversityImpact: false,
          diversityExplanation: '',
        },
        ...spec.choices,
      },
    });
    record = await call('records.submit', { id: saved.id, baseRevision: saved.revision });
    expect(record.status).toBe('awaiting-signatures');
    expect(record.reference).toMatch(spec.reference);
    expect(parseNumbered(template.numbering, record.reference!)?.series).toBe(
      spec.choices.series ?? template.numbering.series[0]!.id,
    );
    const claims = (fs.readdirSync(path.join(share, 'references'), { recursive: true }) as string[]).map(
      (f) => `references/${f.split(path.sep).join('/')}`,
    );
    expect(claims.filter((f) => f.endsWith('.claim'))).toEqual([expect.stringMatching(spec.claim)]);
  });

  it('signs in the template\u2019s order: the decision maker is refused until the officers have signed', async () => {
    const decider = deciderOf(record, template)!.role;
    expect(
      await refusal('records.sign', {
        id: record.id,
        role: decider,
        name: nameOf(decider),
        image: pngDataUrl(),
        strokes: [],
        pin: PIN,
      }),
    ).toMatch(/signs last: waiting for/);
    for (const role of spec.officers) {
      record = await call('records.sign', {
        id: record.id,
        role,
        name: nameOf(role),
        image: pngDataUrl(),
        strokes: [],
        pin: PIN,
      });
    }
    record = await call('records.sign', {
      id: record.id,
      role: decider,
      name: nameOf(decider),
      image: pngDataUrl(),
      strokes: [],
      pin: PIN,
    });
    expect(record.status).toBe('decided');
    expect(record.signOffs.map((s) => s.role)).toEqual(
      template.signatories.filter((s) => [...spec.officers, decider].includes(s.role)).map((s) => s.role),
    );
    const report = await call('records.verify', { record });
    expect(report.valid).toBe(true);
  });

  it('prints its extra sections and its decision maker in Word and PDF; the public copy leaves out what is internal', async () => {
    const docx = await call('export.docx', { id: record.id });
    const file = path.join(tmp, `${spec.id}.docx`);
    fs.writeFileSync(file, Buffer.from(docx.base64, 'base64'));
    const script = [
      'import docx, sys',
      'd = docx.Document(sys.argv[1])',
      'ps = d.paragraphs + [p for t in d.tables for r in t.rows for c in r.cells for p in c.paragraphs]',
      'print("\\n".join(p.text for p in ps))',
    ].join('\n');
    const word = (await run('/usr/bin/python3', ['-c', script, file])).stdout.replace(/\s+/g, ' ');
    const archive = (
      await pdfText(Buffer.from((await call('export.pdf', { id: record.id })).base64, 'base64'))
    ).replace(/\s+/g, ' ');
    for (const text of [...spec.prints, ...spec.internal]) {
      expect(word, `Word: ${text}`).toContain(text);
      expect(archive, `PDF: ${text}`).toContain(text);
    }
    const publicCopy = (
      await pdfText(Buffer.from((await call('export.pdf', { id: record.id, rendition: 'public' })).base64, 'base64'))
    ).replace(/\s+/g, ' ');
    for (const text of spec.prints) expect(publicCopy, `public PDF: ${text}`).toContain(text);
    for (const text of spec.internal) expect(publicCopy, `public PDF: ${text}`).not.toContain(text);
  });

  it('is published to the shared folder at the next sync', async () => {
    const pass = await call('sync.now', {});
    expect(pass.published.map((p) => p.reference)).toContain(record.reference);
    expect((await call('records.get', { id: record.id })).status).toBe('published');
  });
});
