import { useEffect, useState } from 'react';
import { ErrorText } from '../../components/Fields';
import { formatDate } from '#shared/domain/govuk-dates';

/**
 * A calendar date (no time), stored as year-month-day: GOV.UK's date input, three numbers, not the
 * browser's date picker, which follows the computer's locale (an en-US browser reads 04/05 as 5 April's
 * opposite) and silently drops a date that does not exist. The shared parts (`readDate`, `DatePart`)
 * are also the day, month and year of `DateTimeField`.
 */
export interface DateParts {
  day: string;
  month: string;
  year: string;
}
export type DateError<K extends string = keyof DateParts> = { error: string; field: K };

const EMPTY: DateParts = { day: '', month: '', year: '' };
const pad = (n: number) => String(n).padStart(2, '0');
const blank = (s: string) => s.trim() === '';
/** A year-month-day date as GOV.UK writes it: 16 August 2027. */
export const writtenDate = (iso: string) => formatDate(new Date(`${iso}T12:00:00Z`));
export const wholeNumber = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : NaN);

/** The date the three numbers say, or what is wrong with them (null: all three empty). */
export function readDate(f: DateParts): { date: { year: number; month: number; day: number } | null } | DateError {
  if (blank(f.day) && blank(f.month) && blank(f.year)) return { date: null };
  const day = wholeNumber(f.day);
  const month = wholeNumber(f.month);
  const year = wholeNumber(f.year);
  if (Number.isNaN(day)) return { error: 'Enter the day as a number, for example 24', field: 'day' };
  if (Number.isNaN(month) || month < 1 || month > 12)
    return { error: 'Enter the month as a number from 1 to 12', field: 'month' };
  if (Number.isNaN(year) || year < 2000 || year > 2100)
    return { error: 'Enter the year as 4 numbers, for example 2027', field: 'year' };
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth)
    return { error: `There are ${daysInMonth} days in that month: enter a day from 1 to ${daysInMonth}`, field: 'day' };
  return { date: { year, month, day } };
}

/**
 * The parts typed into a date field and what is wrong with them. A value saved elsewhere (undo, another window)
 * replaces what is shown, unless the field is mid-edit (showing an error).
 */
export function useTypedParts<P, K extends string>(
  value: string | null,
  toShown: (v: string | null) => P,
): [P, (p: P) => void, DateError<K> | null, (e: DateError<K> | null) => void] {
  const [parts, setParts] = useState<P>(toShown(value));
  const [error, setError] = useState<DateError<K> | null>(null);
  useEffect(() => {
    if (!error) setParts(toShown(value));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  return [parts, setParts, error, setError];
}

/** While a date is still being typed (no year yet) its errors are not shown. */
export const stillTyping = (f: DateParts) => blank(f.day) || blank(f.month) || f.year.trim().length < 4;

export function DatePart({
  id,
  label,
  width,
  value,
  invalid,
  onChange,
}: {
  id: string;
  label: string;
  width: number;
  value: string;
  invalid: boolean;
  onChange: (v: string) => void;
}) {
  return (
    <div className="govuk-date-input__item">
      <div className="govuk-form-group">
        <label className="govuk-label govuk-date-input__label" htmlFor={id}>
          {label}
        </label>
        <input
          id={id}
          className={[
            'govuk-input govuk-date-input__input',
            `govuk-input--width-${width}`,
            invalid ? 'govuk-input--error' : '',
          ].join(' ')}
          inputMode="numeric"
          autoComplete="off"
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      </div>
    </div>
  );
}

const DATE_PARTS: [keyof DateParts, string, number][] = [
  ['day', 'Day', 2],
  ['month', 'Month', 2],
  ['year', 'Year', 4],
];

function toParts(v: string | null): DateParts {
  const m = v ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(v) : null;
  return m ? { day: String(Number(m[3])), month: String(Number(m[2])), year: m[1]! } : EMPTY;
}

export function DateField({
  id,
  legend,
  hint,
  value,
  required,
  check,
  showWritten = true,
  onChange,
}: {
  id: string;
  legend: string;
  hint?: string;
  /** Year-month-day, or null for no date. */
  value: string | null;
  /** Emptying it is an error rather than "no date". */
  required?: boolean;
  /** A further rule on a whole date (for example, not before another): the message, or null. */
  check?: (date: string) => string | null;
  /** Say under the legend how the date is written in documents (not for dates no document prints). */
  showWritten?: boolean;
  onChange: (date: string | null) => void;
}) {
  const written = showWritten && value ? `Shown in documents as “${writtenDate(value)}”.` : '';
  const [parts, setParts, error, setError] = useTypedParts<DateParts, keyof DateParts>(value, toParts);

  const change = (key: keyof DateParts, v: string) => {
    const next = { ...parts, [key]: v };
    setParts(next);
    const r = readDate(next);
    if ('error' in r) return setError(stillTyping(next) ? null : r);
    if (r.date === null && required) return setError({ error: `Enter the ${legend.toLowerCase()} date`, field: 'day' });
    const iso = r.date ? `${r.date.year}-${pad(r.date.month)}-${pad(r.date.day)}` : null;
    const rule = iso && check ? check(iso) : null;
    if (rule) return setError({ error: rule, field: 'day' });
    setError(null);
    if (iso !== value) onChange(iso);
  };

  const describedBy = [hint || written ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset className="govuk-fieldset" role="group" aria-describedby={describedBy || undefined}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        {hint || written ? (
          <div id={`${id}-hint`} className="govuk-hint">
            {hint ? `${hint} ` : ''}
            {error ? '' : written}
          </div>
        ) : null}
        <ErrorText id={id} error={error?.error} />
        <div className="govuk-date-input">
          {DATE_PARTS.map(([key, label, width]) => (
            <DatePart
              key={key}
              id={`${id}-${key}`}
              label={label}
              width={width}
              value={parts[key]}
              invalid={error?.field === key}
              onChange={(v) => change(key, v)}
            />
          ))}
        </div>
      </fieldset>
    </div>
  );
}
