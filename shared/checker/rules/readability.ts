import type { TextUnit } from '../context';
import type { RuleModule } from '../rule-module';
import { quoteStart } from '../text/excerpt';
import { scoreSentences } from '../text/readability';
import type { Sentence } from '../text/words';

/**
 * Readability per section (consultation-standard.md §6.4): Flesch reading ease and
 * Flesch–Kincaid grade over the section's paragraphs, leaving out headings, lists and tables (their
 * fragments have no sentence ends and would skew both scores). Only sections with 100 words or
 * more are scored, as the standard says. R-R2 lists the longest sentences of a section that is hard
 * to read, or whose sentences average more than 20 words, as a place to start.
 */
const MIN_WORDS = 100;
const LONG_AVERAGE = 20;

export const readabilityRules: RuleModule = {
  rules: [
    {
      id: 'R-R1',
      severity: 'warning',
      title: 'Section hard to read',
      description:
        'For sections with 100 or more words of paragraph text (not headings, lists or tables): Flesch–Kincaid ' +
        'grade above checker.maxGrade (default 9) or Flesch reading ease below checker.minReadingEase (default ' +
        '50). Syllables are counted by the usual heuristic, so scores are approximate.',
      standardRef: '§6.4 R-R1',
    },
    {
      id: 'R-R2',
      severity: 'advice',
      title: 'Longest sentences',
      description:
        'For sections with 100 or more words that R-R1 flags, or whose sentences average more than 20 words: ' +
        'the 3 longest sentences, to shorten first.',
      standardRef: '§6.4 R-R2',
    },
  ],
  check(ctx) {
    const { maxGrade, minReadingEase } = ctx.settings;
    const bySection = new Map<string, { unit: TextUnit; s: Sentence }[]>();
    for (const unit of ctx.units) {
      if (
        unit.source !== 'section' ||
        unit.role !== 'prose' ||
        unit.inList ||
        unit.inTable ||
        unit.location.kind !== 'section'
      )
        continue;
      const list = bySection.get(unit.location.sectionId) ?? [];
      for (const s of ctx.sentences(unit)) list.push({ unit, s });
      bySection.set(unit.location.sectionId, list);
    }
    for (const [sectionId, items] of bySection) {
      const score = scoreSentences(items.map((i) => i.s));
      if (score.words < MIN_WORDS || !Number.isFinite(score.grade)) continue;
      const section = ctx.draft.sections.find((s) => s.id === sectionId);
      const name = section?.title.trim() ? `“${section.title.trim()}”` : 'This section';
      const hard = score.grade > maxGrade || score.readingEase < minReadingEase;
      const grade = score.grade.toFixed(1);
      const ease = score.readingEase.toFixed(0);
      if (hard) {
        const why = [
          score.grade > maxGrade ? `a Flesch–Kincaid grade of ${grade} (the limit is ${maxGrade})` : '',
          score.readingEase < minReadingEase ? `a Flesch reading ease of ${ease} (the limit is ${minReadingEase})` : '',
        ].filter(Boolean);
        ctx.report({
          ruleId: 'R-R1',
          title: 'Section hard to read',
          message:
            `${name} has ${why.join(' and ')}. Use shorter sentences and everyday words. GOV.UK aims for a ` +
            `reading age of 9. (${score.words} words, ${(score.words / score.sentences).toFixed(1)} words a ` +
            `sentence.)`,
          location: { kind: 'section', sectionId },
        });
      }
      const average = score.words / score.sentences;
      if (!hard && average <= LONG_AVERAGE) continue;
      const longest = [...items].sort((a, b) => b.s.wordCount - a.s.wordCount || a.s.start - b.s.start).slice(0, 3);
      const first = longest[0]!;
      const quoted = longest
        .map((l) => `“${quoteStart(l.unit.raw.slice(l.s.start, l.s.end), 60)}” (${l.s.wordCount} words)`)
        .join('; ');
      ctx.report({
        ruleId: 'R-R2',
        title: 'Longest sentences',
        message: `The longest sentences in ${name} are: ${quoted}. Shortening these helps most.`,
        location:
          first.unit.location.kind === 'section'
            ? {
                kind: 'section',
                sectionId,
                blockPath: first.unit.location.blockPath ?? [],
                excerpt: quoteStart(first.unit.raw.slice(first.s.start, first.s.end)),
              }
            : { kind: 'section', sectionId },
      });
    }
  },
};
