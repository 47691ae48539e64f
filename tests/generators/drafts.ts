import type { Draft, Question } from '#shared/domain/draft/model';
import { exampleDraft } from '#shared/domain/draft/example';

/** Drafts for generator fixtures: the example, one with 20 questions (benchmarks), one with commas in its options. */

function q(
  id: string,
  sectionId: string,
  type: Question['type'],
  text: string,
  extra: Partial<Question> = {},
): Question {
  return {
    id,
    sectionId,
    type,
    text,
    hint: '',
    options: [],
    allowOther: false,
    explain: false,
    wordLimit: null,
    continues: false,
    ...extra,
  };
}

/** The example consultation with 9 more questions: 20 in all, for the 100k × 20 benchmark. */
export function benchDraft(): Draft {
  const d = exampleDraft();
  const s = 'example-section-impacts';
  const extra: Question[] = [
    q(
      'bench-q12',
      s,
      'likert_agree5',
      'To what extent do you agree that GP practices should help people to get online?',
      { explain: true },
    ),
    q('bench-q13', s, 'yes_no', 'Have you used the NHS App in the last 12 months?'),
    q('bench-q14', s, 'single_choice', 'How do you usually book a GP appointment?', {
      options: ['By telephone', 'Online or in an app', 'In person at the practice', 'Someone books for me'].map(
        (label, i) => ({ id: `bench-q14-o${i + 1}`, label }),
      ),
      allowOther: true,
    }),
    q('bench-q15', s, 'open_text', 'What would make you trust health information you find online?'),
    q('bench-q16', s, 'multi_choice', 'Which of these devices do you use to go online?', {
      options: ['Smartphone', 'Tablet', 'Laptop or desktop computer', 'Smart TV', 'I do not go online'].map(
        (label, i) => ({ id: `bench-q16-o${i + 1}`, label }),
      ),
    }),
    q('bench-q17', s, 'likert_agree5', 'To what extent do you agree that telephone services should be free to call?'),
    q('bench-q18', s, 'open_text', 'How should we measure whether nobody is left behind?'),
    q('bench-q19', s, 'single_choice', 'How confident are you using online services?', {
      options: ['Very confident', 'Fairly confident', 'Not very confident', 'Not at all confident'].map((label, i) => ({
        id: `bench-q19-o${i + 1}`,
        label,
      })),
    }),
    q('bench-q20', s, 'yes_no', 'Would you use a telephone support line to help you use NHS services online?', {
      explain: true,
    }),
  ];
  // Keep "Is there anything else…" last.
  const last = d.questions.pop()!;
  d.questions.push(...extra, last);
  return d;
}

/** Options that contain commas and semicolon-free look-alikes, to test list splitting. */
export function commaDraft(): Draft {
  const d = exampleDraft();
  const s = 'example-section-proposal-2';
  d.questions = [
    q('c-q1', s, 'multi_choice', 'Which bodies, if any, should check NHS information?', {
      options: [
        { id: 'c-o1', label: 'The NHS, nationally' },
        { id: 'c-o2', label: 'Local authorities' },
        { id: 'c-o3', label: 'Charities, voluntary or community organisations' },
        { id: 'c-o4', label: 'Charities' },
        { id: 'c-o5', label: 'Regulators, such as the CQC, or ombudsmen' },
      ],
      allowOther: true,
    }),
    q('c-q2', s, 'single_choice', 'Should the standard apply to all NHS pages?', {
      options: [
        { id: 'c-y', label: 'Yes' },
        { id: 'c-yc', label: 'Yes, with conditions' },
        { id: 'c-n', label: 'No' },
      ],
    }),
    q('c-q3', s, 'open_text', 'Tell us more.'),
  ];
  return d;
}
