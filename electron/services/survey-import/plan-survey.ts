import { randomUUID } from 'node:crypto';
import { AppError } from '#shared/core/errors';
import type { Draft, Question } from '#shared/domain/draft/model';
import type {
  ApplyResult,
  IntakeChannel,
  ColumnMapping,
  NormalisedAnswer,
  NormalisedResponse,
} from '#shared/domain/survey-import/types';
import { columnReport, inferQuestions, proposeMapping } from '#shared/domain/survey-import/index';
import type { SourceFile } from '../responses/source-files';
import type { Db } from '../core/db/database';
import {
  batchDayOrder,
  mapInSlices,
  parseMapping,
  readSurvey,
  resolveMapping,
  type SavedMappings,
  type SurveyReadOptions,
  type SurveyTable,
} from './read-survey';
import { answerStorer, type BatchRecord, type IncomingResponse, type StoredAnswer } from '../responses/write-batch';

/**
 * A survey export from file to stored responses, in the steps every import of one goes through —
 * whether in the thread that holds the workspace (import-files.ts) or in an import worker
 * (survey-import/map-in-worker.ts): plan (read, layout, questions to create, mapping, batch record), then map
 * the rows, then finish the batch record with what the rows told.
 */
export interface SurveyPlanRequest extends SurveyReadOptions {
  /** A ColumnMapping for the file, or 'auto' (saved mapping for the source, else proposal). */
  mapping?: unknown;
  channel?: IntakeChannel | undefined;
  /** Create questions from columns that match none (or when the consultation has no questions yet). */
  createQuestions?: boolean | undefined;
  /** Keep the mapping for the next file from the same source. Default true. */
  saveMapping?: boolean | undefined;
}

/**
 * Adds questions to the draft inside the transaction that stores the rows (through the draft
 * service), so an import that fails or is refused leaves none behind. Returns what to call once
 * that transaction is saved: it makes the addition undoable.
 */
export type AddQuestions = (
  db: Db,
  sectionId: string,
  newSectionTitle: string | undefined,
  questions: Question[],
) => () => void;

interface MapEnv {
  signal?: AbortSignal | undefined;
  progress?: ((done: number, total: number, message: string) => void) | undefined;
  /** After each slice is mapped (an import worker sends the slice's statements here). */
  onSlice?: ((done: number, total: number) => void) | undefined;
  /** Awaited after each slice (an import worker waits here while the writer is behind). */
  afterSlice?: (() => Promise<void>) | undefined;
}

const sectionForNewQuestions = (draft: Draft): { sectionId: string; newSectionTitle?: string } => {
  const proposals = draft.sections.filter((s) => s.kind === 'proposal');
  const s = proposals[proposals.length - 1] ?? draft.sections[draft.sections.length - 1];
  return s ? { sectionId: s.id } : { sectionId: randomUUID(), newSectionTitle: 'Questions from the survey export' };
};

/** Questions to create for a survey's columns, where they go, and the draft with them in it. */
export interface PlannedQuestions {
  draft: Draft;
  created: Question[];
  sectionId: string;
  newSectionTitle?: string | undefined;
}

/**
 * Questions for the columns that match none (all answer columns when the consultation has none),
 * and the draft to map against with them added. Nothing is changed here (see addPlannedQuestions).
 */
export function planQuestions(st: SurveyTable, draft: Draft): PlannedQuestions {
  const proposal = proposeMapping(st.layout, draft, st.table);
  const columns = draft.questions.length === 0 ? undefined : proposal.unmatched;
  const { sectionId, newSectionTitle } = sectionForNewQuestions(draft);
  if (columns && columns.length === 0) return { draft, created: [], sectionId };
  const taken = new Set(draft.questions.map((q) => q.id));
  const created = inferQuestions(st.layout, st.table, { sectionId, ...(columns ? { columns } : {}) }).filter(
    (q) => !taken.has(q.id),
  );
  if (!created.length) return { draft, created, sectionId };
  const sections = newSectionTitle
    ? [
        ...draft.sections,
        {
          id: sectionId,
          kind: 'proposal' as const,
          title: newSectionTitle,
          body: { type: 'doc' as const, content: [] },
          guidance: '',
        },
      ]
    : draft.sections;
  return {
    draft: { ...draft, sections: sections as Draft['sections'], questions: [...draft.questions, ...created] },
    created,
    sectionId,
    newSectionTitle,
  };
}

/** Adds planned questions inside the caller's transaction (see AddQuestions); returns what to call once it is saved. */
export function addPlannedQuestions(
  db: Db,
  plan: Pick<PlannedQuestions, 'created' | 'sectionId' | 'newSectionTitle'>,
  env: { addQuestions?: AddQuestions | undefined },
): () => void {
  if (!plan.created.length) return () => {};
  if (!env.addQuestions) throw new AppError('internal', 'Questions cannot be added here.');
  return env.addQuestions(db, plan.sectionId, plan.newSectionTitle, plan.created);
}

/** A survey export read and understood, before its rows are mapped. */
export interface SurveyPlan {
  st: SurveyTable;
  /** The draft to map against (with any questions to create). */
  draft: Draft;
  questions: PlannedQuestions | null;
  mapping: ColumnMapping;
  /** Shown with the outcome, each prefixed with the file's name. */
  warnings: string[];
  /** The batch record, but for what mapping the rows tells (blank rows, unmatched values). */
  batch: BatchRecord;
  mappingToSave?: { fingerprint: string; sourceKind: string; headers: string[]; mapping: ColumnMapping };
}

/** Read, detect the layout, plan any questions to create and settle the mapping: everything before the rows. */
export function planSurvey(
  file: SourceFile,
  req: SurveyPlanRequest,
  draftIn: Draft,
  saved: SavedMappings,
  single: boolean,
): SurveyPlan {
  const st = readSurvey(file, req);
  // The bytes are read into the table now: let them go (88 MB for a 100,000-response export).
  file.data = new Uint8Array(0);
  const warnings = st.table.warnings.map((w) => `${file.name}: ${w.message}`);
  const questions = req.createQuestions ? planQuestions(st, draftIn) : null;
  const draft = questions?.draft ?? draftIn;
  const given = req.mapping !== undefined && req.mapping !== 'auto' ? parseMapping(req.mapping, st.layout) : null;
  if (given && !single) throw new AppError('invalid-input', 'A mapping can be given for one survey file at a time.');
  const { proposal } = resolveMapping(saved, st, draft, given);
  const mapping = proposal.mapping;
  // Refused when answers would be lost: columns that hold answers but none mapped to a question
  // (an export of respondents' details alone, with no answer columns, is imported with a warning).
  if (
    !mapping.some((t) => t.kind === 'question') &&
    (proposal.unmatched.length > 0 || !mapping.some((t) => t.kind === 'respondent'))
  ) {
    throw new AppError(
      'invalid-input',
      draft.questions.length === 0
        ? `${file.name}: the consultation has no questions yet, so no column could be matched. Create questions ` +
            `from the file's columns (on the command line, --create-questions), or add the questions first.`
        : `${file.name}: no column matches a question of the consultation. Check the mapping, or create questions ` +
            `from the columns (on the command line, --create-questions).`,
    );
  }
  if (!mapping.some((t) => t.kind === 'question'))
    warnings.push(`${file.name}: no column holds answers to a question; only the respondents' details were imported.`);
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
      dayOrder: batchDayOrder(st, mapping),
      encoding: st.table.encoding,
      delimiter: st.table.delimiter,
      sheetName: st.table.sheetName,
      warnings: st.table.warnings,
      columns: columnReport(st.layout, mapping),
    },
    rowsRead: st.table.cells.length - st.layout.dataStart,
    blankCount: 0,
  };
  return {
    st,
    draft,
    questions: questions?.created.length ? questions : null,
    mapping,
    warnings,
    batch,
    ...(req.saveMapping !== false
      ? { mappingToSave: { fingerprint: st.fingerprint, sourceKind: st.layout.source, headers, mapping } }
      : {}),
  };
}

/** A mapped row as it is stored (closed answers keep the cell only when the options do not say it). */
function incomingFrom(r: NormalisedResponse, store: (a: NormalisedAnswer) => StoredAnswer): IncomingResponse {
  return {
    sourceRow: r.sourceRow,
    externalId: r.externalId,
    submittedAt: r.submittedAt,
    startedAt: r.startedAt,
    channel: r.channel,
    respondent: r.respondent,
    answers: r.answers.map(store),
    issues: r.issues,
    ...(r.extra ? { extra: r.extra } : {}),
  };
}

/** Every data row of a planned survey through its mapping, each response handed to `take`. */
export async function mapSurvey(
  plan: SurveyPlan,
  req: SurveyPlanRequest,
  env: MapEnv,
  take: (r: IncomingResponse) => void,
): Promise<ApplyResult> {
  const store = answerStorer(plan.draft);
  const name = plan.batch.sourceName;
  const result = await mapInSlices(plan.st, plan.mapping, plan.draft, {
    signal: env.signal,
    release: true,
    channel: req.channel,
    progress: (d, t) => {
      env.onSlice?.(d, t);
      env.progress?.(d, t, `Reading ${name}: row ${d.toLocaleString('en-GB')} of ${t.toLocaleString('en-GB')}`);
    },
    take: (r) => take(incomingFrom(r, store)),
    afterSlice: env.afterSlice,
  });
  // The table is no longer needed: let it go.
  plan.st = { ...plan.st, table: { ...plan.st.table, cells: [] } };
  return result;
}

/** The batch record completed with what mapping its rows told; throws when the file had no responses at all. */
export function finishedBatch(plan: SurveyPlan, result: ApplyResult, imported: number): BatchRecord {
  if (imported === 0 && result.rejected.length === 0) {
    const rowsRead = plan.batch.rowsRead;
    throw new AppError(
      'bad-file',
      `${plan.batch.sourceName} has no responses in it: ` +
        (rowsRead - result.blankRows.length <= 0
          ? 'below the header every row is blank'
          : 'no row has anything in the columns being imported') +
        '.',
      { reason: 'empty' },
    );
  }
  return {
    ...plan.batch,
    details: {
      ...plan.batch.details,
      blankRows: result.blankRows.slice(0, 1000),
      unmatchedValues: result.unmatchedValues.slice(0, 200),
    },
    blankCount: result.blankRows.length,
  };
}
