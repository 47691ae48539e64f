import type { QuestionOption } from '../../draft/model';
import { OTHER_OPTION_ID } from '../../draft/model';
import { normaliseLabel } from './text-match';

/**
 * Turns a cell into option ids for one question. Labels are compared case-, space- and
 * quote-insensitively. Multi-select cells are split on ';' and ',' — but the split is built from
 * the known labels (as DHSC's coding_create_pattern does): pieces are re-joined while together they
 * spell an option, so "Yes, with conditions" stays one answer. Whatever matches no option is
 * returned as it was written, never dropped.
 */
export interface MatchResult {
  optionIds: string[];
  /** Fragments that match no option, as written. */
  unknown: string[];
  /** Text given with "Other": "Other (my words)", "Other: my words". */
  otherText?: string;
}

/** Common spellings of the fixed scales. */
const ALIASES: Record<string, string[]> = {
  "don't know": [
    'dont know',
    'do not know',
    'not sure',
    'unsure',
    "don't know / not sure",
    "don't know/not sure",
    'no opinion',
  ],
  'neither agree nor disagree': ['neither agree or disagree', 'neither', 'neutral', 'neither agree not disagree'],
  'strongly agree': ['agree strongly'],
  'strongly disagree': ['disagree strongly'],
  // LimeSurvey writes "-oth-" for a chosen Other; Alchemer "Other - Write In".
  'other (please specify)': [
    'other',
    'other (specify)',
    'other - please specify',
    'other (please state)',
    'other (please describe)',
    'something else',
    '-oth-',
    'other - write in',
    'other (write in)',
  ],
};

const CACHE_LIMIT = 20_000;

export class OptionMatcher {
  private readonly byLabel = new Map<string, string>();
  private readonly maxPieces: number;
  private readonly cache = new Map<string, MatchResult>();
  readonly hasOther: boolean;

  constructor(options: QuestionOption[]) {
    let maxSeps = 0;
    for (const o of options) {
      const n = normaliseLabel(o.label);
      if (!this.byLabel.has(n)) this.byLabel.set(n, o.id);
      maxSeps = Math.max(maxSeps, (n.match(/[;,]/g) ?? []).length);
    }
    for (const o of options) {
      for (const alias of ALIASES[normaliseLabel(o.label)] ?? [])
        if (!this.byLabel.has(alias)) this.byLabel.set(alias, o.id);
    }
    this.hasOther = options.some((o) => o.id === OTHER_OPTION_ID);
    this.maxPieces = maxSeps + 1;
  }

  /** The option a whole value names, or null. */
  matchOne(value: string): string | null {
    return this.byLabel.get(normaliseLabel(value)) ?? null;
  }

  /** A single-choice cell: the whole value is one option (or "Option (text)"). */
  single(value: string): MatchResult {
    const hit = this.cache.get(value);
    if (hit) return hit;
    const res = this.singleUncached(value);
    this.remember(value, res);
    return res;
  }

  /** A multi-select or ranking cell: options in the order written. */
  multi(value: string): MatchResult {
    const key = '\u0000' + value;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const res = this.multiUncached(value);
    this.remember(key, res);
    return res;
  }

  private remember(key: string, res: MatchResult): void {
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(key, res);
  }

  private singleUncached(value: string): MatchResult {
    const id = this.matchOne(value);
    if (id) return { optionIds: [id], unknown: [] };
    const withText = this.withOtherText(value);
    if (withText) return withText;
    // A single-choice cell that is a list is still a list (a tool that allowed two ticks).
    if (/[;,]/.test(value)) {
      const m = this.multiUncached(value);
      if (m.optionIds.length > 0 && m.unknown.length === 0) return m;
    }
    return { optionIds: [], unknown: [value.trim()] };
  }

  /** "Other (my text)" (Decidim), "Other: my text", "Other - my text". */
  private withOtherText(value: string): MatchResult | null {
    const v = value.trim();
    // "Choice (text)": the choice is the longest head that is an option, tried from the last "(".
    if (v.endsWith(')')) {
      for (let p = v.lastIndexOf('('); p > 0; p = v.lastIndexOf('(', p - 1)) {
        const id = this.matchOne(v.slice(0, p));
        const inner = v.slice(p + 1, -1).trim();
        if (id && inner) return { optionIds: [id], unknown: [], otherText: inner };
      }
    }
    const colon = /^(.+?)\s*(?::|\s-\s)\s*([\s\S]+)$/.exec(v);
    if (colon) {
      const id = this.matchOne(colon[1]!);
      if (id === OTHER_OPTION_ID) return { optionIds: [id], unknown: [], otherText: colon[2]!.trim() };
    }
    return null;
  }

  private multiUncached(value: string): MatchResult {
    // Kobo and ODK join a select_multiple's choice names with spaces: "shops bus_stop".
    if (!/[;,\n]/.test(value) && /\s/.test(value.trim()) && this.matchOne(value) === null) {
      const names = value.trim().split(/\s+/);
      const ids = names.map((n) => this.matchOne(n));
      if (ids.every((id) => id !== null)) return { optionIds: [...new Set(ids as string[])], unknown: [] };
    }
    // Pieces between separators, keeping the separators so labels containing them can be re-joined.
    const pieces: string[] = [];
    const seps: string[] = [];
    let start = 0;
    for (let i = 0; i < value.length; i++) {
      const ch = value[i];
      if (ch === ';' || ch === ',' || ch === '\n') {
        pieces.push(value.slice(start, i));
        seps.push(ch);
        start = i + 1;
      }
    }
    pieces.push(value.slice(start));
    const optionIds: string[] = [];
    const unknown: string[] = [];
    let otherText: string | undefined;
    let pendingUnknown: string | null = null;
    const flushUnknown = () => {
      if (pendingUnknown !== null) {
        const t = pendingUnknown.trim();
        if (t) unknown.push(t);
        pendingUnknown = null;
      }
    };
    let i = 0;
    while (i < pieces.length) {
      if (pieces[i]!.trim() === '') {
        i++;
        continue;
      }
      let matched = false;
      for (let j = Math.min(pieces.length - 1, i + this.maxPieces - 1); j >= i; j--) {
        let joined = pieces[i]!;
        for (let k = i + 1; k <= j; k++) joined += seps[k - 1]! + pieces[k]!;
        // "2: Cheaper fares": a place and the item put there (Jotform's ranking cells).
        const id =
          this.matchOne(joined) ??
          (j === i && /^\s*\d{1,2}\s*[:.)]\s*\S/.test(joined)
            ? this.matchOne(joined.replace(/^\s*\d{1,2}\s*[:.)]\s*/, ''))
            : null);
        const withText = id ? null : j === i ? this.withOtherText(joined) : null;
        if (id || withText) {
          flushUnknown();
          const chosen = id ?? withText!.optionIds[0]!;
          if (!optionIds.includes(chosen)) optionIds.push(chosen);
          if (withText?.otherText) otherText = withText.otherText;
          i = j + 1;
          matched = true;
          break;
        }
      }
      if (!matched && pieces[i]!.includes('(')) {
        // "Other (please specify) (my words, with commas)": extend to the piece that closes the bracket.
        let joined = pieces[i]!;
        for (let j = i + 1; j < pieces.length && j < i + 50; j++) {
          joined += seps[j - 1]! + pieces[j]!;
          if (!joined.trimEnd().endsWith(')')) continue;
          const withText = this.withOtherText(joined);
          if (withText) {
            flushUnknown();
            if (!optionIds.includes(withText.optionIds[0]!)) optionIds.push(withText.optionIds[0]!);
            if (withText.otherText) otherText = withText.otherText;
            i = j + 1;
            matched = true;
            break;
          }
        }
      }
      if (!matched) {
        // Unknown text runs on across commas (an "Other" answer contains commas); ';' starts a new fragment.
        const sepBefore = i > 0 ? seps[i - 1] : '';
        if (pendingUnknown !== null && sepBefore === ',') pendingUnknown += ',' + pieces[i]!;
        else {
          flushUnknown();
          pendingUnknown = pieces[i]!;
        }
        i++;
      }
    }
    flushUnknown();
    const res: MatchResult = { optionIds, unknown };
    if (otherText !== undefined) res.otherText = otherText;
    return res;
  }
}
