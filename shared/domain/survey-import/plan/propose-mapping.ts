import type { Draft, Question } from '../../draft/model';
import { answerOptions, CLOSED_TYPES, OTHER_OPTION_ID, orderedQuestions, questionNumbers } from '../../draft/model';
import type {
  ColumnMapping,
  Layout,
  LayoutColumn,
  MappingProposal,
  MappingTarget,
  QuestionPart,
  RawTable,
  RespondentTargetKey,
} from '../types';
import { contentTokens, isBlankMarker, normaliseLabel, textSimilarity } from '../values/text-match';
import { OptionMatcher } from '../values/option-matcher';
import { headerNumber, isOtherHeader } from '../detect/header-vocabulary';
import { importedQuestionId } from './infer-questions';

/**
 * Proposes which question, question part, "About you" field or metadata each column holds:
 * - metadata and "About you" columns by name (and by the draft's own "About you" labels);
 * - answer columns by question number ("Q3", "3.", "Question 3a"; not when numbers restart per
 *   section, as in "Prop 1 Q1 … Prop 2 Q1") and word similarity to the question text, helped by
 *   how many of the column's values are the question's options;
 * - the columns of one question (options, "Other" text, explanation) go together to one question.
 * The official confirms or corrects it in the wizard; nothing here is final.
 */

const ACCEPT = 0.45;
const SAMPLE = 500;

interface QInfo {
  q: Question;
  number: string;
  matcher: OptionMatcher | null;
  closed: boolean;
}

interface Group {
  key: string;
  columns: LayoutColumn[];
  text: string;
  number?: string;
  section?: string;
}

export function proposeMapping(
  layout: Layout,
  draft: Pick<Draft, 'sections' | 'questions' | 'aboutYou'>,
  table?: RawTable,
): MappingProposal {
  const n = layout.columns.length;
  const mapping: ColumnMapping = Array.from({ length: n }, () => ({ kind: 'ignore' }) as MappingTarget);
  const confidence = new Array<number>(n).fill(0);
  const reasons = new Array<string>(n).fill('');
  const nums = questionNumbers(draft);
  const qs: QInfo[] = orderedQuestions(draft).map((q) => {
    const opts = answerOptions(q);
    return {
      q,
      number: nums.get(q.id) ?? '',
      matcher: opts.length ? new OptionMatcher(opts) : null,
      closed: CLOSED_TYPES.has(q.type),
    };
  });

  const values = (c: number): string[] => {
    if (!table) return [];
    const out: string[] = [];
    for (let r = layout.dataStart; r < table.cells.length && out.length < SAMPLE; r++) {
      const v = table.cells[r]?.[c];
      if (v !== undefined && !isBlankMarker(v)) out.push(v.length > 300 ? v.slice(0, 300) : v);
    }
    return out;
  };

  // Numbers are trusted only when each number names one group (not "Prop 1 Q1" and "Prop 2 Q1").
  const sectionsByNumber = new Map<string, Set<string>>();
  for (const c of layout.columns) {
    if (!c.questionNumber) continue;
    const s = sectionsByNumber.get(c.questionNumber) ?? new Set<string>();
    s.add(c.sectionLabel ?? '');
    sectionsByNumber.set(c.questionNumber, s);
  }
  const numbersReliable =
    [...sectionsByNumber.values()].every((s) => s.size === 1) && !layout.columns.some((c) => c.sectionLabel);

  // 1. Metadata, ignored columns, "About you".
  const aboutYou = draft.aboutYou.filter((f) => f.label.trim());
  const groups = new Map<string, Group>();
  for (const col of layout.columns) {
    const i = col.index;
    if (col.role === 'meta') {
      mapping[i] = col.metaField ? { kind: 'meta', field: col.metaField } : { kind: 'ignore' };
      confidence[i] = 1;
      reasons[i] = col.because;
      continue;
    }
    if (col.role === 'ignore') {
      confidence[i] = 1;
      reasons[i] = col.because;
      continue;
    }
    const text = col.questionText || col.header;
    // The draft's own "About you" labels, word for word or nearly.
    let field: RespondentTargetKey | undefined;
    let fieldScore = 0;
    if (col.role === 'respondent' || col.role === 'question') {
      for (const f of aboutYou) {
        const s = textSimilarity(text, f.label);
        if (s > fieldScore) {
          fieldScore = s;
          field = f.key;
        }
      }
      if (fieldScore < 0.7) field = undefined;
    }
    if (col.role === 'respondent' || field) {
      // A strong match to a consultation question wins over a synonym ("publish" in a real question).
      const best = bestQuestion(text, col.questionNumber, qs, numbersReliable);
      if (!field && best && best.score >= 0.8) {
        // fall through to question matching below
      } else {
        mapping[i] = { kind: 'respondent', field: field ?? col.respondentField! };
        confidence[i] = field ? Math.min(1, fieldScore) : 0.8;
        reasons[i] = field
          ? `The "About you" question "${draft.aboutYou.find((f) => f.key === field)!.label}"`
          : col.because;
        continue;
      }
    }
    const key = col.group ?? col.header;
    const g = groups.get(key) ?? { key, columns: [], text: col.questionText || key };
    g.columns.push(col);
    if (col.questionNumber && !g.number) g.number = col.questionNumber;
    if (col.sectionLabel && !g.section) g.section = col.sectionLabel;
    if ((col.role === 'question' || col.role === 'option') && col.questionText) g.text = col.questionText;
    groups.set(key, g);
  }

  // 2. Score every group against every question; assign the best pairs first.
  const candidates: { g: Group; qi: QInfo; score: number; why: string }[] = [];
  for (const g of groups.values()) {
    const answerCol = g.columns.find((c) => c.role === 'question');
    const optionCols = g.columns.filter((c) => c.role === 'option');
    const vals = answerCol ? values(answerCol.index) : [];
    // A question made from these very columns (inferQuestions' id): theirs whatever its words say
    // (a header of "0", a comment's number, matches no text).
    const madeFromThese = qs.find((qi) => qi.q.id === importedQuestionId(layout, g.columns[0]!.index));
    if (madeFromThese) {
      candidates.push({ g, qi: madeFromThese, score: 2, why: 'made from this column' });
      continue;
    }
    for (const qi of qs) {
      let { score, why } = scoreText(g.text, g.number, qi, numbersReliable);
      if (qi.matcher && vals.length > 0) {
        const share = optionShare(vals, qi.matcher, qi.q.type === 'multi_choice' || qi.q.type === 'ranking');
        if (share >= 0.8) {
          score += 0.15;
          why += `; ${Math.round(share * 100)}% of its values are this question's options`;
        } else if (share < 0.2 && qi.closed && !qi.q.allowOther) score -= 0.15;
      }
      if (optionCols.length > 0 && qi.matcher) {
        const hits = optionCols.filter((c) => c.optionLabel && qi.matcher!.matchOne(c.optionLabel)).length;
        if (hits / optionCols.length >= 0.5) {
          score += 0.15;
          why += `; its option columns are this question's options`;
        }
      }
      if (score >= ACCEPT) candidates.push({ g, qi, score, why });
    }
  }
  candidates.sort((a, b) => b.score - a.score);
  const taken = new Set<string>();
  const done = new Set<string>();
  for (const c of candidates) {
    if (done.has(c.g.key) || taken.has(c.qi.q.id)) continue;
    done.add(c.g.key);
    taken.add(c.qi.q.id);
    for (const col of c.g.columns) {
      const part = partFor(col, c.qi);
      if (!part) {
        reasons[col.index] = `"${col.optionLabel ?? col.header}" is not an option of question ${c.qi.number}`;
        continue;
      }
      mapping[col.index] = { kind: 'question', questionId: c.qi.q.id, part };
      confidence[col.index] = Math.min(1, c.score);
      reasons[col.index] = `Question ${c.qi.number}: ${c.why}`;
    }
  }

  const unmatched: number[] = [];
  for (const col of layout.columns) {
    if (mapping[col.index]!.kind !== 'ignore') continue;
    if (col.role === 'question' || col.role === 'option' || col.role === 'other-text' || col.role === 'explanation') {
      unmatched.push(col.index);
      if (!reasons[col.index]) reasons[col.index] = 'Matches no question in the consultation';
    }
    // Nothing with something in it is dropped: what is not an answer, a detail or the response's
    // id and times is kept with each response as it was received.
    if (col.role !== 'ignore') {
      mapping[col.index] = { kind: 'keep' };
      reasons[col.index] = reasons[col.index]
        ? `${reasons[col.index]}: kept with each response as received`
        : 'Kept with each response as received';
    }
  }
  return { mapping, confidence, reasons, unmatched };
}

function scoreText(
  text: string,
  number: string | undefined,
  qi: QInfo,
  numbersReliable: boolean,
): { score: number; why: string } {
  const numMatch = numbersReliable && !!number && number === qi.number;
  // "Q3", "Question 3a": a number and nothing to compare.
  const own = headerNumber(text);
  const words = own ? own.rest : text;
  const hasWords = contentTokens(words).size > 0 && !/^q?\d+[a-z]?$/i.test(words.trim());
  if (!hasWords) return numMatch ? { score: 0.7, why: `question number ${number}` } : { score: 0, why: '' };
  const sim = textSimilarity(text, qi.q.text);
  let score = sim;
  let why = `${Math.round(sim * 100)}% of the words match`;
  if (numMatch) {
    score += 0.25;
    why = `question number ${number} and ${why}`;
  } else if (numbersReliable && number && qi.number) score -= 0.1;
  return { score, why };
}

function bestQuestion(
  text: string,
  number: string | undefined,
  qs: QInfo[],
  numbersReliable: boolean,
): { qi: QInfo; score: number } | null {
  let best: { qi: QInfo; score: number } | null = null;
  for (const qi of qs) {
    const { score } = scoreText(text, number, qi, numbersReliable);
    if (!best || score > best.score) best = { qi, score };
  }
  return best;
}

function optionShare(vals: string[], m: OptionMatcher, multi: boolean): number {
  let hit = 0;
  for (const v of vals) {
    const r = multi ? m.multi(v) : m.single(v);
    if (r.optionIds.length > 0 && r.unknown.length === 0) hit++;
  }
  return hit / vals.length;
}

function partFor(col: LayoutColumn, qi: QInfo): QuestionPart | null {
  switch (col.role) {
    case 'question':
      if (col.rankSlot !== undefined && qi.q.type === 'ranking') return { rank: col.rankSlot };
      return 'answer';
    case 'respondent':
      return 'answer';
    case 'explanation':
      return 'explanation';
    case 'other-text':
      return 'other-text';
    case 'option': {
      const label = col.optionLabel ?? '';
      const id = qi.matcher?.matchOne(label) ?? null;
      if (id) return { optionId: id };
      if (isOtherHeader(label) && qi.q.allowOther) return { optionId: OTHER_OPTION_ID };
      // The option's label may differ slightly: take the most similar one.
      let best: { id: string; s: number } | null = null;
      for (const o of answerOptions(qi.q)) {
        const s = textSimilarity(label, o.label);
        if (!best || s > best.s) best = { id: o.id, s };
      }
      if (best && best.s >= 0.6) return { optionId: best.id };
      return normaliseLabel(label) ? null : 'answer';
    }
    default:
      return null;
  }
}
