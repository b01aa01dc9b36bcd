// Generates realistic Records of Decision for benches: OPCC-style titles and prose with Zipf-distributed words.

import {
  computeContentHash,
  type DecisionRecord,
  formatReference,
  RECORD_FORMAT,
  type RecordStatus,
} from '../../electron/core/domain/index.ts';
import { BUILTIN_TEMPLATE } from '../../electron/core/service.ts';

/** A small seeded generator (mulberry32), so every run builds the same corpus. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: () => number, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const between = (random: () => number, low: number, high: number) => low + Math.floor(random() * (high - low + 1));

/**
 * Samples words by rank with weight 1/(rank + shift)^exponent (Zipf–Mandelbrot): a few words are in nearly every
 * record, most are rare. The shift keeps the top word from crowding out the rest, as in real prose.
 */
export class ZipfWords {
  private readonly cumulative: Float64Array;
  constructor(
    readonly words: readonly string[],
    exponent: number,
    shift = 0,
  ) {
    this.cumulative = new Float64Array(words.length);
    let sum = 0;
    for (let i = 0; i < words.length; i++) {
      sum += 1 / Math.pow(i + 1 + shift, exponent);
      this.cumulative[i] = sum;
    }
  }
  index(random: () => number): number {
    const target = random() * this.cumulative[this.cumulative.length - 1]!;
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.cumulative[mid]! < target) low = mid + 1;
      else high = mid;
    }
    return low;
  }
  word(random: () => number): string {
    return this.words[this.index(random)]!;
  }
}

// Ranked roughly as they occur in OPCC decision papers: the first few appear in nearly every record.
const NOUNS = (
  'police force commissioner funding contract service plan community budget partnership officers crime victims ' +
  'staff costs savings programme delivery estate provision strategy support policing board report proposal ' +
  'collaboration scheme year grant procurement project region capital revenue reserves precept performance ' +
  'investment safety approach agreement framework public scrutiny panel council partners assessment review ' +
  'options risk value requirement outcomes capacity efficiency demand resources equipment vehicles fleet ' +
  'technology systems custody training recruitment accommodation building site premises lease disposal ' +
  'property works maintenance supplier tender specification award extension term period arrangements ' +
  'governance oversight audit assurance compliance legislation guidance policy policies priorities objectives ' +
  'victim witness offenders reoffending prevention intervention exploitation violence abuse harm safeguarding ' +
  'children families women girls youth schools neighbourhood communities residents businesses roads drivers ' +
  'collisions speeding enforcement cameras cybercrime fraud drugs gangs knife weapons firearms burglary theft ' +
  'disorder behaviour hate confidence satisfaction engagement consultation survey responses feedback ' +
  'mental health welfare wellbeing workforce headcount vacancies apprenticeships pensions pay allowances ' +
  'inflation pressures forecast outturn underspend overspend allocation settlement treasury borrowing ' +
  'loans interest depreciation asset assets liabilities accounts statement valuation insurance claims ' +
  'charges income receipts fees contributions benefits efficiencies reductions growth uplift baseline ' +
  'milestones timetable implementation transition mobilisation contractors consultants advice counsel ' +
  'licences software hardware network radio airwave control room calls emergency response attendance ' +
  'investigations prosecutions courts justice probation prisons sentencing restorative commissioning ' +
  'charities organisations providers helpline referrals caseworkers advocates refuge housing accommodation ' +
  'evidence forensic laboratory digital devices footage cameras storage retention data information records'
)
  .split(/\s+/)
  .filter((word, i, all) => all.indexOf(word) === i);

const ADJECTIVES = (
  'additional operational financial strategic regional local national annual existing new proposed current ' +
  'significant effective efficient sustainable independent statutory joint shared specialist preferred ' +
  'capital revenue total overall initial further recurring non-recurring one-off successful competitive ' +
  'detailed robust safe visible accessible vulnerable serious organised rural urban coastal digital ' +
  'collaborative appropriate necessary essential full partial interim final revised updated approved'
).split(/\s+/);

const VERBS = (
  'approve support deliver provide continue ensure improve reduce increase fund procure extend agree ' +
  'commission award allocate transfer replace maintain develop implement review monitor strengthen ' +
  'enable secure release realise consolidate align integrate retain dispose acquire refurbish relocate'
).split(/\s+/);

const PARTICIPLES = (
  'undertaken completed agreed identified considered reviewed approved developed established received ' +
  'commissioned delivered assessed endorsed scrutinised negotiated tested consulted presented modelled'
).split(/\s+/);

const ORIGINATORS = [
  'Chief Executive',
  'Chief Finance Officer',
  'Head of Commissioning',
  'Head of Estates',
  'Director of Policy and Performance',
  'Head of Partnerships',
  'Chief Constable',
  'Head of Strategic Procurement',
  'Deputy Chief Executive',
  'Head of Victim Services',
  'Treasurer',
  'Head of Communications and Engagement',
];

const PLACES = [
  'Maidstone',
  'Ashford',
  'Canterbury',
  'Dover',
  'Folkestone',
  'Tonbridge',
  'Sevenoaks',
  'Dartford',
  'Gravesend',
  'Medway',
  'Swale',
  'Thanet',
  'Faversham',
  'Sittingbourne',
  'Margate',
  'Ramsgate',
  'Tunbridge Wells',
  'Whitstable',
  'Herne Bay',
  'Deal',
  'Sandwich',
  'Hythe',
  'Cranbrook',
  'Edenbridge',
  'Swanley',
  'Northfleet',
  'Rochester',
  'Chatham',
  'Gillingham',
  'Coldharbour',
];

const SYLLABLE_START = (
  'al am an ar ash bar bel bir bram bre cal car cor dal dar den dun el elm fal fen gar gil gle hal har hel ' +
  'hol ken kel lam lan lin mar mel mor nor oak os pen pol quen ros sal sel sil tam tor tre ul ven ver wes wil yar'
).split(' ');
const SYLLABLE_MIDDLE = 'a e i o u an en in on ar er or el il ol ad ed id'.split(' ');
const SYLLABLE_END = (
  'brook ford ham ley ton wick den field worth combe stead bury gate hurst mere well stone wood dale more ' +
  'sby thorpe holm croft shaw'
).split(' ');

/** Proper names that occur in a handful of records each: suppliers, sites, programme names. */
function rareNames(): string[] {
  const names: string[] = [];
  for (const start of SYLLABLE_START) {
    for (const middle of SYLLABLE_MIDDLE) {
      for (const end of SYLLABLE_END) names.push(start[0]!.toUpperCase() + start.slice(1) + middle + end);
    }
  }
  // Interleave so the rare tail is not alphabetical by rank.
  const random = createRandom(7);
  for (let i = names.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [names[i], names[j]] = [names[j]!, names[i]!];
  }
  return names;
}

export interface CorpusOptions {
  count: number;
  seed: number;
  firstYear: number;
  lastYear: number;
  /** Reference pattern of the office, e.g. "OPCC.D.{nnn}.{yy}". */
  referencePattern: string;
  signatoryRoles: readonly string[];
  /** No record is stamped later than this. */
  now: Date;
}

/** Builds the corpus one record at a time, so 50,000 records never sit in memory together. */
export class Corpus {
  readonly nouns = new ZipfWords(NOUNS, 1.0, 10);
  readonly adjectives = new ZipfWords(ADJECTIVES, 1.0, 3);
  readonly names = new ZipfWords(rareNames(), 1.0);
  private readonly random: () => number;
  private readonly nextNumber = new Map<number, number>();
  private readonly nameUses = new Uint32Array(this.names.words.length);

  constructor(readonly options: CorpusOptions) {
    this.random = createRandom(options.seed);
  }

  private uuid(): string {
    const hex = Array.from({ length: 32 }, () => Math.floor(this.random() * 16).toString(16));
    hex[12] = '4';
    hex[16] = '89ab'[Math.floor(this.random() * 4)]!;
    const s = hex.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  }

  private noun(): string {
    // One noun in twelve is a proper name from the long tail.
    if (this.random() >= 1 / 12) return this.nouns.word(this.random);
    const index = this.names.index(this.random);
    this.nameUses[index]!++;
    return this.names.words[index]!;
  }

  /** A name the corpus has used about `uses` times so far: a rare term that is certain to be found. */
  rareName(uses: number): string {
    let best = 0;
    for (let i = 1; i < this.nameUses.length; i++) {
      if (Math.abs(this.nameUses[i]! - uses) < Math.abs(this.nameUses[best]! - uses)) best = i;
    }
    return this.names.words[best]!;
  }

  private money(): string {
    const amount = between(this.random, 5, 4_800) * 1000;
    return `£${amount.toLocaleString('en-GB')}`;
  }

  sentence(): string {
    const r = this.random;
    const n = () => this.noun();
    const a = () => this.adjectives.word(r);
    const patterns = [
      () => `The ${a()} ${n()} will ${pick(r, VERBS)} the ${n()} of the ${n()} across ${pick(r, PLACES)}`,
      () =>
        `Significant work has been ${pick(r, PARTICIPLES)} to ${pick(r, VERBS)} the ${n()} and ${n()} of the ${a()} ${n()}`,
      () => `This ${n()} has been ${pick(r, PARTICIPLES)} by the ${n()} ${n()} and the ${a()} ${n()} ${n()}`,
      () => `A ${a()} ${n()} of ${this.money()} is required to ${pick(r, VERBS)} the ${n()} for ${n()} and ${n()}`,
      () =>
        `The ${n()} ${n()} would ${pick(r, VERBS)} ${a()} ${n()} while the ${n()} continues to ${pick(r, VERBS)} ${n()}`,
      () =>
        `In ${between(r, 2016, 2026)} the ${n()} ${pick(r, PARTICIPLES)} ${a()} ${n()} with ${n()} from ${pick(r, PLACES)} and ${n()}`,
      () =>
        `Following ${n()} with the ${n()}, the ${a()} ${n()} is expected to ${pick(r, VERBS)} ${n()} by ${between(r, 2, 25)} per cent`,
      () => `The ${n()} is ${a()} and ${a()}, and ${pick(r, VERBS)}s the ${n()} set out in the ${n()} ${n()}`,
    ];
    const text = pick(r, patterns)().replace(/\b([Aa]) (?=[aeiou])/g, '$1n ');
    return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
  }

  paragraph(sentences: number): string {
    return Array.from({ length: sentences }, () => this.sentence()).join(' ');
  }

  title(year: number): string {
    const r = this.random;
    const yy = (y: number) => String(y % 100).padStart(2, '0');
    const templates = [
      () =>
        `${capital(this.adjectives.word(r))} ${capital(this.noun())} ${capital(this.noun())} ${pick(r, ['Function', 'Programme', 'Contract', 'Scheme'])}`,
      () => `Precept proposal ${year}/${yy(year + 1)}`,
      () => `Disposal of ${pick(r, PLACES)} police station`,
      () => `${capital(this.noun())} ${this.noun()} contract extension`,
      () => `Commissioning of ${this.noun()} services for ${this.noun()} ${year}–${yy(year + 1)}`,
      () => `Treasury management strategy ${year}/${yy(year + 1)}`,
      () => `Community safety grants: ${pick(r, PLACES)} ${this.noun()} ${this.noun()}`,
      () => `Award of ${this.noun()} ${this.noun()} contract to ${this.names.word(r)} Ltd`,
      () => `Capital programme ${year}/${yy(year + 1)}: ${this.noun()} and ${this.noun()}`,
      () =>
        `${capital(this.noun())} collaboration agreement with ${pick(r, ['Essex', 'Sussex', 'Surrey', 'Hertfordshire', 'Norfolk', 'Suffolk', 'Bedfordshire'])}`,
    ];
    return pick(r, templates)();
  }

  private status(year: number): RecordStatus {
    const draw = this.random();
    const [published, decided, awaiting] =
      year >= this.options.lastYear
        ? [0.2, 0.35, 0.55]
        : year === this.options.lastYear - 1
          ? [0.6, 0.75, 0.85]
          : [0.9, 0.97, 0.99];
    return draw < published
      ? 'published'
      : draw < decided
        ? 'decided'
        : draw < awaiting
          ? 'awaiting-signatures'
          : 'draft';
  }

  /** The i-th record: valid for DecisionRecordSchema, with its content hash. */
  next(i: number): DecisionRecord {
    const { firstYear, lastYear, count, referencePattern, signatoryRoles, now } = this.options;
    const r = this.random;
    const span = lastYear - firstYear + 1;
    const year = firstYear + Math.min(span - 1, Math.floor((i / count) * span));
    const yearStart = Date.UTC(year, 0, 1);
    const yearEnd = Math.min(Date.UTC(year + 1, 0, 1), now.getTime() - 86_400_000);
    const created = new Date(yearStart + r() * (yearEnd - yearStart));
    const updated = new Date(Math.min(now.getTime(), created.getTime() + r() * 60 * 86_400_000));
    const status = this.status(year);
    const hasReference = status !== 'draft' || r() < 0.3;
    let reference: string | null = null;
    if (hasReference) {
      const number = (this.nextNumber.get(year) ?? 0) + 1;
      this.nextNumber.set(year, number);
      reference = formatReference(referencePattern, { number, year });
    }
    const confidential = r() < 0.08;
    const signed = status === 'decided' || status === 'published';
    const signedAt = updated.toISOString();
    const subject = `${this.noun()} ${this.noun()}`;
    const record: DecisionRecord = {
      format: RECORD_FORMAT,
      id: this.uuid(),
      reference,
      template: 'kent',
      originator: pick(r, ORIGINATORS),
      title: this.title(year),
      classification: confidential ? 'confidential' : 'open',
      confidentialReason: confidential
        ? `Commercially sensitive: the ${this.noun()} ${this.noun()} is still under negotiation.`
        : '',
      executiveSummary: Array.from({ length: between(r, 3, 6) }, () => this.paragraph(between(r, 3, 6))).join('\n\n'),
      recommendation: `The PCC is recommended to ${pick(r, VERBS)} the ${subject}. ${this.sentence()}`,
      decision: `To ${pick(r, VERBS)} the ${subject}${r() < 0.5 ? `, with ${this.noun()} ${this.noun()} reported to the ${this.noun()} board` : ''}.`,
      backgroundDocuments: Array.from({ length: between(r, 0, 4) }, () => ({
        title: `${capital(this.noun())} ${this.noun()} ${pick(r, ['business case', 'report', 'options appraisal', 'equality impact assessment', 'briefing note'])}`,
      })),
      impact: {
        planObjectives: `Supports delivery of the Police and Crime Plan by helping to ${pick(r, VERBS)} the ${this.noun()} and ${this.noun()} of the ${this.noun()}. ${this.sentence()}`,
        equalityImpactAssessment: r() < 0.3,
        diversityImpact: r() < 0.1,
        diversityExplanation: `The decision is ${pick(r, ['administrative', 'financial', 'operational'])}; the ${this.noun()} has no differential effect on any protected group.`,
      },
      signOffs: signatoryRoles.map((role) => {
        const name = `${pick(r, ['A.', 'J.', 'M.', 'R.', 'S.', 'P.'])} ${this.names.word(r)}`;
        return {
          role,
          name,
          comments: r() < 0.3 ? this.sentence() : '',
          // Paper signatures keep the body small; drawn ones would add their strokes and image to every read.
          signature: signed
            ? {
                signedBy: name,
                signedAt,
                device: 'paper form',
                method: 'paper' as const,
                image: null,
                strokes: [],
                contentHash: '0'.repeat(64),
              }
            : null,
        };
      }),
      status,
      revision: between(r, 1, 12),
      contentHash: '',
      createdAt: created.toISOString(),
      updatedAt: updated.toISOString(),
    };
    record.contentHash = computeContentHash(record);
    if (signed) for (const signOff of record.signOffs) signOff.signature!.contentHash = record.contentHash;
    return record;
  }
}

function capital(word: string): string {
  return word[0]!.toUpperCase() + word.slice(1);
}

/** The register every bench builds: the default office's pattern and signatories, 2018 to 2026, up to today. */
export function officeCorpus(count: number, seed: number): Corpus {
  return new Corpus({
    count,
    seed,
    firstYear: 2018,
    lastYear: 2026,
    referencePattern: BUILTIN_TEMPLATE.numbering.series[0]!.pattern,
    signatoryRoles: BUILTIN_TEMPLATE.signatories.map((s) => s.role),
    now: new Date(),
  });
}
