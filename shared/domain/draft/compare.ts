import { diffWords } from 'diff';
import { docText } from './rich-text';
import { QUESTION_TYPE_LABELS, questionNumbers, type Draft, type Question } from './model';

/**
 * Compare two versions of a draft: which metadata fields changed, a word-level diff of each
 * section (matched by id, so renamed sections still line up), and questions added, removed,
 * changed or renumbered (matched by their stable ids).
 */
export interface TextPart {
  value: string;
  added?: boolean;
  removed?: boolean;
}
export interface SectionComparison {
  id: string;
  title: string;
  status: 'added' | 'removed' | 'changed' | 'unchanged';
  titleBefore?: string;
  parts: TextPart[];
}
export interface QuestionComparison {
  id: string;
  status: 'added' | 'removed' | 'changed' | 'unchanged';
  numberBefore: string | null;
  numberAfter: string | null;
  changes: string[];
  textBefore: string | null;
  textAfter: string | null;
  /**
   * Each change in words an official clears: what changed, the wording before and after, and for
   * the question's own words and hint a word-level diff (what was taken out and put in).
   */
  details: QuestionChangeDetail[];
}
export interface QuestionChangeDetail {
  what: string;
  before: string;
  after: string;
  /** Word-level diff, for text (the question, its hint, the options). */
  parts?: TextPart[];
}
export interface DraftComparison {
  metadata: { field: string; before: string; after: string }[];
  sections: SectionComparison[];
  questions: QuestionComparison[];
  summary: {
    sectionsChanged: number;
    questionsAdded: number;
    questionsRemoved: number;
    questionsChanged: number;
    metadataChanged: number;
  };
}

function flatten(obj: unknown, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  if (obj !== null && typeof obj === 'object' && !Array.isArray(obj)) {
    for (const [k, v] of Object.entries(obj)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else
    out[prefix] = Array.isArray(obj)
      ? JSON.stringify(obj)
      : obj === null || obj === undefined
        ? ''
        : String(obj as string | number | boolean);
  return out;
}

function questionChanges(a: Question, b: Question): string[] {
  const out: string[] = [];
  if (a.text !== b.text) out.push('text');
  if (a.type !== b.type) out.push('type');
  if (JSON.stringify(a.options) !== JSON.stringify(b.options)) out.push('options');
  if (a.hint !== b.hint) out.push('hint');
  if (a.allowOther !== b.allowOther) out.push('other option');
  if (a.explain !== b.explain) out.push('explain follow-up');
  if (a.wordLimit !== b.wordLimit) out.push('word limit');
  if (a.sectionId !== b.sectionId) out.push('section');
  return out;
}

const wordDiff = (a: string, b: string): TextPart[] =>
  diffWords(a, b).map((p) => ({
    value: p.value,
    ...(p.added ? { added: true } : {}),
    ...(p.removed ? { removed: true } : {}),
  }));
const yesNo = (v: boolean): string => (v ? 'Yes' : 'No');

/** Each change to a question, before and after, in the words the Draft page uses. */
function questionDetails(a: Question, b: Question, sectionTitle: (id: string) => string): QuestionChangeDetail[] {
  const out: QuestionChangeDetail[] = [];
  const text = (what: string, x: string, y: string) => {
    if (x !== y) out.push({ what, before: x, after: y, parts: wordDiff(x, y) });
  };
  text('Question', a.text, b.text);
  text('Hint', a.hint, b.hint);
  if (a.type !== b.type)
    out.push({ what: 'Type of answer', before: QUESTION_TYPE_LABELS[a.type], after: QUESTION_TYPE_LABELS[b.type] });
  const options = (q: Question) => q.options.map((o) => o.label).join('\n');
  text('Options', options(a), options(b));
  if (a.allowOther !== b.allowOther)
    out.push({ what: '“Other (please specify)”', before: yesNo(a.allowOther), after: yesNo(b.allowOther) });
  if (a.explain !== b.explain)
    out.push({ what: '“Please explain your answer”', before: yesNo(a.explain), after: yesNo(b.explain) });
  if (a.wordLimit !== b.wordLimit)
    out.push({
      what: 'Word limit',
      before: a.wordLimit === null ? 'None' : String(a.wordLimit),
      after: b.wordLimit === null ? 'None' : String(b.wordLimit),
    });
  if (a.sectionId !== b.sectionId)
    out.push({ what: 'Section', before: sectionTitle(a.sectionId), after: sectionTitle(b.sectionId) });
  return out;
}

export function compareDrafts(before: Draft, after: Draft): DraftComparison {
  const fb = flatten(before.metadata);
  const fa = flatten(after.metadata);
  const metadata = [...new Set([...Object.keys(fb), ...Object.keys(fa)])]
    .filter((k) => (fb[k] ?? '') !== (fa[k] ?? ''))
    .map((field) => ({ field, before: fb[field] ?? '', after: fa[field] ?? '' }));

  const sections: SectionComparison[] = [];
  const beforeSections = new Map(before.sections.map((s) => [s.id, s]));
  const afterIds = new Set(after.sections.map((s) => s.id));
  for (const s of after.sections) {
    const old = beforeSections.get(s.id);
    const textAfter = docText(s.body, { includeHeadings: true, includeTables: true });
    if (!old) {
      sections.push({ id: s.id, title: s.title, status: 'added', parts: [{ value: textAfter, added: true }] });
      continue;
    }
    const textBefore = docText(old.body, { includeHeadings: true, includeTables: true });
    const parts =
      textBefore === textAfter
        ? [{ value: textAfter }]
        : diffWords(textBefore, textAfter).map((p) => ({
            value: p.value,
            ...(p.added ? { added: true } : {}),
            ...(p.removed ? { removed: true } : {}),
          }));
    const changed = textBefore !== textAfter || old.title !== s.title;
    sections.push({
      id: s.id,
      title: s.title,
      status: changed ? 'changed' : 'unchanged',
      ...(old.title !== s.title ? { titleBefore: old.title } : {}),
      parts,
    });
  }
  for (const s of before.sections) {
    if (!afterIds.has(s.id))
      sections.push({
        id: s.id,
        title: s.title,
        status: 'removed',
        parts: [{ value: docText(s.body, { includeHeadings: true, includeTables: true }), removed: true }],
      });
  }

  const nb = questionNumbers(before);
  const na = questionNumbers(after);
  const qb = new Map(before.questions.map((q) => [q.id, q]));
  const qa = new Map(after.questions.map((q) => [q.id, q]));
  const questions: QuestionComparison[] = [];
  const titles = new Map([...before.sections, ...after.sections].map((s) => [s.id, s.title]));
  const sectionTitle = (id: string) => titles.get(id) ?? 'a removed section';
  for (const q of after.questions) {
    const old = qb.get(q.id);
    const changes = old ? questionChanges(old, q) : [];
    const details = old ? questionDetails(old, q, sectionTitle) : [];
    if (old && nb.get(q.id) !== na.get(q.id)) {
      changes.push('number');
      details.push({ what: 'Number', before: nb.get(q.id) ?? '', after: na.get(q.id) ?? '' });
    }
    questions.push({
      id: q.id,
      status: !old ? 'added' : changes.length ? 'changed' : 'unchanged',
      numberBefore: nb.get(q.id) ?? null,
      numberAfter: na.get(q.id) ?? null,
      changes,
      textBefore: old?.text ?? null,
      textAfter: q.text,
      details,
    });
  }
  for (const q of before.questions) {
    if (!qa.has(q.id))
      questions.push({
        id: q.id,
        status: 'removed',
        numberBefore: nb.get(q.id) ?? null,
        numberAfter: null,
        changes: [],
        textBefore: q.text,
        textAfter: null,
        details: [],
      });
  }
  return {
    metadata,
    sections,
    questions,
    summary: {
      sectionsChanged: sections.filter((s) => s.status !== 'unchanged').length,
      questionsAdded: questions.filter((q) => q.status === 'added').length,
      questionsRemoved: questions.filter((q) => q.status === 'removed').length,
      questionsChanged: questions.filter((q) => q.status === 'changed').length,
      metadataChanged: metadata.length,
    },
  };
}
