import { useEffect, useState } from 'react';
import { londonParts, londonToInstant, formatDateTime } from '#shared/domain/govuk-dates';

/**
 * A date and time in UK time, stored as an instant. The date is required for a value; the time
 * defaults to `defaultTime` (11:59pm for closing dates: midnight is ambiguous).
 */
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
  const toFields = (v: string | null) => {
    if (!v) return { date: '', time: '' };
    const p = londonParts(new Date(v));
    const pad = (n: number) => String(n).padStart(2, '0');
    return { date: `${p.year}-${pad(p.month)}-${pad(p.day)}`, time: `${pad(p.hour)}:${pad(p.minute)}` };
  };
  const [fields, setFields] = useState(toFields(value));
  useEffect(() => setFields(toFields(value)), [value]);

  const commit = (date: string, time: string) => {
    setFields({ date, time });
    if (!date) return onChange(null);
    const [y, m, d] = date.split('-').map(Number);
    const [hh, mm] = (time || defaultTime).split(':').map(Number);
    if (!y || !m || !d || hh === undefined || mm === undefined || Number.isNaN(hh) || Number.isNaN(mm)) return;
    onChange(londonToInstant(y, m, d, hh, mm).toISOString());
  };

  return (
    <div className="govuk-form-group">
      <fieldset className="govuk-fieldset" role="group" aria-describedby={`${id}-hint`}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        <div id={`${id}-hint`} className="govuk-hint">
          {hint ? `${hint} ` : ''}UK time.{value ? ` Shown in documents as “${formatDateTime(new Date(value))}”.` : ''}
        </div>
        <div className="app-button-group-inline">
          <div>
            <label className="govuk-label" htmlFor={`${id}-date`}>
              Date
            </label>
            <input
              id={`${id}-date`}
              type="date"
              className="govuk-input govuk-input--width-10"
              value={fields.date}
              onChange={(e) => commit(e.target.value, fields.time)}
            />
          </div>
          <div>
            <label className="govuk-label" htmlFor={`${id}-time`}>
              Time
            </label>
            <input
              id={`${id}-time`}
              type="time"
              className="govuk-input govuk-input--width-5"
              value={fields.time}
              onChange={(e) => commit(fields.date, e.target.value)}
            />
          </div>
        </div>
      </fieldset>
    </div>
  );
}
