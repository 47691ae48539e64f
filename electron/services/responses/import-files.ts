import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/ipc/result';
import type { Db } from '../db/database';
import type { WorkspaceFile } from '../db/workspace-file';
import { orderedQuestions, type Draft, type Question } from '../../../shared/domain/draft/model';
import type { Channel, ColumnMapping, EmailMessage, RejectedRow } from '../../../shared/domain/responses/types';
import { GENERAL_COMMENTS_ID, type ImportOutcome, type ResponseSource } from '../../../shared/domain/responses/store';
import { inferQuestions, proposeMapping, readEmail, responseFromEmail } from '../import';
import { readResponseFormDocx, readResponseFormXlsx, type ReturnedForm } from '../outputs';
import { loadDraft } from '../draft/draft-service';
import { audit } from '../workspace/audit';
import { expandPaths, readSource, type SourceFile } from './source-files';
import { batchDayOrder, mapInSlices, parseMapping, readSurvey, resolveMapping, throwIfCancelled, type SurveyReadOptions, type SurveyTable } from './survey';
import { answerStorer, writeBatch, type BatchRecord, type IncomingResponse, type StoredAnswer } from './write-batch';
import { saveMapping } from './saved-mappings';

/**
 * Importing files: survey exports (mapped), returned response forms (recognised by their ids,
 * refused when they belong to another consultation) and emails (the body kept whole, assigned to
 * "general comments" unless the official assigned parts of it in the wizard). Everything is read
 * and mapped first, yielding between slices so a cancel is heard; then every batch is written in
 * one mutation, so a cancel or a failure leaves nothing behind. A dry run does everything but
 * the write.
 */
export interface ImportRequest extends SurveyReadOptions {
  paths: string[];
  /** A ColumnMapping for the (single) survey file, or 'auto' (saved mapping for the source, else proposal). */
  mapping?: unknown;
  channel?: Channel | undefined;
  dryRun?: boolean | undefined;
  /** Create questions from columns that match none (or when the consultation has no questions yet). */
  createQuestions?: boolean | undefined;
  /** Keep the mapping for the next file from the same source. Default true. */
  saveMapping?: boolean | undefined;
}

export interface ImportEnv {
  now: Date;
  actor: string;
  signal?: AbortSignal | undefined;
  progress?: ((done: number, total: number, message: string) => void) | undefined;
  /** Adds questions to the draft (through the draft service, so the change can be undone). */
  addQuestions?: ((sectionId: string, newSectionTitle: string | undefined, questions: Question[]) => void) | undefined;
  /** Leave a large import's search index to be built afterwards (WriteContext.deferSearchIndex). */
  deferSearchIndex?: boolean | undefined;
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
}

/** Where text nobody assigned goes: the consultation's "anything else" question, else general comments. */
export function generalCommentsTarget(draft: Pick<Draft, 'sections' | 'questions'>): string {
  return orderedQuestions(draft).find((q) => q.type === 'any_other_comments')?.id ?? GENERAL_COMMENTS_ID;
}

export function emailSource(msg: EmailMessage): ResponseSource {
  return { kind: 'email', from: msg.from, fromName: msg.fromName, to: msg.to, subject: msg.subject, date: msg.date, body: msg.body, attachments: msg.attachments };
}

/** A returned form as a response, or the reason it cannot be imported here. */
export function responseFromForm(form: ReturnedForm, consultationId: string, sourceRow: number): IncomingResponse {
  if (form.consultationId !== consultationId) {
    throw new AppError('conflict', 'It is a response form for a different consultation (its hidden consultation id does not match this workspace), so it was not imported. Check that it was sent in reply to this consultation.', { formConsultationId: form.consultationId });
  }
  const answers: StoredAnswer[] = form.answers.map((a) => ({ questionId: a.questionId, optionIds: a.optionIds, text: a.text, otherText: a.otherText, explanation: a.explanation }));
  return {
    sourceRow,
    channel: 'response-form',
    respondent: { ...form.respondent },
    answers,
    issues: form.warnings.map((w) => ({ column: -1, header: '', message: w })),
    source: { kind: 'response-form', formId: form.formId, ...(form.warnings.length ? { warnings: form.warnings } : {}) },
  };
}

function readForm(file: SourceFile): ReturnedForm {
  return file.formKind === 'form-docx' ? readResponseFormDocx(file.data) : readResponseFormXlsx(file.data);
}

const sectionForNewQuestions = (draft: Draft): { sectionId: string; newSectionTitle?: string } => {
  const proposals = draft.sections.filter((s) => s.kind === 'proposal');
  const s = proposals[proposals.length - 1] ?? draft.sections[draft.sections.length - 1];
  return s ? { sectionId: s.id } : { sectionId: randomUUID(), newSectionTitle: 'Questions from the survey export' };
};

/**
 * Questions for the columns that match none (all answer columns when the consultation has none),
 * added to the draft unless this is a dry run; returns the draft to map against.
 */
export function createQuestionsFor(st: SurveyTable, draft: Draft, env: ImportEnv, dryRun: boolean): { draft: Draft; created: Question[] } {
  const proposal = proposeMapping(st.layout, draft, st.table);
  const columns = draft.questions.length === 0 ? undefined : proposal.unmatched;
  if (columns && columns.length === 0) return { draft, created: [] };
  const { sectionId, newSectionTitle } = sectionForNewQuestions(draft);
  const taken = new Set(draft.questions.map((q) => q.id));
  const created = inferQuestions(st.layout, st.table, { sectionId, ...(columns ? { columns } : {}) }).filter((q) => !taken.has(q.id));
  if (!created.length) return { draft, created };
  if (!dryRun) {
    if (!env.addQuestions) throw new AppError('internal', 'Questions cannot be added here.');
    env.addQuestions(sectionId, newSectionTitle, created);
  }
  const sections = newSectionTitle ? [...draft.sections, { id: sectionId, kind: 'proposal' as const, title: newSectionTitle, body: { type: 'doc' as const, content: [] }, guidance: '' }] : draft.sections;
  return { draft: { ...draft, sections: sections as Draft['sections'], questions: [...draft.questions, ...created] }, created };
}

async function prepareSurvey(file: SourceFile, req: ImportRequest, db: Db, draftIn: Draft, env: ImportEnv, outcome: ImportOutcome, single: boolean): Promise<{ prepared: Prepared; draft: Draft }> {
  let st = readSurvey(file, req);
  // The bytes are read into the table now: let them go (88 MB for a 100,000-response export).
  file.data = new Uint8Array(0);
  let draft = draftIn;
  for (const w of st.table.warnings) outcome.warnings.push(`${file.name}: ${w.message}`);
  if (req.createQuestions) {
    const made = createQuestionsFor(st, draft, env, !!req.dryRun);
    draft = made.draft;
    outcome.createdQuestions.push(...made.created.map((q) => q.id));
  }
  const given = req.mapping !== undefined && req.mapping !== 'auto' ? parseMapping(req.mapping, st.layout) : null;
  if (given && !single) throw new AppError('invalid-input', 'A mapping can be given for one survey file at a time.');
  const { proposal } = resolveMapping(db, st, draft, given);
  const mapping = proposal.mapping;
  // Refused when answers would be lost: columns that hold answers but none mapped to a question
  // (an export of respondents' details alone, with no answer columns, is imported with a warning).
  if (!mapping.some((t) => t.kind === 'question') && (proposal.unmatched.length > 0 || !mapping.some((t) => t.kind === 'respondent'))) {
    throw new AppError(
      'invalid-input',
      draft.questions.length === 0
        ? `${file.name}: the consultation has no questions yet, so no column could be matched. Create questions from the file's columns (on the command line, --create-questions), or add the questions first.`
        : `${file.name}: no column matches a question of the consultation. Check the mapping, or create questions from the columns (on the command line, --create-questions).`,
    );
  }
  if (!mapping.some((t) => t.kind === 'question')) outcome.warnings.push(`${file.name}: no column holds answers to a question; only the respondents' details were imported.`);
  const dayOrder = batchDayOrder(st, mapping);
  const rowsRead = st.table.cells.length - st.layout.dataStart;
  const store = answerStorer(draft);
  // Each response is turned into what is stored as it is mapped, so the mapped copy is not kept too.
  const responses: IncomingResponse[] = [];
  const result = await mapInSlices(st, mapping, draft, {
    signal: env.signal,
    release: true,
    channel: req.channel,
    progress: (d, t) => env.progress?.(d, t, `Reading ${file.name}: row ${d.toLocaleString('en-GB')} of ${t.toLocaleString('en-GB')}`),
    take: (r) =>
      responses.push({
        sourceRow: r.sourceRow,
        externalId: r.externalId,
        submittedAt: r.submittedAt,
        startedAt: r.startedAt,
        channel: r.channel,
        respondent: r.respondent,
        answers: r.answers.map(store),
        issues: r.issues,
      }),
  });
  if (responses.length === 0 && result.rejected.length === 0) {
    throw new AppError('bad-file', `${file.name} has no responses in it: ${rowsRead - result.blankRows.length <= 0 ? 'below the header every row is blank' : 'no row has anything in the columns being imported'}.`, { reason: 'empty' });
  }
  const headers = st.layout.columns.map((c) => c.header);
  const batch: BatchRecord = {
    sourceName: file.name,
    sha256: file.sha256,
    channel: req.channel ?? 'online-survey',
    format: st.table.format,
    sourceKind: st.layout.source,
    fingerprint: st.fingerprint,
    mapping,
    details: {
      headers,
      headerRowCount: st.layout.headerRowCount,
      dayOrder,
      encoding: st.table.encoding,
      delimiter: st.table.delimiter,
      sheetName: st.table.sheetName,
      warnings: st.table.warnings,
      blankRows: result.blankRows.slice(0, 1000),
      unmatchedValues: result.unmatchedValues.slice(0, 200),
    },
    rowsRead,
    blankCount: result.blankRows.length,
  };
  // The table is no longer needed: let it go before the write.
  st = { ...st, table: { ...st.table, cells: [] } };
  outcome.blankRows += result.blankRows.length;
  return {
    draft,
    prepared: {
      batch,
      responses,
      rejected: result.rejected,
      type: 'survey',
      unmatchedValues: result.unmatchedValues.reduce((s, u) => s + u.count, 0),
      ...(req.saveMapping !== false ? { mappingToSave: { fingerprint: st.fingerprint, sourceKind: st.layout.source, headers, mapping } } : {}),
    },
  };
}

async function prepareEmail(file: SourceFile, draft: Draft): Promise<Prepared> {
  const msg = await readEmail(file.data, file.name);
  const target = generalCommentsTarget(draft);
  const r = responseFromEmail(msg, [{ questionId: target, text: msg.body }]);
  return {
    type: 'email',
    batch: { sourceName: file.name, sha256: file.sha256, channel: 'email', format: file.emailFormat ?? 'eml', sourceKind: 'email', fingerprint: null, mapping: null, details: { subject: msg.subject, attachments: msg.attachments.length }, rowsRead: 1, blankCount: 0 },
    responses: [{ sourceRow: 1, submittedAt: r.submittedAt, channel: 'email', respondent: r.respondent, answers: r.answers.map((a) => ({ questionId: a.questionId, optionIds: [], text: a.text })), issues: [], source: emailSource(msg) }],
    rejected: [],
    unmatchedValues: 0,
  };
}

function prepareForm(file: SourceFile, consultationId: string): Prepared {
  const form = readForm(file);
  const response = responseFromForm(form, consultationId, 1);
  return {
    type: 'response-form',
    batch: { sourceName: file.name, sha256: file.sha256, channel: 'response-form', format: file.formKind ?? 'form-xlsx', sourceKind: 'response-form', fingerprint: null, mapping: null, details: { formId: form.formId, warnings: form.warnings }, rowsRead: 1, blankCount: 0 },
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
export async function importFiles(file: WorkspaceFile | null, db: Db, consultationId: string, req: ImportRequest, env: ImportEnv): Promise<ImportOutcome> {
  const dryRun = !!req.dryRun;
  if (!dryRun && !file) throw new AppError('no-workspace', 'No workspace is open. Open or create one first.');
  const paths = expandPaths(req.paths);
  const single = paths.length === 1;
  const outcome: ImportOutcome = { batchId: null, batches: [], imported: 0, rejected: [], blankRows: 0, skipped: [], unmatchedValues: 0, createdQuestions: [], dryRun, warnings: [] };
  const prepared: Prepared[] = [];
  const seen = new Set<string>();
  let surveys = 0;
  // A dry run that creates questions maps later files against the questions it would have made.
  let dryDraft: Draft | null = null;
  for (let i = 0; i < paths.length; i++) {
    throwIfCancelled(env.signal);
    env.progress?.(i, paths.length, `Reading ${paths[i]!}`);
    try {
      const src = readSource(paths[i]!, db);
      if (src.alreadyImported) {
        throw new AppError('exists', `${src.name} was already imported on ${src.alreadyImported.at.slice(0, 10)} (batch ${src.alreadyImported.batchId}, "${src.alreadyImported.sourceName}"). Undo that batch first to import the file again.`, { batchId: src.alreadyImported.batchId });
      }
      if (seen.has(src.sha256)) throw new AppError('exists', `${src.name} is the same file as one already chosen in this import.`);
      seen.add(src.sha256);
      if (!src.type) throw new AppError('bad-file', src.problem ?? `${src.name} cannot be imported.`);
      // Each file sees the draft as it now is (questions created for an earlier file included).
      const draft = dryDraft ?? loadDraft(db);
      let p: Prepared;
      if (src.type === 'survey') {
        surveys++;
        if (surveys > 1 && req.mapping !== undefined && req.mapping !== 'auto') throw new AppError('invalid-input', 'A mapping can be given for one survey file at a time.');
        const r = await prepareSurvey(src, req, db, draft, env, outcome, single);
        p = r.prepared;
        if (dryRun) dryDraft = r.draft;
      } else if (src.type === 'email') p = await prepareEmail(src, draft);
      else p = prepareForm(src, consultationId);
      prepared.push(p);
    } catch (e) {
      if ((e as AppError).code === 'cancelled' || single || !(e instanceof AppError) || e.code === 'invalid-input') throw prefixed(e, paths[i]!, single);
      outcome.skipped.push({ file: baseName(paths[i]!), reason: e.message, ...(typeof e.details?.['batchId'] === 'number' ? { batchId: e.details['batchId'] } : {}) });
    }
  }
  throwIfCancelled(env.signal);
  if (!prepared.length && outcome.skipped.length) {
    throw new AppError('bad-file', `Nothing was imported: ${outcome.skipped.map((s) => `${s.file}: ${s.reason}`).join(' ')}`, { skipped: outcome.skipped });
  }
  for (const p of prepared) {
    outcome.imported += p.responses.length;
    outcome.unmatchedValues += p.unmatchedValues;
    for (const r of p.rejected) outcome.rejected.push({ file: p.batch.sourceName, row: r.sourceRow, reason: r.reason });
    for (const w of p.batch.details['warnings'] as string[] | undefined ?? []) if (typeof w === 'string') outcome.warnings.push(`${p.batch.sourceName}: ${w}`);
  }
  if (dryRun) {
    env.collect?.(
      prepared.flatMap((p) => p.responses),
      dryDraft ?? loadDraft(db),
    );
    outcome.batches = prepared.map((p) => ({ batchId: 0, sourceName: p.batch.sourceName, type: p.type, imported: p.responses.length, rejected: p.rejected.length }));
    return outcome;
  }
  const total = prepared.reduce((s, p) => s + p.responses.length, 0);
  env.progress?.(0, total, `Saving ${total.toLocaleString('en-GB')} responses`);
  const written = file!.mutate((wdb) => {
    let done = 0;
    const out: ImportOutcome['batches'] = [];
    for (const p of prepared) {
      const base = done;
      const { batchId } = writeBatch(wdb, p.batch, p.responses, p.rejected, {
        now: env.now,
        actor: env.actor,
        deferSearchIndex: env.deferSearchIndex,
        release: true,
        progress: (d) => env.progress?.(base + d, total, `Saving responses: ${(base + d).toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')}`),
      });
      done += p.responses.length;
      if (p.mappingToSave) saveMapping(wdb, { ...p.mappingToSave, now: env.now, actor: env.actor });
      out.push({ batchId, sourceName: p.batch.sourceName, type: p.type, imported: p.responses.length, rejected: p.rejected.length });
    }
    if (outcome.createdQuestions.length) audit(wdb, env.now, env.actor, 'responses.create-questions', null, { questions: outcome.createdQuestions.length });
    return out;
  });
  outcome.batches = written;
  outcome.batchId = written[0]?.batchId ?? null;
  env.progress?.(total, total, 'Saved');
  return outcome;
}

function baseName(p: string): string {
  return p.split(/[\\/]/).pop() ?? p;
}

function prefixed(e: unknown, path: string, single: boolean): unknown {
  if (!(e instanceof AppError) || single || e.code === 'cancelled' || e.message.includes(baseName(path))) return e;
  return new AppError(e.code, `${baseName(path)}: ${e.message}`, e.details);
}
