import { AppError } from '#shared/core/errors';
import { Db } from '../core/db/database';
import type { Draft } from '#shared/domain/draft/model';
import { readSourceFile } from '../formats/read';
import { applyMapping, detectLayout, proposeMapping, sourceFingerprint } from '#shared/domain/survey-import/index';
import type {
  ApplyResult,
  IntakeChannel,
  ColumnMapping,
  Layout,
  MappingProposal,
  MappingTarget,
  NormalisedResponse,
  RawTable,
  UnmatchedValue,
} from '#shared/domain/survey-import/types';
import { columnMappingSchema } from '#shared/domain/survey-import/types';
import { answerOptions } from '#shared/domain/draft/model';
import { dayOrderOf, type DayOrder } from '#shared/domain/survey-import/values/survey-dates';
import { normaliseLabel } from '#shared/domain/survey-import/values/text-match';
import type { SourceFile } from '../responses/source-files';
import { throwIfCancelled } from '../core/cancel';

/**
 * A survey export through the shared readers: the table, its layout (the official may correct the
 * number of header rows), the mapping (given, saved for this source, or proposed), and the rows
 * mapped in slices with a yield between them so a cancel is heard and progress can be shown.
 */
export interface SurveyReadOptions {
  headerRows?: number | undefined;
  sheet?: string | undefined;
  delimiter?: string | undefined;
}

export interface SurveyTable {
  table: RawTable;
  layout: Layout;
  fingerprint: string;
}

export function readSurvey(file: SourceFile, opts: SurveyReadOptions = {}): SurveyTable {
  const table = readSourceFile(file.data, file.name, {
    ...(opts.sheet ? { sheet: opts.sheet } : {}),
    ...(opts.delimiter ? { delimiter: opts.delimiter } : {}),
  });
  const layout = detectLayout(table, opts.headerRows ? { headerRowCount: opts.headerRows } : {});
  return { table, layout, fingerprint: sourceFingerprint(layout) };
}

export interface ResolvedMapping {
  proposal: MappingProposal;
  saved: { savedAt: string; savedBy: string } | null;
}

/**
 * Targets that no longer exist in the draft (a deleted question or option) become "keep": the cells are kept as
 * received.
 */
export function validMapping(
  mapping: ColumnMapping,
  draft: Pick<Draft, 'questions'>,
  width: number,
): { mapping: ColumnMapping; dropped: number[] } {
  const byId = new Map(draft.questions.map((q) => [q.id, q]));
  const dropped: number[] = [];
  const out: ColumnMapping = [];
  for (let i = 0; i < width; i++) {
    const t: MappingTarget = mapping[i] ?? { kind: 'ignore' };
    if (t.kind === 'question') {
      const q = byId.get(t.questionId);
      const part = t.part;
      const ok =
        q &&
        (typeof part !== 'object' ||
          ('rank' in part ? q.type === 'ranking' : answerOptions(q).some((o) => o.id === part.optionId)));
      if (!ok) {
        dropped.push(i);
        out.push({ kind: 'keep' });
        continue;
      }
    }
    out.push(t);
  }
  return { mapping: out, dropped };
}

/** Parse a mapping given by the caller (the wizard or `--mapping file.json`). */
export function parseMapping(value: unknown, layout: Layout): ColumnMapping {
  const parsed = columnMappingSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      'invalid-input',
      `The mapping is not ` +
        `valid: ${issue?.message ?? 'wrong shape'}${issue?.path.length ? ` (at ${issue.path.join('.')})` : ''}. It ` +
        `must be a list with one entry per column, such as {"kind":"ignore"}.`,
    );
  }
  const mapping = parsed.data;
  const n = layout.columns.length;
  if (mapping.length > n && mapping.slice(n).some((t) => t.kind !== 'ignore' && t.kind !== 'keep'))
    throw new AppError('invalid-input', `The mapping has ${mapping.length} entries but the file has ${n} columns.`);
  return mapping.slice(0, n);
}

/** A mapping saved for a source, as stored. */
export interface SavedMappingRow {
  mapping: string;
  saved_at: string;
  saved_by: string;
}

/** Where saved mappings are looked up: the workspace, or a copy of its rows (an import worker has no database). */
export type SavedMappings = Db | null | ReadonlyMap<string, SavedMappingRow>;

/** Every saved mapping by fingerprint: the few rows an import worker is given. */
export function savedMappingRows(db: Db): Map<string, SavedMappingRow> {
  return new Map(
    db
      .all<SavedMappingRow & { fingerprint: string }>(
        'SELECT fingerprint, mapping, saved_at, saved_by FROM saved_mapping',
      )
      .map(({ fingerprint, ...row }) => [fingerprint, row]),
  );
}

/** The mapping to use: as given, else the one saved for this source, else a fresh proposal. */
export function resolveMapping(
  savedMappings: SavedMappings,
  st: SurveyTable,
  draft: Draft,
  given: ColumnMapping | null,
): ResolvedMapping {
  const n = st.layout.columns.length;
  if (given) {
    const { mapping, dropped } = validMapping(given, draft, n);
    if (dropped.length)
      throw new AppError(
        'invalid-input',
        `The mapping refers to questions or options that are not in the consultation ` +
          `(columns ${dropped.map((i) => i + 1).join(', ')}).`,
        { columns: dropped },
      );
    return {
      proposal: { mapping, confidence: mapping.map(() => 1), reasons: mapping.map(() => 'As given'), unmatched: [] },
      saved: null,
    };
  }
  const fresh = proposeMapping(st.layout, draft, st.table);
  const saved: SavedMappingRow | undefined =
    savedMappings instanceof Db || savedMappings === null
      ? savedMappings?.get<SavedMappingRow>(
          'SELECT mapping, saved_at, saved_by FROM saved_mapping WHERE fingerprint = ?',
          [st.fingerprint],
        )
      : savedMappings.get(st.fingerprint);
  if (saved) {
    const { mapping } = validMapping(JSON.parse(saved.mapping) as ColumnMapping, draft, n);
    const when = saved.saved_at.slice(0, 10);
    return {
      proposal: {
        mapping,
        confidence: mapping.map((t) => (t.kind === 'ignore' ? 0 : 1)),
        reasons: mapping.map((t, i) =>
          t.kind === 'ignore' && fresh.mapping[i]?.kind !== 'ignore'
            ? `Ignored when this source was last imported (${when})`
            : `As saved when this source was last imported (${when})`,
        ),
        unmatched: fresh.unmatched.filter((i) => mapping[i]?.kind === 'ignore' || mapping[i]?.kind === 'keep'),
      },
      saved: { savedAt: saved.saved_at, savedBy: saved.saved_by },
    };
  }
  return { proposal: fresh, saved: null };
}

/** Day order of slash dates in the time columns, kept with the batch so a fixed row is read the same way. */
export function batchDayOrder(st: SurveyTable, mapping: ColumnMapping): DayOrder {
  const fallback: DayOrder =
    st.layout.source === 'microsoft-forms' || st.layout.source === 'surveymonkey' || st.layout.source === 'qualtrics'
      ? 'mdy'
      : 'dmy';
  const cols = mapping.flatMap((t, i) =>
    t.kind === 'meta' && (t.field === 'submittedAt' || t.field === 'startedAt') ? [i] : [],
  );
  const values: string[] = [];
  for (let r = st.layout.dataStart; r < st.table.cells.length && values.length < 4000; r++)
    for (const c of cols) values.push(st.table.cells[r]?.[c] ?? '');
  return dayOrderOf(values, fallback);
}

export interface MapEnv {
  signal?: AbortSignal | undefined;
  progress?: ((done: number, total: number) => void) | undefined;
  /** Free each slice's rows once mapped (an import reads them once; a preview keeps them). */
  release?: boolean;
  channel?: IntakeChannel | undefined;
  sliceRows?: number;
  /** Take each response as it is mapped instead of collecting them (an import converts and keeps its own form). */
  take?: ((r: NormalisedResponse) => void) | undefined;
  /** Awaited after each slice (an import worker waits here while the writer is behind). */
  afterSlice?: (() => Promise<void>) | undefined;
}

const yieldNow = () => new Promise<void>((r) => setImmediate(r));

/** Every data row through the mapping, a slice at a time, yielding in between. */
export async function mapInSlices(
  st: SurveyTable,
  mapping: ColumnMapping,
  draft: Draft,
  env: MapEnv = {},
): Promise<ApplyResult> {
  const { table, layout } = st;
  const slice = env.sliceRows ?? 5000;
  const start = layout.dataStart;
  const end = table.cells.length;
  const out: ApplyResult = { responses: [], rejected: [], blankRows: [], unmatchedValues: [] };
  const unmatched = new Map<string, UnmatchedValue>();
  const seenIds = new Map<string, number>();
  for (let from = start; from < end; from += slice) {
    throwIfCancelled(env.signal);
    const to = Math.min(end, from + slice);
    const r = applyMapping(table, layout, mapping, draft, {
      from,
      to,
      ...(env.channel ? { channel: env.channel } : {}),
    });
    for (const resp of r.responses) {
      // applyMapping checks repeated ids within a slice; this carries the check across slices.
      if (resp.externalId) {
        const before = seenIds.get(resp.externalId);
        if (before !== undefined && !resp.issues.some((i) => i.message.startsWith('Same ID as row')))
          resp.issues.push({
            column: -1,
            header: 'ID',
            message: `Same ID as row ${before}: possibly the same response twice.`,
          });
        else if (before === undefined) seenIds.set(resp.externalId, resp.sourceRow);
      }
      if (env.take) env.take(resp);
      else out.responses.push(resp);
    }
    for (const x of r.rejected) out.rejected.push(x);
    for (const x of r.blankRows) out.blankRows.push(x);
    for (const u of r.unmatchedValues) {
      const key = `${u.column}\u0000${normaliseLabel(u.value)}`;
      const prev = unmatched.get(key);
      if (prev) {
        prev.count += u.count;
        for (const row of u.rows) if (prev.rows.length < 5) prev.rows.push(row);
      } else unmatched.set(key, { ...u, rows: [...u.rows] });
    }
    if (env.release) for (let i = from; i < to; i++) table.cells[i] = [];
    env.progress?.(to - start, end - start);
    await (env.afterSlice ? env.afterSlice() : yieldNow());
  }
  out.unmatchedValues = [...unmatched.values()].sort((a, b) => b.count - a.count);
  return out;
}
