import { useEffect, useState } from 'react';
import { call } from '../../lib/api';
import { useAnalysis } from './analysis-store';
import { useAutosave } from './useAutosave';
import { SavedNote } from './SavedNote';
import { FiguresPanel } from './FiguresPanel';
import type { QuestionAnalysisSummary, QuoteView, ResponseTexts } from '#shared/coding/types';

/**
 * Drafting the government's response to a question beside what people said: the figures and
 * themes on one side, the quotes, and the response and next steps on the other, saved as typed.
 */
export function QuestionResponsePanel({ question }: { question: QuestionAnalysisSummary }) {
  const [texts, setTexts] = useState<ResponseTexts | null>(null);
  const [quotes, setQuotes] = useState<QuoteView[]>([]);
  const revision = useAnalysis((s) => s.revision);
  useEffect(() => {
    void call('analysis.texts', {}).then((r) => r.ok && setTexts(r.value));
  }, [question.id]);
  useEffect(() => {
    if (question.codable)
      void call('analysis.quotes', { questionId: question.id }).then((r) => r.ok && setQuotes(r.value));
  }, [question.id, question.codable, revision]);
  return (
    <div className="app-analysis-side">
      <div>
        <h3 className="govuk-heading-s">What people said</h3>
        <FiguresPanel question={question} />
        {quotes.length ? (
          <>
            <h3 className="govuk-heading-s">Quotes</h3>
            {quotes.map((q) => (
              <blockquote key={q.id} className="govuk-inset-text">
                “{q.text}”{' '}
                <span className="govuk-body-s">
                  ({q.attribution}
                  {q.status === 'publishable' ? '' : '; cannot be published'})
                </span>
              </blockquote>
            ))}
          </>
        ) : null}
      </div>
      <div>
        <h3 className="govuk-heading-s">The government’s response</h3>
        {texts ? (
          <>
            <TextBox
              id="gr-response"
              label="Response to what people said"
              hint="Plain text. Leave a blank line between paragraphs."
              initial={texts.questions[question.id]?.response.text ?? ''}
              save={(text) =>
                call('analysis.saveText', { kind: 'question', questionId: question.id, part: 'response', text })
              }
              rows={12}
            />
            <TextBox
              id="gr-next"
              label="Next steps for this question"
              initial={texts.questions[question.id]?.nextSteps.text ?? ''}
              save={(text) =>
                call('analysis.saveText', { kind: 'question', questionId: question.id, part: 'next-steps', text })
              }
              rows={5}
            />
          </>
        ) : (
          <p className="govuk-body">Loading…</p>
        )}
      </div>
    </div>
  );
}

export function TextBox({
  id,
  label,
  hint,
  initial,
  save,
  rows,
}: {
  id: string;
  label: string;
  hint?: string;
  initial: string;
  save: (text: string) => ReturnType<typeof call<'analysis.saveText'>>;
  rows: number;
}) {
  const box = useAutosave(initial, save);
  return (
    <div className={`govuk-form-group${box.error ? ' govuk-form-group--error' : ''}`}>
      <label className="govuk-label govuk-label--s" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div id={`${id}-hint`} className="govuk-hint">
          {hint}
        </div>
      ) : null}
      {box.error ? (
        <p id={`${id}-error`} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {box.error}
        </p>
      ) : null}
      <textarea
        id={id}
        className={`govuk-textarea${box.error ? ' govuk-textarea--error' : ''}`}
        rows={rows}
        value={box.value}
        aria-describedby={[hint ? `${id}-hint` : '', box.error ? `${id}-error` : '', `${id}-saved`]
          .filter(Boolean)
          .join(' ')}
        onChange={(e) => box.change(e.target.value)}
        onBlur={() => void box.flush()}
      />
      <SavedNote id={`${id}-saved`} state={box.state} />
    </div>
  );
}
