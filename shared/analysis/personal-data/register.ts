/**
 * Finding people's names in free text: the respondents' own names from the register (every
 * respondent's, so one respondent naming another is found too), and names that are not in it
 * where the shape makes them plain ("Dr Patel", "my GP Sarah Jones").
 *
 * From the register, with any case and spacing: the full name with middle names optional or as
 * initials, given-name short forms (Robert → Bob), title + surname ("Mrs Chen", "Cllr Okafor"),
 * initial + surname ("M. Chen", "M Chen"), the run-together form ("MeiChen"), possessives
 * ("Chen's", marked without the "'s") and the surname alone when it is unambiguous: capitalised,
 * not the first word of a sentence, at least four letters, not an ordinary word (`words.ts`, or the
 * consultation's own lower-case vocabulary passed as `ordinaryWords`). Hyphenated and apostrophe
 * surnames match with or without the hyphen or apostrophe; particles ("de Souza") are optional.
 *
 * Works on word tokens, so it is linear in the text: one Map lookup per word.
 */
import type { PersonalDataFinding } from './kinds';
import {
  AMBIGUOUS_SURNAMES,
  COMMON_GIVEN_NAMES,
  GIVEN_NAME_FORMS,
  NOT_SURNAMES_AFTER_GIVEN,
  PLACE_PREPOSITIONS,
  ROLE_WORDS,
  TITLES,
  TITLES_NEEDING_A_NAME,
} from './words';

export interface NameRegisterOptions {
  /**
   * The consultation's ordinary vocabulary: lower-case words seen in its answers (see
   * `ordinaryWordsFrom`). A surname among them is never taken alone.
   */
  ordinaryWords?: ReadonlySet<string>;
}

/** The respondents' names, ready to be found in text. */
export interface NameRegister {
  /** How many people it holds. */
  readonly size: number;
  /** Appends the names found in `text` to `out` (unsorted; `findPersonalData` resolves overlaps) and returns it. */
  findNames(text: string, out?: PersonalDataFinding[]): PersonalDataFinding[];
}

interface Person {
  given: string[];
  givenForms: ReadonlySet<string>;
  middles: string[][];
  initial: string;
}

interface SurnameEntry {
  seq: string[];
  people: Person[];
  ambiguousAlone: boolean;
}

const PARTICLES = new Set([
  'de',
  'da',
  'di',
  'du',
  'del',
  'della',
  'van',
  'von',
  'der',
  'den',
  'le',
  'la',
  'bin',
  'binti',
  'al',
  'el',
  'ap',
  'mac',
  'st',
  'ter',
  'ten',
]);

const WORD =
  /[A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F]+(?:['’][A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F]+)*/g;

/** A word's key: lower case, accents folded, curly apostrophe straightened. */
export function nameKey(word: string): string {
  let k = word.toLowerCase();
  if (k.includes('’')) k = k.replace(/’/g, "'");
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(k)) k = k.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  return k;
}

const splitWords = (s: string): string[] => Array.from(s.matchAll(WORD), (m) => nameKey(m[0]));

const FORMS = new Map<string, Set<string>>();
for (const group of GIVEN_NAME_FORMS) {
  for (const n of group) {
    let s = FORMS.get(n);
    if (!s) FORMS.set(n, (s = new Set()));
    for (const m of group) s.add(m);
  }
}

/**
 * The lower-case words of a consultation's answers that appear in at least `minAnswers` of them:
 * its ordinary vocabulary, to pass as `ordinaryWords` so a surname used as a word is not taken alone.
 */
export function ordinaryWordsFrom(texts: Iterable<string>, minAnswers = 3): Set<string> {
  const counts = new Map<string, number>();
  for (const text of texts) {
    const seen = new Set<string>();
    for (const m of text.matchAll(WORD)) {
      const w = m[0];
      const c = w.charCodeAt(0);
      if (c < 97 || c > 122 || w.length < 3) continue;
      const k = nameKey(w);
      if (seen.has(k)) continue;
      seen.add(k);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
  }
  const out = new Set<string>();
  for (const [w, n] of counts) if (n >= minAnswers) out.add(w);
  return out;
}

const GAP_OTHER = 0;
const GAP_SPACE = 1;
const GAP_HYPHEN = 2;
const GAP_DOT = 3;

/** The words of one text, with what lies between each and the one before. */
class Tokens {
  starts: number[] = [];
  ends: number[] = [];
  keys: string[] = [];
  caps: boolean[] = [];
  /** The key without a possessive "'s", or '' when it has none. */
  bases: string[] = [];
  gaps: number[] = [];
  constructor(readonly text: string) {
    WORD.lastIndex = 0;
    for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
      const w = m[0];
      const start = m.index;
      const key = nameKey(w);
      const first = w[0]!;
      this.gaps.push(this.starts.length ? gapKind(text, this.ends[this.ends.length - 1]!, start) : GAP_OTHER);
      this.starts.push(start);
      this.ends.push(start + w.length);
      this.keys.push(key);
      this.caps.push(first !== first.toLowerCase());
      this.bases.push(key.length > 3 && key.endsWith("'s") ? key.slice(0, -2) : '');
    }
  }
  get length(): number {
    return this.keys.length;
  }
}

function gapKind(text: string, a: number, b: number): number {
  if (b - a === 1) {
    const c = text[a];
    if (c === ' ' || c === '\u00a0') return GAP_SPACE;
    if (c === '-') return GAP_HYPHEN;
    if (c === '.') return GAP_DOT;
    return GAP_OTHER;
  }
  if (b - a > 6) return GAP_OTHER;
  let i = a;
  let dot = false;
  if (text[i] === '.') {
    dot = true;
    i++;
  }
  for (; i < b; i++) {
    const c = text[i];
    if (c !== ' ' && c !== '\u00a0' && c !== '\t') return GAP_OTHER;
  }
  return dot ? GAP_DOT : GAP_SPACE;
}

/** Whether the word at `start` begins a sentence (or the text). */
function sentenceStart(text: string, start: number): boolean {
  let i = start - 1;
  while (i >= 0 && ' \t\u00a0"\'“‘([*•-'.includes(text[i]!)) i--;
  return i < 0 || '.!?\n\r:'.includes(text[i]!);
}

/** Builds the matcher for the respondents' names. */
export function buildNameRegister(
  people: readonly { name: string }[],
  options: NameRegisterOptions = {},
): NameRegister {
  const ordinary = options.ordinaryWords;
  const isOrdinary = (k: string): boolean => AMBIGUOUS_SURNAMES.has(k) || (ordinary?.has(k) ?? false);
  const surnames = new Map<string, SurnameEntry[]>();
  const concat = new Set<string>();
  const registerGiven = new Set<string>();
  let size = 0;

  const addSurname = (seq: string[], person: Person): void => {
    if (!seq.length) return;
    const first = seq[0]!;
    let list = surnames.get(first);
    if (!list) surnames.set(first, (list = []));
    let entry = list.find((e) => e.seq.length === seq.length && e.seq.every((w, i) => w === seq[i]));
    if (!entry) {
      const letters = seq.join('').replace(/'/g, '').length;
      const ambiguousAlone = seq.length === 1 ? letters < 4 || isOrdinary(first) : seq.every(isOrdinary);
      entry = { seq, people: [], ambiguousAlone };
      list.push(entry);
      list.sort((a, b) => b.seq.length - a.seq.length);
    }
    if (!entry.people.includes(person)) entry.people.push(person);
  };

  for (const { name } of people) {
    const parts = name
      .trim()
      .split(/[\s,]+/)
      .map(splitWords)
      .filter((p) => p.length);
    while (parts.length > 2 && TITLES.has(parts[0]!.join(' '))) parts.shift();
    if (parts.length < 2) continue;
    let s = parts.length - 1;
    while (s > 1 && parts[s - 1]!.length === 1 && PARTICLES.has(parts[s - 1]![0]!)) s--;
    const given = parts[0]!;
    const surname = parts.slice(s).flat();
    const forms = new Set<string>([given.join('')]);
    for (const f of FORMS.get(given[0]!) ?? []) forms.add(f);
    const person: Person = { given, givenForms: forms, middles: parts.slice(1, s), initial: given[0]![0]! };
    size++;
    addSurname(surname, person);
    // Without particles ("Souza" for "de Souza"), without apostrophes ("ONeill").
    const core = parts[parts.length - 1]!;
    if (core.length !== surname.length) addSurname(core, person);
    for (const seq of [surname, core]) {
      if (seq.some((w) => w.includes("'"))) addSurname([seq.join('').replace(/'/g, '')], person);
    }
    if (surname.length > 1) addSurname([surname.join('').replace(/'/g, '')], person);
    for (const g of forms) {
      concat.add(g + surname.join('').replace(/'/g, ''));
      if (!isOrdinary(g)) registerGiven.add(g);
    }
  }

  const isGiven = (k: string): boolean => COMMON_GIVEN_NAMES.has(k) || registerGiven.has(k);

  function findNames(text: string, out: PersonalDataFinding[] = []): PersonalDataFinding[] {
    if (!/[A-Za-z]/.test(text)) return out;
    const t = new Tokens(text);
    const n = t.length;
    const { starts, ends, keys, caps, bases, gaps } = t;
    const joined = (i: number): boolean => gaps[i] === GAP_SPACE || gaps[i] === GAP_HYPHEN;
    const push = (s: number, end: number): void => {
      out.push({ kind: 'name', start: starts[s]!, end, text: text.slice(starts[s]!, end) });
    };

    /** The end offset of `seq` matched at token i (possessive allowed on its last word), or -1. */
    const matchSeq = (seq: string[], i: number): number => {
      if (i + seq.length > n) return -1;
      for (let k = 0; k < seq.length; k++) {
        const ti = i + k;
        if (k > 0 && !joined(ti)) return -1;
        if (keys[ti] === seq[k]) continue;
        if (k === seq.length - 1 && bases[ti] === seq[k]) return ends[ti]! - 2;
        return -1;
      }
      return ends[i + seq.length - 1]!;
    };
    /** The start token of `seq` ending just before token `pos`, or -1. */
    const matchBack = (seq: string[], pos: number): number => {
      const s = pos - seq.length;
      if (s < 0 || !joined(pos)) return -1;
      for (let k = 0; k < seq.length; k++) {
        if (k > 0 && !joined(s + k)) return -1;
        if (keys[s + k] !== seq[k]) return -1;
      }
      return s;
    };
    const isInitial = (ti: number): boolean => {
      if (ti < 0 || keys[ti]!.length !== 1 || !caps[ti]) return false;
      const g = gaps[ti + 1];
      if (g === GAP_DOT) return true;
      return g === GAP_SPACE && keys[ti] !== 'a' && keys[ti] !== 'i';
    };
    const isTitle = (ti: number): boolean =>
      ti >= 0 && TITLES.has(keys[ti]!) && (gaps[ti + 1] === GAP_SPACE || gaps[ti + 1] === GAP_DOT);

    /** Given name (or its initial), with optional middle names, before the surname at token i. */
    const leftOfSurname = (p: Person, i: number): { start: number; full: boolean } | null => {
      let pos = i;
      for (let m = p.middles.length - 1; m >= 0; m--) {
        const seq = p.middles[m]!;
        const r = matchBack(seq, pos);
        if (r >= 0) pos = r;
        else if (isInitial(pos - 1) && keys[pos - 1] === seq[0]![0]) pos--;
      }
      const g = matchBack(p.given, pos);
      if (g >= 0) return { start: g, full: true };
      if (pos > 0 && joined(pos) && p.givenForms.has(keys[pos - 1]!)) return { start: pos - 1, full: true };
      if (isInitial(pos - 1) && keys[pos - 1] === p.initial) return { start: pos - 1, full: false };
      return pos < i ? { start: pos, full: false } : null;
    };

    /** Extends a name leftwards over initials, one capitalised given name and a title. */
    const extendLeft = (s: number): number => {
      while (isInitial(s - 1)) s--;
      if (s > 0 && caps[s - 1] && joined(s) && isGiven(keys[s - 1]!)) s--;
      while (isInitial(s - 1)) s--;
      if (isTitle(s - 1) && caps[s - 1]) s--;
      return s;
    };

    for (let i = 0; i < n; i++) {
      // 1. A surname from the register.
      const key = keys[i]!;
      const entries = surnames.get(key) ?? (bases[i] ? surnames.get(bases[i]!) : undefined);
      if (entries) {
        let done = false;
        for (const e of entries) {
          const endOff = matchSeq(e.seq, i);
          if (endOff < 0) continue;
          const last = i + e.seq.length - 1;
          let start = -1;
          let full = false;
          for (const p of e.people) {
            const r = leftOfSurname(p, i);
            if (r && (start < 0 || r.start < start || (r.start === start && r.full))) {
              start = r.start;
              full = r.full;
            }
          }
          if (start >= 0 && full) {
            let allLower = true;
            for (let k = start; k <= last; k++) if (caps[k]) allLower = false;
            const givenWord = keys[start]!;
            if (allLower && isOrdinary(givenWord) && e.ambiguousAlone) start = -1;
          } else if (start >= 0 && !caps[last]) start = -1;
          if (start < 0 && isTitle(i - 1) && (caps[i] || !e.ambiguousAlone) && (caps[i - 1] || !e.ambiguousAlone)) {
            start = i - 1;
          }
          if (start < 0 && caps[i] && !e.ambiguousAlone) {
            // At a sentence's start only as a possessive ("Okafor's view…"): a capital there says nothing.
            if (!sentenceStart(text, starts[i]!) || (last === i && bases[i] === e.seq[0])) start = i;
          }
          if (start < 0) continue;
          start = extendLeft(start);
          push(start, endOff);
          i = last;
          done = true;
          break;
        }
        if (done) continue;
      }
      // 2. The run-together full name ("MeiChen", "#meichen").
      if (key.length >= 6 && concat.has(key)) {
        push(i, ends[i]!);
        continue;
      }
      if (!caps[i] || i + 1 >= n || !caps[i + 1]) continue;
      const next = keys[i + 1]!;
      const nextEnd = bases[i + 1] ? ends[i + 1]! - 2 : ends[i + 1]!;
      const nextOk = next.length >= 2 && !NOT_SURNAMES_AFTER_GIVEN.has(bases[i + 1] || next) && !TITLES.has(next);
      /** A register surname of several words starting at token j ("Smith-Jones"): its last token and end. */
      const longSurname = (j: number): { last: number; end: number } | null => {
        for (const e of surnames.get(keys[j]!) ?? []) {
          if (e.seq.length < 2) break;
          const end = matchSeq(e.seq, j);
          if (end >= 0) return { last: j + e.seq.length - 1, end };
        }
        return null;
      };
      // 3. A title and a capitalised word ("Dr Patel", "Councillor Jones").
      if (isTitle(i) && nextOk && !ROLE_WORDS.has(next)) {
        if (TITLES_NEEDING_A_NAME.has(key) && !isGiven(next)) continue;
        const long = longSurname(i + 1);
        let last = long?.last ?? i + 1;
        let end = long?.end ?? nextEnd;
        if (!long && isGiven(next) && i + 2 < n && caps[i + 2] && joined(i + 2)) {
          const third = bases[i + 2] || keys[i + 2]!;
          if (!NOT_SURNAMES_AFTER_GIVEN.has(third) && !TITLES.has(third)) {
            last = i + 2;
            end = bases[i + 2] ? ends[i + 2]! - 2 : ends[i + 2]!;
          }
        }
        push(i, end);
        i = last;
        continue;
      }
      // 4. A common given name and a capitalised word ("Sarah Jones"), not a place after "in"/"at"/"to".
      if (isGiven(key) && gaps[i + 1] === GAP_SPACE && nextOk) {
        if (i > 0 && PLACE_PREPOSITIONS.has(keys[i - 1]!)) continue;
        const long = longSurname(i + 1);
        if (long) {
          push(extendLeft(i), long.end);
          i = long.last;
          continue;
        }
        let last = i + 1;
        let end = nextEnd;
        if (i + 2 < n && caps[i + 2] && joined(i + 2)) {
          const third = bases[i + 2] || keys[i + 2]!;
          if (NOT_SURNAMES_AFTER_GIVEN.has(third)) continue;
          if (isGiven(next) && !bases[i + 1] && third.length >= 2 && !TITLES.has(third)) {
            last = i + 2;
            end = bases[i + 2] ? ends[i + 2]! - 2 : ends[i + 2]!;
          }
        }
        push(extendLeft(i), end);
        i = last;
      }
    }
    return out;
  }

  return { size, findNames };
}
