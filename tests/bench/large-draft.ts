import { exampleDraft } from '#shared/domain/draft/example';
import type { Draft, Question, QuestionType, Section } from '#shared/domain/draft/model';
import type { Block } from '#shared/domain/draft/rich-text';

/**
 * A large, realistic draft for benchmarks: the example's metadata, about-you questions and privacy
 * notice, with `words` words of prose over `sections` proposal sections (paragraphs, level 2 and 3
 * headings, bullet lists and a table in each) and `questions` questions of every type spread
 * across them. Seeded, so every run builds the same draft.
 */
const VOCAB = (
  'the we propose that people services health information online NHS local organisations should would could ' +
  'access support care patients ' +
  ('public staff standard quality records booking appointments digital front door app website evidence data ' +
    'privacy safe secure help ') +
  ('telephone person practice pharmacy community nobody behind every checked years responsible national body ' +
    'independent regulator ') +
  ('costs benefits impact assessment equality characteristics territorial England consultation response views ' +
    'proposals options')
).split(' ');

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function largeDraft({ words = 30_000, questions = 60, sections = 12, seed = 42 } = {}): Draft {
  const rand = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const sentence = (n: number) => {
    const w = Array.from({ length: n }, () => pick(VOCAB));
    w[0] = w[0]!.charAt(0).toUpperCase() + w[0]!.slice(1);
    return `${w.join(' ')}.`;
  };
  const paragraph = (n: number): Block => {
    const parts: string[] = [];
    let left = n;
    while (left > 0) {
      const len = Math.min(left, 8 + Math.floor(rand() * 14));
      parts.push(sentence(len));
      left -= len;
    }
    return { type: 'paragraph', content: [{ type: 'text', text: parts.join(' ') }] };
  };
  const base = exampleDraft();
  const perSection = Math.floor(words / sections);
  const body: Section[] = [];
  for (let s = 0; s < sections; s++) {
    const content: Block[] = [];
    let written = 0;
    let para = 0;
    while (written < perSection) {
      if (para % 6 === 0)
        content.push({
          type: 'heading',
          attrs: { level: para % 12 === 0 ? 2 : 3 },
          content: [{ type: 'text', text: sentence(5).slice(0, -1) }],
        });
      if (para % 9 === 4) {
        const items = 3 + Math.floor(rand() * 4);
        content.push({
          type: 'bulletList',
          content: Array.from({ length: items }, () => ({ type: 'listItem' as const, content: [paragraph(10)] })),
        });
        written += items * 10;
      } else {
        const n = Math.min(perSection - written, 40 + Math.floor(rand() * 60));
        content.push(paragraph(n));
        written += n;
      }
      para++;
    }
    const cell = (text: string) => ({
      type: 'tableCell' as const,
      content: [{ type: 'paragraph' as const, content: [{ type: 'text' as const, text }] }],
    });
    content.push({
      type: 'table',
      content: [
        { type: 'tableRow', content: [cell('Option'), cell('Cost'), cell('Benefit')] },
        ...Array.from({ length: 5 }, (_, i) => ({
          type: 'tableRow' as const,
          content: [cell(`Option ${i + 1}`), cell(`£${(i + 1) * 12},000,000`), cell(sentence(8))],
        })),
      ],
    });
    body.push({
      id: `large-section-${s + 1}`,
      kind: 'proposal',
      title: `Proposal ${s + 1}: ${sentence(4).slice(0, -1).toLowerCase()}`,
      body: { type: 'doc', content },
      guidance: '',
    });
  }
  const types: QuestionType[] = [
    'likert_agree5',
    'open_text',
    'multi_choice',
    'single_choice',
    'yes_no',
    'ranking',
    'numeric',
    'open_text',
  ];
  const qs: Question[] = Array.from({ length: questions }, (_, i) => {
    const type = types[i % types.length]!;
    const options = ['multi_choice', 'single_choice', 'ranking'].includes(type)
      ? Array.from({ length: 4 + (i % 5) }, (_, o) => ({
          id: `large-q${i + 1}-o${o + 1}`,
          label: sentence(4).slice(0, -1),
        }))
      : [];
    return {
      id: `large-q${i + 1}`,
      sectionId: body[i % sections]!.id,
      type,
      text: `${sentence(14).slice(0, -1)}?`,
      hint: i % 4 === 0 ? sentence(8) : '',
      options,
      allowOther: type === 'multi_choice' || type === 'single_choice',
      explain: type === 'likert_agree5' || type === 'yes_no',
      wordLimit: type === 'open_text' ? 500 : null,
      continues: i % 10 === 9,
    };
  });
  const keep = base.sections.filter((s) => s.kind !== 'proposal');
  const at = keep.findIndex((s) => s.kind === 'impacts');
  return { ...base, sections: [...keep.slice(0, at), ...body, ...keep.slice(at)], questions: qs };
}

/** Words of prose in a draft's section bodies (paragraphs and list items; headings and tables left out). */
export function proseWords(d: Draft): number {
  let n = 0;
  const walk = (blocks: Block[]) => {
    for (const b of blocks) {
      if (b.type === 'paragraph')
        n += (b.content ?? [])
          .map((c) => (c.type === 'text' ? c.text : ' '))
          .join('')
          .split(/\s+/)
          .filter(Boolean).length;
      else if (b.type === 'bulletList' || b.type === 'orderedList') for (const li of b.content) walk(li.content);
    }
  };
  for (const s of d.sections) walk(s.body.content);
  return n;
}
