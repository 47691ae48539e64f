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
  'mr', 'mrs', 'ms', 'mx', 'dr', 'prof', 'st', 'no', 'nos', 'vs', 'v', 'e.g', 'i.e', 'eg', 'ie', 'cf', 'approx', 'dept', 'govt', 'inc', 'ltd', 'co',
  'para', 'paras', 'art', 'arts', 'sch', 's', 'ss', 'fig', 'figs', 'vol', 'pp', 'p', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept',
  'oct', 'nov', 'dec', 'rev', 'hon', 'rt', 'gen', 'col', 'capt', 'sgt', 'lt', 'sr', 'jr', 'ch', 'reg', 'regs', 'op', 'al', 'ibid', 'viz', 'cl', 'sec',
  'ref', 'tel', 'ext', 'est', 'a.m', 'p.m',
]);

const SPACE = /\s/;
const WORDISH = /[\p{L}\p{N}]/u;
const LETTER = /\p{L}/u;
const UPPER = /\p{Lu}/u;
const ENDERS = '.!?…';
const CLOSERS = '"\'”’)]»';

export function isSpaceChar(c: string | undefined): boolean {
  return c !== undefined && SPACE.test(c);
}

/** Word spans [start, end) in order. */
export function wordSpans(text: string, from = 0, to = text.length): [number, number][] {
  const out: [number, number][] = [];
  let i = from;
  while (i < to) {
    while (i < to && SPACE.test(text[i]!)) i++;
    if (i >= to) break;
    const s = i;
    let wordish = false;
    while (i < to && !SPACE.test(text[i]!)) {
      if (!wordish && WORDISH.test(text[i]!)) wordish = true;
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
    while (i < to && SPACE.test(text[i]!)) i++;
    if (i >= to) break;
    let wordish = false;
    while (i < to && !SPACE.test(text[i]!)) {
      if (!wordish && WORDISH.test(text[i]!)) wordish = true;
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
    while (s < e && SPACE.test(text[s]!)) s++;
    while (e > s && SPACE.test(text[e - 1]!)) e--;
    if (e > s) {
      const wc = countWords(text, s, e);
      if (wc > 0) out.push({ start: s, end: e, text: text.slice(s, e), wordCount: wc });
    }
  };
  for (let i = 0; i < n; i++) {
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
    if (j < n && !SPACE.test(text[j]!)) continue;
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
    while (j < text.length && SPACE.test(text[j]!)) j++;
    return j >= text.length || UPPER.test(text[j]!);
  }
  return true;
}
