import { useEffect, useRef, useState } from 'react';
import { ErrorAlert } from '../../components/Fields';
import type { In, Out } from '#shared/ipc/contract';
import { useAnalysis } from './analysis-store';
import { useJob, isCancelled } from '../shared/useJob';
import { JobProgress } from '../shared/JobProgress';

type Target = In<'analysis.bulkCode'>['target'];
type Check = Out<'analysis.bulkCode'>;
const n = (x: number) => x.toLocaleString('en-GB');

/**
 * Before many answers are coded at once (a search, a campaign, an accepted suggestion's answers): the
 * answers themselves, each ticked, to read and untick any that do not belong; then one undoable
 * change codes the ticked ones. The first answers are shown with their text (PREVIEW_ANSWERS in
 * electron/services/analysis/bulk.ts); any beyond them are counted and coded with the rest.
 */
export function CodingPreview({
  questionId,
  themeId,
  themeName,
  target,
  note,
  onDone,
  onCancel,
}: {
  questionId: string;
  themeId: string;
  themeName: string;
  target: Target;
  /** Said before the answers (what they are, in which order). */
  note?: string;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const [check, setCheck] = useState<Check | null>(null);
  const [unticked, setUnticked] = useState<Set<number>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const { progress, run, cancel } = useJob();
  const heading = useRef<HTMLHeadingElement>(null);
  const key = JSON.stringify(target);

  useEffect(() => {
    void (async () => {
      const r = await run('analysis.bulkCode', { questionId, themeId, target, dryRun: true }, 'Finding the answers');
      if (!r.ok) return isCancelled(r.error) ? onCancel() : setError(r.error.message);
      setCheck(r.value);
      heading.current?.focus();
    })();
    // Checked once for this theme and target.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [questionId, themeId, key]);

  const all = check?.responseIds ?? [];
  const chosen = all.filter((id) => !unticked.has(id));

  async function apply() {
    if (!check || chosen.length === 0) return;
    setError(null);
    // Nothing unticked: the target as asked (its description says which search or campaign); else the ticked ones.
    // The model's proposals stay proposals (coded as machine-proposed, person-accepted), less those unticked.
    const applied: Target = !unticked.size
      ? target
      : target.kind === 'proposals'
        ? { ...target, excludeIds: [...unticked] }
        : { kind: 'responses' as const, responseIds: chosen };
    const r = await run('analysis.bulkCode', { questionId, themeId, target: applied }, 'Coding the answers');
    if (!r.ok) return isCancelled(r.error) ? undefined : setError(r.error.message);
    useAnalysis.getState().changed();
    onDone(
      `${n(r.value.applied)} answer${r.value.applied === 1 ? '' : 's'} coded with “${themeName}”. ` +
        'You can undo this under “Changes made in bulk”.',
    );
  }

  const idBase = `preview-${themeId}`.replace(/[^a-zA-Z0-9-]/g, '');
  return (
    <div className="app-coding-preview" role="group" aria-labelledby={`${idBase}-title`}>
      <h4 className="govuk-heading-s" id={`${idBase}-title`} tabIndex={-1} ref={heading}>
        Answers to code with “{themeName}”
      </h4>
      <ErrorAlert message={error} />
      {progress ? <JobProgress progress={progress} label="Coding answers" onCancel={cancel} className="" /> : null}
      {check ? (
        <>
          <p className="govuk-body" role="status">
            {all.length === 0
              ? 'No answers to code'
              : `${n(all.length)} answer${all.length === 1 ? '' : 's'} would be coded`}
            {check.alreadyCoded ? `; ${n(check.alreadyCoded)} already have this theme` : ''}
            {check.skipped ? `; ${n(check.skipped)} have no text to code for this question` : ''}.
            {all.length ? ' Untick any that do not belong.' : ''}
          </p>
          {note && all.length ? <p className="govuk-body-s">{note}</p> : null}
          {check.preview?.length ? (
            <fieldset className="govuk-fieldset">
              <legend className="govuk-visually-hidden">Tick the answers to code</legend>
              <div className="govuk-checkboxes govuk-checkboxes--small app-coding-preview__list">
                {check.preview.map((a) => (
                  <div className="govuk-checkboxes__item" key={a.responseId}>
                    <input
                      className="govuk-checkboxes__input"
                      id={`${idBase}-${a.responseId}`}
                      type="checkbox"
                      checked={!unticked.has(a.responseId)}
                      onChange={(e) => {
                        const next = new Set(unticked);
                        if (e.target.checked) next.delete(a.responseId);
                        else next.add(a.responseId);
                        setUnticked(next);
                      }}
                    />
                    <label className="govuk-label govuk-checkboxes__label" htmlFor={`${idBase}-${a.responseId}`}>
                      <span className="govuk-body-s app-muted">
                        Response {a.responseId}
                        {a.confidence !== undefined ? ` (${Math.round(a.confidence * 100)}% confident)` : ''}:{' '}
                      </span>
                      {a.text.length > 400 ? `${a.text.slice(0, 397)}…` : a.text}
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
          ) : null}
          {all.length > (check.preview?.length ?? 0) ? (
            <p className="govuk-body-s">
              The first {n(check.preview?.length ?? 0)} are shown; the other{' '}
              {n(all.length - (check.preview?.length ?? 0))} are coded with them.
            </p>
          ) : null}
          <div className="govuk-button-group">
            {all.length ? (
              <button
                type="button"
                className="govuk-button"
                disabled={chosen.length === 0 || !!progress}
                onClick={() => void apply()}
              >
                Code {n(chosen.length)} answer{chosen.length === 1 ? '' : 's'}
              </button>
            ) : null}
            <button type="button" className="app-link-button" onClick={onCancel}>
              {all.length ? 'Cancel' : 'Close'}
            </button>
          </div>
        </>
      ) : null}
    </div>
  );
}
