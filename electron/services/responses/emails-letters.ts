import { AppError } from '#shared/core/errors';
import type { Db } from '../core/db/database';
import type { WorkspaceFile } from '../core/db/workspace-file';
import type { Draft } from '#shared/domain/draft/model';
import { responseFromEmail, type EmailMessage } from '#shared/domain/responses/index';
import {
  GENERAL_COMMENTS_ID,
  type ImportOutcome,
  type InspectedFile,
  type RespondentDetails,
} from '#shared/domain/responses/store';
import { readEmail } from '../formats/read';
import { emailSource, generalCommentsTarget } from './import-files';
import { inspected, readSource } from './source-files';
import { writeBatch, type IncomingResponse, type StoredAnswer } from './write-batch';

/**
 * Emails and letters: the official reads the message (sender, date, subject, body, attachments
 * listed) and assigns passages of it to questions, or to general comments; a letter is typed or
 * pasted in with the respondent's details. Either way the whole text is kept with the response
 * (as its source), the channel is recorded, and each is a batch of its own that can be undone.
 */
export interface Assignment {
  /** A question id, or GENERAL_COMMENTS_ID. */
  questionId: string;
  text: string;
}

export async function readEmailFile(
  db: Db,
  path: string,
): Promise<{ file: InspectedFile; message: EmailMessage; generalCommentsQuestionId: string }> {
  const file = readSource(path, db);
  if (file.type !== 'email')
    throw new AppError('invalid-input', `${file.name} is not an email (.eml or Outlook .msg).`);
  const message = await readEmail(file.data, file.name);
  return { file: inspected(file), message, generalCommentsQuestionId: GENERAL_COMMENTS_ID };
}

function checkAssignments(draft: Draft, assignments: Assignment[]): Assignment[] {
  const ids = new Set(draft.questions.map((q) => q.id));
  const general = generalCommentsTarget(draft);
  const out: Assignment[] = [];
  for (const a of assignments) {
    if (!a.text.trim()) continue;
    const questionId = a.questionId === GENERAL_COMMENTS_ID ? general : a.questionId;
    if (questionId !== GENERAL_COMMENTS_ID && !ids.has(questionId))
      throw new AppError('invalid-input', 'A passage is assigned to a question that is not in the consultation.', {
        field: 'assignments',
      });
    out.push({ questionId, text: a.text });
  }
  return out;
}

function outcomeOf(batchId: number, sourceName: string, type: 'email' | 'letter'): ImportOutcome {
  return {
    batchId,
    batches: [{ batchId, sourceName, type, imported: 1, rejected: 0 }],
    imported: 1,
    rejected: [],
    blankRows: 0,
    skipped: [],
    unmatchedValues: 0,
    createdQuestions: [],
    dryRun: false,
    warnings: [],
    columns: [],
  };
}

/** Import one email with the passages the official assigned (the whole body to general comments when none). */
export async function importEmail(
  file: WorkspaceFile,
  draft: Draft,
  req: { path: string; assignments: Assignment[]; respondent?: RespondentDetails | undefined },
  now: Date,
  actor: string,
): Promise<ImportOutcome> {
  const src = readSource(req.path, file.db);
  if (src.type !== 'email') throw new AppError('invalid-input', `${src.name} is not an email (.eml or Outlook .msg).`);
  if (src.alreadyImported)
    throw new AppError(
      'exists',
      `${src.name} was already imported on ${src.alreadyImported.at.slice(0, 10)} ` +
        `(batch ${src.alreadyImported.batchId}). Undo that batch first to import it again.`,
      { batchId: src.alreadyImported.batchId },
    );
  const msg = await readEmail(src.data, src.name);
  const assigned = checkAssignments(
    draft,
    req.assignments.length ? req.assignments : [{ questionId: GENERAL_COMMENTS_ID, text: msg.body }],
  );
  const r = responseFromEmail(msg, assigned);
  const incoming: IncomingResponse = {
    sourceRow: 1,
    submittedAt: r.submittedAt,
    channel: 'email',
    respondent: { ...r.respondent, ...cleanDetails(req.respondent) },
    answers: r.answers.map(asWritten),
    issues: [],
    source: emailSource(msg),
  };
  const { batchId } = file.mutate((db) =>
    writeBatch(
      db,
      {
        sourceName: src.name,
        sha256: src.sha256,
        channel: 'email',
        format: src.emailFormat ?? 'eml',
        sourceKind: 'email',
        fingerprint: null,
        mapping: null,
        details: { subject: msg.subject, attachments: msg.attachments.length },
        rowsRead: 1,
        blankCount: 0,
      },
      [incoming],
      [],
      { now, actor },
    ),
  );
  return outcomeOf(batchId, src.name, 'email');
}

/**
 * A passage of an email or letter is the respondent's own words, whatever the question: kept as
 * free text (searchable) with no option chosen. The official can record a choice as a correction.
 */
export function asWritten(a: { questionId: string; text: string }): StoredAnswer {
  return { questionId: a.questionId, optionIds: [], text: a.text };
}

function cleanDetails(d: RespondentDetails | undefined): RespondentDetails {
  const out: RespondentDetails = {};
  for (const [k, v] of Object.entries(d ?? {}) as [keyof RespondentDetails, string | undefined][])
    if (v !== undefined && v.trim() !== '') out[k] = v.trim();
  return out;
}

export interface LetterInput {
  respondent: RespondentDetails;
  /** When the letter was received or dated (ISO date or instant). */
  receivedAt?: string | undefined;
  /** The whole letter as typed or pasted. */
  text: string;
  /** Passages assigned to questions; when empty the whole letter is general comments. */
  assignments: Assignment[];
  reference?: string | undefined;
}

export function addLetter(
  file: WorkspaceFile,
  draft: Draft,
  input: LetterInput,
  now: Date,
  actor: string,
): ImportOutcome {
  if (!input.text.trim()) throw new AppError('invalid-input', 'Type or paste the letter.', { field: 'text' });
  const assigned = checkAssignments(
    draft,
    input.assignments.length ? input.assignments : [{ questionId: GENERAL_COMMENTS_ID, text: input.text }],
  );
  const byQuestion = new Map<string, string>();
  for (const a of assigned)
    byQuestion.set(
      a.questionId,
      byQuestion.has(a.questionId) ? `${byQuestion.get(a.questionId)!}\n\n${a.text.trim()}` : a.text.trim(),
    );
  const respondent = cleanDetails(input.respondent);
  const who = respondent.name ?? respondent.organisation ?? 'an unnamed sender';
  const when = input.receivedAt ? ` (${input.receivedAt.slice(0, 10)})` : '';
  const sourceName = `Letter from ${who}${when}`;
  const incoming: IncomingResponse = {
    sourceRow: null,
    ...(input.reference ? { externalId: input.reference } : {}),
    ...(input.receivedAt ? { submittedAt: input.receivedAt } : {}),
    channel: 'letter',
    respondent,
    answers: [...byQuestion].map(([questionId, text]) => asWritten({ questionId, text })),
    issues: [],
    source: { kind: 'letter', body: input.text, ...(input.receivedAt ? { date: input.receivedAt } : {}) },
  };
  const { batchId } = file.mutate((db) =>
    writeBatch(
      db,
      {
        sourceName,
        sha256: null,
        channel: 'letter',
        format: 'typed',
        sourceKind: 'letter',
        fingerprint: null,
        mapping: null,
        details: {},
        rowsRead: 1,
        blankCount: 0,
      },
      [incoming],
      [],
      { now, actor },
    ),
  );
  return outcomeOf(batchId, sourceName, 'letter');
}
