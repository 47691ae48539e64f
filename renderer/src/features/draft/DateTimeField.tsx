import { ErrorText } from '../../components/Fields';
import { DatePart, readDate, stillTyping, useTypedParts, wholeNumber, type DateParts } from './DateField';
import { londonParts, londonToInstant, formatDateTime } from '#shared/domain/govuk-dates';

/**
 * A date and time in UK time, stored as an instant. GOV.UK's date input (day, month, year as
 * numbers) and the time as hour and minute on the 24-hour clock: the browser's own date and time
 * pickers follow the computer's locale (an en-US browser shows 11:59 for 23:59, and month first),
 * which misleads on a UK consultation. The date is required for a value; the time defaults to
 * `defaultTime` (23:59 for closing dates: midnight is ambiguous). A date or time that does not
 * exist (31 February, 25:00) is shown as an error and nothing is saved until it is put right.
 */
interface Fields extends DateParts {
  hour: string;
  minute: string;
}
const EMPTY: Fields = { day: '', month: '', year: '', hour: '', minute: '' };
const pad = (n: number) => String(n).padStart(2, '0');

function toFields(v: string | null): Fields {
  if (!v) return EMPTY;
  const p = londonParts(new Date(v));
  return { day: String(p.day), month: String(p.month), year: String(p.year), hour: pad(p.hour), minute: pad(p.minute) };
}

/** The instant the fields say, or what is wrong with them (null: empty, so no date). */
export function readDateTime(
  f: Fields,
  defaultTime: string,
): { iso: string | null } | { error: string; field: keyof Fields } {
  const d = readDate(f);
  if ('error' in d || d.date === null) return 'error' in d ? d : { iso: null };
  const { year, month, day } = d.date;
  const [dh, dm] = defaultTime.split(':');
  const noTime = f.hour.trim() === '' && f.minute.trim() === '';
  const hour = noTime ? Number(dh) : wholeNumber(f.hour);
  const minute = noTime ? Number(dm) : f.minute.trim() === '' ? 0 : wholeNumber(f.minute);
  if (Number.isNaN(hour) || hour > 23) return { error: 'Enter the hour from 0 to 23 (24-hour clock)', field: 'hour' };
  if (Number.isNaN(minute) || minute > 59) return { error: 'Enter the minutes from 0 to 59', field: 'minute' };
  return { iso: londonToInstant(year, month, day, hour, minute).toISOString() };
}

export function DateTimeField({
  id,
  legend,
  hint,
  value,
  defaultTime,
  onChange,
}: {
  id: string;
  legend: string;
  hint?: string;
  value: string | null;
  defaultTime: string;
  onChange: (iso: string | null) => void;
}) {
  const [fields, setFields, error, setError] = useTypedParts<Fields, keyof Fields>(value, toFields);

  const change = (key: keyof Fields, v: string) => {
    const next = { ...fields, [key]: v };
    setFields(next);
    // Saved when the date is whole; while it is being typed (a day without a year yet) nothing is said.
    const r = readDateTime(next, defaultTime);
    if ('error' in r) return setError(stillTyping(next) && r.field !== 'hour' && r.field !== 'minute' ? null : r);
    setError(null);
    if (r.iso !== value) onChange(r.iso);
  };

  const part = (key: keyof Fields, label: string, width: number) => (
    <DatePart
      id={`${id}-${key}`}
      label={label}
      width={width}
      value={fields[key]}
      invalid={error?.field === key}
      onChange={(v) => change(key, v)}
    />
  );

  const describedBy = [`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <fieldset className="govuk-fieldset" role="group" aria-describedby={describedBy}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        <div id={`${id}-hint`} className="govuk-hint">
          {hint ? `${hint} ` : ''}UK time, 24-hour clock.
          {value && !error ? ` Shown in documents as “${formatDateTime(new Date(value))}”.` : ''}
        </div>
        <ErrorText id={id} error={error?.error} />
        <div className="govuk-date-input app-date-time">
          {part('day', 'Day', 2)}
          {part('month', 'Month', 2)}
          {part('year', 'Year', 4)}
          {part('hour', 'Hour', 2)}
          {part('minute', 'Minute', 2)}
        </div>
      </fieldset>
    </div>
  );
}
