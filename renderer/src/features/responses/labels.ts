import type { MappingTarget } from '#shared/domain/survey-import/types';
import { META_FIELDS } from '#shared/domain/survey-import/types';
import { answerOptions, orderedQuestions, questionNumbers, type Draft } from '#shared/domain/draft/model';
import { RESPONDENT_TARGET_KEYS } from '#shared/domain/survey-import/types';
import { RESPONDENT_KEY_LABELS } from '#shared/domain/responses/store';

/** The channel names the analysis and its exports use, so the two pages say the same. */
export { CHANNEL_LABELS } from '#shared/coding/fields';

export const META_LABELS: Record<(typeof META_FIELDS)[number], string> = {
  externalId: 'Response ID',
  submittedAt: 'Time submitted',
  startedAt: 'Time started',
  channel: 'How it was sent (channel)',
};

export { plural } from '../shared/format';

/** Every target a column can be mapped to, as <select> options, with a stable string value each. */
export function targetOptions(draft: Draft | null): { group: string; options: { value: string; label: string }[] }[] {
  const groups: { group: string; options: { value: string; label: string }[] }[] = [
    {
      group: 'Not an answer',
      options: [
        { value: JSON.stringify({ kind: 'keep' }), label: 'Keep with each response, as received' },
        { value: JSON.stringify({ kind: 'ignore' }), label: 'Leave this column out' },
      ],
    },
  ];
  groups.push({
    group: 'About the respondent',
    options: RESPONDENT_TARGET_KEYS.map((k) => ({
      value: JSON.stringify({ kind: 'respondent', field: k }),
      label: RESPONDENT_KEY_LABELS[k],
    })),
  });
  groups.push({
    group: 'From the survey tool',
    options: META_FIELDS.map((k) => ({ value: JSON.stringify({ kind: 'meta', field: k }), label: META_LABELS[k] })),
  });
  if (!draft) return groups;
  const nums = questionNumbers(draft);
  for (const q of orderedQuestions(draft)) {
    const n = nums.get(q.id) ?? '';
    const short = q.text.length > 60 ? `${q.text.slice(0, 57)}…` : q.text;
    const opts = [
      { value: JSON.stringify({ kind: 'question', questionId: q.id, part: 'answer' }), label: `Question ${n}: answer` },
    ];
    if (q.explain)
      opts.push({
        value: JSON.stringify({ kind: 'question', questionId: q.id, part: 'explanation' }),
        label: `Question ${n}: explanation`,
      });
    if (q.allowOther)
      opts.push({
        value: JSON.stringify({ kind: 'question', questionId: q.id, part: 'other-text' }),
        label: `Question ${n}: “Other” text`,
      });
    if (q.type === 'multi_choice' || q.type === 'ranking')
      for (const o of answerOptions(q))
        opts.push({
          value: JSON.stringify({ kind: 'question', questionId: q.id, part: { optionId: o.id } }),
          label: `Question ${n}: option “${o.label}”`,
        });
    if (q.type === 'ranking')
      for (let k = 1; k <= answerOptions(q).length; k++)
        opts.push({
          value: JSON.stringify({ kind: 'question', questionId: q.id, part: { rank: k } }),
          label: `Question ${n}: the option ranked ${k}`,
        });
    groups.push({ group: `Question ${n}: ${short}`, options: opts });
  }
  return groups;
}

/** The same JSON string targetOptions uses, for a mapping target (key order normalised). */
export function targetValue(t: MappingTarget | undefined): string {
  if (!t || t.kind === 'ignore') return JSON.stringify({ kind: 'ignore' });
  if (t.kind === 'keep') return JSON.stringify({ kind: 'keep' });
  if (t.kind === 'respondent') return JSON.stringify({ kind: 'respondent', field: t.field });
  if (t.kind === 'meta') return JSON.stringify({ kind: 'meta', field: t.field });
  const part =
    typeof t.part !== 'object' ? t.part : 'rank' in t.part ? { rank: t.part.rank } : { optionId: t.part.optionId };
  return JSON.stringify({ kind: 'question', questionId: t.questionId, part });
}

export function questionLabel(draft: Draft | null, id: string | null): string {
  if (!id) return 'Name or organisation';
  if (id === '_general') return 'General comments';
  if (!draft) return id;
  const n = questionNumbers(draft).get(id);
  return n ? `Question ${n}` : 'A deleted question';
}
