import type { CheckContext, TextUnit } from '../context';
import { excerpt } from '../text/excerpt';
import type { Sentence } from '../text/words';
import type { FindingLocation, Severity } from '../types';

/** The sentence of a unit that contains a character offset (binary search over the unit's sentences). */
export function sentenceAt(ctx: CheckContext, unit: TextUnit, offset: number): Sentence | undefined {
  const list = ctx.sentences(unit);
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = list[mid]!;
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return s;
  }
  return undefined;
}

/** The unit's location with an excerpt of the text around [start, end). */
export function locationAt(unit: TextUnit, start: number, end: number): FindingLocation {
  const loc = unit.location;
  if (loc.kind === 'section') return { ...loc, excerpt: excerpt(unit.raw, start, end) };
  return loc;
}

export interface TextFinding {
  ruleId: string;
  title: string;
  message: string;
  start: number;
  end: number;
  severity?: Severity;
  /** Defaults to the matched text and its sentence. */
  fingerprint?: string;
}

/** At most this many findings of one rule in one piece of text; then one "and more" finding. */
export const MAX_PER_UNIT = 20;
/** Context of the sentence kept in a fingerprint, either side of the match. */
const FINGERPRINT_CONTEXT = 150;

export function reportText(ctx: CheckContext, unit: TextUnit, f: TextFinding): void {
  const n = ctx.countFor(unit, f.ruleId);
  if (n > MAX_PER_UNIT) {
    if (n === MAX_PER_UNIT + 1)
      ctx.report({
        ruleId: f.ruleId,
        title: `More like this: ${f.title}`,
        message:
          `This text has more than ${MAX_PER_UNIT} findings like the ones above; only the first ${MAX_PER_UNIT} ` +
          `are listed. Fix those, and the checker will show the rest.`,
        location: unit.location,
        fingerprint: 'more',
        offset: f.start,
        ...(f.severity ? { severity: f.severity } : {}),
      });
    return;
  }
  const sentence = sentenceAt(ctx, unit, f.start);
  const context = sentence
    ? unit.raw.slice(
        Math.max(sentence.start, f.start - FINGERPRINT_CONTEXT),
        Math.min(sentence.end, f.end + FINGERPRINT_CONTEXT),
      )
    : '';
  ctx.report({
    ruleId: f.ruleId,
    title: f.title,
    message: f.message,
    location: locationAt(unit, f.start, f.end),
    fingerprint: f.fingerprint ?? `${unit.raw.slice(f.start, Math.min(f.end, f.start + 200))}|${context}`,
    offset: f.start,
    ...(f.severity ? { severity: f.severity } : {}),
  });
}

/** Tracks matched characters so a later, more general pattern does not report text an earlier one did. */
export class Covered {
  private readonly marks: Uint8Array;
  constructor(length: number) {
    this.marks = new Uint8Array(length);
  }
  overlaps(start: number, end: number): boolean {
    for (let i = start; i < end; i++) if (this.marks[i]) return true;
    return false;
  }
  add(start: number, end: number): void {
    this.marks.fill(1, start, end);
  }
}

/** The word just before an offset and just after an end, lower case ('' at the edges). */
export function prevWord(text: string, offset: number): string {
  const m = /([\p{L}\p{N}'’-]+)[^\p{L}\p{N}]*$/u.exec(text.slice(Math.max(0, offset - 40), offset));
  return m ? m[1]!.toLowerCase() : '';
}

export function nextWord(text: string, end: number, skip = 0): string {
  const re = /[\p{L}\p{N}'’]+(?:-[\p{L}\p{N}]+)*/gu;
  re.lastIndex = 0;
  const slice = text.slice(end, end + 120);
  let m: RegExpExecArray | null;
  let i = 0;
  while ((m = re.exec(slice))) {
    if (i === skip) return m[0].toLowerCase();
    i++;
  }
  return '';
}

/** The next n words after an offset, lower case. */
export function nextWords(text: string, end: number, n: number): string[] {
  const out: string[] = [];
  const re = /[\p{L}\p{N}'’]+/gu;
  const slice = text.slice(end, end + 20 * n);
  let m: RegExpExecArray | null;
  while (out.length < n && (m = re.exec(slice))) out.push(m[0].toLowerCase());
  return out;
}

export function prevWords(text: string, start: number, n: number): string[] {
  const slice = text.slice(Math.max(0, start - 20 * n), start);
  const all = slice.match(/[\p{L}\p{N}'’]+/gu) ?? [];
  // The first word of the slice may be cut off: drop it unless the slice starts the text.
  const words = start - 20 * n > 0 ? all.slice(1) : all;
  return words.slice(-n).map((w) => w.toLowerCase());
}
