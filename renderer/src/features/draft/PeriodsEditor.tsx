import { DateField } from './DateField';
import type { Period } from '#shared/domain/draft/model';

/** A list of named date ranges (election periods, holidays), editable row by row. */
export function PeriodsEditor({
  id,
  legend,
  hint,
  periods,
  onChange,
}: {
  id: string;
  legend: string;
  hint: string;
  periods: Period[];
  onChange: (p: Period[]) => void;
}) {
  const set = (i: number, patch: Partial<Period>) =>
    onChange(periods.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  return (
    <div className="govuk-form-group">
      <fieldset className="govuk-fieldset" aria-describedby={`${id}-hint`}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        <div id={`${id}-hint`} className="govuk-hint">
          {hint}
        </div>
        {periods.map((p, i) => (
          <fieldset className="govuk-fieldset app-period" key={i}>
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Period {i + 1}</legend>
            <div className="govuk-form-group govuk-!-margin-bottom-2">
              <label className="govuk-label" htmlFor={`${id}-${i}-label`}>
                Name
              </label>
              <input
                id={`${id}-${i}-label`}
                className="govuk-input govuk-input--width-20"
                value={p.label}
                onChange={(e) => set(i, { label: e.target.value })}
              />
            </div>
            <div className="app-period__dates">
              <DateField
                id={`${id}-${i}-start`}
                legend="From"
                value={p.start}
                required
                showWritten={false}
                onChange={(d) => d && set(i, { start: d, end: d > p.end ? d : p.end })}
              />
              <DateField
                id={`${id}-${i}-end`}
                legend="To"
                value={p.end}
                required
                showWritten={false}
                check={(d) => (d < p.start ? 'The end date must be the same as or after the start date' : null)}
                onChange={(d) => d && set(i, { end: d })}
              />
            </div>
            <button
              type="button"
              className="app-link-button govuk-!-margin-bottom-3"
              onClick={() => onChange(periods.filter((_, j) => j !== i))}
            >
              Remove<span className="govuk-visually-hidden"> {p.label || `period ${i + 1}`}</span>
            </button>
          </fieldset>
        ))}
        <button
          type="button"
          id={`${id}-add`}
          className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
          onClick={() => {
            const today = new Date().toISOString().slice(0, 10);
            onChange([...periods, { label: '', start: today, end: today }]);
          }}
        >
          Add a period
        </button>
      </fieldset>
    </div>
  );
}
