import { useDraft } from './draft-store';
import { TextArea, CheckboxField, RadiosField, SelectField } from '../../components/Fields';
import {
  QUESTION_TYPES,
  QUESTION_TYPE_LABELS,
  CLOSED_TYPES,
  answerOptions,
  questionNumbers,
  type QuestionType,
} from '#shared/domain/draft/model';

const FIXED_SCALES = new Set<QuestionType>(['likert_agree5', 'yes_no']);

export function QuestionBuilder({ id }: { id: string }) {
  const q = useDraft((s) => s.draft?.questions.find((x) => x.id === id));
  const draft = useDraft((s) => s.draft);
  const { updateQuestion, deleteQuestion, moveQuestion } = useDraft.getState();
  if (!q || !draft) return null;
  const n = questionNumbers(draft).get(id);
  const closed = CLOSED_TYPES.has(q.type);
  const editableOptions = closed && !FIXED_SCALES.has(q.type);

  const setOption = (i: number, label: string) =>
    updateQuestion(id, { options: q.options.map((o, j) => (j === i ? { ...o, label } : o)) });
  const moveOption = (i: number, d: number) => {
    const to = i + d;
    if (to < 0 || to >= q.options.length) return;
    const next = [...q.options];
    [next[i], next[to]] = [next[to]!, next[i]!];
    updateQuestion(id, { options: next });
  };

  return (
    <>
      <h2 className="govuk-heading-l" tabIndex={-1} id="question-heading">
        <span className="govuk-caption-m">Question {n}</span>
        {q.text ? (q.text.length > 90 ? q.text.slice(0, 87) + '…' : q.text) : 'New question'}
      </h2>
      <RadiosField
        name="question-type"
        legend="Type of question"
        small
        value={q.type}
        options={QUESTION_TYPES.map((t) => ({ value: t, label: QUESTION_TYPE_LABELS[t] }))}
        onChange={(v) => updateQuestion(id, { type: v as QuestionType })}
      />
      <TextArea
        id="question-text"
        label="Question"
        hint="Ask one thing. Avoid leading wording."
        rows={3}
        value={q.text}
        onChange={(e) => updateQuestion(id, { text: e.target.value })}
      />
      <TextArea
        id="question-hint"
        label="Hint (optional)"
        rows={2}
        value={q.hint}
        onChange={(e) => updateQuestion(id, { hint: e.target.value })}
      />

      {closed ? (
        <div className="govuk-form-group">
          <fieldset className="govuk-fieldset">
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Answers to choose from</legend>
            {editableOptions ? (
              <>
                <ol className="app-options-list">
                  {q.options.map((o, i) => (
                    <li key={o.id} className="app-option-row">
                      <label className="govuk-visually-hidden" htmlFor={`option-${o.id}`}>
                        Answer {i + 1}
                      </label>
                      <input
                        id={`option-${o.id}`}
                        className="govuk-input"
                        value={o.label}
                        onChange={(e) => setOption(i, e.target.value)}
                      />
                      <button
                        type="button"
                        className="app-outline__move"
                        aria-label={`Move answer ${i + 1} up`}
                        onClick={() => moveOption(i, -1)}
                        disabled={i === 0}
                      >
                        ↑
                      </button>
                      <button
                        type="button"
                        className="app-outline__move"
                        aria-label={`Move answer ${i + 1} down`}
                        onClick={() => moveOption(i, 1)}
                        disabled={i === q.options.length - 1}
                      >
                        ↓
                      </button>
                      <button
                        type="button"
                        className="app-link-button"
                        onClick={() => updateQuestion(id, { options: q.options.filter((_, j) => j !== i) })}
                      >
                        Remove<span className="govuk-visually-hidden"> answer {i + 1}</span>
                      </button>
                    </li>
                  ))}
                </ol>
                <button
                  type="button"
                  className="govuk-button govuk-button--secondary"
                  onClick={() =>
                    updateQuestion(id, {
                      options: [...q.options, { id: crypto.randomUUID(), label: `Option ${q.options.length + 1}` }],
                    })
                  }
                >
                  Add an answer
                </button>
              </>
            ) : (
              <ul className="govuk-list govuk-list--bullet">
                {answerOptions(q).map((o) => (
                  <li key={o.id}>{o.label}</li>
                ))}
              </ul>
            )}
          </fieldset>
        </div>
      ) : null}
      {q.type === 'single_choice' || q.type === 'multi_choice' ? (
        <CheckboxField
          id="question-other"
          label="Add “Other (please specify)” with a text box"
          checked={q.allowOther}
          onChange={(v) => updateQuestion(id, { allowOther: v })}
        />
      ) : null}
      {closed ? (
        <CheckboxField
          id="question-explain"
          label="Follow with “Please explain your answer”"
          checked={q.explain}
          onChange={(v) => updateQuestion(id, { explain: v })}
        />
      ) : null}
      {!closed || q.explain ? (
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="question-word-limit">
            Suggested word limit (optional)
          </label>
          <input
            id="question-word-limit"
            className="govuk-input govuk-input--width-5"
            inputMode="numeric"
            value={q.wordLimit ?? ''}
            onChange={(e) => {
              const v = e.target.value.replace(/[^0-9]/g, '');
              updateQuestion(id, { wordLimit: v ? Math.min(100_000, Math.max(1, Number(v))) : null });
            }}
          />
        </div>
      ) : null}
      <CheckboxField
        id="question-continues"
        label="This is a part of the previous question"
        hint="It shares the previous question’s number, and the parts are lettered: 1a, 1b."
        checked={q.continues}
        onChange={(v) => updateQuestion(id, { continues: v })}
      />
      <SelectField
        id="question-section"
        label="Section"
        value={q.sectionId}
        options={draft.sections.map((s) => ({ value: s.id, label: s.title || '(untitled section)' }))}
        onChange={(v) => void moveQuestion(id, v, draft.questions.filter((x) => x.sectionId === v).length)}
      />
      <button type="button" className="govuk-button govuk-button--warning" onClick={() => void deleteQuestion(id)}>
        Delete this question
      </button>
      <p className="govuk-hint">Deleting can be undone with Undo.</p>
    </>
  );
}
