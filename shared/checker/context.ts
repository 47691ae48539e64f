import { questionNumbers } from '../domain/draft/model';
import { inlineText, walkBlocks, type Block } from '../domain/draft/rich-text';
import type { DraftView } from './draft-view';
import { maskText } from './text/mask';
import { splitSentences, type Sentence } from './text/words';
import type { FindingLocation, RuleInfo, Severity } from './types';

/**
 * What every rule sees: the draft (defensively read), the settings, the clock, every piece of
 * text in document order (each with where it is), and `report` to add a finding.
 */

/** How a piece of text is used, which decides which rules read it. */
export type UnitRole = 'title' | 'heading' | 'prose' | 'option' | 'field';

export interface TextUnit {
  /** The text as written. */
  raw: string;
  /** The same text with web and email addresses, postcodes and "GOV.UK" blanked out (same offsets). */
  text: string;
  location: FindingLocation;
  order: number[];
  role: UnitRole;
  source: 'metadata' | 'section' | 'question' | 'aboutYou' | 'privacy';
  inList: boolean;
  inTable: boolean;
  sectionKind?: string;
  block?: Block;
}

export interface Report {
  ruleId: string;
  title: string;
  message: string;
  location: FindingLocation;
  /** Distinguishes findings of one rule at one place (the matched text, the sentence); hashed into the key. */
  fingerprint?: string;
  /** When the rule reports below its catalogue level in this case. */
  severity?: Severity;
  /** Position inside the location (a character offset), for sorting. */
  offset?: number;
}

/** Metadata fields in the order the "About this consultation" box shows them. */
export const METADATA_ORDER = [
  'title',
  'summary',
  'department',
  'leadTeam',
  'audience',
  'territorialExtent',
  'territorialNote',
  'opensAt',
  'closesAt',
  'durationJustification',
  'holidayPeriods',
  'bankHolidays',
  'electionPeriods',
  'enquiries',
  'enquiries.email',
  'enquiries.phone',
  'enquiries.address',
  'enquiries.alternativeFormats',
  'waysToRespond',
  'waysToRespond.onlineUrl',
  'waysToRespond.email',
  'waysToRespond.postalAddress',
  'waysToRespond.responseForm',
  'additionalWays',
  'responsePaper.dueDate',
  'responsePaper.url',
  'impactAssessment',
  'impactAssessment.note',
  'legalDutyToConsult',
  'openToInfluence',
  'complianceStatement',
  'welshVersion',
  'easyReadVersion',
];

export const PRIVACY_ORDER = [
  'controller',
  'dpoContact',
  'purpose',
  'dataCollected',
  'lawfulBasis',
  'specialCategory',
  'recipients',
  'retention',
  'rights',
  'internationalTransfers',
  'automatedDecisions',
  'aiUse',
];

const QUESTION_FIELD_ORDER = { type: 0, text: 1, hint: 2, options: 3 } as const;

/** Metadata text that is printed in the document, and how it reads. */
const METADATA_TEXT: [string, UnitRole][] = [
  ['title', 'title'],
  ['summary', 'prose'],
  ['audience', 'field'],
  ['territorialNote', 'prose'],
  ['enquiries.alternativeFormats', 'prose'],
  ['additionalWays', 'prose'],
  ['impactAssessment.note', 'prose'],
  ['complianceStatement', 'prose'],
];

export class CheckContext {
  readonly sectionIndex = new Map<string, number>();
  readonly questionOrder = new Map<string, number[]>();
  readonly numbers: Map<string, string>;
  private unitsCache: TextUnit[] | null = null;
  private readonly sentenceCache = new WeakMap<TextUnit, Sentence[]>();
  readonly reports: { report: Report; order: number[] }[] = [];
  private readonly perUnit = new WeakMap<TextUnit, Map<string, number>>();

  constructor(
    readonly draft: DraftView,
    readonly now: Date,
    readonly catalogue: ReadonlyMap<string, RuleInfo>,
  ) {
    draft.sections.forEach((s, i) => {
      if (!this.sectionIndex.has(s.id)) this.sectionIndex.set(s.id, i);
    });
    const perSection = new Map<number, number>();
    draft.questions.forEach((q) => {
      const si = this.sectionIndex.get(q.sectionId) ?? draft.sections.length;
      const qi = perSection.get(si) ?? 0;
      perSection.set(si, qi + 1);
      if (!this.questionOrder.has(q.id)) this.questionOrder.set(q.id, [2, si, 2, qi]);
    });
    this.numbers = questionNumbers(draft);
  }

  get settings() {
    return this.draft.checker;
  }

  report(r: Report): void {
    const base = this.orderOf(r.location);
    this.reports.push({ report: r, order: r.offset === undefined ? base : [...base, r.offset] });
  }

  /**
   * Where a location comes in the document: draft-wide first, then the box, sections with their questions, about you,
   * privacy notice.
   */
  orderOf(loc: FindingLocation): number[] {
    switch (loc.kind) {
      case 'draft':
        return [0];
      case 'metadata': {
        const i = METADATA_ORDER.indexOf(loc.field);
        return [1, i === -1 ? METADATA_ORDER.length : i];
      }
      case 'section': {
        const si = this.sectionIndex.get(loc.sectionId) ?? this.draft.sections.length;
        return loc.blockPath ? [2, si, 1, ...loc.blockPath] : [2, si, 0];
      }
      case 'question': {
        const base = this.questionOrder.get(loc.questionId) ?? [2, this.draft.sections.length, 2, 1e6];
        return [...base, loc.field ? QUESTION_FIELD_ORDER[loc.field] : 0];
      }
      case 'aboutYou': {
        const i = this.draft.aboutYou.findIndex((f) => f.key === loc.key);
        return [3, i === -1 ? this.draft.aboutYou.length : i];
      }
      case 'privacy': {
        const i = PRIVACY_ORDER.indexOf(loc.field);
        return [4, i === -1 ? PRIVACY_ORDER.length : i];
      }
    }
  }

  /** Counts a rule's findings in one piece of text; returns the count including this one. */
  countFor(unit: TextUnit, ruleId: string): number {
    let m = this.perUnit.get(unit);
    if (!m) {
      m = new Map();
      this.perUnit.set(unit, m);
    }
    const n = (m.get(ruleId) ?? 0) + 1;
    m.set(ruleId, n);
    return n;
  }

  sentences(unit: TextUnit): Sentence[] {
    let s = this.sentenceCache.get(unit);
    if (!s) {
      s = splitSentences(unit.text);
      this.sentenceCache.set(unit, s);
    }
    return s;
  }

  /** Every piece of printed text, in document order. */
  get units(): TextUnit[] {
    if (!this.unitsCache) this.unitsCache = this.buildUnits();
    return this.unitsCache;
  }

  private buildUnits(): TextUnit[] {
    const out: TextUnit[] = [];
    const d = this.draft;
    const add = (
      raw: string,
      u: Omit<TextUnit, 'raw' | 'text' | 'inList' | 'inTable'> & Partial<Pick<TextUnit, 'inList' | 'inTable'>>,
    ) => {
      if (!raw || !raw.trim()) return;
      out.push({ raw, text: maskText(raw), inList: false, inTable: false, ...u });
    };
    const meta = d.metadata as unknown as Record<string, unknown>;
    for (const [field, role] of METADATA_TEXT) {
      const [a, b] = field.split('.') as [string, string | undefined];
      const v = b ? (meta[a] as Record<string, unknown> | undefined)?.[b] : meta[a];
      if (typeof v === 'string')
        add(v, {
          location: { kind: 'metadata', field },
          order: this.orderOf({ kind: 'metadata', field }),
          role,
          source: 'metadata',
        });
    }
    const bySection = new Map<string, typeof d.questions>();
    for (const q of d.questions) {
      const key = this.sectionIndex.has(q.sectionId) ? q.sectionId : '';
      const list = bySection.get(key) ?? [];
      list.push(q);
      bySection.set(key, list);
    }
    const addQuestions = (qs: typeof d.questions | undefined) => {
      for (const q of qs ?? []) {
        const base = this.orderOf({ kind: 'question', questionId: q.id });
        const order = base.slice(0, -1);
        add(q.text, {
          location: { kind: 'question', questionId: q.id, field: 'text' },
          order: [...order, 1],
          role: 'prose',
          source: 'question',
        });
        add(q.hint, {
          location: { kind: 'question', questionId: q.id, field: 'hint' },
          order: [...order, 2],
          role: 'prose',
          source: 'question',
        });
        q.options.forEach((o, oi) =>
          add(o.label, {
            location: { kind: 'question', questionId: q.id, field: 'options' },
            order: [...order, 3, oi],
            role: 'option',
            source: 'question',
          }),
        );
      }
    };
    d.sections.forEach((s) => {
      const loc = { kind: 'section' as const, sectionId: s.id };
      add(s.title, { location: loc, order: this.orderOf(loc), role: 'title', source: 'section', sectionKind: s.kind });
      for (const { block, path, inList, inTable } of walkBlocks(s.body)) {
        if (block.type !== 'paragraph' && block.type !== 'heading') continue;
        const bl = { kind: 'section' as const, sectionId: s.id, blockPath: path };
        add(inlineText(block.content), {
          location: bl,
          order: this.orderOf(bl),
          role: block.type === 'heading' ? 'heading' : 'prose',
          source: 'section',
          sectionKind: s.kind,
          inList,
          inTable,
          block,
        });
      }
      if (this.sectionIndex.get(s.id) === d.sections.indexOf(s)) addQuestions(bySection.get(s.id));
    });
    addQuestions(bySection.get(''));
    d.aboutYou.forEach((f, i) => {
      const loc = { kind: 'aboutYou' as const, key: f.key };
      if (!f.enabled) return;
      add(f.label, { location: loc, order: [3, i, 0], role: 'prose', source: 'aboutYou' });
      add(f.hint, { location: loc, order: [3, i, 1], role: 'prose', source: 'aboutYou' });
      f.options.forEach((o, oi) => add(o, { location: loc, order: [3, i, 2, oi], role: 'option', source: 'aboutYou' }));
    });
    const p = d.privacyNotice as unknown as Record<string, string>;
    for (const field of PRIVACY_ORDER) {
      if (field === 'dpoContact') continue; // contact details, not prose
      add(p[field] ?? '', {
        location: { kind: 'privacy', field },
        order: this.orderOf({ kind: 'privacy', field }),
        role: 'prose',
        source: 'privacy',
      });
    }
    return out;
  }
}

/** Lexicographic comparison of document positions. */
export function compareOrder(a: number[], b: number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = a[i]! - b[i]!;
    if (d) return d;
  }
  return a.length - b.length;
}
