import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { AppError } from '../../../../shared/ipc/result';
import type { Db } from '../../db/database';
import { CLOSED_TYPES, type Draft } from '../../../../shared/domain/draft/model';
import type { ResponseAnswer, ResponseRow, RowSource } from '../../../../shared/domain/report/model';
import { responseFieldsFromAboutYou } from '../../../../shared/domain/report/fields';
import { codableText } from '../../../../shared/domain/coding/codable';
import { CHANNEL_LABELS } from '../../../../shared/domain/coding/fields';
import { isYes, type RespondentKey } from '../../../../shared/domain/responses/store';
import type { Channel } from '../../../../shared/domain/responses/types';
import { MAIN_CODER_SET } from '../../../../shared/domain/coding/types';
import { RESPONDENT_COLUMN } from '../../responses/respondent-columns';
import type { ResponseIndex } from '../data-cache';

/**
 * The per-response rows of the analysis workbook and the responses CSV, read from the database
 * 2,000 responses at a time (responses by id, their answers by the response index, their codings
 * by coder and response), so 100,000 responses are never in memory together. Every call to the
 * row source is a fresh pass (the workbook reads the rows twice). Between chunks the event loop
 * gets a turn, so a cancel request is seen, and progress is reported.
 */
export interface RowEnv {
  signal?: AbortSignal | undefined;
  /** Rows done of rows in one pass, and which pass (1, 2…). */
  onRows?: ((done: number, total: number, pass: number) => void) | undefined;
}

const CHUNK = 2000;

interface RespRow {
  id: number;
  channel: string;
  submitted_at: string | null;
  confidential_requested: number;
  publish_consent: string | null;
  canonical: string | null;
  [column: string]: string | number | null;
}

function instant(v: string | null): string | null {
  if (!v) return null;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

export function reportRows(db: Db, draft: Draft, index: ResponseIndex, env: RowEnv = {}): RowSource {
  const fields = responseFieldsFromAboutYou(draft.aboutYou);
  const columns = fields.map((f) => ({ key: f.key, column: RESPONDENT_COLUMN[f.key as RespondentKey] })).filter((c) => c.column);
  const types = new Map(draft.questions.map((q) => [q.id, q.type]));
  const activeThemes = new Set(db.all<{ id: string }>('SELECT id FROM theme WHERE archived_at IS NULL').map((t) => t.id));
  const total = index.ids.length;
  const select = `SELECT r.id, r.channel, r.submitted_at, p.confidential_requested, p.publish_consent, o.organisation AS canonical${columns.map((c) => `, p.${c.column}`).join('')}
    FROM response r JOIN respondent p ON p.id = r.respondent_id LEFT JOIN respondent_organisation o ON o.respondent_id = p.id
    WHERE r.status = 'active' AND r.id > ? ORDER BY r.id LIMIT ${CHUNK}`;
  let passes = 0;
  return async function* rows(): AsyncGenerator<ResponseRow> {
    const pass = ++passes;
    let last = 0;
    let done = 0;
    for (;;) {
      if (env.signal?.aborted) throw new AppError('cancelled', 'Cancelled. Nothing was saved.');
      const chunk = db.all<RespRow>(select, [last]);
      if (!chunk.length) break;
      const lo = chunk[0]!.id;
      const hi = chunk[chunk.length - 1]!.id;
      const answers = new Map<number, Record<string, ResponseAnswer>>();
      for (const a of db.all<{ response_id: number; question_id: string; option_ids: string | null; text: string; other_text: string | null; explanation: string | null }>(
        'SELECT response_id, question_id, option_ids, text, other_text, explanation FROM answer WHERE response_id BETWEEN ? AND ?',
        [lo, hi],
      )) {
        const type = types.get(a.question_id);
        if (!type) continue;
        let choices: string[] | null = null;
        if (a.option_ids && CLOSED_TYPES.has(type)) {
          try {
            choices = JSON.parse(a.option_ids) as string[];
          } catch {
            choices = null;
          }
        }
        const text = codableText(type, { text: a.text, otherText: a.other_text, explanation: a.explanation }) || (type === 'numeric' ? a.text.trim() : '');
        let m = answers.get(a.response_id);
        if (!m) answers.set(a.response_id, (m = {}));
        m[a.question_id] = { choices, text: text || null };
      }
      const themes = new Map<number, Record<string, string[]>>();
      for (const c of db.all<{ response_id: number; question_id: string; theme_id: string }>(
        'SELECT response_id, question_id, theme_id FROM coding WHERE coder_set = ? AND response_id BETWEEN ? AND ? AND removed_at IS NULL',
        [MAIN_CODER_SET, lo, hi],
      )) {
        if (!activeThemes.has(c.theme_id)) continue;
        let m = themes.get(c.response_id);
        if (!m) themes.set(c.response_id, (m = {}));
        const list = (m[c.question_id] ??= []);
        if (!list.includes(c.theme_id)) list.push(c.theme_id);
      }
      for (const r of chunk) {
        const f: Record<string, string> = {};
        for (const c of columns) {
          const v = c.key === 'organisation' ? (r.canonical ?? r[c.column]) : r[c.column];
          if (typeof v === 'string' && v !== '') f[c.key] = v;
        }
        const p = r.id < index.pos.length ? index.pos[r.id]! : -1;
        yield {
          id: String(r.id),
          receivedAt: instant(r.submitted_at),
          channel: CHANNEL_LABELS[r.channel as Channel] ?? r.channel,
          campaign: p >= 0 && index.campaignName[p] ? index.campaignName[p]! : null,
          confidential: r.confidential_requested === 1,
          publishConsent: r.publish_consent && r.publish_consent.trim() ? isYes(r.publish_consent) : null,
          fields: f,
          answers: answers.get(r.id) ?? {},
          themes: themes.get(r.id) ?? {},
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
