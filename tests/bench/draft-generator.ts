/**
 * A realistic large draft for benchmarks: the example consultation grown to about `words` words
 * of section text and `questions` questions, in many proposal sections with headings, paragraphs of
 * varied sentences, bullet lists, a table and links. Seeded, so every run checks the same draft.
 * Some sentences break the style rules, as real drafts do, so the checker has findings to report.
 */
import type { Draft, Question, QuestionType, Section } from '#shared/domain/draft/model';
import { exampleDraft } from '#shared/domain/draft/example';
import type { Block, Inline } from '#shared/domain/draft/rich-text';
import { seededRandom as rng } from '#shared/core/hash';

const SUBJECTS = [
  'Local councils',
  'NHS trusts',
  'Small businesses',
  'Patients and carers',
  'GP practices',
  'Community pharmacies',
  'Housing associations',
  'Schools',
  'Regulators',
  'Charities',
  'Bus operators',
  'Employers',
];
const VERBS = [
  'would need to',
  'could',
  'should',
  'already',
  'told us they want to',
  'may find it hard to',
  'would be able to',
  'are expected to',
];
const ACTIONS = [
  'publish their data in one place',
  'check the accuracy of information every year',
  'offer appointments by telephone as well as online',
  'share records with other services when patients agree',
  'report how long people wait for a decision',
  'train staff to help people get online',
  'explain their charges before people sign up',
  'keep paper forms for people who ask for them',
  'use plain English in letters and on websites',
  'respond to complaints within 20 working days',
];
const REASONS = [
  'because people told us the current rules are hard to follow',
  'so that people can compare services',
  'which would cost about £2 million a year',
  'as recommended by the independent review in 2025',
  'to reduce the time staff spend on paperwork',
  'so nobody is left without help',
  '',
  '',
  '',
];
const OPENERS = [
  'We propose that',
  'In 2026,',
  'Under the current rules,',
  'The evidence suggests that',
  'Respondents to the 2024 survey said that',
  'If the proposal goes ahead,',
  'At present,',
  '',
];
const LONG_TAILS = [
  ', and in the longer term we would expect the same approach to be taken by every organisation that receives ' +
    'public money for these services in England',
  ', although we recognise that smaller organisations in rural areas may need more time, more support and ' +
    'clearer guidance before they can meet the new standard',
];
/** Realistic slips that the checker should catch. */
const SLIPS = [
  'We will utilise existing systems where possible.',
  'This will help us tackle long waiting times.',
  'Going forward, councils will publish an annual report.',
  'The deadline is 12/03/2028 for the first report.',
  'Key stakeholders will be consulted in order to agree the details.',
  'The DLUHC will publish guidance later this year.',
  'Organisations can’t charge for paper copies.',
  'Providers must e.g. publish their prices.',
];
const SHORT = [
  'This would apply from April 2028.',
  'We want to hear your views.',
  'Most respondents agreed.',
  'The rules would apply in England only.',
  'Costs would fall over time.',
  'Some groups may need extra help.',
  'We will publish guidance before the rules start.',
  'This is not a new idea.',
];
const HEADINGS = [
  'What we propose',
  'Why we propose it',
  'Who it affects',
  'Costs and benefits',
  'How it would work',
  'What happens next',
];

function sentence(r: () => number): string {
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)]!;
  if (r() < 0.04) return pick(SLIPS);
  if (r() < 0.3) return pick(SHORT);
  const opener = pick(OPENERS);
  const subject = pick(SUBJECTS);
  const start = opener ? `${opener} ` : '';
  const who = opener && !opener.endsWith(',') ? subject.toLowerCase() : subject;
  const s = `${start}${who} ${pick(VERBS)} ${pick(ACTIONS)}${(() => {
    const reason = pick(REASONS);
    return reason ? ` ${reason}` : '';
  })()}${r() < 0.08 ? pick(LONG_TAILS) : ''}.`;
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const countWords = (s: string) => s.split(/\s+/).filter(Boolean).length;
const text = (t: string): Inline => ({ type: 'text', text: t });
const para = (...content: Inline[]): Block => ({ type: 'paragraph', content });

export interface GeneratedDraft {
  draft: Draft;
  words: number;
  questions: number;
}

export function generateDraft(options: { words?: number; questions?: number; seed?: number } = {}): GeneratedDraft {
  const targetWords = options.words ?? 30_000;
  const targetQuestions = options.questions ?? 60;
  const r = rng(options.seed ?? 20270301);
  const d = exampleDraft();
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)]!;
  const fixed = d.sections;
  const before = fixed.filter((s) => ['foreword', 'executive-summary', 'background'].includes(s.kind));
  const after = fixed.filter((s) => ['impacts', 'next-steps', 'how-to-respond', 'confidentiality'].includes(s.kind));
  let words = fixed.reduce(
    (n, s) =>
      n +
      s.body.content.reduce(
        (m, b) =>
          m +
          (b.type === 'paragraph'
            ? countWords((b.content ?? []).map((i) => (i.type === 'text' ? i.text : ' ')).join(''))
            : 0),
        0,
      ),
    0,
  );
  const proposals: Section[] = [];
  const perSection = Math.ceil(targetWords / 20);
  for (let n = 1; words < targetWords; n++) {
    const content: Block[] = [];
    let sectionWords = 0;
    for (const heading of HEADINGS) {
      if (sectionWords >= perSection || words + sectionWords >= targetWords) break;
      content.push({ type: 'heading', attrs: { level: 2 }, content: [text(heading)] });
      const paragraphs = 2 + Math.floor(r() * 3);
      for (let p = 0; p < paragraphs; p++) {
        const sentences = Array.from({ length: 2 + Math.floor(r() * 4) }, () => sentence(r));
        const t = sentences.join(' ');
        sectionWords += countWords(t);
        if (r() < 0.15)
          content.push(
            para(
              text(`${t} Read the `),
              {
                type: 'text',
                text: `evidence review for proposal ${n}`,
                marks: [{ type: 'link', attrs: { href: `https://www.gov.uk/government/publications/evidence-${n}` } }],
              },
              text('.'),
            ),
          );
        else content.push(para(text(t)));
      }
      if (r() < 0.4) {
        content.push(para(text('This would mean that organisations:')));
        const items = Array.from({ length: 3 + Math.floor(r() * 3) }, () => pick(ACTIONS));
        sectionWords += items.reduce((m, i) => m + countWords(i), 0);
        content.push({
          type: 'bulletList',
          content: items.map((i) => ({ type: 'listItem', content: [para(text(i))] })),
        });
      }
      if (r() < 0.1)
        content.push({
          type: 'table',
          content: [
            {
              type: 'tableRow',
              content: ['Option', 'Cost a year', 'People affected'].map((h) => ({
                type: 'tableHeader' as const,
                content: [para(text(h))],
              })),
            },
            ...[1, 2, 3].map((o) => ({
              type: 'tableRow' as const,
              content: [`Option ${o}`, `£${o * 3} million`, `${o * 120},000`].map((c) => ({
                type: 'tableCell' as const,
                content: [para(text(c))],
              })),
            })),
          ],
        });
    }
    words += sectionWords;
    proposals.push({
      id: `bench-proposal-${n}`,
      kind: 'proposal',
      title: `Proposal ${n}: ${pick(ACTIONS)}`,
      body: { type: 'doc', content: content },
      guidance: '',
    });
  }
  d.sections = [...before, ...proposals, ...after];
  const types: QuestionType[] = [
    'likert_agree5',
    'open_text',
    'single_choice',
    'multi_choice',
    'yes_no',
    'ranking',
    'open_text',
  ];
  const questions: Question[] = [];
  for (let i = 0; i < targetQuestions; i++) {
    const type = types[i % types.length]!;
    const section = proposals[i % proposals.length]!;
    // Type, action and subject together are unique for each question, as real questions are.
    const action = ACTIONS[i % ACTIONS.length]!;
    const who = SUBJECTS[Math.floor(i / types.length) % SUBJECTS.length]!.toLowerCase();
    const textFor: Record<string, string> = {
      likert_agree5: `To what extent do you agree that ${who} should ${action}?`,
      open_text: `What would help ${who} to ${action}?`,
      single_choice: `How often should ${who} ${action}?`,
      multi_choice: `Which of these organisations should ${action}, alongside ${who}?`,
      yes_no: `Should small ${who} be exempt from the duty to ${action}?`,
      ranking: `Rank these ways to help ${who} ${action}, from most useful to least useful.`,
    };
    const options =
      type === 'single_choice'
        ? ['Every year', 'Every 2 years', 'Every 3 years', 'Don’t know']
        : type === 'multi_choice'
          ? SUBJECTS.slice(0, 6)
          : type === 'ranking'
            ? ['Guidance', 'Training', 'Funding', 'Templates']
            : [];
    questions.push({
      id: `bench-q${i + 1}`,
      sectionId: section.id,
      type,
      text: textFor[type]!,
      hint: type === 'multi_choice' ? 'Select all that apply.' : '',
      options: options.map((label, j) => ({ id: `bench-q${i + 1}-o${j + 1}`, label })),
      allowOther: type === 'multi_choice',
      explain: type === 'likert_agree5' || type === 'yes_no',
      wordLimit: type === 'open_text' ? 500 : null,
      continues: false,
    });
  }
  d.questions = questions;
  d.checker.maxQuestions = 60;
  return { draft: d, words, questions: questions.length };
}
