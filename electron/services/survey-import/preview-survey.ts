import { AppError } from '#shared/core/errors';
import type { Db } from '../core/db/database';
import type { Draft } from '#shared/domain/draft/model';
import { SOURCE_KIND_LABELS, type ColumnMapping } from '#shared/domain/survey-import/types';
import type { PreviewColumn, SurveyPreview } from '#shared/domain/responses/store';
import { inspected, readSource } from '../responses/source-files';
import { mapInSlices, parseMapping, readSurvey, resolveMapping, type SurveyReadOptions } from './read-survey';
import { isBlankMarker } from '#shared/domain/survey-import/index';

/**
 * The import wizard's view of a survey export before anything is saved: what the file is, how it
 * is laid out and what that means, the mapping proposed (or saved for this source, or as the
 * official corrected it) with confidence and reasons, the first rows as they would be imported,
 * and the whole file read through the mapping — rejected rows and unmatched values included —
 * so nothing is a surprise after confirming.
 */
export interface PreviewRequest extends SurveyReadOptions {
  path: string;
  mapping?: ColumnMapping | undefined;
}

const SAMPLES = 3;
const clip = (s: string, n = 120) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export async function previewSurvey(
  db: Db,
  draft: Draft,
  req: PreviewRequest,
  env: { signal?: AbortSignal | undefined; progress?: ((d: number, t: number, m: string) => void) | undefined } = {},
): Promise<SurveyPreview> {
  const file = readSource(req.path, db);
  if (file.type !== 'survey') {
    throw new AppError(
      'invalid-input',
      file.type === 'response-form'
        ? `${file.name} is a returned response form: it is imported without a mapping.`
        : file.type === 'email'
          ? `${file.name} is an email: import it as an email.`
          : (file.problem ?? `${file.name} cannot be imported.`),
    );
  }
  env.progress?.(0, 1, `Reading ${file.name}`);
  const st = readSurvey(file, req);
  const given = req.mapping ? parseMapping(req.mapping, st.layout) : null;
  const { proposal, saved } = resolveMapping(db, st, draft, given);
  if (given) {
    // Keep the proposal's reasons for columns the official left as proposed.
    const fresh = resolveMapping(db, st, draft, null).proposal;
    proposal.reasons = proposal.mapping.map((t, i) =>
      JSON.stringify(t) === JSON.stringify(fresh.mapping[i]) ? (fresh.reasons[i] ?? '') : 'Changed by you',
    );
    proposal.confidence = proposal.mapping.map((t, i) =>
      JSON.stringify(t) === JSON.stringify(fresh.mapping[i]) ? (fresh.confidence[i] ?? 0) : 1,
    );
    proposal.unmatched = fresh.unmatched.filter(
      (i) => proposal.mapping[i]?.kind === 'ignore' || proposal.mapping[i]?.kind === 'keep',
    );
  }
  const { table, layout } = st;
  const columns: PreviewColumn[] = layout.columns.map((c) => {
    const samples: string[] = [];
    for (
      let r = layout.dataStart;
      r < table.cells.length && samples.length < SAMPLES && r < layout.dataStart + 500;
      r++
    ) {
      const v = (table.cells[r]?.[c.index] ?? '').trim();
      if (v && !samples.includes(clip(v))) samples.push(clip(v));
    }
    return { ...c, samples };
  });
  const result = await mapInSlices(st, proposal.mapping, draft, {
    signal: env.signal,
    progress: (d, t) =>
      env.progress?.(d, t, `Checking ${d.toLocaleString('en-GB')} of ${t.toLocaleString('en-GB')} rows`),
  });
  return {
    file: inspected(file),
    format: table.format,
    ...(table.encoding ? { encoding: table.encoding } : {}),
    ...(table.delimiter ? { delimiter: table.delimiter } : {}),
    ...(table.sheetName ? { sheetName: table.sheetName } : {}),
    ...(table.sheetNames ? { sheetNames: table.sheetNames } : {}),
    warnings: table.warnings.slice(0, 50),
    source: layout.source,
    sourceLabel: SOURCE_KIND_LABELS[layout.source],
    headerRowCount: layout.headerRowCount,
    notes: layout.notes,
    columns,
    proposal,
    savedMapping: saved,
    fingerprint: st.fingerprint,
    dryRun: {
      dataRows: table.cells.length - layout.dataStart,
      responses: result.responses.length,
      rejectedCount: result.rejected.length,
      rejected: result.rejected.slice(0, 50).map((r) => ({ sourceRow: r.sourceRow, reason: r.reason })),
      blankRows: result.blankRows.length,
      unmatchedValues: result.unmatchedValues.slice(0, 50),
      withIssues: result.responses.filter((r) => r.issues.length > 0).length,
    },
    rows: result.responses.slice(0, 10).map((r) => ({
      sourceRow: r.sourceRow,
      respondent: r.respondent,
      answers: r.answers.map((a) => ({ ...a, text: clip(a.text, 300) })),
      issues: r.issues,
      ...(r.submittedAt ? { submittedAt: r.submittedAt } : {}),
      ...(r.externalId ? { externalId: r.externalId } : {}),
    })),
    // Offered only when it would make a question: a column that matches none and that somebody answered.
    canCreateQuestions: proposal.unmatched.some((c) => anyAnswer(table.cells, layout.dataStart, c)),
    draftHasQuestions: draft.questions.length > 0,
  };
}

/** Whether any row has something in the column (stops at the first). */
function anyAnswer(cells: string[][], dataStart: number, column: number): boolean {
  for (let r = dataStart; r < cells.length; r++) {
    const v = (cells[r]?.[column] ?? '').trim();
    if (v && !isBlankMarker(v)) return true;
  }
  return false;
}
