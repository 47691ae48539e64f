import type { InputHTMLAttributes, ReactNode } from 'react';
import { classes } from './classes';

interface Props extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'className'> {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null | undefined;
  labelAsHeading?: boolean;
  widthClass?: string;
  mono?: boolean;
}

/** A GOV.UK text input with label, hint and inline error, wired with aria-describedby. */
export function TextField({ id, label, hint, error, labelAsHeading, widthClass, mono, ...input }: Props) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  const labelEl = (
    <label className={`govuk-label${labelAsHeading ? ' govuk-label--l' : ''}`} htmlFor={id}>
      {label}
    </label>
  );
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      {labelAsHeading ? <h1 className="govuk-label-wrapper">{labelEl}</h1> : labelEl}
      {hint ? (
        <div id={`${id}-hint`} className="govuk-hint">
          {hint}
        </div>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      <input
        id={id}
        name={id}
        className={classes('govuk-input', widthClass, error && 'govuk-input--error', mono && 'app-path')}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        {...input}
      />
    </div>
  );
}
