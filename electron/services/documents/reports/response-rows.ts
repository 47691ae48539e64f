import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { AppError } from '#shared/core/errors';
import type { Db } from '../../core/db/database';
import { CLOSED_TYPES, type Draft } from '#shared/domain/draft/model';
import type { ResponseAnswer, ResponseRow, RowSource } from '#shared/report/model';
import type { RowParts } from '#shared/report/rows';
import { codableText } from '#shared/coding/codable';
import { CHANNEL_LABELS } from '#shared/coding/fields';
import { isYes, type RespondentKey } from '#shared/domain/responses/store';
import type { IntakeChannel } from '#shared/domain/survey-import/types';
import { MAIN_CODER_SET } from '#shared/coding/types';
import { RESPONDENT_COLUMN, RESPONDENT_KEYS } from '../../responses/respondent-columns';
import type { ResponseFieldDef } from '#shared/report/model';
import type { ColumnMapping } from '#shared/domain/survey-import/types';
import { answerData, type ClosedAnswers, type ResponseIndex } from '../../analysis/data-cache';
import { ANSWER_SLOTS, firstAnswerId } from '../../responses/answer-ids';

/**
 * Organisation names are the confirmed canonical name where an organisation merge applies, as the
 * respondent_organisation view (migration 0004) defines it; joined directly to organisation_merge
 * here because SQLite materialises that view for every query that joins it (seconds per chunk).
 *
 * The per-response rows of the analysis workbook and the responses CSV, read from the database
 * 2,000 responses at a time (responses by id; their choices from the answer cache, the snapshot the
 * counts are made from; their texts as a range of the answer key; their codings by coder and
 * response), so 100,000 responses are never in memory together. Every call to the
 * row source is a fresh pass (the workbook reads the rows twice). Between chunks the event loop
 * gets a turn, so a cancel request is seen, and progress is reported.
 */
export interface RowEnv {
  signal?: AbortSignal | undefined;
  /** Rows done of rows in one pass, and which pass (1, 2…). */
  onRows?: ((done: number, total: number, pass: number) => void) | undefined;
}

const CHUNK = 2000;

/** [answer id, question id, text, other text, explanation] of an answer that holds text. */
type TextTuple = [number, string, string, string | null, string | null];

/**
 * The choices of one closed question, read in response order from the answer cache (data-cache.ts,
 * the same snapshot the counts come from): option ids as arrays, one shared array per single
 * choice so 100,000 responses do not make 100,000 arrays of one id.
 */
class ChoiceCursor {
  private at = 0;
  private readonly single: (readonly string[])[];
  constructor(
    readonly questionId: string,
    private readonly c: ClosedAnswers,
  ) {
    this.single = c.optionIds.map((id) => Object.freeze([id]));
  }
  /** Calls back with the choices of each response in [lo, hi], in order, moving past them. */
  each(lo: number, hi: number, fn: (rid: number, choices: readonly string[]) => void): void {
    const { rids, offsets, codes, optionIds } = this.c;
    while (this.at < rids.length && rids[this.at]! < lo) this.at++;
    for (; this.at < rids.length && rids[this.at]! <= hi; this.at++) {
      const a = offsets[this.at]!;
      const b = offsets[this.at + 1]!;
      if (b - a === 1) fn(rids[this.at]!, this.single[codes[a]!]!);
      else {
        const list = new Array<string>(b - a);
        for (let j = a; j < b; j++) list[j - a] = optionIds[codes[j]!]!;
        fn(rids[this.at]!, list);
      }
    }
  }
}

/**
 * [id, channel, submitted_at, confidential_requested, publish_consent, canonical organisation, ...respondent columns]:
 * read as tuples, not objects (100,000 of them per pass).
 */
type RespTuple = [number, string, string | null, number, string | null, string | null, ...(string | number | null)[]];
const FIRST_COLUMN = 6;

function instant(v: string | null): string | null {
  if (!v) return null;
  // A day with no time given stays a day; a time the import could not read is not guessed at here.
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  if (!/^\d{4}-\d{2}-\d{2}T/.test(v)) return null;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/** Respondent details that some response holds, whatever the draft asks. */
export function presentRespondentFields(db: Db): RespondentKey[] {
  const maxima = RESPONDENT_KEYS.map(
    (k) => `max(${RESPONDENT_COLUMN[k]} IS NOT NULL AND ${RESPONDENT_COLUMN[k]} <> '')`,
  ).join(', ');
  const flags = db.tuples<number[]>(`SELECT ${maxima} FROM respondent`)[0] ?? [];
  return RESPONDENT_KEYS.filter((_, i) => flags[i] === 1);
}

/**
 * The export columns kept with responses as received (mapping target 'keep'), across every batch
 * not undone: one column per header (the same header in two exports is one column), and where
 * each batch's column goes ("batch:column" → position).
 */
export function keptColumns(db: Db): { headers: string[]; position: Map<string, number> } {
  const headers: string[] = [];
  const byHeader = new Map<string, number>();
  const position = new Map<string, number>();
  for (const b of db.all<{ id: number; mapping: string | null; details: string }>(
    'SELECT id, mapping, details FROM import_batch WHERE undone_at IS NULL AND mapping IS NOT NULL ORDER BY id',
  )) {
    const mapping = JSON.parse(b.mapping!) as ColumnMapping;
    const names = (JSON.parse(b.details) as { headers?: string[] }).headers ?? [];
    mapping.forEach((t, i) => {
      if (t.kind !== 'keep') return;
      const header = (names[i] ?? '').trim() || `Column ${i + 1}`;
      let at = byHeader.get(header.toLowerCase());
      if (at === undefined) {
        at = headers.length;
        headers.push(header);
        byHeader.set(header.toLowerCase(), at);
      }
      position.set(`${b.id}:${i}`, at);
    });
  }
  return { headers, position };
}

export interface RowColumnsPlan {
  /** The respondent details to read (the report's responseFields). */
  fields: ResponseFieldDef[];
  /** Where each batch's kept column goes ("batch:column" → position); empty to read none. */
  kept: ReadonlyMap<string, number>;
}

export function reportRows(
  db: Db,
  draft: Draft,
  index: ResponseIndex,
  env: RowEnv = {},
  plan: RowColumnsPlan,
): RowSource {
  const { fields } = plan;
  const withKept = plan.kept.size > 0;
  const columns = fields
    .map((f) => ({ key: f.key, column: RESPONDENT_COLUMN[f.key as RespondentKey] }))
    .filter((c) => c.column);
  const types = new Map(draft.questions.map((q) => [q.id, q.type]));
  const closedQuestions = draft.questions.filter((q) => CLOSED_TYPES.has(q.type)).map((q) => q.id);
  const activeThemes = new Set(
    db.all<{ id: string }>('SELECT id FROM theme WHERE archived_at IS NULL').map((t) => t.id),
  );
  const total = index.ids.length;
  const extraColumns = columns.map((c) => `, p.${c.column}`).join('');
  const keptColumns = withKept ? ', r.batch_id, r.extra' : '';
  const select = `SELECT json_group_array(json_array(r.id, r.channel, r.submitted_at, p.confidential_requested,
      p.publish_consent, coalesce(om.canonical_name, p.organisation)${extraColumns}, b.source_name, r.source_row,
      r.external_id, r.started_at${keptColumns}))
    FROM (SELECT * FROM response WHERE status = 'active' AND id > ? ORDER BY id LIMIT ${CHUNK}) r
    JOIN respondent p ON p.id = r.respondent_id JOIN import_batch b ON b.id = r.batch_id
    LEFT JOIN organisation_merge om ON om.variant_key = p.org_key AND om.reverted_at IS NULL`;
  let passes = 0;
  return async function* rows(parts?: RowParts): AsyncGenerator<ResponseRow> {
    // A pass for the theme matrix only needs the codings: the answers (most of the data) are not read.
    const withAnswers = parts?.cells !== false;
    const pass = ++passes;
    const data = withAnswers ? answerData(db) : null;
    const cursors = data
      ? closedQuestions.flatMap((id) => (data.closed.has(id) ? [new ChoiceCursor(id, data.closed.get(id)!)] : []))
      : null;
    let last = 0;
    let done = 0;
    for (;;) {
      if (env.signal?.aborted) throw new AppError('cancelled', 'Cancelled. Nothing was saved.');
      const chunk = (JSON.parse(db.scalar<string>(select, [last]) ?? '[]') as RespTuple[]).sort((a, b) => a[0] - b[0]);
      if (!chunk.length) break;
      const lo = chunk[0]![0];
      const hi = chunk[chunk.length - 1]![0];
      const answers = new Map<number, Record<string, ResponseAnswer>>();
      const answersOf = (rid: number): Record<string, ResponseAnswer> => {
        let m = answers.get(rid);
        if (!m) answers.set(rid, (m = {}));
        return m;
      };
      if (withAnswers) {
        // Choices come from the answer cache; only answers holding text are read from the database,
        // as arrays of values straight from SQLite's C API (Db.tuples): over 100,000 responses × 40
        // questions, 2.1 s against 2.5 s for one JSON array per chunk built inside SQLite, 4.4 s
        // reading every answer with its choices, and 18 s stepping through objects row by row.
        for (const cur of cursors!)
          cur.each(lo, hi, (rid, choices) => (answersOf(rid)[cur.questionId] = { choices, text: null }));
        const texts = db.tuples<TextTuple>(
          'SELECT id, question_id, text, other_text, explanation FROM answer WHERE id BETWEEN ? AND ? AND (text ' +
            "<> '' OR other_text IS NOT NULL OR explanation IS NOT NULL)",
          [firstAnswerId(lo), firstAnswerId(hi) + ANSWER_SLOTS - 1],
        );
        for (const [aid, qid, raw, other, explanation] of texts) {
          const type = types.get(qid);
          if (!type) continue;
          const closed = CLOSED_TYPES.has(type);
          // The common open answer needs no joining.
          const text =
            !closed && other === null && explanation === null && type !== 'numeric'
              ? raw.trim()
              : codableText(type, { text: raw, otherText: other, explanation }) ||
                (type === 'numeric' ? raw.trim() : '');
          const m = answersOf(Math.floor(aid / ANSWER_SLOTS));
          const had = m[qid];
          m[qid] = { choices: closed ? (had?.choices ?? null) : null, text: text || null };
        }
      }
      const themes = new Map<number, Record<string, string[]>>();
      for (const [responseId, questionId, themeId] of db.tuples<[number, string, string]>(
        'SELECT response_id, question_id, theme_id FROM coding WHERE coder_set = ? AND response_id BETWEEN ? ' +
          'AND ? AND removed_at IS NULL',
        [MAIN_CODER_SET, lo, hi],
      )) {
        if (!activeThemes.has(themeId)) continue;
        let m = themes.get(responseId);
        if (!m) themes.set(responseId, (m = {}));
        const list = (m[questionId] ??= []);
        if (!list.includes(themeId)) list.push(themeId);
      }
      for (const r of chunk) {
        const [id, channel, submittedAt, confidentialRequested, publishConsent, canonical] = r;
        const f: Record<string, string> = {};
        for (let j = 0; j < columns.length; j++) {
          const c = columns[j]!;
          const own = r[FIRST_COLUMN + j] ?? null;
          const v = c.key === 'organisation' ? (canonical ?? own) : own;
          if (typeof v === 'string' && v !== '') f[c.key] = v;
        }
        const p = id < index.pos.length ? index.pos[id]! : -1;
        const o = FIRST_COLUMN + columns.length;
        const origin = {
          file: r[o] as string,
          row: r[o + 1] as number | null,
          externalId: r[o + 2] as string | null,
          startedAt: r[o + 3] as string | null,
          submittedAt,
          publishConsent,
        };
        let kept: Record<number, string> | undefined;
        if (withKept) {
          const batchId = r[o + 4] as number;
          const extra = r[o + 5] as string | null;
          if (extra) {
            kept = {};
            for (const [col, value] of JSON.parse(extra) as [number, string][]) {
              const at = plan.kept.get(`${batchId}:${col}`);
              if (at !== undefined) kept[at] = kept[at] ? `${kept[at]}; ${value}` : value;
            }
          }
        }
        yield {
          id: String(id),
          receivedAt: instant(submittedAt),
          channel: CHANNEL_LABELS[channel as IntakeChannel] ?? channel,
          campaign: p >= 0 && index.campaignName[p] ? index.campaignName[p]! : null,
          confidential: confidentialRequested === 1,
          publishConsent: publishConsent && publishConsent.trim() ? isYes(publishConsent) : null,
          fields: f,
          answers: answers.get(id) ?? {},
          themes: themes.get(id) ?? {},
          origin,
          ...(kept ? { kept } : {}),
        };
      }
      done += chunk.length;
      last = hi;
      env.onRows?.(done, total, pass);
      // A turn for the event loop: a cancel request from the window is handled here.
      await yieldToEvents();
    }
  };
}
