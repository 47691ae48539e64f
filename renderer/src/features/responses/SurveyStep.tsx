import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ErrorSummary, type FieldError } from '../../components/ErrorSummary';
import type { ColumnMapping, MappingTarget } from '#shared/domain/survey-import/types';
import type { ImportOutcome, InspectedFile, PreviewRow, SurveyPreview } from '#shared/domain/responses/store';
import type { Draft } from '#shared/domain/draft/model';
import { RESPONDENT_KEY_LABELS } from '#shared/domain/responses/store';
import { useResponses } from './responses-store';
import { useJob } from '../shared/useJob';
import { JobProgress } from '../shared/JobProgress';
import { plural, questionLabel, targetOptions, targetValue } from './labels';
import { Table, Row, Cell } from '../../components/Table';

function confidenceTag(c: number, ignored: boolean, kept: boolean) {
  if (ignored) return <strong className="govuk-tag govuk-tag--grey">Left out</strong>;
  if (kept) return <strong className="govuk-tag govuk-tag--grey">Kept as received</strong>;
  if (c >= 0.8) return <strong className="govuk-tag govuk-tag--green">Sure</strong>;
  if (c >= 0.45) return <strong className="govuk-tag govuk-tag--yellow">Fairly sure</strong>;
  return <strong className="govuk-tag govuk-tag--orange">Check this</strong>;
}

/**
 * A survey export's columns: the layout found and what it means, each column's proposed target
 * with how sure the proposal is and why, editable; the first rows as they would be imported; the
 * rows that would be rejected and the values that match no option — all before anything is saved.
 */
/** The reading choices the official made: header rows and, for a workbook, the sheet. */
function readOptions(
  headerRows: number | undefined,
  sheet: string | undefined,
): { headerRows?: number; sheet?: string } {
  return { ...(headerRows ? { headerRows } : {}), ...(sheet ? { sheet } : {}) };
}

export function SurveyStep({
  file,
  onImported,
  onBack,
}: {
  file: InspectedFile;
  onImported: (o: ImportOutcome) => void;
  onBack: () => void;
}) {
  const { draft } = useResponses(useShallow((s) => ({ draft: s.draft })));
  const [preview, setPreview] = useState<SurveyPreview | null>(null);
  const [mapping, setMapping] = useState<string[]>([]);
  const [headerRows, setHeaderRows] = useState<number | undefined>(undefined);
  const [sheet, setSheet] = useState<string | undefined>(undefined);
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const job = useJob();
  const { run } = job;
  const options = useMemo(() => targetOptions(draft), [draft]);
  const loaded = useRef(false);

  const load = useCallback(
    async (withMapping: ColumnMapping | undefined, rows: number | undefined, onSheet: string | undefined) => {
      setErrors([]);
      const input = {
        path: file.path,
        ...(withMapping ? { mapping: withMapping } : {}),
        ...readOptions(rows, onSheet),
      };
      const r = await run('responses.preview', input, `Reading ${file.name}`);
      if (!r.ok) {
        if (r.error.code !== 'cancelled') setErrors([{ message: r.error.message }]);
        return;
      }
      setPreview(r.value);
      setMapping(r.value.proposal.mapping.map(targetValue));
      setDirty(false);
    },
    [file, run],
  );

  // Read once when the step opens; later reads are the official's choice.
  useEffect(() => {
    if (loaded.current) return;
    loaded.current = true;
    void load(undefined, undefined, undefined);
  }, [load]);

  const current = (): ColumnMapping => mapping.map((v) => JSON.parse(v) as MappingTarget);

  async function createQuestions() {
    setErrors([]);
    const r = await useResponses.getState().createQuestions({ path: file.path, ...readOptions(headerRows, sheet) });
    if (!r.ok) return setErrors([{ message: r.error.message }]);
    await load(undefined, headerRows, sheet);
  }

  async function doImport() {
    setErrors([]);
    const input = { paths: [file.path], mapping: current(), ...readOptions(headerRows, sheet) };
    const r = await job.run('responses.import', input, `Importing ${file.name}`);
    if (!r.ok) {
      if (r.error.code !== 'cancelled') setErrors([{ message: r.error.message }]);
      else setErrors([{ message: 'The import was cancelled. Nothing was imported.' }]);
      return;
    }
    onImported(r.value);
  }

  return (
    <section aria-labelledby="survey-step">
      <h2 className="govuk-heading-m" id="survey-step">
        Check the columns of <span className="app-break">{file.name}</span>
      </h2>
      <ErrorSummary errors={errors} />
      {job.progress ? (
        <JobProgress
          progress={job.progress}
          label={/Importing|Saving/.test(job.progress.message) ? 'Importing' : 'Reading the file'}
          onCancel={job.cancel}
        />
      ) : null}
      {preview ? (
        <>
          <div className="govuk-inset-text">
            <p className="govuk-body">
              {preview.source === 'plain'
                ? 'A spreadsheet with one row per response'
                : `An export from ${preview.sourceLabel}`}
              , with {plural(preview.headerRowCount, 'header row')} and {plural(preview.columns.length, 'column')}.
              {preview.encoding ? ` Text encoding ${preview.encoding}${separatorText(preview.delimiter)}.` : ''}
              {preview.sheetName ? ` Sheet “${preview.sheetName}”.` : ''}
            </p>
            {preview.notes.filter((n) => !n.startsWith('Looks like an export from')).length ? (
              <ul className="govuk-list govuk-list--bullet">
                {preview.notes
                  .filter((n) => !n.startsWith('Looks like an export from'))
                  .map((n, i) => (
                    <li key={i}>{n}</li>
                  ))}
              </ul>
            ) : null}
            {preview.savedMapping ? (
              <p className="govuk-body">The columns are set as you set them when this survey was last imported.</p>
            ) : null}
          </div>
          {preview.sheetNames && preview.sheetNames.length > 1 ? (
            <div className="govuk-form-group">
              <label className="govuk-label" htmlFor="survey-sheet">
                Sheet
              </label>
              <div className="govuk-hint" id="survey-sheet-hint">
                This workbook has {preview.sheetNames.length} sheets. Choose the one that holds the responses, one row
                for each.
              </div>
              <select
                id="survey-sheet"
                className="govuk-select"
                aria-describedby="survey-sheet-hint"
                value={sheet ?? preview.sheetName ?? ''}
                disabled={job.busy}
                onChange={(e) => {
                  setSheet(e.target.value);
                  setHeaderRows(undefined);
                  void load(undefined, undefined, e.target.value);
                }}
              >
                {preview.sheetNames.map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          {preview.warnings.filter((w) => w.code !== 'more-sheets').length ? (
            <div className="govuk-warning-text">
              <span className="govuk-warning-text__icon" aria-hidden="true">
                !
              </span>
              <strong className="govuk-warning-text__text">
                <span className="govuk-visually-hidden">Warning</span>
                {preview.warnings
                  .filter((w) => w.code !== 'more-sheets')
                  .slice(0, 3)
                  .map((w) => w.message)
                  .join(' ')}
              </strong>
            </div>
          ) : null}
          <div className="govuk-form-group">
            <label className="govuk-label" htmlFor="survey-header-rows">
              Header rows
            </label>
            <div className="govuk-hint" id="survey-header-rows-hint">
              The rows at the top that name the columns. Change this if the first response is being read as a header, or
              a header as a response.
            </div>
            <select
              id="survey-header-rows"
              className="govuk-select"
              aria-describedby="survey-header-rows-hint"
              value={headerRows ?? preview.headerRowCount}
              onChange={(e) => setHeaderRows(Number(e.target.value))}
            >
              {[1, 2, 3, 4].map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>{' '}
            <button
              type="button"
              className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
              disabled={job.busy}
              onClick={() => void load(undefined, headerRows, sheet)}
            >
              Read again
            </button>
          </div>

          <Table
            className="app-mapping"
            captionSize="m"
            caption="What each column holds"
            columns={[{ label: 'Column' }, { label: 'Import as' }, { label: 'How sure' }]}
          >
            {preview.columns.map((c, i) => {
              const value = mapping[i] ?? '';
              const ignored = value === JSON.stringify({ kind: 'ignore' });
              const kept = value === JSON.stringify({ kind: 'keep' });
              return (
                <Row key={c.index}>
                  <Cell>
                    <span className="govuk-!-font-weight-bold app-break">{c.header || `Column ${i + 1}`}</span>
                    {c.rawHeader ? (
                      <span className="govuk-body-s app-samples app-break">In the file: {c.rawHeader}</span>
                    ) : null}
                    {c.samples.length ? (
                      <span className="govuk-body-s app-samples">For example: {c.samples.join(' · ')}</span>
                    ) : null}
                  </Cell>
                  <Cell>
                    <label className="govuk-visually-hidden" htmlFor={`map-${i}`}>
                      Import column {i + 1} ({c.header}) as
                    </label>
                    <select
                      id={`map-${i}`}
                      className="govuk-select app-mapping__select"
                      value={value}
                      onChange={(e) => {
                        const next = [...mapping];
                        next[i] = e.target.value;
                        setMapping(next);
                        setDirty(true);
                      }}
                    >
                      {options.map((g) => (
                        <optgroup key={g.group} label={g.group}>
                          {g.options.map((o) => (
                            <option key={o.value} value={o.value}>
                              {o.label}
                            </option>
                          ))}
                        </optgroup>
                      ))}
                    </select>
                  </Cell>
                  <Cell>
                    {confidenceTag(preview.proposal.confidence[i] ?? 0, ignored, kept)}
                    <span className="govuk-body-s app-reason">{preview.proposal.reasons[i] || c.because}</span>
                  </Cell>
                </Row>
              );
            })}
          </Table>
          <div className="govuk-button-group">
            <button
              type="button"
              className="govuk-button govuk-button--secondary"
              disabled={!dirty || job.busy}
              aria-disabled={!dirty || job.busy}
              onClick={() => void load(current(), headerRows, sheet)}
            >
              Update the preview
            </button>
            {preview.canCreateQuestions ? (
              <button
                type="button"
                className="govuk-button govuk-button--secondary"
                disabled={job.busy}
                onClick={() => void createQuestions()}
              >
                {preview.draftHasQuestions
                  ? `Create questions from the ${plural(preview.proposal.unmatched.length, 'column')} that match none`
                  : 'Create questions from these columns'}
              </button>
            ) : null}
          </div>

          <h3 className="govuk-heading-s">What will be imported</h3>
          <ul className="govuk-list govuk-list--bullet">
            <li>
              {plural(preview.dryRun.responses, 'response')} from {plural(preview.dryRun.dataRows, 'row')}
            </li>
            {preview.dryRun.rejectedCount ? (
              <li>
                {plural(preview.dryRun.rejectedCount, 'row')} cannot be read and will wait in the review list, with the
                reason
              </li>
            ) : (
              <li>No rows will be rejected</li>
            )}
            {preview.dryRun.blankRows ? <li>{plural(preview.dryRun.blankRows, 'blank row')} will be skipped</li> : null}
            {preview.dryRun.withIssues ? (
              <li>{plural(preview.dryRun.withIssues, 'response')} will be flagged for you to look at</li>
            ) : null}
          </ul>
          {preview.dryRun.rejected.length ? (
            <details className="govuk-details">
              <summary className="govuk-details__summary">
                <span className="govuk-details__summary-text">Rows that cannot be read</span>
              </summary>
              <div className="govuk-details__text">
                <ul className="govuk-list">
                  {preview.dryRun.rejected.map((r) => (
                    <li key={r.sourceRow}>{r.reason}</li>
                  ))}
                </ul>
              </div>
            </details>
          ) : null}
          {preview.dryRun.unmatchedValues.length ? (
            <Table
              caption="Answers that match no option (kept as written and flagged)"
              columns={[{ label: 'Question' }, { label: 'Answer' }, { label: 'Times', numeric: true }]}
            >
              {preview.dryRun.unmatchedValues.slice(0, 20).map((u) => (
                <Row key={`${u.column}-${u.value}`}>
                  <Cell>{questionLabel(draft, u.questionId)}</Cell>
                  <Cell className="app-break">{u.value}</Cell>
                  <Cell numeric>{u.count.toLocaleString('en-GB')}</Cell>
                </Row>
              ))}
            </Table>
          ) : null}
          {preview.rows.length ? (
            <Table
              caption="The first responses as they will be imported"
              columns={[{ label: 'Row' }, { label: 'Respondent' }, { label: 'Answers' }]}
            >
              {preview.rows.map((r) => (
                <Row key={r.sourceRow}>
                  <Cell>{r.sourceRow}</Cell>
                  <Cell>
                    {Object.entries(r.respondent)
                      .slice(0, 4)
                      .map(([k, v]) => `${RESPONDENT_KEY_LABELS[k as keyof typeof RESPONDENT_KEY_LABELS]}: ${v}`)
                      .join('; ') || 'No details given'}
                  </Cell>
                  <Cell>
                    {r.answers
                      .slice(0, 4)
                      .map((a) => answerText(draft, a))
                      .join(' · ')}
                    {r.answers.length > 4 ? ` and ${r.answers.length - 4} more` : ''}
                    {r.issues.length ? <span className="govuk-body-s app-issue"> {r.issues[0]!.message}</span> : null}
                  </Cell>
                </Row>
              ))}
            </Table>
          ) : null}
          <div className="govuk-button-group">
            <button
              type="button"
              className="govuk-button"
              disabled={job.busy || dirty}
              aria-disabled={job.busy || dirty}
              onClick={() => void doImport()}
            >
              Import {plural(preview.dryRun.responses, 'response')}
            </button>
            <button type="button" className="govuk-button govuk-button--secondary" disabled={job.busy} onClick={onBack}>
              Choose other files
            </button>
          </div>
          {dirty ? <p className="govuk-hint">Update the preview to check your changes before importing.</p> : null}
        </>
      ) : null}
    </section>
  );
}

/** One answer of a previewed row, shortened: the question, the answer (or its "Other"), the explanation. */
function answerText(draft: Draft | null, a: PreviewRow['answers'][number]): string {
  const text = (a.text || (a.otherText ? `Other: ${a.otherText}` : '')).slice(0, 80);
  return `${questionLabel(draft, a.questionId)}: ${text}${a.explanation ? ` (${a.explanation.slice(0, 40)}…)` : ''}`;
}

/** How a text file's cells were separated, as the wizard says it. */
function separatorText(delimiter: SurveyPreview['delimiter']): string {
  return delimiter ? `, separated by “${delimiter === '\t' ? 'tab' : delimiter}”` : '';
}
