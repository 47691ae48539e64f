import type { Question, QuestionOption, QuestionType } from '../../draft/model';
import { LIKERT_OPTIONS, YES_NO_OPTIONS } from '../../draft/model';
import type { Layout, LayoutColumn, RawTable } from '../types';
import { isBlankMarker, normaliseLabel } from '../values/text-match';
import { isOtherHeader } from '../detect/header-vocabulary';
import { OptionMatcher } from '../values/option-matcher';
import { hash64 } from './fingerprint';

/**
 * Creates questions from an export's columns, for a workspace that starts from an online survey
 * (`--create-questions`): one question per column group. A column is closed when its values are
 * few and short — fewer than 20% unique over 20 or more answers (i.AI Consult's check), or, for
 * small files, at most 12 short values with some repeated — and its options are taken from the
 * values in the order first seen (agree/disagree and yes/no become the standard scales).
 * Cells with ';' lists become multiple choice; option columns become multiple choice with
 * their labels. Everything else is open text. Run proposeMapping again with the new questions to
 * map the columns to them.
 */
export interface InferOptions {
  sectionId: string;
  /** Only these columns (e.g. MappingProposal.unmatched). Default: every answer-like column. */
  columns?: number[];
  /** Prefix for the new question ids. Default: "imported-" + a hash of the headers. */
  idPrefix?: string;
}

const MAX_SCAN = 200_000;
/** A number as people type one: "3", "-2", "1.5", "1,50" (a decimal comma), "1,250" (thousands), "£4.50". */
const NUMBER = /^[£$€]?\s?-?(\d{1,3}(,\d{3})+|\d+)([.,]\d+)?$/;
const likertMatcher = new OptionMatcher(LIKERT_OPTIONS.map((label, i) => ({ id: `l${i}`, label })));
const yesNoMatcher = new OptionMatcher(YES_NO_OPTIONS.map((label, i) => ({ id: `y${i}`, label })));

interface ValueStats {
  nonBlank: number;
  /** normalised → first spelling seen, in order of first appearance. */
  distinct: Map<string, { label: string; count: number }>;
  maxLen: number;
  maxWords: number;
  cellsWithSemicolon: number;
  /** Choices in the cells joined with ";" or one a line (Microsoft Forms, Jotform): each distinct piece. */
  parts: Map<string, { label: string; count: number }>;
  /** How many pieces there were in all. */
  partCount: number;
  overflow: boolean;
  /** Every value is a number (a decimal comma allowed). */
  numeric: boolean;
}

function stats(table: RawTable, start: number, col: number): ValueStats {
  const s: ValueStats = {
    nonBlank: 0,
    distinct: new Map(),
    maxLen: 0,
    maxWords: 0,
    cellsWithSemicolon: 0,
    parts: new Map(),
    partCount: 0,
    overflow: false,
    numeric: true,
  };
  const end = Math.min(table.cells.length, start + MAX_SCAN);
  for (let r = start; r < end; r++) {
    const v = (table.cells[r]?.[col] ?? '').trim();
    if (!v || isBlankMarker(v)) continue;
    s.nonBlank++;
    if (s.distinct.size <= 1000) {
      const n = normaliseLabel(v);
      const d = s.distinct.get(n);
      if (d) d.count++;
      else s.distinct.set(n, { label: v, count: 1 });
    } else s.overflow = true;
    s.maxLen = Math.max(s.maxLen, v.length);
    if (v.length < 400) s.maxWords = Math.max(s.maxWords, v.split(/\s+/).length);
    if (s.numeric && !NUMBER.test(v)) s.numeric = false;
    const joined = v.includes(';') || (v.includes('\n') && v.length < 400);
    if (joined) s.cellsWithSemicolon++;
    if (s.parts.size <= 1000) {
      for (const p of joined ? v.split(/;|\n/) : [v]) {
        const t = p.trim();
        if (!t) continue;
        s.partCount++;
        const n = normaliseLabel(t);
        const d = s.parts.get(n);
        if (d) d.count++;
        else s.parts.set(n, { label: t, count: 1 });
      }
    }
  }
  return s;
}

/**
 * Checkbox answers joined with ", " (Google Forms): the options, split against what is seen. An
 * option's own text may hold ", " ("Blogs, Twitter or Slack"): a piece that only ever follows the
 * same piece is part of it, so runs that always come together are joined back. Null when the
 * cells are not lists (fewer than `minListShare` of them — one in ten unless the question says
 * "select all" — has two options or more, or the options do not recur).
 */
export function commaOptions(
  cells: string[],
  minListShare = 0.1,
  separator = /,\s+/,
): { options: string[]; lists: number } | null {
  let seqs = cells.map((c) =>
    c
      .split(separator)
      .map((t) => t.trim())
      .filter(Boolean),
  );
  for (let round = 0; round < 20; round++) {
    const before = new Map<string, string | null>();
    const times = new Map<string, number>();
    for (const seq of seqs) {
      seq.forEach((t, i) => {
        const prev = i === 0 ? null : seq[i - 1]!;
        times.set(t, (times.get(t) ?? 0) + 1);
        const seen = before.get(t);
        if (seen === undefined) before.set(t, prev);
        else if (seen !== prev) before.set(t, '\u0000');
      });
    }
    // Seen twice or more, always straight after the same piece: part of that piece's option. (Once
    // proves nothing: an "Other" typed in after one choice.)
    const glue = new Set(
      [...before].filter(([t, p]) => p !== null && p !== '\u0000' && (times.get(t) ?? 0) >= 2).map(([t]) => t),
    );
    if (!glue.size) break;
    seqs = seqs.map((seq) => {
      const out: string[] = [];
      for (const t of seq) {
        if (glue.has(t) && out.length) out[out.length - 1] = `${out[out.length - 1]}, ${t}`;
        else out.push(t);
      }
      return out;
    });
  }
  const counts = new Map<string, { label: string; n: number }>();
  let lists = 0;
  for (const seq of seqs) {
    if (seq.length > 1) lists++;
    for (const t of seq) {
      const k = normaliseLabel(t);
      const c = counts.get(k);
      if (c) c.n++;
      else counts.set(k, { label: t, n: 1 });
    }
  }
  if (lists === 0 || lists / Math.max(1, cells.length) < minListShare || counts.size > 200) return null;
  // Most choices made are of options chosen more than once (an "Other" typed in is chosen once).
  let all = 0;
  let recurring = 0;
  for (const c of counts.values()) {
    all += c.n;
    if (c.n > 1) recurring += c.n;
  }
  if (recurring / all < 0.6) return null;
  return { options: [...counts.values()].sort((a, b) => b.n - a.n).map((c) => c.label), lists };
}

/** The values of several columns as one (the rows of a matrix). */
function mergeStats(list: ValueStats[]): ValueStats {
  const out: ValueStats = {
    nonBlank: 0,
    distinct: new Map(),
    maxLen: 0,
    maxWords: 0,
    cellsWithSemicolon: 0,
    parts: new Map(),
    partCount: 0,
    overflow: false,
    numeric: true,
  };
  for (const s of list) {
    out.nonBlank += s.nonBlank;
    out.maxLen = Math.max(out.maxLen, s.maxLen);
    out.maxWords = Math.max(out.maxWords, s.maxWords);
    out.cellsWithSemicolon += s.cellsWithSemicolon;
    out.partCount += s.partCount;
    out.overflow ||= s.overflow;
    out.numeric &&= s.numeric;
    for (const [k, v] of s.distinct) {
      const d = out.distinct.get(k);
      if (d) d.count += v.count;
      else out.distinct.set(k, { ...v });
    }
    for (const [k, v] of s.parts) {
      const d = out.parts.get(k);
      if (d) d.count += v.count;
      else out.parts.set(k, { ...v });
    }
  }
  return out;
}

/**
 * Closed from the values alone: few and short. Over 20 answers, fewer than 20% unique (i.AI
 * Consult's check); with fewer, the values must repeat (half of them at most unique): a handful
 * of short different answers in a small file is free text as often as it is a choice.
 */
function isClosed(
  distinct: number,
  nonBlank: number,
  maxLen: number,
  maxWords: number,
  repeats: boolean,
  allRepeated = false,
): boolean {
  if (nonBlank === 0 || distinct > 200) return false;
  if (maxLen <= 2 && distinct <= 11 && repeats) return true; // a rating: 1 to 5, 0 to 10
  if (nonBlank >= 20)
    return (distinct / nonBlank < 0.2 && maxLen <= 150) || (distinct <= 12 && maxLen <= 60 && maxWords <= 8 && repeats);
  // Few answers: short ones that repeat, or long ones every one of which was given twice or more (an option's wording).
  return (
    repeats &&
    distinct <= Math.max(3, nonBlank / 2) &&
    ((maxLen <= 60 && maxWords <= 8) || (allRepeated && maxLen <= 200))
  );
}

/** Closed when the header asks for a choice: short values, not too many of them. */
function closedByCue(distinct: number, nonBlank: number, maxLen: number): boolean {
  return nonBlank > 0 && distinct <= 50 && maxLen <= 150;
}

const MULTI_CUE = new RegExp(
  [
    'select all|check all|tick all|all that apply|marca todas|todas las (opciones|que)|',
    'cochez|alle zutreffenden|mehrfachauswahl',
  ].join(''),
);

const CLOSED_CUE = new RegExp(
  [
    String.raw`multiple choice|single choice|choose (one|the)|select (one|the)|best describes?|`,
    String.raw`describes? (you )?best|describe mejor|how (likely|satisfied|often|much do you agree)|`,
    String.raw`\brate\b|on a scale|scale of|escala|to what extent|do you agree|\bagree\b|yes or no`,
  ].join(''),
);

const OPEN_CUE = new RegExp(
  [
    String.raw`free text|(please |to )?describe (your|how|what|why|the|in)|please describe|\bexplain\b|`,
    String.raw`tell us|\bcomments?\b|\bwhy\b|in your own words|please (enter|give|provide|write)|`,
    String.raw`what (else|is your|are your)|what (one )?thing|\bsuggestions?\b|\bideas?\b|\bopinion\b|`,
    String.raw`freitext|beschreib`,
  ].join(''),
);

/**
 * What a question's own words say about its answers: "free text", "describe", "please explain"
 * ask for words; "select all that apply" for a list; "choose one", "how likely", "rate" for a choice.
 * In a small file the values alone cannot say.
 */
function headerCue(text: string): 'open' | 'multi' | 'closed' | null {
  const t = normaliseLabel(text);
  if (MULTI_CUE.test(t)) return 'multi';
  if (CLOSED_CUE.test(t)) return 'closed';
  if (OPEN_CUE.test(t)) return 'open';
  return null;
}

/** A scale of numbers (1 to 5, -2 to 2, 0 to 10) reads in order, not in the order first answered. */
function numbersInOrder(labels: string[]): string[] {
  const num = (l: string) => (/^-?\d{1,6}(\.\d+)?$/.test(l.trim()) ? Number(l) : NaN);
  return labels.every((l) => !Number.isNaN(num(l))) ? [...labels].sort((a, b) => num(a) - num(b)) : labels;
}

/** Answers given often enough to be an option: by 3 people or more, and by 2% of those who answered. */
function commonAnswers(
  distinct: { label: string; count: number }[],
  nonBlank: number,
): { label: string; count: number }[] {
  return distinct.filter((d) => d.count >= Math.max(3, 0.02 * nonBlank));
}

/**
 * 2 to 15 common answers, none longer than an option's wording, given by at least 80% of 20 or
 * more people: options, the rest "Other" texts.
 */
function choicesWithOther(distinct: { label: string; count: number }[], nonBlank: number): boolean {
  if (nonBlank < 20) return false;
  const common = commonAnswers(distinct, nonBlank);
  if (common.length < 2 || common.length > 15 || common.some((d) => d.label.length > 200)) return false;
  return common.reduce((n, d) => n + d.count, 0) / nonBlank >= 0.8;
}

const QUANTITY_CUE = new RegExp(
  [
    String.raw`\bhow many\b|\bnumber of\b|how much (would|do|did|does) (you|your \w+) (pay|spend|earn|`,
    String.raw`cost)|\bhow far\b|\bhow old\b|\bhow long\b|\bmiles\b|\bkm\b|\(£\)|\bin £|\bamount\b|`,
    String.raw`\bsize\b|\bper ?cent(age)?\b|\bhours? (a|per) (day|week)\b`,
  ].join(''),
  'i',
);

/** Words in a question that ask for a quantity. */
function numericCue(text: string): boolean {
  return QUANTITY_CUE.test(text.replace(/[_-]/g, ' '));
}

/** "1: Cheaper fares\n2: Later buses" in every cell: the items ranked, in the order first seen. */
function rankedItems(cells: string[]): string[] | null {
  const items = new Map<string, string>();
  for (const c of cells) {
    const lines = c
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    for (const l of lines) {
      const m = /^(\d{1,2})\s*[:.)]\s*(\S.*)$/.exec(l);
      if (!m) return null;
      const k = normaliseLabel(m[2]!);
      if (!items.has(k)) items.set(k, m[2]!);
    }
  }
  return items.size >= 2 && items.size <= 30 ? [...items.values()] : null;
}

/** Kobo/ODK choice names ("weekly", "less_often", "shops bus_stop"): the options, and whether cells hold several. */
function choiceNames(cells: string[]): { options: string[]; multi: boolean } | null {
  if (cells.length === 0 || !cells.every((c) => /^[a-z0-9_]+( [a-z0-9_]+)*$/.test(c))) return null;
  const options = new Map<string, number>();
  let lists = 0;
  for (const c of cells) {
    const names = c.split(' ');
    if (names.length > 1) lists++;
    for (const n of names) options.set(n, (options.get(n) ?? 0) + 1);
  }
  // Names, not words: one with an underscore, or names that recur.
  if (
    options.size > 100 ||
    !([...options.keys()].some((n) => n.includes('_')) || [...options.values()].some((n) => n > 1))
  )
    return null;
  if (/^\d+$/.test([...options.keys()].join(''))) return null; // numbers are numbers
  return { options: [...options.keys()], multi: lists > 0 };
}

/** Every non-blank cell of a column (for joined-list detection). */
function columnCells(table: RawTable, start: number, col: number): string[] {
  const out: string[] = [];
  const end = Math.min(table.cells.length, start + MAX_SCAN);
  for (let r = start; r < end; r++) {
    const v = (table.cells[r]?.[col] ?? '').trim();
    if (v && !isBlankMarker(v)) out.push(v);
  }
  return out;
}

function allMatch(labels: string[], m: OptionMatcher): boolean {
  return labels.length > 0 && labels.every((l) => m.matchOne(l) !== null);
}

/** The id prefix of questions made from this export's columns: the same export gives the same ids. */
export function importedIdPrefix(layout: Pick<Layout, 'columns'>): string {
  return `imported-${hash64(layout.columns.map((c) => c.header).join('\u001f')).slice(0, 8)}`;
}

/** The id a question made from the column group starting at `firstColumn` has (with the default prefix). */
export function importedQuestionId(layout: Pick<Layout, 'columns'>, firstColumn: number): string {
  return `${importedIdPrefix(layout)}-c${firstColumn}`;
}

export function inferQuestions(layout: Layout, table: RawTable, opts: InferOptions): Question[] {
  const wanted = opts.columns ? new Set(opts.columns) : null;
  const prefix = (opts.idPrefix ?? importedIdPrefix(layout)).slice(0, 60);
  const groups = new Map<string, LayoutColumn[]>();
  for (const c of layout.columns) {
    if (wanted && !wanted.has(c.index)) continue;
    if (!(c.role === 'question' || c.role === 'option' || c.role === 'other-text' || c.role === 'explanation'))
      continue;
    const key = c.group ?? c.header;
    const g = groups.get(key) ?? [];
    g.push(c);
    groups.set(key, g);
  }

  // The rows of a matrix share one scale: their options come from every row's values together.
  const matrixColumns = new Map<string, number[]>();
  for (const c of layout.columns)
    if (c.matrix && c.role === 'question')
      matrixColumns.set(c.matrix.id, [...(matrixColumns.get(c.matrix.id) ?? []), c.index]);
  const matrixStats = new Map<string, ValueStats>();
  const seenMatrix = new Set<string>();

  const out: Question[] = [];
  for (const cols of groups.values()) {
    const first = cols[0]!;
    const id = `${prefix}-c${first.index}`;
    const main = cols.find((c) => c.role === 'question');
    const optionCols = cols.filter((c) => c.role === 'option');
    const text = (
      main?.questionText ||
      optionCols[0]?.questionText ||
      first.questionText ||
      main?.header ||
      first.header
    ).slice(0, 2000);
    // Rows of one matrix after the first are numbered as its parts (3a, 3b…).
    const matrixId = (main ?? optionCols[0])?.matrix?.id;
    const continues = !!matrixId && seenMatrix.has(matrixId);
    if (matrixId) seenMatrix.add(matrixId);
    const q: Question = {
      id,
      sectionId: opts.sectionId,
      type: 'open_text',
      text,
      hint: '',
      options: [],
      allowOther: false,
      explain: false,
      wordLimit: null,
      continues,
    };
    q.explain = cols.some((c) => c.role === 'explanation');
    if (cols.some((c) => c.role === 'other-text')) q.allowOther = true;

    const mkOptions = (labels: string[]): QuestionOption[] =>
      labels.slice(0, 200).map((label, k) => ({ id: `${id}-o${k + 1}`, label: label.slice(0, 500) }));

    // Places of a ranking ("[Rank 1]", "[Rank 2]"…): the options are what people put in them.
    const slotCols = cols.filter((c) => c.rankSlot !== undefined);
    if (slotCols.length > 0) {
      const seen = mergeStats(slotCols.map((c) => stats(table, layout.dataStart, c.index)));
      Object.assign(q, {
        type: 'ranking' as QuestionType,
        options: mkOptions([...seen.distinct.values()].map((d) => d.label)),
      });
      out.push(q);
      continue;
    }
    if (optionCols.length > 0) {
      const labels = optionCols.map((c) => c.optionLabel ?? c.header).filter((l) => !isOtherHeader(l));
      if (optionCols.some((c) => isOtherHeader(c.optionLabel ?? ''))) q.allowOther = true;
      // Option columns holding rank numbers are a ranking question (a column of 1s alone is ticks).
      const columnStats = optionCols.map((c) => stats(table, layout.dataStart, c.index));
      const ranked =
        columnStats.every((st) => st.nonBlank > 0 && [...st.distinct.keys()].every((v) => /^\d{1,2}$/.test(v))) &&
        columnStats.some((st) => [...st.distinct.keys()].some((v) => Number(v) > 1));
      Object.assign(q, { type: (ranked ? 'ranking' : 'multi_choice') as QuestionType, options: mkOptions(labels) });
      if (ranked) q.allowOther = false;
      out.push(q);
      continue;
    }
    if (!main) {
      if (cols.some((c) => c.role === 'explanation' || c.role === 'other-text')) out.push(q);
      continue;
    }
    let s = stats(table, layout.dataStart, main.index);
    if (main.matrix && (matrixColumns.get(main.matrix.id)?.length ?? 0) > 1) {
      let m = matrixStats.get(main.matrix.id);
      if (!m) {
        m = mergeStats(matrixColumns.get(main.matrix.id)!.map((c) => stats(table, layout.dataStart, c)));
        matrixStats.set(main.matrix.id, m);
      }
      s = m;
    }
    // A column with nothing in it is not a question anyone answered (a page of text in LimeSurvey).
    if (s.nonBlank === 0 && !cols.some((c) => c.role !== 'question')) continue;
    const distinct = [...s.distinct.values()];
    const labels = distinct.map((d) => d.label);
    const repeats = distinct.some((d) => d.count > 1);
    const parts = [...s.parts.values()];
    const cue = headerCue(text);
    // Lists joined with ";" (Microsoft Forms) or one choice a line (Jotform): closed when the pieces are.
    const multi =
      s.cellsWithSemicolon / Math.max(1, s.nonBlank) >= 0.1 &&
      !s.overflow &&
      isClosed(
        parts.length,
        s.partCount,
        Math.max(...parts.map((p) => p.label.length), 0),
        8,
        parts.some((p) => p.count > 1),
      );
    // The column's cells, read once and only if a check below needs them.
    let cellList: string[] | undefined;
    const cells = () => (cellList ??= columnCells(table, layout.dataStart, main.index));
    // Places written in one cell, "1: Cheaper fares\n2: Later buses" (Jotform): a ranking.
    const ranked = !s.overflow && s.cellsWithSemicolon > 0 ? rankedItems(cells()) : null;
    // Kobo and ODK write choices by their names ("less_often", "shops bus_stop"): a choice, or a list.
    const names = (layout.source === 'kobo' || layout.source === 'odk') && !s.overflow ? choiceNames(cells()) : null;
    // Checkbox answers joined with ", " (Google Forms; Qualtrics without the space), split against the options seen.
    const commas =
      !multi && !ranked && !names && cue !== 'open' && !s.overflow && distinct.length > 1
        ? commaOptions(cells(), cue === 'multi' ? 0 : 0.1, layout.source === 'qualtrics' ? /,\s*/ : /,\s+/)
        : null;
    // An "Other" box beside it says the column is a choice, however few answered.
    const closedByOther =
      cols.some((c) => c.role === 'other-text') &&
      !s.overflow &&
      closedByCue(distinct.length, s.nonBlank, s.maxLen) &&
      s.maxWords <= 8;
    if (ranked) {
      q.type = 'ranking';
      q.options = mkOptions(ranked);
    } else if (names) {
      q.type = names.multi ? 'multi_choice' : 'single_choice';
      q.options = mkOptions(names.options);
    } else if (
      s.numeric &&
      s.nonBlank > 0 &&
      cue !== 'multi' &&
      (numericCue(text) || s.maxLen > 2 || [...s.distinct.keys()].some((v) => /[.,]\d/.test(v)))
    ) {
      q.type = 'numeric';
    } else if (commas && (cue === 'multi' || commas.lists >= 2)) {
      q.type = 'multi_choice';
      if (commas.options.some((l) => isOtherHeader(l))) q.allowOther = true;
      q.options = mkOptions(commas.options.filter((l) => !isOtherHeader(l)));
    } else if (
      cue !== 'open' &&
      !s.overflow &&
      (cue === 'closed' || closedByOther
        ? closedByCue(distinct.length, s.nonBlank, s.maxLen)
        : isClosed(
            distinct.length,
            s.nonBlank,
            s.maxLen,
            s.maxWords,
            repeats,
            distinct.every((d) => d.count > 1),
          )) &&
      !multi
    ) {
      if (allMatch(labels, likertMatcher)) q.type = 'likert_agree5';
      else if (allMatch(labels, yesNoMatcher)) q.type = 'yes_no';
      else {
        q.type = 'single_choice';
        const others = labels.filter((l) => isOtherHeader(l));
        if (others.length) q.allowOther = true;
        q.options = mkOptions(numbersInOrder(labels.filter((l) => !isOtherHeader(l))));
      }
    } else if (!multi && cue !== 'open' && !s.overflow && choicesWithOther(distinct, s.nonBlank)) {
      // A few answers given by most people, and a tail of single ones: a choice with an "Other"
      // box whose text the tool wrote in place of the option (Google Forms, SurveyMonkey).
      q.type = 'single_choice';
      q.allowOther = true;
      q.options = mkOptions(
        commonAnswers(distinct, s.nonBlank)
          .map((d) => d.label)
          .filter((l) => !isOtherHeader(l)),
      );
    } else if (multi) {
      q.type = 'multi_choice';
      const pl = parts.map((p) => p.label);
      if (pl.some((l) => isOtherHeader(l))) q.allowOther = true;
      q.options = mkOptions(pl.filter((l) => !isOtherHeader(l)));
    } else if (/any other comments|anything else|other comments|further comments/i.test(text))
      q.type = 'any_other_comments';
    // Closed types need options; a closed guess with none stays open.
    if ((q.type === 'single_choice' || q.type === 'multi_choice') && q.options.length === 0 && !q.allowOther)
      q.type = 'open_text';
    out.push(q);
  }
  return out;
}
