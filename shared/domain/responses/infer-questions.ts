import type { Question, QuestionOption, QuestionType } from '../draft/model';
import { LIKERT_OPTIONS, YES_NO_OPTIONS } from '../draft/model';
import type { Layout, LayoutColumn, RawTable } from './types';
import { isBlankMarker, normaliseLabel } from './text-match';
import { isOtherHeader } from './header-rules';
import { OptionMatcher } from './option-matcher';
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
const likertMatcher = new OptionMatcher(LIKERT_OPTIONS.map((label, i) => ({ id: `l${i}`, label })));
const yesNoMatcher = new OptionMatcher(YES_NO_OPTIONS.map((label, i) => ({ id: `y${i}`, label })));

interface ValueStats {
  nonBlank: number;
  /** normalised → first spelling seen, in order of first appearance. */
  distinct: Map<string, { label: string; count: number }>;
  maxLen: number;
  maxWords: number;
  cellsWithSemicolon: number;
  parts: Map<string, { label: string; count: number }>;
  overflow: boolean;
}

function stats(table: RawTable, start: number, col: number): ValueStats {
  const s: ValueStats = { nonBlank: 0, distinct: new Map(), maxLen: 0, maxWords: 0, cellsWithSemicolon: 0, parts: new Map(), overflow: false };
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
    if (v.includes(';')) {
      s.cellsWithSemicolon++;
    }
    if (s.parts.size <= 1000) {
      for (const p of v.split(';')) {
        const t = p.trim();
        if (!t) continue;
        const n = normaliseLabel(t);
        const d = s.parts.get(n);
        if (d) d.count++;
        else s.parts.set(n, { label: t, count: 1 });
      }
    }
  }
  return s;
}

function isClosed(distinct: number, nonBlank: number, maxLen: number, maxWords: number, repeats: boolean): boolean {
  if (nonBlank === 0 || distinct > 200) return false;
  if (nonBlank >= 20 && distinct / nonBlank < 0.2 && maxLen <= 150) return true;
  return distinct <= 12 && maxLen <= 60 && maxWords <= 8 && (repeats || distinct <= 2);
}

function allMatch(labels: string[], m: OptionMatcher): boolean {
  return labels.length > 0 && labels.every((l) => m.matchOne(l) !== null);
}

export function inferQuestions(layout: Layout, table: RawTable, opts: InferOptions): Question[] {
  const wanted = opts.columns ? new Set(opts.columns) : null;
  const prefix = (opts.idPrefix ?? `imported-${hash64(layout.columns.map((c) => c.header).join('\u001f')).slice(0, 8)}`).slice(0, 60);
  const groups = new Map<string, LayoutColumn[]>();
  for (const c of layout.columns) {
    if (wanted && !wanted.has(c.index)) continue;
    if (!(c.role === 'question' || c.role === 'option' || c.role === 'other-text' || c.role === 'explanation')) continue;
    const key = c.group ?? c.header;
    const g = groups.get(key) ?? [];
    g.push(c);
    groups.set(key, g);
  }

  const out: Question[] = [];
  for (const cols of groups.values()) {
    const first = cols[0]!;
    const id = `${prefix}-c${first.index}`;
    const main = cols.find((c) => c.role === 'question');
    const optionCols = cols.filter((c) => c.role === 'option');
    const text = (main?.questionText || optionCols[0]?.questionText || first.questionText || main?.header || first.header).slice(0, 2000);
    const q: Question = { id, sectionId: opts.sectionId, type: 'open_text', text, hint: '', options: [], allowOther: false, explain: false, wordLimit: null, continues: false };
    q.explain = cols.some((c) => c.role === 'explanation');
    if (cols.some((c) => c.role === 'other-text')) q.allowOther = true;

    const mkOptions = (labels: string[]): QuestionOption[] => labels.slice(0, 200).map((label, k) => ({ id: `${id}-o${k + 1}`, label: label.slice(0, 500) }));

    if (optionCols.length > 0) {
      const labels = optionCols.map((c) => c.optionLabel ?? c.header).filter((l) => !isOtherHeader(l));
      if (optionCols.some((c) => isOtherHeader(c.optionLabel ?? ''))) q.allowOther = true;
      // Option columns holding rank numbers are a ranking question.
      const ranked = optionCols.every((c) => {
        const st = stats(table, layout.dataStart, c.index);
        return st.nonBlank > 0 && [...st.distinct.keys()].every((v) => /^\d{1,2}$/.test(v));
      });
      Object.assign(q, { type: (ranked ? 'ranking' : 'multi_choice') as QuestionType, options: mkOptions(labels) });
      if (ranked) q.allowOther = false;
      out.push(q);
      continue;
    }
    if (!main) {
      if (cols.some((c) => c.role === 'explanation' || c.role === 'other-text')) out.push(q);
      continue;
    }
    const s = stats(table, layout.dataStart, main.index);
    const distinct = [...s.distinct.values()];
    const labels = distinct.map((d) => d.label);
    const repeats = distinct.some((d) => d.count > 1);
    const parts = [...s.parts.values()];
    const multi = s.cellsWithSemicolon / Math.max(1, s.nonBlank) >= 0.1 && !s.overflow && isClosed(parts.length, s.nonBlank, Math.max(...parts.map((p) => p.label.length), 0), 8, parts.some((p) => p.count > 1));
    if (!s.overflow && isClosed(distinct.length, s.nonBlank, s.maxLen, s.maxWords, repeats) && !multi) {
      if (allMatch(labels, likertMatcher)) q.type = 'likert_agree5';
      else if (allMatch(labels, yesNoMatcher)) q.type = 'yes_no';
      else {
        q.type = 'single_choice';
        const others = labels.filter((l) => isOtherHeader(l));
        if (others.length) q.allowOther = true;
        q.options = mkOptions(labels.filter((l) => !isOtherHeader(l)));
      }
    } else if (multi) {
      q.type = 'multi_choice';
      const pl = parts.map((p) => p.label);
      if (pl.some((l) => isOtherHeader(l))) q.allowOther = true;
      q.options = mkOptions(pl.filter((l) => !isOtherHeader(l)));
    } else if (/any other comments|anything else|other comments|further comments/i.test(text)) q.type = 'any_other_comments';
    // Closed types need options; a closed guess with none stays open.
    if ((q.type === 'single_choice' || q.type === 'multi_choice') && q.options.length === 0 && !q.allowOther) q.type = 'open_text';
    out.push(q);
  }
  return out;
}
