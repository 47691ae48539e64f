import { useEffect, useRef } from 'react';

export interface FieldError {
  /** id of the field to move focus to; omitted for errors that are not about one field */
  field?: string;
  message: string;
  /** A button after the message that takes the user to where it is fixed ("Go to it"). */
  action?: { label: string; onClick: () => void };
}

/**
 * GOV.UK error summary: at the top of the page, focused when it appears, each error a link that
 * moves focus to its field. Links are handled in script so they do not disturb the hash route.
 */
export function ErrorSummary({
  errors,
  title = 'There is a problem',
  id = 'error-summary',
}: {
  errors: FieldError[];
  title?: string;
  /** Unique on the page: a summary inside a card (an export refused) beside the page's own. */
  id?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const key = errors.map((e) => e.message).join('|');
  useEffect(() => {
    if (errors.length) ref.current?.focus();
  }, [key, errors.length]);
  if (!errors.length) return null;
  return (
    <div className="govuk-error-summary" ref={ref} tabIndex={-1} role="alert" aria-labelledby={`${id}-title`}>
      <h2 className="govuk-error-summary__title" id={`${id}-title`}>
        {title}
      </h2>
      <div className="govuk-error-summary__body">
        <ul className="govuk-list govuk-error-summary__list">
          {errors.map((e, i) => (
            <li key={i}>
              {e.field ? (
                <a
                  href={`#${e.field}`}
                  onClick={(ev) => {
                    ev.preventDefault();
                    const el = document.getElementById(e.field!);
                    el?.focus();
                    el?.scrollIntoView({ block: 'center' });
                  }}
                >
                  {e.message}
                </a>
              ) : (
                e.message
              )}
              {e.action ? (
                <>
                  {' '}
                  <button type="button" className="app-link-button" onClick={e.action.onClick}>
                    {e.action.label}
                    <span className="govuk-visually-hidden">: {e.message}</span>
                  </button>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
