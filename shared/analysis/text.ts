/**
 * Words as the analysis algorithms see them: runs of letters and digits, case and accents
 * folded ("Café" → "cafe"), apostrophes inside a word dropped ("don’t" → "dont"), everything
 * else a separator. One definition, so campaign detection, duplicates and theme suggestions agree.
 *
 * Offsets always point into the original text, so callers can cut the original words back out
 * (for example a respondent's own additions to a campaign template).
 */
import { fmix32 } from '../core/hash';

const enum Kind {
  Separator = 0,
  Joiner = 1,
  Word = 2,
}

/** Folded form of non-ASCII characters: the string to add to the word, '' for a joiner, null for a separator. */
const foldCache = new Map<number, string | null>();
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]+$/u;

function foldNonAscii(code: number): string | null {
  let f = foldCache.get(code);
  if (f !== undefined) return f;
  if (code === 0x2019 || code === 0x2018 || code === 0x02bc || (code >= 0x0300 && code <= 0x036f)) f = '';
  else {
    const s = String.fromCharCode(code)
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase();
    f = s && LETTER_OR_DIGIT.test(s) ? s : null;
  }
  foldCache.set(code, f);
  return f;
}

/** Growable typed buffers of word hashes and their offsets, reused across documents to avoid garbage. */
export class WordBuffer {
  hashes = new Uint32Array(1024);
  starts = new Int32Array(1024);
  ends = new Int32Array(1024);
  length = 0;

  push(hash: number, start: number, end: number): void {
    if (this.length === this.hashes.length) this.grow();
    this.hashes[this.length] = hash;
    this.starts[this.length] = start;
    this.ends[this.length] = end;
    this.length++;
  }

  private grow(): void {
    const n = this.hashes.length * 2;
    const h = new Uint32Array(n);
    h.set(this.hashes);
    const s = new Int32Array(n);
    s.set(this.starts);
    const e = new Int32Array(n);
    e.set(this.ends);
    this.hashes = h;
    this.starts = s;
    this.ends = e;
  }
}

/**
 * Reads the words of `text` into `buf` (cleared first): a 32-bit hash of each folded word and
 * its [start, end) offsets in `text`. Returns the number of words.
 */
export function tokenize(text: string, buf: WordBuffer): number {
  buf.length = 0;
  let h = 0x811c9dc5;
  let start = -1;
  let end = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let kind: Kind;
    if (c < 128) {
      if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
        kind = Kind.Word;
        h = Math.imul(h ^ c, 0x01000193);
      } else if (c >= 65 && c <= 90) {
        kind = Kind.Word;
        h = Math.imul(h ^ (c + 32), 0x01000193);
      } else kind = c === 39 ? Kind.Joiner : Kind.Separator;
    } else {
      const f = foldNonAscii(c);
      if (f === null) kind = Kind.Separator;
      else if (f === '') kind = Kind.Joiner;
      else {
        kind = Kind.Word;
        for (let j = 0; j < f.length; j++) h = Math.imul(h ^ f.charCodeAt(j), 0x01000193);
      }
    }
    if (kind === Kind.Word) {
      if (start < 0) start = i;
      end = i + 1;
    } else if (kind === Kind.Separator && start >= 0) {
      buf.push(fmix32(h), start, end);
      start = -1;
      h = 0x811c9dc5;
    }
  }
  if (start >= 0) buf.push(fmix32(h), start, end);
  return buf.length;
}

/** The set of word hashes of a text (as `tokenize` computes them). */
export function wordHashSet(text: string, buf: WordBuffer = new WordBuffer()): Set<number> {
  const len = tokenize(text, buf);
  const out = new Set<number>();
  for (let i = 0; i < len; i++) out.add(buf.hashes[i]!);
  return out;
}

/**
 * The folded words of a text as strings ("Don’t PANIC, café!" → ["dont", "panic", "cafe"]). Runs of
 * characters already folded (lower-case ASCII letters and digits, most of any text) are sliced out
 * whole rather than added a character at a time: duplicate detection folds every answer of every
 * candidate, and theme suggestions every answer of the question.
 */
export function words(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let run = -1; // start of a run of characters kept as they are, not yet added to cur
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (run < 0) run = i;
      continue;
    }
    if (run >= 0) {
      cur += text.slice(run, i);
      run = -1;
    }
    if (c < 128) {
      if (c >= 65 && c <= 90) cur += String.fromCharCode(c + 32);
      else if (c !== 39 && cur) {
        out.push(cur);
        cur = '';
      }
    } else {
      const f = foldNonAscii(c);
      if (f === null) {
        if (cur) out.push(cur);
        cur = '';
      } else cur += f;
    }
  }
  if (run >= 0) cur += text.slice(run);
  if (cur) out.push(cur);
  return out;
}

/** Folded words joined by single spaces: the canonical form used to compare texts exactly. */
export function normaliseText(text: string): string {
  return words(text).join(' ');
}

/**
 * Sentences of a text as [start, end) ranges: a sentence ends after . ! or ? (and any closing
 * quotes or brackets) followed by white space or the end, or at a line break. Ranges exclude
 * surrounding white space. "e.g. this" splits after "e.g." — good enough for telling a
 * respondent's own sentences from a template's.
 */
export function sentenceRanges(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let s = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text[i]!;
    if (c === '\n' || c === '\r') {
      pushTrimmed(text, s, i, out);
      s = i + 1;
      i++;
      continue;
    }
    if (c === '.' || c === '!' || c === '?') {
      let j = i + 1;
      while (j < n && /[.!?"'’”)\]]/.test(text[j]!)) j++;
      if (j >= n || /\s/.test(text[j]!)) {
        pushTrimmed(text, s, j, out);
        s = j;
        i = j;
        continue;
      }
    }
    i++;
  }
  pushTrimmed(text, s, n, out);
  return out;
}

function pushTrimmed(text: string, s: number, e: number, out: Array<[number, number]>): void {
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  if (e > s) out.push([s, e]);
}
