import { useEffect, useRef } from 'react';
import type { ServerQuestion } from '#shared/domain/team';
import { ErrorText } from '../../components/Fields';

/** The first checkbox's id: what an error about the questions chosen points at (team-form.ts fieldOf). */
export const SLICE_FIELD = 'join-questions';

const HINT =
  'A copy of some questions is for a consultation too large for this computer: it holds only their answers, and ' +
  'cannot be used to publish documents about the responses.';

interface Props {
  /** The team's questions, once "Choose questions" has read them from the server; null before. */
  questions: ServerQuestion[] | null;
  chosen: ReadonlySet<string>;
  onChosen: (chosen: Set<string>) => void;
  onChoose: () => void;
  /** Reading the questions from the server. */
  reading: boolean;
  disabled: boolean;
  error?: string | undefined;
}

/**
 * Join a team's "Only some questions" choice, for a slice copy: "Choose questions" reads the team's questions from
 * the server (as the server fields are entered), then each is a checkbox; none ticked makes a whole copy. Focus
 * moves to the first question when they appear, since the button that was pressed is gone.
 */
export function SliceFields({ questions, chosen, onChosen, onChoose, reading, disabled, error }: Props) {
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (questions?.length) first.current?.focus();
  }, [questions]);

  const toggle = (id: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(id);
    else next.delete(id);
    onChosen(next);
  };
  const describedBy = [`${SLICE_FIELD}-hint`, error ? `${SLICE_FIELD}-error` : null].filter(Boolean).join(' ');

  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Only some questions (optional)</legend>
        <div id={`${SLICE_FIELD}-hint`} className="govuk-hint">
          {HINT}
        </div>
        <ErrorText id={SLICE_FIELD} error={error} />
        {questions === null ? (
          <button
            type="button"
            className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
            onClick={onChoose}
            disabled={reading || disabled}
            aria-disabled={reading || disabled}
          >
            {reading ? 'Reading the questions…' : 'Choose questions'}
          </button>
        ) : questions.length === 0 ? (
          <p className="govuk-body">The team’s consultation has no questions: your copy will hold all of it.</p>
        ) : (
          <div className="govuk-checkboxes govuk-checkboxes--small">
            {questions.map((q, i) => {
              const id = i === 0 ? SLICE_FIELD : `${SLICE_FIELD}-${i + 1}`;
              return (
                <div className="govuk-checkboxes__item" key={q.id}>
                  <input
                    ref={i === 0 ? first : undefined}
                    className="govuk-checkboxes__input"
                    id={id}
                    name={SLICE_FIELD}
                    type="checkbox"
                    value={q.id}
                    checked={chosen.has(q.id)}
                    disabled={disabled}
                    onChange={(e) => toggle(q.id, e.target.checked)}
                  />
                  <label className="govuk-label govuk-checkboxes__label" htmlFor={id}>
                    Question {q.number}: {q.text}
                  </label>
                </div>
              );
            })}
          </div>
        )}
      </fieldset>
    </div>
  );
}
