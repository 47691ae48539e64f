import type { ReactNode, TextareaHTMLAttributes } from 'react';

/** GOV.UK form controls: label, hint, inline error, wired with aria-describedby. */
function describedBy(id: string, hint?: ReactNode, error?: string | null) {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
}

function Hint({ id, hint }: { id: string; hint?: ReactNode }) {
  return hint ? (
    <div id={`${id}-hint`} className="govuk-hint">
      {hint}
    </div>
  ) : null;
}

/** GOV.UK's error message for the field `id` (its id `${id}-error`, for aria-describedby). */
export function ErrorText({ id, error }: { id: string; error?: string | null | undefined }) {
  return error ? (
    <p id={`${id}-error`} className="govuk-error-message">
      <span className="govuk-visually-hidden">Error:</span> {error}
    </p>
  ) : null;
}

/** A message that an action failed, announced as it appears (role alert): for panels' actions, not a form field. */
export function ErrorAlert({ message }: { message?: string | null | undefined }) {
  return message ? (
    <p className="govuk-error-message" role="alert">
      <span className="govuk-visually-hidden">Error:</span> {message}
    </p>
  ) : null;
}

interface TextAreaProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'className'> {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null | undefined;
}

export function TextArea({ id, label, hint, error, rows = 4, ...rest }: TextAreaProps) {
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label className="govuk-label" htmlFor={id}>
        {label}
      </label>
      <Hint id={id} hint={hint} />
      <ErrorText id={id} error={error} />
      <textarea
        id={id}
        name={id}
        rows={rows}
        className={`govuk-textarea${error ? ' govuk-textarea--error' : ''}`}
        aria-describedby={describedBy(id, hint, error)}
        {...rest}
      />
    </div>
  );
}

export function SelectField({
  id,
  label,
  hint,
  value,
  options,
  onChange,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  value: string;
  options: { value: string; label: string }[];
  onChange: (v: string) => void;
}) {
  return (
    <div className="govuk-form-group">
      <label className="govuk-label" htmlFor={id}>
        {label}
      </label>
      <Hint id={id} hint={hint} />
      <select
        id={id}
        name={id}
        className="govuk-select"
        value={value}
        aria-describedby={describedBy(id, hint)}
        onChange={(e) => onChange(e.target.value)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function CheckboxField({
  id,
  label,
  hint,
  checked,
  onChange,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  checked: boolean;
  onChange: (v: boolean) => void;
}) {
  return (
    <div className="govuk-checkboxes govuk-checkboxes--small govuk-!-margin-bottom-4">
      <div className="govuk-checkboxes__item">
        <input
          className="govuk-checkboxes__input"
          id={id}
          name={id}
          type="checkbox"
          checked={checked}
          aria-describedby={hint ? `${id}-hint` : undefined}
          onChange={(e) => onChange(e.target.checked)}
        />
        <label className="govuk-label govuk-checkboxes__label" htmlFor={id}>
          {label}
        </label>
        {hint ? (
          <div id={`${id}-hint`} className="govuk-hint govuk-checkboxes__hint">
            {hint}
          </div>
        ) : null}
      </div>
    </div>
  );
}

export function RadiosField({
  name,
  legend,
  hint,
  value,
  options,
  onChange,
  small,
}: {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  value: string;
  options: { value: string; label: string; hint?: string }[];
  onChange: (v: string) => void;
  small?: boolean;
}) {
  return (
    <div className="govuk-form-group">
      <fieldset className="govuk-fieldset" aria-describedby={hint ? `${name}-hint` : undefined}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        <Hint id={name} hint={hint} />
        <div className={`govuk-radios${small ? ' govuk-radios--small' : ''}`}>
          {options.map((o) => (
            <div className="govuk-radios__item" key={o.value}>
              <input
                className="govuk-radios__input"
                id={`${name}-${o.value}`}
                name={name}
                type="radio"
                value={o.value}
                checked={value === o.value}
                aria-describedby={o.hint ? `${name}-${o.value}-hint` : undefined}
                onChange={() => onChange(o.value)}
              />
              <label className="govuk-label govuk-radios__label" htmlFor={`${name}-${o.value}`}>
                {o.label}
              </label>
              {o.hint ? (
                <div id={`${name}-${o.value}-hint`} className="govuk-hint govuk-radios__hint">
                  {o.hint}
                </div>
              ) : null}
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}
