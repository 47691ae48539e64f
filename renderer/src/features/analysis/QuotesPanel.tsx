import { useCallback, useEffect, useState } from 'react';
import { ErrorAlert } from '../../components/Fields';
import { call } from '../../lib/api';
import { whenText } from '../shared/format';
import { useAnalysis } from './analysis-store';
import { QUOTE_STATUS_TEXT } from '#shared/coding/consent';
import type { QuestionAnalysisSummary, QuoteView } from '#shared/coding/types';

/**
 * The question's quotes, each with what its respondent said about publication: a quote from
 * someone who asked for confidentiality or did not consent cannot go into a published document
 * (the export refuses and names it), so it is marked here in words, not only in colour.
 */
export function QuotesPanel({ question }: { question: QuestionAnalysisSummary }) {
  const revision = useAnalysis((s) => s.revision);
  const [quotes, setQuotes] = useState<QuoteView[]>([]);
  const [removed, setRemoved] = useState<QuoteView | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    void call('analysis.quotes', { questionId: question.id }).then((r) =>
      r.ok ? setQuotes(r.value) : setError(r.error.message),
    );
  }, [question.id]);
  useEffect(load, [load, revision]);

  async function remove(q: QuoteView, restore: boolean) {
    const r = await useAnalysis.getState().removeQuote({ id: q.id, restore });
    if (!r.ok) return setError(r.error.message);
    setRemoved(restore ? null : q);
  }

  const blocked = quotes.filter((q) => q.status !== 'publishable');
  return (
    <>
      <p className="govuk-body">
        Mark quotes in the coding queue: select words and press Q (or Q alone for the whole answer).
      </p>
      <ErrorAlert message={error} />
      {removed ? (
        <div className="govuk-inset-text" role="status">
          The quote was removed.{' '}
          <button type="button" className="app-link-button" onClick={() => void remove(removed, true)}>
            Undo
          </button>
        </div>
      ) : null}
      {blocked.length ? (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            {blocked.length === 1 ? '1 quote' : `${blocked.length} quotes`} cannot be published. A published document
            will not be made while {blocked.length === 1 ? 'it is' : 'they are'} here; remove{' '}
            {blocked.length === 1 ? 'it' : 'them'} or export for internal use only.
          </strong>
        </div>
      ) : null}
      {quotes.length === 0 ? <p className="govuk-body">No quotes yet.</p> : null}
      {quotes.map((q) => (
        <div className="app-analysis-card" key={q.id}>
          <blockquote className="govuk-inset-text govuk-!-margin-top-0">“{q.text}”</blockquote>
          <p className="govuk-body-s">
            {q.attribution} · response {q.responseId} · marked {whenText(q.markedAt)} by {q.markedBy}
          </p>
          <p className="govuk-body-s">
            <strong className={`govuk-tag ${q.status === 'publishable' ? 'govuk-tag--green' : 'govuk-tag--red'}`}>
              {q.status === 'publishable' ? 'Can be published' : 'Cannot be published'}
            </strong>{' '}
            {QUOTE_STATUS_TEXT[q.status]}
          </p>
          <button type="button" className="app-link-button" onClick={() => void remove(q, false)}>
            Remove this quote<span className="govuk-visually-hidden">: {q.text.slice(0, 40)}</span>
          </button>
        </div>
      ))}
    </>
  );
}
