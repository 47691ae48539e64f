/**
 * Words and sentences of plain text, with offsets. A word is a run of non-space characters that
 * contains a letter or a digit ("6(1)(e)" is one word, "–" is none). Sentences end at . ! ? or …
 * followed by a space or the end, and at line breaks; common abbreviations (Mr, Dr, e.g., No.) and
 * initials do not end a sentence. Linear in the length of the text.
 */
export interface Sentence {
  start: number;
  end: number;
  text: string;
  wordCount: number;
}

const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'mx',
  'dr',
  'prof',
  'st',
  'no',
  'nos',
  'vs',
  'v',
  'e.g',
  'i.e',
  'eg',
  'ie',
  'cf',
  'approx',
  'dept',
  'govt',
  'inc',
  'ltd',
  'co',
  'para',
  'paras',
  'art',
  'arts',
  'sch',
  's',
  'ss',
  'fig',
  'figs',
  'vol',
  'pp',
  'p',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'rev',
  'hon',
  'rt',
  'gen',
  'col',
  'capt',
  'sgt',
  'lt',
  'sr',
  'jr',
  'ch',
  'reg',
  'regs',
  'op',
  'al',
  'ibid',
  'viz',
  'cl',
  'sec',
  'ref',
  'tel',
  'ext',
  'est',
  'a.m',
  'p.m',
]);

const WORDISH = /[\p{L}\p{N}]/u;
const LETTER = /\p{L}/u;
const UPPER = /\p{Lu}/u;
const ENDERS = '.!?…';
const CLOSERS = '"\'”’)]»';

/** White space as \s defines it, by character code (this runs for every character of the draft). */
function spaceCode(c: number): boolean {
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  if (c < 128) return false;
  return (
    c === 160 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** A letter or digit: ASCII by code, anything else by its Unicode category. */
function wordishAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return WORDISH.test(String.fromCodePoint(text.codePointAt(i)!));
}

export function isSpaceChar(c: string | undefined): boolean {
  return c !== undefined && c.length > 0 && spaceCode(c.charCodeAt(0));
}

/** Word spans [start, end) in order. */
export function wordSpans(text: string, from = 0, to = text.length): [number, number][] {
  const out: [number, number][] = [];
  let i = from;
  while (i < to) {
    while (i < to && spaceCode(text.charCodeAt(i))) i++;
    if (i >= to) break;
    const s = i;
    let wordish = false;
    while (i < to && !spaceCode(text.charCodeAt(i))) {
      if (!wordish && wordishAt(text, i)) wordish = true;
      i++;
    }
    if (wordish) out.push([s, i]);
  }
  return out;
}

export function countWords(text: string, from = 0, to = text.length): number {
  let n = 0;
  let i = from;
  while (i < to) {
    while (i < to && spaceCode(text.charCodeAt(i))) i++;
    if (i >= to) break;
    let wordish = false;
    while (i < to && !spaceCode(text.charCodeAt(i))) {
      if (!wordish && wordishAt(text, i)) wordish = true;
      i++;
    }
    if (wordish) n++;
  }
  return n;
}

export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  const n = text.length;
  let start = 0;
  const push = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && spaceCode(text.charCodeAt(s))) s++;
    while (e > s && spaceCode(text.charCodeAt(e - 1))) e--;
    if (e > s) {
      const wc = countWords(text, s, e);
      if (wc > 0) out.push({ start: s, end: e, text: text.slice(s, e), wordCount: wc });
    }
  };
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    // Fast path: most characters are neither a line break nor a sentence end.
    if (code !== 10 && code !== 46 && code !== 33 && code !== 63 && code !== 0x2026) continue;
    const c = text[i]!;
    if (c === '\n') {
      push(i);
      start = i + 1;
      continue;
    }
    if (!ENDERS.includes(c)) continue;
    let j = i + 1;
    while (j < n && ENDERS.includes(text[j]!)) j++;
    while (j < n && CLOSERS.includes(text[j]!)) j++;
    if (j < n && !spaceCode(text.charCodeAt(j))) continue;
    if (c === '.' && j === i + 1 && !endsSentenceAtDot(text, i, j)) continue;
    push(j);
    start = j;
    i = j - 1;
  }
  push(n);
  return out;
}

/** Whether the full stop at `dot` ends a sentence (not "Mr.", "e.g.", an initial like "J.", …). */
function endsSentenceAtDot(text: string, dot: number, after: number): boolean {
  let k = dot - 1;
  while (k >= 0 && (LETTER.test(text[k]!) || text[k] === '.')) k--;
  const token = text.slice(k + 1, dot);
  if (!token) return true;
  const lower = token.toLowerCase();
  if (ABBREVIATIONS.has(lower)) return false;
  if (token.length === 1 && UPPER.test(token)) return false;
  if (lower === 'etc') {
    // "etc." ends the sentence only when a capital follows.
    let j = after;
    while (j < text.length && spaceCode(text.charCodeAt(j))) j++;
    return j >= text.length || UPPER.test(text[j]!);
  }
  return true;
}
