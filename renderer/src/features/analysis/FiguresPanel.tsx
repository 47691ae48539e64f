import { useEffect, useState } from 'react';
import { call } from '../../lib/api';
import { SelectField } from '../../components/Fields';
import { useAnalysis } from './analysis-store';
import { FigureChart } from './FigureChart';
import { CROSS_TAB_FIELDS, CROSS_TAB_FIELD_LABELS, type CrossTabField } from '#shared/coding/fields';
import type { QuestionAnalysisSummary, TallyView, ThemeCountsResult } from '#shared/coding/types';
import type { AppErrorShape } from '#shared/core/errors';
import { Table, Row, Cell, RowHeader } from '../../components/Table';

const n = (x: number) => x.toLocaleString('en-GB');

/**
 * A question's figures: counts with the base and "not answered" apart, a cross-tab by a respondent
 * field, and its theme counts.
 */
export function FiguresPanel({ question }: { question: QuestionAnalysisSummary }) {
  const revision = useAnalysis((s) => s.revision);
  const campaigns = useAnalysis((s) => s.overview?.settings.campaigns);
  const [crossBy, setCrossBy] = useState<CrossTabField | ''>('');
  const [tally, setTally] = useState<TallyView | null>(null);
  const [themes, setThemes] = useState<ThemeCountsResult | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);

  useEffect(() => {
    if (!question.type) return;
    void call('analysis.tallies', { questionIds: [question.id], ...(crossBy ? { crossBy } : {}) }).then((r) =>
      r.ok ? setTally(r.value.questions[0] ?? null) : setError(r.error),
    );
  }, [question.id, question.type, crossBy, revision, campaigns]);
  useEffect(() => {
    if (!question.codable) return;
    void call('analysis.themeCounts', { questionId: question.id }).then((r) =>
      r.ok ? setThemes(r.value) : setError(r.error),
    );
  }, [question.id, question.codable, revision, campaigns]);

  return (
    <>
      {error ? <p className="govuk-error-message">{error.message}</p> : null}
      {tally ? (
        <>
          <p className="govuk-body">
            {n(tally.answered)} {tally.answered === 1 ? 'respondent' : 'respondents'} answered this question and{' '}
            {n(tally.notAnswered)} did not.
            {tally.tally?.invalid
              ? ` ${n(tally.tally.invalid)} answers could not be counted (an option that is not in the question, ` +
                'or two choices where one was asked for).'
              : ''}
          </p>
          {tally.tally ? (
            <>
              <FigureChart
                id={`tally-${question.id}`}
                title={`${tally.tally.ranking ? 'Option ranked first' : 'Answers'}, question ${tally.number}`}
                measure={`Number of respondents, and percentage of the ${n(tally.answered)} who answered`}
                firstColumn={tally.tally.ranking ? 'Ranked first' : 'Answer'}
                baseText={`base: ${n(tally.answered)} answered`}
                rows={tally.tally.options.map((o) => ({ label: o.label, count: o.count, percent: o.percent }))}
              />
              {tally.tally.notes.map((note) => (
                <p key={note} className="govuk-body-s">
                  {note}
                </p>
              ))}
              <SelectField
                id="analysis-cross-by"
                label="Split the answers by"
                value={crossBy}
                onChange={(v) => setCrossBy(v as CrossTabField | '')}
                options={[
                  { value: '', label: 'Nothing (all respondents)' },
                  ...CROSS_TAB_FIELDS.map((f) => ({ value: f, label: CROSS_TAB_FIELD_LABELS[f] })),
                ]}
              />
              {tally.crossTab ? <CrossTabTable view={tally} /> : null}
            </>
          ) : null}
        </>
      ) : question.type ? (
        <p className="govuk-body">Counting…</p>
      ) : null}
      {question.codable ? (
        themes && themes.themes.length ? (
          <FigureChart
            id={`themes-${question.id}`}
            title={`Themes, ${question.number ? `question ${question.number}` : question.text.toLowerCase()}`}
            measure={`Number of coded answers mentioning each theme, and percentage of the ${n(themes.coded)} coded`}
            firstColumn="Theme"
            baseText={`base: ${n(themes.coded)} coded answers`}
            rows={[...themes.themes]
              .sort((a, b) => b.count - a.count)
              .map((t) => ({ label: t.name, count: t.count, percent: t.percent }))}
          />
        ) : (
          <p className="govuk-body">No themes yet. Add them on the Themes tab, or ask for suggestions there.</p>
        )
      ) : null}
    </>
  );
}

function CrossTabTable({ view }: { view: TallyView }) {
  const ct = view.crossTab!;
  return (
    <Table
      caption={
        <>
          Answers to question {view.number} by {ct.fieldLabel.toLowerCase()}: number (percentage of the group who
          answered)
        </>
      }
      columns={[
        { label: ct.fieldLabel },
        { label: 'Answered', numeric: true },
        ...ct.columns.map((c) => ({ label: c.label, numeric: true })),
        { label: 'Not answered', numeric: true },
      ]}
    >
      {ct.rows.map((r, i) => (
        <Row key={r.label}>
          <RowHeader>{r.label}</RowHeader>
          <Cell numeric>{n(r.base)}</Cell>
          {ct.columns.map((c, j) => (
            <Cell key={c.optionId} numeric>
              {n(ct.counts[i]![j]!)} ({ct.rowPercent[i]![j] === null ? '–' : `${ct.rowPercent[i]![j]}%`})
            </Cell>
          ))}
          <Cell numeric>{n(r.notAnswered)}</Cell>
        </Row>
      ))}
    </Table>
  );
}
