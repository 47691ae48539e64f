import { AppError } from '#shared/core/errors';
import type { ImportedColumn } from '#shared/domain/survey-import/plan/column-report';
import type { Db } from '../core/db/database';
import type { WorkspaceFile } from '../core/db/workspace-file';
import { orderedQuestions, type Draft } from '#shared/domain/draft/model';
import type { ColumnMapping, RejectedRow } from '#shared/domain/survey-import/types';
import type { EmailMessage } from '#shared/domain/responses/email';
import { GENERAL_COMMENTS_ID, type ImportOutcome, type ResponseSource } from '#shared/domain/responses/store';
import { readEmail } from '../formats/read';
import { responseFromEmail } from '#shared/domain/responses/index';
import { readResponseFormDocx, readResponseFormXlsx, type ReturnedForm } from '../documents/consultation-outputs';
import { loadDraft } from '../draft/draft-service';
import { audit } from '../core/audit';
import { expandPaths, readSource, type SourceFile } from './source-files';
import { throwIfCancelled } from '../core/cancel';
import { writeBatch, type BatchRecord, type IncomingResponse, type StoredAnswer } from './write-batch';
import { saveMapping } from '../survey-import/saved-mappings';
import {
  addPlannedQuestions,
  finishedBatch,
  mapSurvey,
  planSurvey,
  type PlannedQuestions,
  type SurveyPlanRequest,
} from '../survey-import/plan-survey';
import { importSurveyStreamed, type StreamEnv } from '../survey-import/import-survey';

export { addPlannedQuestions, planQuestions } from '../survey-import/plan-survey';

/**
 * Importing files: survey exports (mapped), returned response forms (recognised by their ids,
 * refused when they belong to another consultation) and emails (the body kept whole, assigned to
 * "general comments" unless the official assigned parts of it in the wizard). A single survey
 * export is read and mapped in an import worker while its rows are written (survey-import/import-survey.ts).
 * Several files are each read and mapped first, yielding between slices so a cancel is heard;
 * then every batch is written in one mutation. Either way a cancel or a failure leaves nothing
 * behind. A dry run does everything but the write.
 */
export interface ImportRequest extends SurveyPlanRequest {
  paths: string[];
  dryRun?: boolean | undefined;
}

export interface ImportEnv extends StreamEnv {
  /** Dry run: receives what would have been written, with the draft it was mapped against. */
  collect?: ((responses: IncomingResponse[], draft: Draft) => void) | undefined;
}

interface Prepared {
  batch: BatchRecord;
  responses: IncomingResponse[];
  rejected: RejectedRow[];
  type: 'survey' | 'response-form' | 'email';
  mappingToSave?: { fingerprint: string; sourceKind: string; headers: string[]; mapping: ColumnMapping };
  unmatchedValues: number;
  /** Questions to create from the file's columns: added in the transaction that stores its rows. */
  questions?: PlannedQuestions;
}

/** Where text nobody assigned goes: the consultation's "anything else" question, else general comments. */
export function generalCommentsTarget(draft: Pick<Draft, 'sections' | 'questions'>): string {
  return orderedQuestions(draft).find((q) => q.type === 'any_other_comments')?.id ?? GENERAL_COMMENTS_ID;
}

export function emailSource(msg: EmailMessage): ResponseSource {
  return {
    kind: 'email',
    from: msg.from,
    fromName: msg.fromName,
    to: msg.to,
    subject: msg.subject,
    date: msg.date,
    body: msg.body,
    attachments: msg.attachments,
  };
}

/** A returned form as a response, or the reason it cannot be imported here. */
export function responseFromForm(form: ReturnedForm, consultationId: string, sourceRow: number): IncomingResponse {
  if (form.consultationId !== consultationId) {
    throw new AppError(
      'conflict',
      'It is a response form for a different consultation (its hidden consultation id does not match this ' +
        'workspace), so it was not imported. Check that it was sent in reply to this consultation.',
      { formConsultationId: form.consultationId },
    );
  }
  const answers: StoredAnswer[] = form.answers.map((a) => ({
    questionId: a.questionId,
    optionIds: a.optionIds,
    text: a.text,
    otherText: a.otherText,
    explanation: a.explanation,
  }));
  return {
    sourceRow,
    channel: 'response-form',
    respondent: { ...form.respondent },
    answers,
    issues: form.warnings.map((w) => ({ column: -1, header: '', message: w })),
    source: {
      kind: 'response-form',
      formId: form.formId,
      ...(form.warnings.length ? { warnings: form.warnings } : {}),
    },
  };
}

function readForm(file: SourceFile): ReturnedForm {
  return file.formKind === 'form-docx' ? readResponseFormDocx(file.data) : readResponseFormXlsx(file.data);
}

async function prepareSurvey(
  file: SourceFile,
  req: ImportRequest,
  db: Db,
  draftIn: Draft,
  env: ImportEnv,
  outcome: ImportOutcome,
  single: boolean,
): Promise<{ prepared: Prepared; draft: Draft }> {
  const plan = planSurvey(file, req, draftIn, db, single);
  outcome.warnings.push(...plan.warnings);
  // Each response is turned into what is stored as it is mapped, so the mapped copy is not kept too.
  const responses: IncomingResponse[] = [];
  const result = await mapSurvey(plan, req, env, (r) => responses.push(r));
  const batch = finishedBatch(plan, result, responses.length);
  outcome.blankRows += result.blankRows.length;
  // Only a file that has responses creates questions (and they are created as its rows are stored).
  if (plan.questions) outcome.createdQuestions.push(...plan.questions.created.map((q) => q.id));
  return {
    draft: plan.draft,
    prepared: {
      batch,
      responses,
      rejected: result.rejected,
      type: 'survey',
      unmatchedValues: result.unmatchedValues.reduce((s, u) => s + u.count, 0),
      ...(plan.mappingToSave ? { mappingToSave: plan.mappingToSave } : {}),
      ...(plan.questions ? { questions: plan.questions } : {}),
    },
  };
}

async function prepareEmail(file: SourceFile, draft: Draft): Promise<Prepared> {
  const msg = await readEmail(file.data, file.name);
  const target = generalCommentsTarget(draft);
  const r = responseFromEmail(msg, [{ questionId: target, text: msg.body }]);
  return {
    type: 'email',
    batch: {
      sourceName: file.name,
      sha256: file.sha256,
      channel: 'email',
      format: file.emailFormat ?? 'eml',
      sourceKind: 'email',
      fingerprint: null,
      mapping: null,
      details: { subject: msg.subject, attachments: msg.attachments.length },
      rowsRead: 1,
      blankCount: 0,
    },
    responses: [
      {
        sourceRow: 1,
        submittedAt: r.submittedAt,
        channel: 'email',
        respondent: r.respondent,
        answers: r.answers.map((a) => ({ questionId: a.questionId, optionIds: [], text: a.text })),
        issues: [],
        source: emailSource(msg),
      },
    ],
    rejected: [],
    unmatchedValues: 0,
  };
}

function prepareForm(file: SourceFile, consultationId: string): Prepared {
  const form = readForm(file);
  const response = responseFromForm(form, consultationId, 1);
  return {
    type: 'response-form',
    batch: {
      sourceName: file.name,
      sha256: file.sha256,
      channel: 'response-form',
      format: file.formKind ?? 'form-xlsx',
      sourceKind: 'response-form',
      fingerprint: null,
      mapping: null,
      details: { formId: form.formId, warnings: form.warnings },
      rowsRead: 1,
      blankCount: 0,
    },
    responses: [response],
    rejected: [],
    unmatchedValues: 0,
  };
}

/**
 * Import files into the workspace (or, with `dryRun`, only read and map them: then `file` may be
 * null and `db` a read-only copy). Files already imported, forms of another consultation and
 * unreadable files are listed in `skipped`; when only one file was given, its problem is thrown
 * instead, so a single import fails loudly.
 */
export async function importFiles(
  file: WorkspaceFile | null,
  db: Db,
  consultationId: string,
  req: ImportRequest,
  env: ImportEnv,
): Promise<ImportOutcome> {
  const dryRun = !!req.dryRun;
  if (!dryRun && !file) throw new AppError('no-workspace', 'No workspace is open. Open or create one first.');
  const paths = expandPaths(req.paths);
  const single = paths.length === 1;
  const outcome: ImportOutcome = {
    batchId: null,
    batches: [],
    imported: 0,
    rejected: [],
    blankRows: 0,
    skipped: [],
    unmatchedValues: 0,
    createdQuestions: [],
    dryRun,
    warnings: [],
    columns: [],
  };
  const prepared: Prepared[] = [];
  const seen = new Set<string>();
  let surveys = 0;
  // Questions created for one file are stored with its rows, at the end: later files are mapped
  // against the draft with them in it.
  let draftSoFar: Draft | null = null;
  for (let i = 0; i < paths.length; i++) {
    throwIfCancelled(env.signal);
    env.progress?.(i, paths.length, `Reading ${paths[i]!}`);
    try {
      const src = readSource(paths[i]!, db);
      if (src.alreadyImported) {
        throw new AppError(
          'exists',
          `${src.name} was already imported on ${src.alreadyImported.at.slice(0, 10)} ` +
            `(batch ${src.alreadyImported.batchId}, "${src.alreadyImported.sourceName}"). Undo that batch first to ` +
            `import the file again.`,
          { batchId: src.alreadyImported.batchId },
        );
      }
      if (seen.has(src.sha256))
        throw new AppError('exists', `${src.name} is the same file as one already chosen in this import.`);
      seen.add(src.sha256);
      if (!src.type) throw new AppError('bad-file', src.problem ?? `${src.name} cannot be imported.`);
      // Each file sees the draft with the questions created for earlier files.
      const draft = draftSoFar ?? loadDraft(db);
      let p: Prepared;
      if (src.type === 'survey' && single && !dryRun) {
        await importSurveyStreamed(file!, src, draft, req, env, outcome);
        return outcome;
      }
      if (src.type === 'survey') {
        surveys++;
        if (surveys > 1 && req.mapping !== undefined && req.mapping !== 'auto')
          throw new AppError('invalid-input', 'A mapping can be given for one survey file at a time.');
        const r = await prepareSurvey(src, req, db, draft, env, outcome, single);
        p = r.prepared;
        draftSoFar = r.draft;
      } else if (src.type === 'email') p = await prepareEmail(src, draft);
      else p = prepareForm(src, consultationId);
      prepared.push(p);
    } catch (e) {
      if ((e as AppError).code === 'cancelled' || single || !(e instanceof AppError) || e.code === 'invalid-input')
        throw prefixed(e, paths[i]!);
      outcome.skipped.push({
        file: baseName(paths[i]!),
        reason: e.message,
        ...(typeof e.details?.['batchId'] === 'number' ? { batchId: e.details['batchId'] } : {}),
      });
    }
  }
  throwIfCancelled(env.signal);
  if (!prepared.length && outcome.skipped.length) {
    throw new AppError(
      'bad-file',
      `Nothing was imported: ${outcome.skipped.map((s) => `${s.file}: ${s.reason}`).join(' ')}`,
      { skipped: outcome.skipped },
    );
  }
  for (const p of prepared) {
    outcome.imported += p.responses.length;
    outcome.unmatchedValues += p.unmatchedValues;
    for (const r of p.rejected) outcome.rejected.push({ file: p.batch.sourceName, row: r.sourceRow, reason: r.reason });
    for (const w of (p.batch.details['warnings'] as string[] | undefined) ?? [])
      if (typeof w === 'string') outcome.warnings.push(`${p.batch.sourceName}: ${w}`);
  }
  if (dryRun) {
    env.collect?.(
      prepared.flatMap((p) => p.responses),
      draftSoFar ?? loadDraft(db),
    );
    outcome.batches = prepared.map((p) => ({
      batchId: 0,
      sourceName: p.batch.sourceName,
      type: p.type,
      imported: p.responses.length,
      rejected: p.rejected.length,
      ...columnsOf(p.batch),
    }));
    outcome.columns = outcome.batches.find((b) => b.columns)?.columns ?? [];
    return outcome;
  }
  const total = prepared.reduce((s, p) => s + p.responses.length, 0);
  env.progress?.(0, total, `Saving ${total.toLocaleString('en-GB')} responses`);
  const undoable: (() => void)[] = [];
  const written = file!.mutate((wdb) => {
    let done = 0;
    const out: ImportOutcome['batches'] = [];
    for (const p of prepared) {
      const base = done;
      if (p.questions) undoable.push(addPlannedQuestions(wdb, p.questions, env));
      const { batchId } = writeBatch(wdb, p.batch, p.responses, p.rejected, {
        now: env.now,
        actor: env.actor,
        deferSearchIndex: env.deferSearchIndex,
        release: true,
        progress: (d) =>
          env.progress?.(
            base + d,
            total,
            `Saving responses: ${(base + d).toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')}`,
          ),
      });
      done += p.responses.length;
      if (p.mappingToSave) saveMapping(wdb, { ...p.mappingToSave, now: env.now, actor: env.actor });
      out.push({
        batchId,
        sourceName: p.batch.sourceName,
        type: p.type,
        imported: p.responses.length,
        rejected: p.rejected.length,
        ...columnsOf(p.batch),
      });
    }
    if (outcome.createdQuestions.length)
      audit(wdb, env.now, env.actor, 'responses.create-questions', null, {
        questions: outcome.createdQuestions.length,
      });
    return out;
  });
  for (const keep of undoable) keep();
  outcome.batches = written;
  outcome.batchId = written[0]?.batchId ?? null;
  outcome.columns = written.find((b) => b.columns)?.columns ?? [];
  env.progress?.(total, total, 'Saved');
  return outcome;
}

function baseName(p: string): string {
  return p.split(/[\\/]/).pop() ?? p;
}

/** Problems of the workspace, not of the file being read: not prefixed with the file's name. */
const WORKSPACE_PROBLEMS = new Set(['cancelled', 'io', 'read-only', 'corrupt', 'already-open', 'no-workspace']);

/** A file's problem, naming the file (every refusal says which file, also when only one was given). */
function prefixed(e: unknown, path: string): unknown {
  if (!(e instanceof AppError) || WORKSPACE_PROBLEMS.has(e.code) || e.message.includes(baseName(path))) return e;
  return new AppError(e.code, `${baseName(path)}: ${e.message}`, e.details);
}

/** A survey batch's column report, for the outcome. */
function columnsOf(batch: BatchRecord): { columns?: ImportedColumn[] } {
  const columns = batch.details['columns'] as ImportedColumn[] | undefined;
  return columns ? { columns } : {};
}
