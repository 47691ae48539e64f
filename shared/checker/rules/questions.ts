import { answerOptions, CLOSED_TYPES, QUESTION_TYPES, type Question } from '../../domain/draft/model';
import type { CheckContext } from '../context';
import type { RuleModule } from '../rule-module';
import { quoteStart } from '../text/excerpt';

/**
 * Questions (consultation-standard.md §3.4, §7.1, Principle A).
 *
 * R-Q1 in the standard says every inline question must appear in Annex A with the same number and
 * text. Our Annex A is generated from the same questions, so it cannot differ; what can go wrong is
 * a question with no text (the annex would print an empty question) or one whose section no longer
 * exists (it would be numbered in the annex but appear nowhere in the body). That is what R-Q1 checks.
 */
const LEADING_START = new RegExp(
  [
    String.raw`^\s*(?:don['’]t|do not|wouldn['’]t|would not|shouldn['’]t|should not|isn['’]t|`,
    String.raw`is not|aren['’]t|are not|won['’]t|can['’]t|couldn['’]t|doesn['’]t|`,
    String.raw`does not)\s+(?:you|it|this|they|we)\b`,
  ].join(''),
  'i',
);
const LEADING_PHRASES = new RegExp(
  [
    String.raw`\b(?:surely|obviously|clearly|of course|as everyone (?:knows|agrees)|`,
    String.raw`as most people (?:know|agree)|it is widely (?:accepted|agreed)|given (?:the|`,
    String.raw`how) (?:obvious|clear|serious|urgent))\b`,
  ].join(''),
  'i',
);
const LOADED = new RegExp(
  [
    String.raw`\b(?:excellent|successful|vital|essential|urgent(?:ly)?|unfair|outdated|failing|`,
    String.raw`much[- ]needed|long[- ]overdue|overdue|welcome|harmful|dangerous|damaging|unacceptable|`,
    String.raw`crucial|sensible|wonderful|terrible|disastrous|appalling|ridiculous|obvious|`,
    String.raw`common[- ]sense|excessive|burdensome|pointless|wasteful|fantastic|brilliant|landmark|`,
    String.raw`ambitious|world[- ]class)\b`,
  ].join(''),
  'i',
);
const OPINION = /\b(?:agree|support|welcome|think|believe|feel|approve|oppose)\b/i;
const SECOND_ASK = new RegExp(
  [
    String.raw`\b(?:and|or)\s+(?:do|does|did|is|are|was|were|should|would|could|can|will|have|has|what|`,
    String.raw`how|which|who|where|when|whether|to what extent)\s+(?!not\b)`,
  ].join(''),
  'gi',
);
const JOINED_PROPOSITIONS = /\b(?:and|or)\s+that\b/i;
/** Patterns that look like two asks but are one: "and why", "or not", "agree or disagree". */
const HARMLESS_SECOND = /^(?:and|or)\s+(?:(?:why|how)\s*[?.,]|(?:if so|not|disagree)\b)/i;
const SMALL_WORD_LIMIT = 100;

function ask(q: Question, n: string | undefined): string {
  return `Question ${n ?? ''}`.trim();
}

function checkQuestion(ctx: CheckContext, q: Question, seenText: Map<string, string>) {
  const n = ctx.numbers.get(q.id);
  const name = ask(q, n);
  const text = q.text.trim();
  const loc = (field: 'text' | 'options' | 'hint' | 'type') => ({ kind: 'question' as const, questionId: q.id, field });

  // R-Q1
  if (!text)
    ctx.report({
      ruleId: 'R-Q1',
      title: `${name} has no text`,
      message:
        `${name} has no wording, so Annex A and the response form would print an empty question. Write the ` +
        `question, or delete it.`,
      location: loc('text'),
    });
  if (!ctx.sectionIndex.has(q.sectionId))
    ctx.report({
      ruleId: 'R-Q1',
      title: `${name} is not in any section`,
      message:
        `${name} belongs to a section that no longer exists, so it would be numbered in Annex A but appear ` +
        `nowhere in the document. Move it into a section.`,
      location: loc('type'),
      fingerprint: 'orphan',
    });

  // R-Q4
  if (!(QUESTION_TYPES as readonly string[]).includes(q.type)) {
    ctx.report({
      ruleId: 'R-Q4',
      title: `${name} has no type`,
      message:
        `Choose what kind of question ${name.toLowerCase()} is: open text, agree or disagree, yes or no, single ` +
        `or multiple choice, ranking or number.`,
      location: loc('type'),
    });
  } else if (CLOSED_TYPES.has(q.type)) {
    const options = answerOptions(q);
    const blank = q.options.filter((o) => !o.label.trim()).length;
    if (blank)
      ctx.report({
        ruleId: 'R-Q4',
        title: `${name} has an empty option`,
        message:
          `${name} has ${blank === 1 ? 'an answer option' : `${blank} answer options`} with no label. Write a ` +
          `label or remove ${blank === 1 ? 'it' : 'them'}.`,
        location: loc('options'),
        fingerprint: 'blank',
      });
    if (options.filter((o) => o.label.trim()).length < 2)
      ctx.report({
        ruleId: 'R-Q4',
        title: `${name} needs at least 2 options`,
        message:
          `${name} is a ${q.type === 'ranking' ? 'ranking' : 'choice'} question ` +
          `with ${options.length === 0 ? 'no answer options' : 'only 1 answer option'}. Add at least 2 options, or ` +
          `make it an open question.`,
        location: loc('options'),
        fingerprint: 'few',
      });
    const seen = new Map<string, number>();
    for (const o of options) {
      const k = o.label.trim().toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, ' ');
      if (k) seen.set(k, (seen.get(k) ?? 0) + 1);
    }
    for (const [label, count] of seen)
      if (count > 1) {
        const shown =
          options
            .find((o) => o.label.trim().toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, ' ') === label)
            ?.label.trim() ?? label;
        const otherNote =
          label.startsWith('other') && q.allowOther
            ? ' (“Other (please specify)” is added for you when “Other” is allowed)'
            : '';
        ctx.report({
          ruleId: 'R-Q5',
          title: `${name} repeats an option`,
          message:
            `The option “${shown}” appears ${count} times in ${name.toLowerCase()}${otherNote}. ` +
            `Each option needs a different label, or the answers cannot be told apart.`,
          location: loc('options'),
          fingerprint: label,
        });
      }
  }
  if (
    (q.type === 'open_text' || q.type === 'any_other_comments') &&
    q.wordLimit !== null &&
    q.wordLimit < SMALL_WORD_LIMIT
  )
    ctx.report({
      ruleId: 'R-Q7',
      title: `Small word limit on ${name.toLowerCase()}`,
      message:
        `${name} suggests a limit of ${q.wordLimit} words. That is too few for most people to explain their view: ` +
        `consultations usually suggest 300 to 500 words, or none.`,
      location: loc('type'),
    });

  if (!text) return;
  // R-Q8
  const norm = text.toLowerCase().replace(/\s+/g, ' ');
  const first = seenText.get(norm);
  if (first !== undefined)
    ctx.report({
      ruleId: 'R-Q8',
      title: `${name} repeats ${first}`,
      message:
        `${name} has the same wording as ${first}. Ask each thing once, or reword one of them so people know what ` +
        `is different.`,
      location: loc('text'),
    });
  else seenText.set(norm, name);

  // R-Q2: two asks in one question.
  const marks = (text.match(/\?/g) ?? []).length;
  let secondAsk = '';
  SECOND_ASK.lastIndex = 0;
  for (let m = SECOND_ASK.exec(text); m; m = SECOND_ASK.exec(text)) {
    if (HARMLESS_SECOND.test(text.slice(m.index))) continue;
    secondAsk = m[0].trim();
    break;
  }
  if (!secondAsk && JOINED_PROPOSITIONS.test(text) && OPINION.test(text))
    secondAsk = JOINED_PROPOSITIONS.exec(text)![0];
  if (marks >= 2 || secondAsk)
    ctx.report({
      ruleId: 'R-Q2',
      title: `${name} may ask 2 things`,
      message:
        `${name} seems to ask more than one thing ` +
        `(${marks >= 2 ? `it has ${marks} question marks` : `“…${secondAsk}…”`}): “${quoteStart(text, 70)}”. ` +
        `People who agree with one part and not the other cannot answer. Split it into separate questions, such ` +
        `as ${n ?? 'N'}a and ${n ?? 'N'}b.`,
      location: loc('text'),
    });

  // R-Q3: leading wording.
  const loaded = OPINION.test(text) ? LOADED.exec(text) : null;
  const leading = LEADING_START.exec(text) ?? LEADING_PHRASES.exec(text) ?? loaded;
  if (leading)
    ctx.report({
      ruleId: 'R-Q3',
      title: `${name} may be leading`,
      message:
        `${name} may push people towards an answer (“${leading[0].trim()}”). Ask neutrally, for example “To what ` +
        `extent do you agree or disagree that…”, and leave out words that judge the proposal.`,
      location: loc('text'),
    });
}

export const questionRules: RuleModule = {
  rules: [
    {
      id: 'R-Q1',
      severity: 'error',
      title: 'Question missing text or not placed',
      description:
        'Annex A is generated from the same questions as the body, so it always matches; instead R-Q1 checks ' +
        'every question has wording and belongs to an existing section (so it has a number and appears in the ' +
        'body).',
      standardRef: '§3.4 R-Q1',
    },
    {
      id: 'R-Q2',
      severity: 'warning',
      title: 'Double-barrelled question',
      description:
        'Heuristic: 2 or more question marks, or “and”/“or” followed by a second ask (“and do you…”, “or ' +
        'should…”, “and what…”), or “and that” joining 2 propositions in an agree/support question. “And why”, ' +
        '“or not”, “agree or disagree” are allowed.',
      standardRef: '§3.4 R-Q2',
    },
    {
      id: 'R-Q3',
      severity: 'warning',
      title: 'Leading question',
      description:
        'Heuristic: starts with a negative question (“Don’t you agree…”, “Isn’t it…”), uses words such as ' +
        '“surely” or “obviously”, or an agree/support question with a loaded word (excellent, vital, unfair, ' +
        'much-needed…).',
      standardRef: '§3.4 R-Q3',
    },
    {
      id: 'R-Q4',
      severity: 'error',
      title: 'Question type or options',
      description:
        'Every question has a known type; choice and ranking questions have at least 2 answer options, none of ' +
        'them blank.',
      standardRef: '§3.4 R-Q4; §7.1',
    },
    {
      id: 'R-Q5',
      severity: 'error',
      title: 'Repeated answer option',
      description:
        'Two answer options of a question have the same label (ignoring case and spacing), including a typed ' +
        '“Other (please specify)” when “Other” is also switched on.',
      standardRef: '§7.1',
    },
    {
      id: 'R-Q6',
      severity: 'warning',
      title: 'Number of questions',
      description: 'More questions than checker.maxQuestions (default 25), or none at all.',
      standardRef: '§1.2 Principle A',
    },
    {
      id: 'R-Q7',
      severity: 'advice',
      title: 'Small word limit',
      description: 'An open question with a suggested word limit under 100 words.',
      standardRef: '§3.4; §7.1 open_text',
    },
    {
      id: 'R-Q8',
      severity: 'warning',
      title: 'Same question twice',
      description: 'Two questions with the same wording.',
      standardRef: '§1.2 Principle A',
    },
  ],
  check(ctx) {
    const qs = ctx.draft.questions;
    const max = ctx.settings.maxQuestions;
    if (qs.length === 0)
      ctx.report({
        ruleId: 'R-Q6',
        title: 'No questions',
        message:
          'The consultation has no questions yet. Add the questions you need answered, in the section about ' +
          'each proposal.',
        location: { kind: 'draft' },
        fingerprint: 'none',
      });
    else if (qs.length > max)
      ctx.report({
        ruleId: 'R-Q6',
        title: `${qs.length} questions`,
        message:
          `The consultation asks ${qs.length} questions; the draft’s limit is ${max}. Long questionnaires put ` +
          `people off responding. Ask only what you need to know, and merge or drop the rest.`,
        location: { kind: 'draft' },
        fingerprint: 'many',
      });
    const seenText = new Map<string, string>();
    const order = [...qs].sort((a, b) => {
      const oa = ctx.questionOrder.get(a.id) ?? [];
      const ob = ctx.questionOrder.get(b.id) ?? [];
      for (let i = 0; i < Math.min(oa.length, ob.length); i++) if (oa[i] !== ob[i]) return oa[i]! - ob[i]!;
      return 0;
    });
    for (const q of order) checkQuestion(ctx, q, seenText);
  },
};
