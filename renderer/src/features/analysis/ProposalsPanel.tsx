import { useCallback, useEffect, useRef, useState } from 'react';
import { ErrorAlert } from '../../components/Fields';
import { call } from '../../lib/api';
import { whenText } from '../shared/format';
import { useAnalysis } from './analysis-store';
import { useJob, isCancelled } from '../shared/useJob';
import { JobProgress } from '../shared/JobProgress';
import { CodingPreview } from './CodingPreview';
import { ProposedAnswerCard } from './ProposedAnswerCard';
import { kappaBand } from '#shared/analysis/agreement';
import type { ProposalRunView, ProposedAnswer, QuestionAnalysisSummary } from '#shared/coding/types';

const n = (x: number) => x.toLocaleString('en-GB');
const pc = (x: number) => `${Math.round(x * 100)}%`;
const LEVELS = [0.95, 0.9, 0.8, 0.7, 0.6];
const PAGE = 10;

/**
 * Assisted coding for one question: the app learns from the answers the analysts have coded and proposes themes
 * for the rest, on this computer. Nothing is coded until a person accepts it — every proposal of a theme at or
 * above a confidence, after reading them (CodingPreview, one undoable change), or one answer at a time, unticking
 * what is wrong and ticking what is missing. Trains again when opened after more answers were coded.
 */
export function ProposalsPanel({ question }: { question: QuestionAnalysisSummary }) {
  const [run, setRun] = useState<ProposalRunView | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [level, setLevel] = useState<number | null>(null);
  const [batch, setBatch] = useState<{ themeId: string; name: string } | null>(null);
  const [filter, setFilter] = useState('');
  const [answers, setAnswers] = useState<{ total: number; rows: ProposedAnswer[] } | null>(null);
  const [offset, setOffset] = useState(0);
  const { progress: job, run: runJob, cancel } = useJob();
  const trained = useRef(false);

  const reload = useCallback(async () => {
    const r = await call('analysis.proposals', { questionId: question.id });
    if (r.ok) setRun(r.value);
    else setError(r.error.message);
    return r.ok ? r.value : null;
  }, [question.id]);

  async function propose() {
    setError(null);
    setDone(null);
    setBatch(null);
    const r = await runJob('analysis.propose', { questionId: question.id }, 'Reading your codes');
    if (!r.ok) return isCancelled(r.error) ? undefined : setError(r.error.message);
    setRun(r.value);
    setOffset(0);
  }

  // Opened after more answers were coded than the model learned from: train again, once.
  useEffect(() => {
    void reload().then((r) => {
      if (r && r.codedNow !== r.trainedOn && !trained.current) {
        trained.current = true;
        void propose();
      }
    });
    // Once per question.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [reload]);

  const runId = run?.id;
  useEffect(() => {
    if (!runId) return setAnswers(null);
    void call('analysis.proposedAnswers', {
      questionId: question.id,
      runId,
      order: 'least-confident',
      offset,
      limit: PAGE,
      ...(filter ? { themeId: filter } : {}),
    }).then((r) => (r.ok ? setAnswers(r.value) : setError(r.error.message)));
  }, [question.id, runId, filter, offset, run]);

  const minConfidence = level ?? run?.confident ?? 0.9;
  const afterChange = (message: string) => {
    setDone(message);
    useAnalysis.getState().changed();
    void reload();
  };

  return (
    <section className="app-dialog" aria-labelledby="proposals-title">
      <h3 className="govuk-heading-s" id="proposals-title">
        Proposed codes
      </h3>
      <p className="govuk-body">
        The app learns from the answers you have coded and proposes themes for the rest, on this computer. Nothing is
        coded until you accept it. Code at least 5 answers with each theme you want it to propose.
      </p>
      <ErrorAlert message={error} />
      {done ? (
        <p className="govuk-inset-text" role="status">
          {done}
        </p>
      ) : null}
      {job ? (
        <JobProgress progress={job} label="Proposing themes" onCancel={cancel} className="app-analysis-job" />
      ) : (
        <button
          type="button"
          className={`govuk-button${run ? ' govuk-button--secondary' : ''}`}
          onClick={() => void propose()}
        >
          {run ? 'Learn from my codes again' : 'Propose themes'}
        </button>
      )}
      {run ? (
        <>
          <p className="govuk-body-s" data-testid="proposals-summary">
            Learned {whenText(run.at)} from {n(run.trainedOn)} coded answers
            {run.codedNow !== run.trainedOn ? ` (${n(run.codedNow)} are coded now: learn again to use them)` : ''}.{' '}
            {`${n(run.withProposal)} of the ${n(run.uncoded)} answers still to code have a proposal; `}
            {`${n(run.withConfident)} have one at ${pc(run.confident)} confidence or more.`}
          </p>
          {run.agreement ? (
            <p className="govuk-body-s">
              Tested on {n(run.agreement.items)} answers you coded (learning from half, checking the other half, then
              the other way round), it agreed with you on{' '}
              {run.agreement.percentAgreement !== null ? pc(run.agreement.percentAgreement) : 'an unknown share'} of
              theme decisions
              {run.agreement.meanKappa !== null
                ? `; mean kappa ${run.agreement.meanKappa.toFixed(2)} (${kappaBand(run.agreement.meanKappa)})`
                : ''}
              .
            </p>
          ) : null}
          <div className="govuk-form-group">
            <label className="govuk-label govuk-label--s" htmlFor="proposal-level">
              Accept proposals made with at least this confidence
            </label>
            <select
              id="proposal-level"
              className="govuk-select"
              value={String(minConfidence)}
              onChange={(e) => setLevel(Number(e.target.value))}
            >
              {[...new Set([...LEVELS, run.confident])]
                .sort((a, b) => b - a)
                .map((l) => (
                  <option key={l} value={String(l)}>
                    {pc(l)}
                    {l === run.confident ? ' (recommended)' : ''}
                  </option>
                ))}
            </select>
          </div>
          <table className="govuk-table app-proposals-table">
            <caption className="govuk-table__caption govuk-table__caption--s">Proposals by theme</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Theme
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  Coded by you
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  Proposed
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  At {pc(run.confident)} or more
                </th>
                <th scope="col" className="govuk-table__header">
                  <span className="govuk-visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {run.themes.map((t) => (
                <tr className="govuk-table__row" key={t.themeId}>
                  <th scope="row" className="govuk-table__header">
                    {t.name}
                  </th>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{n(t.examples)}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">
                    {t.trained ? n(t.proposed) : `Needs ${run.minExamples}`}
                  </td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">
                    {t.trained ? n(t.confidentCount) : '–'}
                  </td>
                  <td className="govuk-table__cell">
                    {t.trained && t.proposed ? (
                      <button
                        type="button"
                        className="app-link-button"
                        onClick={() => {
                          setDone(null);
                          setBatch({ themeId: t.themeId, name: t.name });
                        }}
                      >
                        Check and accept<span className="govuk-visually-hidden"> “{t.name}”</span>
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {batch ? (
            <CodingPreview
              key={`${batch.themeId}-${minConfidence}-${run.id}`}
              questionId={question.id}
              themeId={batch.themeId}
              themeName={batch.name}
              target={{ kind: 'proposals', runId: run.id, minConfidence }}
              note={`Proposed at ${pc(minConfidence)} confidence or more, least confident first.`}
              onDone={(message) => {
                setBatch(null);
                afterChange(message);
              }}
              onCancel={() => setBatch(null)}
            />
          ) : null}
          <h4 className="govuk-heading-s govuk-!-margin-top-4">One answer at a time</h4>
          <p className="govuk-body-s">
            Least confident first. Untick a theme that does not belong and tick any that is missing, then accept. With
            nothing ticked, the answer is marked as read with no theme.
          </p>
          <div className="govuk-form-group">
            <label className="govuk-label" htmlFor="proposal-filter">
              Show answers proposed for
            </label>
            <select
              id="proposal-filter"
              className="govuk-select"
              value={filter}
              onChange={(e) => {
                setFilter(e.target.value);
                setOffset(0);
              }}
            >
              <option value="">Any theme</option>
              {run.themes
                .filter((t) => t.trained)
                .map((t) => (
                  <option key={t.themeId} value={t.themeId}>
                    {t.name}
                  </option>
                ))}
            </select>
          </div>
          {answers && answers.rows.length === 0 ? (
            <p className="govuk-body">No answers left with a proposal{filter ? ' for this theme' : ''}.</p>
          ) : null}
          {answers?.rows.map((a) => (
            <ProposedAnswerCard
              key={`${run.id}-${a.responseId}`}
              runId={run.id}
              questionId={question.id}
              answer={a}
              themes={run.themes}
              onDone={(message) => afterChange(message)}
              onError={setError}
            />
          ))}
          {answers && answers.total > PAGE ? (
            <nav className="govuk-body-s" aria-label="Pages of proposed answers">
              Showing {n(offset + 1)}–{n(Math.min(answers.total, offset + PAGE))} of {n(answers.total)}.{' '}
              {offset > 0 ? (
                <button type="button" className="app-link-button" onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                  Previous
                </button>
              ) : null}{' '}
              {offset + PAGE < answers.total ? (
                <button type="button" className="app-link-button" onClick={() => setOffset(offset + PAGE)}>
                  Next
                </button>
              ) : null}
            </nav>
          ) : null}
        </>
      ) : run === null ? (
        <p className="govuk-body-s">Nothing has been proposed for this question yet.</p>
      ) : null}
    </section>
  );
}
