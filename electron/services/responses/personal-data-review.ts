import type { Db } from '../core/db/database';
import type { WorkspaceFile } from '../core/db/workspace-file';
import { audit, RESPONSES_AUDIT_RANGE } from '../core/audit';
import { AppError } from '#shared/core/errors';
import type { Draft } from '#shared/domain/draft/model';
import { codableText } from '#shared/coding/codable';
import { isYes } from '#shared/domain/responses/store';
import {
  answerKey,
  findingKey,
  type PersonalDataDecision,
  type PersonalDataKind,
  type ReleasedFindings,
} from '#shared/analysis/personal-data/index';
import { personalDataFinder } from '#shared/report/personal-data-scrubber';
import type {
  PersonalDataFindingView,
  PersonalDataRef,
  PersonalDataReview,
  PersonalDataStatus,
} from '#shared/analysis/personal-data/index';
import { analysisQuestions } from '../analysis/questions';
import { ANSWER_SLOTS } from './answer-ids';

/**
 * The review list of personal data typed into answers (Responses → Personal data; issue 17, R-PUB1).
 *
 * What is listed is exactly what a publication-level export would remove: the same finder (the
 * consultation's respondent register and the rules, `personalDataFinder`) over the same text (an
 * answer's codable text, as the responses CSV and workbook publish it), in the answers whose text is
 * published at all — counted responses from people who gave consent and did not ask for
 * confidentiality (the others' text is withheld whole, so there is nothing in it to review).
 *
 * The official confirms a finding's removal or releases it with a reason; each decision is a row of
 * `personal_data_decision` and an audit record ('personal-data.decide', outside the "responses."
 * range the analysis caches watch: a decision changes no answer). The exports read the released ones
 * (`releasedFindings`) and leave those as written; every other finding is removed, reviewed or not.
 *
 * The scan reads every answer with text (about 30,000 answers a second here), so it is kept per
 * database and made again only when responses, answers, respondents or the questions change.
 */

interface ScanFinding {
  responseId: number;
  questionId: string;
  kind: PersonalDataKind;
  key: string;
  text: string;
  before: string;
  after: string;
  occurrences: number;
}

interface Scan {
  version: string;
  answersScanned: number;
  findings: ScanFinding[];
}

const scans = new WeakMap<Db, Scan>();
const CONTEXT = 80;
const CHUNK = 5_000;

function codableQuestions(draft: Draft) {
  return analysisQuestions(draft, true).filter((q) => q.codable);
}

function scanVersion(db: Db, questionIds: readonly string[]): string {
  const auditId = db.scalar<number>(`SELECT max(id) FROM audit_log WHERE ${RESPONSES_AUDIT_RANGE}`) ?? 0;
  const answerId = db.scalar<number>('SELECT max(id) FROM answer') ?? 0;
  const respondentId = db.scalar<number>('SELECT max(id) FROM respondent') ?? 0;
  return `${auditId}:${answerId}:${respondentId}:${questionIds.join(',')}`;
}

/** Up to CONTEXT characters, cut at a space so no word is split. */
function contextBefore(text: string, at: number): string {
  if (at <= CONTEXT) return text.slice(0, at);
  const s = text.slice(at - CONTEXT, at);
  const space = s.indexOf(' ');
  return `…${space >= 0 ? s.slice(space + 1) : s}`;
}
function contextAfter(text: string, at: number): string {
  if (text.length - at <= CONTEXT) return text.slice(at);
  const s = text.slice(at, at + CONTEXT);
  const space = s.lastIndexOf(' ');
  return `${space > 0 ? s.slice(0, space) : s}…`;
}

function scan(db: Db, draft: Draft): Scan {
  const questions = codableQuestions(draft);
  const version = scanVersion(
    db,
    questions.map((q) => q.id),
  );
  const cached = scans.get(db);
  if (cached?.version === version) return cached;

  const types = new Map(questions.map((q) => [q.id, q.type]));
  const order = new Map(questions.map((q, i) => [q.id, i]));
  const finder = personalDataFinder(
    db
      .all<{ name: string }>("SELECT DISTINCT name FROM respondent WHERE name IS NOT NULL AND trim(name) <> ''")
      .map((r) => r.name),
  );
  // The responses whose text is published: counted, consent given, no confidentiality asked for.
  const published = new Set<number>();
  for (const [id, confidential, consent] of db.tuples<[number, number, string | null]>(
    'SELECT r.id, p.confidential_requested, p.publish_consent FROM response r ' +
      "JOIN respondent p ON p.id = r.respondent_id WHERE r.status = 'active'",
  ))
    if (confidential !== 1 && consent && consent.trim() && isYes(consent)) published.add(id);

  const findings: ScanFinding[] = [];
  let answersScanned = 0;
  const maxId = db.scalar<number>('SELECT max(id) FROM answer') ?? 0;
  const step = CHUNK * ANSWER_SLOTS;
  for (let lo = 0; lo <= maxId; lo += step) {
    const rows = db.tuples<[number, string, string, string | null, string | null]>(
      'SELECT id, question_id, text, other_text, explanation FROM answer WHERE id BETWEEN ? AND ? AND ' +
        "(text <> '' OR other_text IS NOT NULL OR explanation IS NOT NULL)",
      [lo, lo + step - 1],
    );
    const inChunk: ScanFinding[] = [];
    for (const [aid, questionId, text, otherText, explanation] of rows) {
      const responseId = Math.floor(aid / ANSWER_SLOTS);
      if (!published.has(responseId) || !types.has(questionId)) continue;
      const t = codableText(types.get(questionId) ?? null, { text, otherText, explanation });
      if (!t) continue;
      answersScanned++;
      const found = finder.find(t);
      if (!found.length) continue;
      const byKey = new Map<string, ScanFinding>();
      for (const f of found) {
        const key = findingKey(f.kind, f.text);
        const had = byKey.get(key);
        if (had) had.occurrences++;
        else
          byKey.set(key, {
            responseId,
            questionId,
            kind: f.kind,
            key,
            text: f.text,
            before: contextBefore(t, f.start),
            after: contextAfter(t, f.end),
            occurrences: 1,
          });
      }
      inChunk.push(...byKey.values());
    }
    // In the order an official reads: by response, then by question as the document numbers them.
    inChunk.sort((a, b) => a.responseId - b.responseId || order.get(a.questionId)! - order.get(b.questionId)!);
    findings.push(...inChunk);
  }
  const made = { version, answersScanned, findings };
  scans.set(db, made);
  return made;
}

interface DecisionRow {
  decision: PersonalDataDecision;
  reason: string | null;
  decided_at: string;
  decided_by: string;
}

function decisions(db: Db): Map<string, DecisionRow> {
  const out = new Map<string, DecisionRow>();
  for (const r of db.all<DecisionRow & { response_id: number; question_id: string; finding: string }>(
    'SELECT response_id, question_id, finding, decision, reason, decided_at, decided_by FROM personal_data_decision',
  ))
    out.set(`${answerKey(r.response_id, r.question_id)}#${r.finding}`, r);
  return out;
}

const decisionKey = (f: { responseId: number; questionId: string; key: string }): string =>
  `${answerKey(f.responseId, f.questionId)}#${f.key}`;

export interface PersonalDataQuery {
  status?: PersonalDataStatus | undefined;
  kind?: PersonalDataKind | undefined;
  questionId?: string | undefined;
  offset?: number | undefined;
  limit?: number | undefined;
}

/** The review list: counts over the workspace, and one page of the findings the filter matches. */
export function personalDataReview(db: Db, draft: Draft, q: PersonalDataQuery = {}): PersonalDataReview {
  const s = scan(db, draft);
  const decided = decisions(db);
  const numbers = new Map(codableQuestions(draft).map((x) => [x.id, x.number]));
  const counts = { unreviewed: 0, remove: 0, release: 0 };
  const byKind: PersonalDataReview['byKind'] = {};
  const status = q.status ?? 'unreviewed';
  const matching: Array<{ f: ScanFinding; d: DecisionRow | undefined }> = [];
  for (const f of s.findings) {
    const d = decided.get(decisionKey(f));
    counts[d ? d.decision : 'unreviewed']++;
    byKind[f.kind] = (byKind[f.kind] ?? 0) + 1;
    if (status !== 'all' && (d ? d.decision : 'unreviewed') !== status) continue;
    if (q.kind && f.kind !== q.kind) continue;
    if (q.questionId && f.questionId !== q.questionId) continue;
    matching.push({ f, d });
  }
  const offset = q.offset ?? 0;
  const items = matching.slice(offset, offset + (q.limit ?? 50)).map(({ f, d }): PersonalDataFindingView => ({
    responseId: f.responseId,
    questionId: f.questionId,
    questionNumber: numbers.get(f.questionId) ?? '',
    kind: f.kind,
    text: f.text,
    before: f.before,
    after: f.after,
    occurrences: f.occurrences,
    decision: d?.decision ?? null,
    reason: d?.reason ?? null,
    decidedAt: d?.decided_at ?? null,
    decidedBy: d?.decided_by ?? null,
  }));
  return { answersScanned: s.answersScanned, counts, byKind, total: matching.length, items };
}

/** How many findings in published answers nobody has reviewed (the publication check's R-PUB6-personal-data). */
export function unreviewedPersonalData(db: Db, draft: Draft): number {
  return personalDataReview(db, draft, { status: 'unreviewed', limit: 1 }).counts.unreviewed;
}

/** The findings released, by answer, for the exports (ConsultationReport.releasedPersonalData). */
export function releasedFindings(db: Db): ReleasedFindings {
  const out: Record<string, string[]> = {};
  for (const r of db.all<{ response_id: number; question_id: string; finding: string }>(
    "SELECT response_id, question_id, finding FROM personal_data_decision WHERE decision = 'release'",
  ))
    (out[answerKey(r.response_id, r.question_id)] ??= []).push(r.finding);
  return out;
}

export interface PersonalDataDecisionInput {
  decision: PersonalDataDecision | 'undo';
  reason?: string | undefined;
  findings?: readonly PersonalDataRef[] | undefined;
  allUnreviewed?: { kind?: PersonalDataKind | undefined; questionId?: string | undefined } | undefined;
}

/** Records the official's decision on findings (each one the list shows now), audited. */
export function decidePersonalData(
  file: WorkspaceFile,
  draft: Draft,
  input: PersonalDataDecisionInput,
  now: Date,
  actor: string,
): { changed: number } {
  const reason = input.reason?.trim() || null;
  if (input.decision === 'release' && !reason)
    throw new AppError('invalid-input', 'Say why this can be published as written.', { field: 'reason' });
  if (!input.findings === !input.allUnreviewed)
    throw new AppError('invalid-input', 'Name the findings to decide about, or ask for every one not yet reviewed.');
  if (input.allUnreviewed && input.decision !== 'remove')
    throw new AppError(
      'invalid-input',
      'Only removal can be confirmed for many findings at once: release each one after reading it.',
      { field: 'decision' },
    );
  const s = scan(file.db, draft);
  let targets: ScanFinding[];
  if (input.findings) {
    const byKey = new Map(s.findings.map((f) => [decisionKey(f), f]));
    targets = input.findings.map((r) => {
      const f = byKey.get(`${answerKey(r.responseId, r.questionId)}#${findingKey(r.kind, r.text)}`);
      if (!f)
        throw new AppError(
          'conflict',
          `Response ${r.responseId} no longer has that ${r.kind === 'name' ? 'name' : 'finding'} in its answer: ` +
            'the list has been read again.',
        );
      return f;
    });
  } else {
    const decided = decisions(file.db);
    const { kind, questionId } = input.allUnreviewed!;
    targets = s.findings.filter(
      (f) => !decided.has(decisionKey(f)) && (!kind || f.kind === kind) && (!questionId || f.questionId === questionId),
    );
  }
  if (!targets.length) return { changed: 0 };
  file.mutate((db) => {
    for (const f of targets) {
      if (input.decision === 'undo')
        db.run('DELETE FROM personal_data_decision WHERE response_id = ? AND question_id = ? AND finding = ?', [
          f.responseId,
          f.questionId,
          f.key,
        ]);
      else
        db.run(
          'INSERT OR REPLACE INTO personal_data_decision ' +
            '(response_id, question_id, kind, finding, decision, reason, decided_at, decided_by) ' +
            'VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
          [f.responseId, f.questionId, f.kind, f.key, input.decision, reason, now.toISOString(), actor],
        );
    }
    // The audit says which answers and kinds, not the text found: that is personal data, kept only in the decision.
    audit(db, now, actor, 'personal-data.decide', null, {
      decision: input.decision,
      reason,
      count: targets.length,
      findings: targets.map((f) => [f.responseId, f.questionId, f.kind]),
    });
  });
  return { changed: targets.length };
}
