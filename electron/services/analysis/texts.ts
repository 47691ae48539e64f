import { AppError } from '#shared/core/errors';
import type { Db } from '../core/db/database';
import type { WorkspaceFile } from '../core/db/workspace-file';
import type { Draft } from '#shared/domain/draft/model';
import {
  RESPONSE_TEXT_SECTIONS,
  type ResponseTextSection,
  type ResponseTexts,
  type TextEntry,
} from '#shared/coding/types';
import { audit } from '../core/audit';
import { analysisQuestions } from './questions';

/**
 * The government response as the team drafts it beside the figures: per question, the response
 * and its next steps; and the response-level sections (introduction, other themes, next steps,
 * issues for the ministerial briefing, a note on the method). Plain text, a blank line between
 * paragraphs (the report model's convention). Saved as typed, so each save is small; the audit log
 * records who changed which text when, not the text itself (the text is in the table).
 */
export type TextKey =
  | { kind: 'question'; questionId: string; part: 'response' | 'next-steps' }
  | { kind: 'section'; section: ResponseTextSection };

const keyOf = (k: TextKey): string =>
  k.kind === 'section'
    ? k.section
    : k.part === 'response'
      ? `question:${k.questionId}`
      : `question-next:${k.questionId}`;

export function readTexts(db: Db): ResponseTexts {
  const rows = db.all<{ key: string; text: string; updated_at: string; updated_by: string }>(
    'SELECT key, text, updated_at, updated_by FROM response_text',
  );
  const questions: ResponseTexts['questions'] = {};
  const sections = Object.fromEntries(
    RESPONSE_TEXT_SECTIONS.map((s) => [s, { text: '', updatedAt: null, updatedBy: null }]),
  ) as ResponseTexts['sections'];
  const empty = (): TextEntry => ({ text: '', updatedAt: null, updatedBy: null });
  const question = (id: string) => (questions[id] ??= { response: empty(), nextSteps: empty() });
  for (const r of rows) {
    const v = { text: r.text, updatedAt: r.updated_at, updatedBy: r.updated_by };
    if (r.key.startsWith('question:')) question(r.key.slice(9)).response = v;
    else if (r.key.startsWith('question-next:')) question(r.key.slice(14)).nextSteps = v;
    else if ((RESPONSE_TEXT_SECTIONS as readonly string[]).includes(r.key)) sections[r.key as ResponseTextSection] = v;
  }
  return { questions, sections };
}

/** A question's response text with its next steps appended, as the documents print it. */
export function questionResponseText(texts: ResponseTexts, questionId: string): string {
  const response = texts.questions[questionId]?.response.text.trim() ?? '';
  const next = texts.questions[questionId]?.nextSteps.text.trim() ?? '';
  return [response, next ? `Next steps: ${next}` : ''].filter(Boolean).join('\n\n');
}

export function saveText(
  file: WorkspaceFile,
  draft: Draft,
  key: TextKey,
  text: string,
  now: Date,
  actor: string,
): { savedAt: string } {
  if (key.kind === 'question' && !analysisQuestions(draft, true).some((q) => q.id === key.questionId))
    throw new AppError('not-found', 'That question is not in the consultation.', { field: 'questionId' });
  const k = keyOf(key);
  file.mutate((db) => {
    const old = db.scalar<string>('SELECT text FROM response_text WHERE key = ?', [k]);
    if (old === text) return;
    db.run(
      'INSERT INTO response_text (key, text, updated_at, updated_by) VALUES (?, ?, ?, ?) ON CONFLICT(key) DO ' +
        'UPDATE SET text = excluded.text, updated_at = excluded.updated_at, updated_by = excluded.updated_by',
      [k, text, now.toISOString(), actor],
    );
    // One audit record per editing session rather than per pause in typing: only when someone else edited last, or an
    // hour passed.
    const last = db.get<{ actor: string; at: string }>(
      "SELECT actor, at FROM audit_log WHERE action = 'analysis.text' AND subject = ? ORDER BY id DESC LIMIT 1",
      [k],
    );
    if (!last || last.actor !== actor || now.getTime() - Date.parse(last.at) > 3600_000)
      audit(db, now, actor, 'analysis.text', k);
  });
  return { savedAt: now.toISOString() };
}
