/**
 * Text comparison used by layout detection, mapping and value matching: the same normalisation
 * everywhere, so "Don't know", "don’t  know" and "DON'T KNOW" are one answer.
 */

import { detached } from '../../../core/detached';

const cache = new Map<string, string>();
const PLAIN = /^[a-z0-9](?:[a-z0-9 ,;:()/-]*[a-z0-9,;:()/-])?$/;

/** Lower case, curly quotes and dashes straightened, surrounding quotes and spaces dropped, runs of space collapsed. */
export function normaliseLabel(s: string): string {
  // Survey values repeat endlessly: remember the short ones (bounded, cleared when full).
  if (s.length > 60) return normaliseUncached(s);
  const hit = cache.get(s);
  if (hit !== undefined) return hit;
  const plain = PLAIN.test(s) && !s.includes('  ');
  if (cache.size >= 50_000) cache.clear();
  // Kept for the life of the process: cut loose from the file's text it came from (detached.ts).
  const key = detached(s);
  const out = plain ? key : detached(normaliseUncached(s));
  cache.set(key, out);
  return out;
}

function normaliseUncached(s: string): string {
  let t = s
    .replace(/[\u2018\u2019\u201B\u2032`´]/g, "'")
    .replace(/[\u201C\u201D\u201F\u2033]/g, '"')
    .replace(/[\u2013\u2014\u2212]/g, '-')
    .replace(/[\u00A0\u2007\u202F\s]+/g, ' ')
    .trim()
    .toLowerCase();
  // Quotes wrapped round the whole value ("'Yes'", "\"Agree\"") are not part of it.
  while (t.length >= 2 && (t[0] === '"' || t[0] === "'") && t[t.length - 1] === t[0]) t = t.slice(1, -1).trim();
  return t;
}

const STOP_WORDS = new Set(
  (
    'a an the of to in on for and or is are be do does you your yours we our us it its this that these those with ' +
    'by as at from if what which who how any there would should could will please'
  ).split(' '),
);

/** Content words of a text, for similarity: lower case, punctuation dropped, stop words out. */
export function contentTokens(s: string): Set<string> {
  const out = new Set<string>();
  for (const w of normaliseLabel(s).split(/[^a-z0-9']+/)) {
    const t = w.replace(/^'+|'+$/g, '');
    if (t.length > 0 && !STOP_WORDS.has(t)) out.add(t);
  }
  return out;
}

/** Token Jaccard similarity, 0–1. */
export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let inter = 0;
  for (const t of a) if (b.has(t)) inter++;
  return inter / (a.size + b.size - inter);
}

/**
 * Similarity of a header to a question: the larger of Jaccard and the share of the question's
 * words found in the header (a header often adds "- Selected Choice" or a section prefix; a
 * reporting heading often shortens the question).
 */
export function textSimilarity(header: string, question: string): number {
  const a = contentTokens(header);
  const b = contentTokens(question);
  if (a.size === 0 || b.size === 0) return 0;
  let inter = 0;
  for (const t of a) if (b.has(t)) inter++;
  const jac = inter / (a.size + b.size - inter);
  const coverQ = inter / b.size;
  const coverH = inter / a.size;
  // Containment counts a little less than equality, so the exact question wins a tie.
  return Math.max(jac, 0.9 * Math.min(coverQ, coverH + 0.25), 0.85 * Math.min(coverH, coverQ + 0.25));
}

/**
 * Markers that mean "not answered" in exports: empty, a dash, N/A, "Not provided" (i.AI Consult
 * sees "-" and "Not Provided" for blanks). Checked after option matching, so a question whose
 * option really is "N/A" keeps it.
 */
const BLANK_MARKERS = new Set([
  '',
  '-',
  '--',
  '---',
  '.',
  'n/a',
  'n.a.',
  'na',
  '#n/a',
  'not provided',
  'not answered',
  'no answer',
  'no response',
  'null',
  'none provided',
  '[blank]',
  '(blank)',
  '[no response]',
  'nan',
]);

const MARKER_START = new Set(['-', '.', 'n', 'N', '#', '[', '(', '"', "'", ' ', '\t']);

export function isBlankMarker(value: string): boolean {
  if (value.length > 20) return false;
  if (value.length > 0 && !MARKER_START.has(value[0]!)) return false;
  return BLANK_MARKERS.has(normaliseLabel(value));
}

/** Values that say an option column was ticked, or was not. */
const TICKED = new Set(['1', 'yes', 'y', 'x', 'true', 'selected', 'checked', 'ticked', '✓', '✔', 'on']);
const UNTICKED = new Set(['0', 'no', 'n', 'false', 'not selected', 'unchecked', 'off']);

export function tickValue(value: string): boolean | null {
  const v = normaliseLabel(value);
  if (TICKED.has(v)) return true;
  if (UNTICKED.has(v) || isBlankMarker(v)) return false;
  return null;
}
