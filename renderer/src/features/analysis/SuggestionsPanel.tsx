import { useEffect, useState } from 'react';
import { ErrorAlert } from '../../components/Fields';
import { call } from '../../lib/api';
import { whenText } from '../shared/format';
import { useAnalysis } from './analysis-store';
import { useJob, isCancelled } from '../shared/useJob';
import { JobProgress } from '../shared/JobProgress';
import type { QuestionAnalysisSummary, SuggestionRunView, ThemeView } from '#shared/coding/types';
import { CodingPreview } from './CodingPreview';

type Choice = { action: 'undecided' | 'accept' | 'reject' | 'merge'; name: string; intoId: string };
const n = (x: number) => x.toLocaleString('en-GB');

/**
 * Theme suggestions made on this computer from the question's answers (no network): each with its
 * key phrases, size and example answers. The analyst accepts (and may rename), merges or rejects
 * each; accepted ones become codebook themes, and the answers each was suggested from are then shown
 * (CodingPreview) for the analyst to untick any that do not belong and code the rest in one undoable change.
 */
export function SuggestionsPanel({ question }: { question: QuestionAnalysisSummary }) {
  const [run, setRun] = useState<SuggestionRunView | null>(null);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  // After accepting: each new theme's suggested answers, offered to code (shown, untickable).
  const [toOffer, setToOffer] = useState<Array<{ theme: ThemeView; responseIds: number[] }>>([]);
  const [coded, setCoded] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const { progress: job, run: runJob, cancel } = useJob();

  useEffect(() => {
    void call('analysis.suggestions', { questionId: question.id }).then((r) => r.ok && setRun(r.value));
  }, [question.id]);
  useEffect(() => {
    setChoices(
      Object.fromEntries(
        (run?.suggestions ?? []).map((s) => [s.id, { action: 'undecided', name: s.label, intoId: '' }]),
      ),
    );
  }, [run]);

  async function suggest() {
    setError(null);
    setDone(null);
    const r = await runJob('analysis.suggestThemes', { questionId: question.id }, 'Reading the answers');
    if (!r.ok) return isCancelled(r.error) ? undefined : setError(r.error.message);
    setRun(r.value);
  }

  const set = (id: string, patch: Partial<Choice>) => setChoices((c) => ({ ...c, [id]: { ...c[id]!, ...patch } }));
  const decided = Object.entries(choices).filter(([, c]) => c.action !== 'undecided');
  const accepted = run?.suggestions.filter((s) => choices[s.id]?.action === 'accept') ?? [];
  const merged = run?.suggestions.filter((s) => choices[s.id]?.action === 'merge') ?? [];
  const toCode = accepted.reduce((sum, s) => sum + s.size, 0) + merged.reduce((sum, s) => sum + s.size, 0);

  async function save() {
    if (!run) return;
    setError(null);
    if (!decided.length) return setError('Accept, merge or reject at least one suggestion');
    const bad = decided.find(([, c]) => c.action === 'merge' && !c.intoId);
    if (bad) return setError('Choose which suggestion to merge into');
    const decisions = decided.map(([id, c]) =>
      c.action === 'accept'
        ? { suggestionId: id, action: 'accept' as const, name: c.name.trim() || undefined }
        : c.action === 'merge'
          ? { suggestionId: id, action: 'merge' as const, intoId: c.intoId }
          : { suggestionId: id, action: 'reject' as const },
    );
    const r = await useAnalysis.getState().reviewSuggestions({ runId: run.id, decisions, applyToMembers: false });
    if (!r.ok) return setError(r.error.message);
    const { created, problems, suggested } = r.value;
    const themes = created.length === 1 ? '1 theme was' : `${created.length} themes were`;
    setDone(`${themes} added to the codebook.${problems.length ? ` ${problems.join(' ')}` : ''}`);
    setCoded([]);
    setToOffer(
      (suggested ?? []).flatMap((s) => {
        const theme = created.find((t) => t.id === s.themeId);
        return theme && s.responseIds.length ? [{ theme, responseIds: s.responseIds }] : [];
      }),
    );
    setRun({ ...run, reviewedAt: new Date().toISOString() });
  }

  return (
    <section className="app-dialog" aria-labelledby="suggest-title">
      <h3 className="govuk-heading-s" id="suggest-title">
        Suggested themes
      </h3>
      <p className="govuk-body">
        The app can suggest themes from the words people used, on this computer. Nothing is coded unless you decide.
      </p>
      <ErrorAlert message={error} />
      {done ? (
        <p className="govuk-inset-text" role="status">
          {done}
        </p>
      ) : null}
      {coded.map((c) => (
        <p className="govuk-inset-text" role="status" key={c}>
          {c}
        </p>
      ))}
      {toOffer.map(({ theme, responseIds }) => (
        <CodingPreview
          key={theme.id}
          questionId={question.id}
          themeId={theme.id}
          themeName={theme.name}
          target={{ kind: 'responses', responseIds }}
          onDone={(message) => {
            setCoded((c) => [...c, message]);
            setToOffer((o) => o.filter((x) => x.theme.id !== theme.id));
          }}
          onCancel={() => setToOffer((o) => o.filter((x) => x.theme.id !== theme.id))}
        />
      ))}
      {job ? (
        <JobProgress progress={job} label="Suggesting themes" onCancel={cancel} className="app-analysis-job" />
      ) : (
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => void suggest()}>
          {run ? 'Suggest themes again' : 'Suggest themes'}
        </button>
      )}
      {run ? (
        <>
          <p className="govuk-body-s">
            Suggested {whenText(run.at)} from {n(run.answers)} answers ({n(run.blank)} blank or “n/a”,{' '}
            {n(run.unassigned)} with nothing in common with the others).
            {run.campaignAnswers
              ? ` ${n(run.campaignAnswers)} answers from confirmed campaigns were left out: code them with ` +
                '“A campaign’s answers” under “Code many answers at once”.'
              : ''}
            {run.reviewedAt ? ' You have reviewed these.' : ''}
          </p>
          {run.suggestions.map((s, i) => {
            const c = choices[s.id] ?? { action: 'undecided', name: s.label, intoId: '' };
            const group = `suggestion-${i}`;
            return (
              <div className="app-analysis-card" key={s.id}>
                <h4 className="govuk-heading-s govuk-!-margin-bottom-1">{s.label}</h4>
                <p className="govuk-body-s">
                  {n(s.size)} answers{s.stance ? ` from people who answered “${s.stance}”` : ''} · key phrases:{' '}
                  {s.keyPhrases.slice(0, 6).join('; ')}
                </p>
                <ul className="govuk-list govuk-list--bullet govuk-body-s">
                  {s.examples.map((e) => (
                    <li key={e.responseId}>“{e.text.length > 240 ? `${e.text.slice(0, 237)}…` : e.text}”</li>
                  ))}
                </ul>
                <fieldset className="govuk-fieldset">
                  <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">
                    Your decision on “{s.label}”
                  </legend>
                  <div className="govuk-radios govuk-radios--small govuk-radios--inline">
                    {(['undecided', 'accept', 'merge', 'reject'] as const).map((a) => (
                      <div className="govuk-radios__item" key={a}>
                        <input
                          className="govuk-radios__input"
                          id={`${group}-${a}`}
                          name={group}
                          type="radio"
                          checked={c.action === a}
                          onChange={() => set(s.id, { action: a })}
                        />
                        <label className="govuk-label govuk-radios__label" htmlFor={`${group}-${a}`}>
                          {a === 'undecided'
                            ? 'Not decided'
                            : a === 'accept'
                              ? 'Accept'
                              : a === 'merge'
                                ? 'Merge into another'
                                : 'Reject'}
                        </label>
                      </div>
                    ))}
                  </div>
                </fieldset>
                {c.action === 'accept' ? (
                  <div className="govuk-form-group govuk-!-margin-top-2">
                    <label className="govuk-label" htmlFor={`${group}-name`}>
                      Theme name
                    </label>
                    <input
                      id={`${group}-name`}
                      className="govuk-input"
                      value={c.name}
                      onChange={(e) => set(s.id, { name: e.target.value })}
                    />
                  </div>
                ) : null}
                {c.action === 'merge' ? (
                  <div className="govuk-form-group govuk-!-margin-top-2">
                    <label className="govuk-label" htmlFor={`${group}-into`}>
                      Merge into
                    </label>
                    <select
                      id={`${group}-into`}
                      className="govuk-select"
                      value={c.intoId}
                      onChange={(e) => set(s.id, { intoId: e.target.value })}
                    >
                      <option value="">Choose a suggestion</option>
                      {run.suggestions
                        .filter((x) => x.id !== s.id)
                        .map((x) => (
                          <option key={x.id} value={x.id}>
                            {x.label}
                          </option>
                        ))}
                    </select>
                  </div>
                ) : null}
              </div>
            );
          })}
          {run.suggestions.length ? (
            <>
              <p className="govuk-body-s">
                After you save, the answers each accepted theme was suggested from ({n(toCode)}) are shown for you to
                check and code.
              </p>
              <button type="button" className="govuk-button" onClick={() => void save()}>
                Save my decisions
              </button>
            </>
          ) : (
            <p className="govuk-body">No themes could be suggested: the answers have too little in common.</p>
          )}
        </>
      ) : null}
    </section>
  );
}
