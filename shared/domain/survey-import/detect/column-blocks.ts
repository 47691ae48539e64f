import type { LayoutColumn } from '../types';
import { isExplanationHeader, isOtherHeader } from './header-vocabulary';
import { normaliseLabel, tickValue } from '../values/text-match';

/**
 * Which adjacent columns of an export are one question, and what kind: the step after each column
 * is classified on its own (detect-layout.ts). Columns belong together only when the layout says
 * so — never because two headers read the same:
 * - a SurveyMonkey question spanning columns (its text once, over sub-labels in the second row);
 * - "Stem - Label", "Stem [Label]" or "Stem-Label" headers side by side (flattened exports,
 *   LimeSurvey, Qualtrics labels, Citizen Space);
 * - Qualtrics codes Q5_1, Q5_2… (rows) and Q6_1_1, Q6_1_2… (rows × columns);
 * - a named column followed by "Column12", "Column13"… (an export whose sub-labels were replaced);
 * - ODK/Kobo paths "group/question/option".
 * Then the cells say what the run is:
 * - every cell a tick (1/0, Yes, X) or the column's own label: one multi-select question, a column
 *   per option (an "Other" column holding text is its other-text);
 * - whole numbers that rank the columns within a row: one ranking question;
 * - the follow-on columns' cells name options of their own: one multi-select, the options taken
 *   from the cells;
 * - anything else, each column its own question of one matrix (a rating per row, or one text box
 *   of several): the run becomes questions numbered 3a, 3b… sharing the stem.
 */
export interface BlockInput {
  col: LayoutColumn;
  /** The stem this column's header gives, when it names one (the question text without the label). */
  stem?: string;
  /** The label under the stem (option, matrix row, sub-field). */
  label?: string;
  /** A Qualtrics code's numbers: Q5_2 → [5, 2]; Q6_1_3 → [6, 1, 3]. */
  code?: number[];
  /** SurveyMonkey: the column has no question text of its own (it continues the one before). */
  continues?: boolean;
  /** "Column12": a follow-on column whose header is only a number. */
  followOn?: boolean;
  /** The layout says this column is an option's text box (Qualtrics Q2_7_TEXT). */
  otherText?: boolean;
}

export type BlockKind = 'multi' | 'ranking' | 'rank-slots' | 'matrix' | 'matrix-multi' | 'multi-from-cells';

/**
 * "Rank 1", "Ranking 2", "Choice 3", "1st choice", "Preference #2": a place of a ranking question,
 * whose cells name the option put there. The place, or null.
 */
export function rankSlotOf(label: string): number | null {
  const t = label.trim();
  const m =
    /^(?:rank(?:ing)?|choice|place|position|preference|priority)\s*#?\s*(\d{1,3})$/i.exec(t) ??
    /^(\d{1,3})(?:st|nd|rd|th)?\s+(?:choice|preference|place|priority|rank(?:ed)?)$/i.exec(t);
  return m ? Number(m[1]) : null;
}

const RANKING_MAX = 30;

/** A place of a ranking: "Rank 2", or a bare "2" (LimeSurvey's Q4[2], whose cells are answer codes). */
function slotOf(label: string): number | null {
  return rankSlotOf(label) ?? (/^\d{1,2}$/.test(label.trim()) ? Number(label) : null);
}

/**
 * Bare numbered places are a ranking only when no row puts one thing in two places (a matrix's rows repeat its scale).
 */
function placesHoldDifferentThings(rows: string[][]): boolean {
  let rowsWithTwo = 0;
  let distinct = 0;
  for (const row of rows) {
    const given = row.map((v) => normaliseLabel(v)).filter((v) => v !== '');
    if (given.length < 2) continue;
    rowsWithTwo++;
    if (new Set(given).size === given.length) distinct++;
  }
  return rowsWithTwo > 0 && distinct === rowsWithTwo;
}

/**
 * Runs of columns that the layout groups, by their inputs' indices (length ≥ 2, or a SurveyMonkey sub-label of one).
 */
function runs(
  inputs: BlockInput[],
): { start: number; end: number; how: 'continues' | 'stem' | 'code' | 'follow-on' }[] {
  const out: { start: number; end: number; how: 'continues' | 'stem' | 'code' | 'follow-on' }[] = [];
  const answerLike = (i: number) => {
    const r = inputs[i]?.col.role;
    return r === 'question' || r === 'option' || r === 'other-text';
  };
  let i = 0;
  while (i < inputs.length) {
    const a = inputs[i]!;
    if (!answerLike(i)) {
      i++;
      continue;
    }
    let j = i + 1;
    let how: 'continues' | 'stem' | 'code' | 'follow-on' | null = null;
    if (inputs[j]?.continues && answerLike(j)) {
      how = 'continues';
      while (j < inputs.length && inputs[j]!.continues && answerLike(j)) j++;
    } else if (a.code && a.code.length >= 2 && inputs[j]?.code?.[0] === a.code[0] && answerLike(j)) {
      how = 'code';
      while (
        j < inputs.length &&
        inputs[j]!.code?.[0] === a.code[0] &&
        (inputs[j]!.code?.length ?? 0) >= 2 &&
        answerLike(j)
      )
        j++;
    } else if (inputs[j]?.followOn && answerLike(j)) {
      how = 'follow-on';
      while (j < inputs.length && inputs[j]!.followOn && answerLike(j)) j++;
    } else if (
      a.stem &&
      inputs[j]?.stem &&
      normaliseLabel(inputs[j]!.stem!) === normaliseLabel(a.stem) &&
      answerLike(j)
    ) {
      how = 'stem';
      while (
        j < inputs.length &&
        inputs[j]!.stem &&
        normaliseLabel(inputs[j]!.stem!) === normaliseLabel(a.stem) &&
        answerLike(j)
      )
        j++;
    }
    if (how && j - i >= 2) out.push({ start: i, end: j, how });
    i = how && j - i >= 2 ? j : i + 1;
  }
  return out;
}

const isInt = (v: string) => /^\d{1,3}$/.test(v.trim());

/**
 * Sets role, group, optionLabel, questionText and matrix on the columns of each run, in place.
 * `sample(c)` is the column's non-blank values (a sample). Columns outside runs keep what
 * classification gave them; a lone column's group is its own.
 */
export function assignBlocks(
  inputs: BlockInput[],
  sample: (column: number) => string[],
  rows: (columns: number[]) => string[][],
): void {
  assignLayoutRuns(inputs, sample, rows);
  assignOwnLabelRuns(inputs, sample);
}

function assignLayoutRuns(
  inputs: BlockInput[],
  sample: (column: number) => string[],
  rows: (columns: number[]) => string[][],
): void {
  for (const r of runs(inputs)) {
    const cols = inputs.slice(r.start, r.end);
    const first = cols[0]!;
    const id = `b${first.col.index}`;
    // Coded columns (Q5_1, Q5_2…) carry their question in the label, before the part: the stem is
    // what the labels share, each column's label what follows it.
    const shared = r.how === 'code' ? commonStem(cols.map((b) => b.col.header)) : null;
    const stem = (shared?.stem || first.stem || first.col.questionText || first.col.header)
      .replace(/\s+-\s+Selected Choice$/i, '')
      .trim();
    const labelOf = (b: BlockInput, k = cols.indexOf(b)) =>
      (shared ? shared.rest[k]! : (b.label ?? b.col.optionLabel ?? b.col.header)).trim();
    const values = cols.map((b) => sample(b.col.index));
    // An "Other" column of the run holding people's own words is its other-text, whatever the rest
    // is; so is the last follow-on column when the others each name one option and it names many.
    const otherText = cols.map(
      (b, k) =>
        b.otherText === true ||
        (isOtherHeader(labelOf(b)) &&
          values[k]!.some(
            (v) => tickValue(v) === null && normaliseLabel(v) !== normaliseLabel(labelOf(b)) && !/^other\b/i.test(v),
          )),
    );
    if ((r.how === 'follow-on' || r.how === 'continues') && cols.length >= 3) {
      const distinct = values.map((vs) => new Set(vs.map(normaliseLabel)).size);
      const last = cols.length - 1;
      if (distinct[last]! > 1 && distinct.slice(0, last).every((d) => d <= 1)) otherText[last] = true;
    }
    // "Please tell us why you gave these answers" under the same question: its explanation.
    const explain = cols.map(
      (b, k) =>
        !otherText[k] && k > 0 && isExplanationHeader(labelOf(b)) && values[k]!.some((v) => tickValue(v) === null),
    );
    const body = cols.filter((_, k) => !otherText[k] && !explain[k]);
    const bodyValues = values.filter((_, k) => !otherText[k] && !explain[k]);
    // A question and its "Other" box are not a block: classification already joined them.
    if (body.length < 2) continue;
    const kind = kindOf(r.how, body, bodyValues, labelOf, () => rows(body.map((b) => b.col.index)));
    cols.forEach((b, k) => {
      const c = b.col;
      const label = labelOf(b);
      if (otherText[k]) {
        Object.assign(c, {
          role: 'other-text',
          group: id,
          questionText: stem,
          optionLabel: label,
          because: '"Other" text for the question of the columns before',
        });
        return;
      }
      if (explain[k]) {
        // Joined to the column before it (a matrix's last row, or the question's group).
        delete c.matrix;
        Object.assign(c, {
          role: 'explanation',
          group: cols[k - 1]!.col.group ?? id,
          questionText: stem,
          because: 'Explanation of the answers to the question of the columns before',
        });
        return;
      }
      if (kind === 'rank-slots') {
        delete c.optionLabel;
        Object.assign(c, {
          role: 'question',
          group: id,
          questionText: stem,
          rankSlot: slotOf(label)!,
          because: `Place ${slotOf(label)} of a ranking question: its cells name the option put there`,
        });
      } else if (kind === 'multi' || kind === 'ranking') {
        Object.assign(c, {
          role: 'option',
          group: id,
          questionText: stem,
          optionLabel: label,
          because:
            kind === 'ranking'
              ? 'One item of a ranking question, in its own column'
              : 'One option of a multi-select question, in its own column',
        });
      } else if (kind === 'multi-from-cells') {
        // The option is what the column's cells say (its header is only "Column12").
        const own = mostCommon(values[k]!) ?? label;
        Object.assign(c, {
          role: 'option',
          group: id,
          questionText: stem,
          optionLabel: own,
          because: 'One option of a multi-select question; its cells name the option',
        });
      } else if (kind === 'matrix-multi') {
        // Qualtrics Q6_r_c: one multi-select per row r, the columns c its options; the row's label
        // is what its columns' labels share.
        const row = b.code?.[1] ?? k;
        const siblings = cols.filter((o) => (o.code?.[1] ?? -1) === row).map((o) => labelOf(o));
        const split = commonStem(siblings);
        const rowLabel = split.stem || label;
        const option = split.rest[siblings.indexOf(label)] || label;
        Object.assign(c, {
          role: 'option',
          group: `${id}.${row}`,
          questionText: `${stem}: ${rowLabel}`,
          optionLabel: option,
          matrix: { id, row: rowLabel },
          because: 'One option of one row of a matrix of checkboxes',
        });
      } else {
        Object.assign(c, {
          role: 'question',
          group: `${id}.${k}`,
          questionText: `${stem}: ${label}`,
          matrix: { id, row: label },
          because: 'One row of a matrix (or one box of a question with several), its own question',
        });
      }
    });
  }
}

/**
 * Typeform gives each option of a multi-select a column headed by the option alone, holding that
 * option when chosen, and no column with the question's text; an "Other" column may follow with
 * people's own words. Adjacent columns each holding only their own header are one question.
 */
function assignOwnLabelRuns(inputs: BlockInput[], sample: (column: number) => string[]): void {
  const own = (b: BlockInput | undefined) => {
    if (!b || b.col.role !== 'question' || b.col.matrix || !b.col.group?.startsWith('c')) return false;
    const vs = sample(b.col.index);
    return (
      vs.length > 0 &&
      !isOtherHeader(b.col.header) &&
      vs.every((v) => normaliseLabel(v) === normaliseLabel(b.col.header))
    );
  };
  let i = 0;
  while (i < inputs.length) {
    if (!own(inputs[i])) {
      i++;
      continue;
    }
    let j = i + 1;
    while (own(inputs[j])) j++;
    if (j - i >= 2) {
      const cols = inputs.slice(i, j).map((b) => b.col);
      const id = `b${cols[0]!.index}`;
      const stem = `Chosen from: ${cols.map((c) => c.header).join(', ')}`;
      for (const c of cols)
        Object.assign(c, {
          role: 'option',
          group: id,
          questionText: stem,
          optionLabel: c.header,
          because: 'One option of a multi-select question, in a column headed by the option alone',
        });
      const next = inputs[j]?.col;
      if (next && isOtherHeader(next.header) && (next.role === 'question' || next.role === 'other-text')) {
        const ticks = sample(next.index).every(
          (v) => tickValue(v) !== null || normaliseLabel(v) === normaliseLabel(next.header),
        );
        delete next.matrix;
        Object.assign(
          next,
          ticks
            ? {
                role: 'option',
                group: id,
                questionText: stem,
                optionLabel: next.header,
                because: 'One option of a multi-select question, in its own column',
              }
            : {
                role: 'other-text',
                group: id,
                questionText: stem,
                optionLabel: next.header,
                because: '"Other" text for the question of the columns before',
              },
        );
        j++;
      }
    }
    i = j;
  }
}

function kindOf(
  how: 'continues' | 'stem' | 'code' | 'follow-on',
  body: BlockInput[],
  values: string[][],
  labelOf: (b: BlockInput) => string,
  rows: () => string[][],
): BlockKind {
  // Places 1, 2, 3… whose cells are words (the options), not numbers.
  const places = body.map((b) => slotOf(labelOf(b)));
  if (
    places.every((p, k) => p === k + 1) &&
    values.every((vs) => vs.every((v) => !isInt(v))) &&
    (places.every((p, k) => rankSlotOf(labelOf(body[k]!)) === p) || placesHoldDifferentThings(rows()))
  )
    return 'rank-slots';
  if (how === 'code' && body.some((b) => (b.code?.length ?? 0) >= 3)) {
    const ticks = values.every((vs) => vs.every((v) => tickValue(v) !== null || isInt(v)));
    return ticks ? 'matrix-multi' : 'matrix';
  }
  // Ticks, or each column's own label: one option a column.
  const own = body.every((b, k) =>
    values[k]!.every((v) => tickValue(v) !== null || normaliseLabel(v) === normaliseLabel(labelOf(b))),
  );
  if (own && values.some((vs) => vs.length > 0)) return 'multi';
  // Ranks: whole numbers up to the number of columns, different from each other within a row (a
  // rating scale repeats within a row: that is a matrix).
  const ints = values.every((vs) => vs.every(isInt));
  if (ints && body.length >= 2 && body.length <= RANKING_MAX && values.some((vs) => vs.length > 0)) {
    const max = Math.max(0, ...values.flat().map(Number));
    const columnsWithMany = values.filter((vs) => new Set(vs).size > 1).length;
    let rowsWithTwo = 0;
    let rowsDistinct = 0;
    for (const row of rows()) {
      const given = row.map((v) => v.trim()).filter((v) => v !== '');
      if (given.length < 2) continue;
      rowsWithTwo++;
      if (new Set(given).size === given.length) rowsDistinct++;
    }
    if (max <= body.length && columnsWithMany >= Math.min(2, body.length) && rowsDistinct >= 0.8 * rowsWithTwo)
      return 'ranking';
  }
  // Follow-on columns whose cells each name one thing: the options are in the cells.
  if (how === 'follow-on' || how === 'continues') {
    const oneValueEach = values.every((vs) => new Set(vs.map(normaliseLabel)).size <= 1);
    if (oneValueEach && values.some((vs) => vs.length > 0)) return how === 'follow-on' ? 'multi-from-cells' : 'multi';
  }
  return 'matrix';
}

function mostCommon(values: string[]): string | undefined {
  const counts = new Map<string, { v: string; n: number }>();
  for (const v of values) {
    const k = normaliseLabel(v);
    const c = counts.get(k);
    if (c) c.n++;
    else counts.set(k, { v: v.trim(), n: 1 });
  }
  let best: { v: string; n: number } | undefined;
  for (const c of counts.values()) if (!best || c.n > best.n) best = c;
  return best?.v;
}

/**
 * What a run of labels share at the start, cut back to a separator (" - ", "-", ": ", "["), and
 * what is left of each: "Stem-Squash", "Stem-Cucumbers" → "Stem", ["Squash", "Cucumbers"].
 */
export function commonStem(labels: string[]): { stem: string; rest: string[] } {
  if (labels.length < 2) return { stem: '', rest: labels };
  let n = 0;
  const a = labels[0]!;
  while (n < a.length && labels.every((l) => l[n] === a[n])) n++;
  // Back to the last separator inside the shared part.
  const head = a.slice(0, n);
  const cut = Math.max(head.lastIndexOf(' - '), head.lastIndexOf('-'), head.lastIndexOf(': '), head.lastIndexOf('['));
  if (cut <= 0) return { stem: '', rest: labels };
  const stem = a
    .slice(0, cut)
    .replace(/[\s:\-–[]+$/, '')
    .trim();
  return {
    stem,
    rest: labels.map((l) =>
      l
        .slice(cut)
        .replace(/^[\s:\-–[]+/, '')
        .replace(/\]$/, '')
        .trim(),
    ),
  };
}
