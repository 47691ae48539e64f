import type { RuleModule } from '../rule-module';
import type { TextUnit } from '../context';
import { reportText } from './text-report';
import { WELL_KNOWN_ACRONYMS } from './well-known';

/**
 * Acronyms not expanded at first use (consultation-standard.md Principle A, §5.3). An acronym is a
 * word of 2 or more capitals (digits allowed after the first letter; a plural "s" or possessive is
 * ignored). Its first use in document order, outside headings and titles, counts as expanded when:
 * it is in brackets after words ("Data Protection Officer (DPO)"), it is followed by words in brackets
 * ("DPO (Data Protection Officer)"), or the words just before it start with its letters. Well-known
 * abbreviations (UK, EU, VAT, MP, NHS, GP…) need no expansion; runs of capitals (shouting) are R-S6.
 */
/** Candidate tokens: runs of letters, digits and apostrophes (one character class: linear). */
const TOKEN = /[\p{L}\p{N}'’]+/gu;
const ACRONYM = /^([A-Z][A-Z0-9]*?)(?:s|['’]s)?$/;
const ROMAN = /^[IVXLCDM]+$/;
/** Placeholders are R-SEC4's. */
const PLACEHOLDERS = new Set(['TODO', 'TBC', 'TBD', 'FIXME']);
const SMALL = new Set(['of', 'and', 'the', 'for', 'in', 'on', 'to', 'a', 'an', '&', 'at', 'by']);

function expandedAt(unit: TextUnit, acronym: string, start: number, end: number): boolean {
  const t = unit.text;
  const before = t.slice(Math.max(0, start - 200), start);
  const after = t.slice(end, end + 200);
  if (/\(\s*$/.test(before) && /^\s*\)/.test(after) && /[\p{L}]{2,}\s*\(\s*$/u.test(before)) return true;
  const paren = /^\s*\(([^)]{3,})\)/.exec(after);
  if (paren && /\p{L}+\s+\p{L}+/u.test(paren[1]!)) return true;
  // Initials of the words just before (skipping "of", "and"…) spell the acronym.
  const words = (before.match(/[\p{L}][\p{L}'’-]*/gu) ?? []).filter((w) => !SMALL.has(w.toLowerCase()));
  const letters = acronym.replace(/[^A-Z]/g, '');
  if (letters.length >= 2 && words.length >= letters.length) {
    const initials = words
      .slice(-letters.length)
      .map((w) => w[0]!.toUpperCase())
      .join('');
    if (initials === letters) return true;
  }
  return false;
}

export const acronymRules: RuleModule = {
  rules: [
    {
      id: 'R-A1',
      severity: 'warning',
      title: 'Acronym not explained',
      description:
        'The first use of an acronym (2 or more capitals) in the document, outside headings and titles, is not ' +
        'spelled out: “Data Protection Officer (DPO)” or “DPO (Data Protection Officer)”. Well-known ones (UK, ' +
        'EU, VAT, MP, NHS, GP, BBC, GDPR, file formats…) are exempt; Roman numerals, postcodes, web and email ' +
        'addresses and “GOV.UK” are ignored. One finding per acronym.',
      standardRef: '§1.2 Principle A; §5.3 Other style rules',
    },
  ],
  check(ctx) {
    const seen = new Set<string>();
    for (const unit of ctx.units) {
      if (unit.role === 'heading' || unit.role === 'title') continue;
      if (!/[A-Z][A-Z0-9]{0,10}[A-Z]/.test(unit.text)) continue;
      TOKEN.lastIndex = 0;
      for (let t = TOKEN.exec(unit.text); t; t = TOKEN.exec(unit.text)) {
        if (t[0].length > 14) continue;
        const m = ACRONYM.exec(t[0]);
        if (!m) continue;
        const a = m[1]!;
        if ((a.match(/[A-Z]/g) ?? []).length < 2) continue;
        const at = t.index;
        const matchEnd = at + t[0].length;
        if (a.length > 12 || seen.has(a) || WELL_KNOWN_ACRONYMS.has(a) || ROMAN.test(a) || PLACEHOLDERS.has(a))
          continue;
        // Part of a run of capitals ("PLEASE READ THIS"): shouting, not an acronym.
        const around = unit.text.slice(Math.max(0, at - 20), matchEnd + 20);
        if (
          /[A-Z]{4,}\s+[A-Z]{2,}\s+[A-Z]{2,}|[A-Z]{2,}\s+[A-Z]{4,}\s+[A-Z]{2,}|[A-Z]{2,}\s+[A-Z]{2,}\s+[A-Z]{4,}/.test(
            around,
          )
        )
          continue;
        seen.add(a);
        if (expandedAt(unit, a, at, matchEnd)) continue;
        reportText(ctx, unit, {
          ruleId: 'R-A1',
          title: `Acronym not explained: ${a}`,
          message:
            `“${a}” is used here for the first time without saying what it stands for. Spell it out at first use, ` +
            `with the acronym in brackets after it, unless readers will know it without (like UK or VAT).`,
          start: at,
          end: matchEnd,
          fingerprint: a,
        });
      }
    }
  },
};
