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
          <div className="app-button-group-inline govuk-!-margin-bottom-2" key={i}>
            <div>
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
            <div>
              <label className="govuk-label" htmlFor={`${id}-${i}-start`}>
                From
              </label>
              <input
                id={`${id}-${i}-start`}
                type="date"
                className="govuk-input govuk-input--width-10"
                value={p.start}
                onChange={(e) => e.target.value && set(i, { start: e.target.value })}
              />
            </div>
            <div>
              <label className="govuk-label" htmlFor={`${id}-${i}-end`}>
                To
              </label>
              <input
                id={`${id}-${i}-end`}
                type="date"
                className="govuk-input govuk-input--width-10"
                value={p.end}
                onChange={(e) => e.target.value && set(i, { end: e.target.value })}
              />
            </div>
            <button
              type="button"
              className="app-link-button"
              onClick={() => onChange(periods.filter((_, j) => j !== i))}
            >
              Remove<span className="govuk-visually-hidden"> {p.label || `period ${i + 1}`}</span>
            </button>
          </div>
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
