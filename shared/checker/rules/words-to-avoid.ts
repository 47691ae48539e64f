import type { CheckContext, TextUnit } from '../context';
import type { RuleModule } from '../rule-module';
import { AVOID, type AvoidEntry, type MatchContext } from './word-list';
import { nextWords, prevWords, reportText, sentenceAt } from './text-report';

/**
 * Words to avoid and metaphors (consultation-standard.md §5.3): one regular expression for every
 * form of every word, run once over each piece of text; then the entry's context exception.
 */
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const normaliseForm = (s: string) => s.toLowerCase().replace(/[\s-]+/g, ' ');

const BY_FORM = new Map<string, AvoidEntry>();
for (const e of AVOID) for (const f of e.forms) BY_FORM.set(f, e);
const ALL_FORMS = [...BY_FORM.keys()].sort((a, b) => b.length - a.length);
const PATTERN = new RegExp(`\\b(?:${ALL_FORMS.map((f) => escape(f).replace(/ /g, '[\\s\\-]+')).join('|')})\\b`, 'gi');

const UPPER = /^\p{Lu}/u;
/** Context for exceptions: at most this many characters either side of a match. */
const WINDOW = 300;

function isProperNoun(unit: TextUnit, start: number, end: number, atSentenceStart: boolean): boolean {
  // "Digital Transformation Fund", "Key Stage 2": capitalised inside a sentence next to another capitalised word.
  if (!UPPER.test(unit.text.slice(start, end)) || atSentenceStart) return false;
  const before = /(\p{L}+)\W*$/u.exec(unit.text.slice(Math.max(0, start - 30), start));
  const after = /^\W*(\p{L}+)/u.exec(unit.text.slice(end, end + 30));
  return !!((before && UPPER.test(before[1]!)) || (after && UPPER.test(after[1]!)));
}

function checkUnit(ctx: CheckContext, unit: TextUnit) {
  const text = unit.text;
  PATTERN.lastIndex = 0;
  for (let m = PATTERN.exec(text); m; m = PATTERN.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    const form = normaliseForm(m[0]);
    const entry = BY_FORM.get(form);
    if (!entry) continue;
    const s = sentenceAt(ctx, unit, start);
    const sStart = s ? Math.max(s.start, start - WINDOW) : Math.max(0, start - WINDOW);
    const sEnd = s ? Math.min(s.end, end + WINDOW) : Math.min(text.length, end + WINDOW);
    const atSentenceStart = s ? start - s.start < 8 && !/\p{L}/u.test(text.slice(s.start, start)) : start === 0;
    if (isProperNoun(unit, start, end, atSentenceStart)) continue;
    const mc: MatchContext = {
      form,
      sentence: text.slice(sStart, sEnd).toLowerCase(),
      prev: prevWords(text, start, 4),
      next: nextWords(text, end, 4),
      after: text[end] ?? '',
      heading: unit.role === 'heading' || unit.role === 'title',
      unitText: unit.role === 'heading' || unit.role === 'title' ? text.trim().toLowerCase() : '',
    };
    if (entry.fine?.(mc)) continue;
    const found = m[0];
    const unless = entry.unless ? ` It is fine if ${entry.unless}.` : '';
    reportText(ctx, unit, {
      ruleId: entry.kind === 'word' ? 'R-W1' : 'R-W2',
      title: entry.kind === 'word' ? `Word to avoid: “${found}”` : `Metaphor to avoid: “${found}”`,
      message:
        entry.kind === 'word'
          ? `“${found}” is on the GOV.UK list of words to avoid: it is vague or ` +
            `jargon. ${entry.fix ?? `Use ${entry.use} instead.`}${unless}`
          : `“${found}” is a metaphor GOV.UK asks writers to avoid: say plainly what you ` +
            `mean. ${entry.fix ?? `Use ${entry.use} instead.`}${unless}`,
      start,
      end,
    });
  }
}

const WORD_LIST = AVOID.filter((e) => e.kind === 'word')
  .map((e) => e.word)
  .join(', ');
const METAPHOR_LIST = AVOID.filter((e) => e.kind === 'metaphor')
  .map((e) => e.word)
  .join(', ');

export const wordsToAvoidRules: RuleModule = {
  rules: [
    {
      id: 'R-W1',
      severity: 'warning',
      title: 'Word to avoid',
      description:
        `The GOV.UK words to avoid, in all their forms (${WORD_LIST}), with the replacement in the ` +
        `message and the standard’s context exceptions (a meeting’s agenda, a key that unlocks something, land for ` +
        `aircraft, deploy for software or the military, impact assessment…). Capitalised names (“Digital ` +
        `Transformation Fund”) are not flagged.`,
      standardRef: '§5.3 Words to avoid',
    },
    {
      id: 'R-W2',
      severity: 'warning',
      title: 'Metaphor to avoid',
      description:
        `The GOV.UK metaphors (${METAPHOR_LIST}), in all their forms, with the replacement in the ` +
        `message. “Drive” is flagged only with a figurative object (drive growth, drive up standards), never about ` +
        `vehicles.`,
      standardRef: '§5.3 Metaphors',
    },
  ],
  check(ctx) {
    for (const unit of ctx.units) checkUnit(ctx, unit);
  },
};
