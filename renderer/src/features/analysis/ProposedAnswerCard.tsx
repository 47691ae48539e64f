import { useState } from 'react';
import { call } from '../../lib/api';
import type { ProposalRunView, ProposedAnswer } from '#shared/coding/types';

const pc = (x: number) => `${Math.round(x * 100)}%`;

/**
 * One answer with the themes the model proposed for it ticked (and their confidence): the analyst unticks what is
 * wrong, ticks what is missing and accepts. Proposed themes kept are coded as machine-proposed, person-accepted;
 * themes the analyst added are their own codes; nothing ticked marks the answer read with no theme.
 */
export function ProposedAnswerCard({
  runId,
  questionId,
  answer,
  themes,
  onDone,
  onError,
}: {
  runId: number;
  questionId: string;
  answer: ProposedAnswer;
  themes: ProposalRunView['themes'];
  onDone: (message: string) => void;
  onError: (message: string) => void;
}) {
  const proposed = new Map(answer.proposals.map((p) => [p.themeId, p.confidence]));
  const [ticked, setTicked] = useState<Set<string>>(() => new Set(proposed.keys()));
  const [busy, setBusy] = useState(false);
  // Proposed themes first (best first), then the others.
  const order = [
    ...answer.proposals.map((p) => p.themeId),
    ...themes.map((t) => t.themeId).filter((id) => !proposed.has(id)),
  ].filter((id) => themes.some((t) => t.themeId === id));
  const name = (id: string) => themes.find((t) => t.themeId === id)?.name ?? id;
  const base = `proposed-${answer.responseId}`;

  async function accept() {
    setBusy(true);
    const themeIds = order.filter((id) => ticked.has(id));
    const r = await call('analysis.acceptProposal', { runId, questionId, responseId: answer.responseId, themeIds });
    setBusy(false);
    if (!r.ok) return onError(r.error.message);
    onDone(
      themeIds.length
        ? `Response ${answer.responseId} coded with ${themeIds.map((t) => `“${name(t)}”`).join(', ')}.`
        : `Response ${answer.responseId} marked as read with no theme.`,
    );
  }

  return (
    <div className="app-analysis-card" role="group" aria-labelledby={`${base}-title`}>
      <p className="govuk-body-s app-muted govuk-!-margin-bottom-1" id={`${base}-title`}>
        Response {answer.responseId}
      </p>
      <p className="govuk-body app-analysis-answer">
        {answer.text.length > 600 ? `${answer.text.slice(0, 597)}…` : answer.text}
      </p>
      <fieldset className="govuk-fieldset">
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">
          Themes for response {answer.responseId}
        </legend>
        <div className="govuk-checkboxes govuk-checkboxes--small">
          {order.map((id) => (
            <div className="govuk-checkboxes__item" key={id}>
              <input
                className="govuk-checkboxes__input"
                id={`${base}-${id}`}
                type="checkbox"
                checked={ticked.has(id)}
                onChange={(e) => {
                  const next = new Set(ticked);
                  if (e.target.checked) next.add(id);
                  else next.delete(id);
                  setTicked(next);
                }}
              />
              <label className="govuk-label govuk-checkboxes__label" htmlFor={`${base}-${id}`}>
                {name(id)}
                {proposed.has(id) ? (
                  <span className="app-muted"> — proposed, {pc(proposed.get(id)!)} confident</span>
                ) : null}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
      <button
        type="button"
        className="govuk-button govuk-button--secondary govuk-!-margin-top-2 govuk-!-margin-bottom-0"
        disabled={busy}
        onClick={() => void accept()}
      >
        {ticked.size ? 'Accept' : 'Accept: no theme'}
        <span className="govuk-visually-hidden"> for response {answer.responseId}</span>
      </button>
    </div>
  );
}
