import type { RuleModule } from '../rule-module';
import { quoteStart } from '../text/excerpt';
import { reportText } from './text-report';

/**
 * Long sentences and long paragraphs (consultation-standard.md §5.3): a sentence over
 * checker.maxSentenceWords words (default 25), a paragraph of more than 5 sentences.
 */
export const sentenceRules: RuleModule = {
  rules: [
    {
      id: 'R-SL1',
      severity: 'warning',
      title: 'Long sentence',
      description:
        'A sentence longer than the draft’s limit (checker.maxSentenceWords, default 25 words) in section text, ' +
        'lists, tables, questions, box text, about you or the privacy notice. Headings, titles and answer ' +
        'options are not counted.',
      standardRef: '§5.3 Other style rules',
    },
    {
      id: 'R-S5',
      severity: 'advice',
      title: 'Long paragraph',
      description: 'A paragraph of section text with more than 5 sentences.',
      standardRef: '§5.3 Other style rules',
    },
  ],
  check(ctx) {
    const max = ctx.settings.maxSentenceWords;
    for (const unit of ctx.units) {
      if (unit.role !== 'prose' && unit.role !== 'field') continue;
      const sentences = ctx.sentences(unit);
      for (const s of sentences) {
        if (s.wordCount <= max) continue;
        reportText(ctx, unit, {
          ruleId: 'R-SL1',
          title: `Sentence of ${s.wordCount} words`,
          message:
            `This sentence has ${s.wordCount} words: “${quoteStart(unit.raw.slice(s.start, s.end))}”. Aim ` +
            `for ${max} words or fewer: split it, or make a list.`,
          start: s.start,
          end: s.end,
          fingerprint: unit.raw.slice(s.start, Math.min(s.end, s.start + 1000)),
        });
      }
      if (unit.source === 'section' && !unit.inList && !unit.inTable && sentences.length > 5)
        reportText(ctx, unit, {
          ruleId: 'R-S5',
          title: `Paragraph of ${sentences.length} sentences`,
          message:
            `This paragraph has ${sentences.length} sentences. GOV.UK suggests no more than 5: split it into ` +
            `shorter paragraphs.`,
          start: sentences[0]!.start,
          end: sentences[0]!.end,
          fingerprint: unit.raw.slice(0, 200),
        });
    }
  },
};
