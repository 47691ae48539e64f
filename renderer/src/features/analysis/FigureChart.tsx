import { useMemo } from 'react';
import { barChart, type BarDatum } from '../../../../shared/analysis/charts';

export interface FigureRow {
  label: string;
  count: number;
  percent: number | null;
}

const fmt = (n: number) => n.toLocaleString('en-GB');

/**
 * A bar chart beside the same figures as a table: the chart is the SVG the Word documents use
 * (shared/analysis/charts: presentation attributes only, so the Content Security Policy's ban on
 * inline styles holds; title and description inside it), and the table carries every number, so
 * the chart is never the only way to read one.
 */
export function FigureChart({ id, title, measure, rows, firstColumn, baseText }: { id: string; title: string; measure: string; rows: FigureRow[]; firstColumn: string; baseText: string }) {
  const data: BarDatum[] = useMemo(() => rows.map((r) => ({ label: r.label, value: r.count, valueText: fmt(r.count), percentText: r.percent === null ? null : `${r.percent}%` })), [rows]);
  const chart = useMemo(() => barChart({ id, title, measure, data, width: 560 }), [id, title, measure, data]);
  return (
    <div className="app-analysis-figure">
      <figure className="app-analysis-figure__chart govuk-!-margin-0">
        {/* The SVG is built by our own code from escaped text; it carries its own title and description. */}
        <div className="app-analysis-chart" dangerouslySetInnerHTML={{ __html: chart.svg }} />
        <figcaption className="govuk-body-s govuk-!-margin-top-1">{title}</figcaption>
      </figure>
      <table className="govuk-table app-analysis-figure__table">
        <caption className="govuk-table__caption govuk-table__caption--s">
          {title} ({baseText})
        </caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              {firstColumn}
            </th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
              Number
            </th>
            <th scope="col" className="govuk-table__header govuk-table__header--numeric">
              Per cent
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {rows.map((r) => (
            <tr className="govuk-table__row" key={r.label}>
              <th scope="row" className="govuk-table__header">
                {r.label}
              </th>
              <td className="govuk-table__cell govuk-table__cell--numeric">{fmt(r.count)}</td>
              <td className="govuk-table__cell govuk-table__cell--numeric">{r.percent === null ? 'no data' : `${r.percent}%`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
