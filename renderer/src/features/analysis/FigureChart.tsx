import { useMemo } from 'react';
import { barChart, type BarDatum } from '#shared/analysis/charts';
import { Table, Row, Cell, RowHeader } from '../../components/Table';

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
export function FigureChart({
  id,
  title,
  measure,
  rows,
  firstColumn,
  baseText,
}: {
  id: string;
  title: string;
  measure: string;
  rows: FigureRow[];
  firstColumn: string;
  baseText: string;
}) {
  const data: BarDatum[] = useMemo(
    () =>
      rows.map((r) => ({
        label: r.label,
        value: r.count,
        valueText: fmt(r.count),
        percentText: r.percent === null ? null : `${r.percent}%`,
      })),
    [rows],
  );
  const chart = useMemo(() => barChart({ id, title, measure, data, width: 560 }), [id, title, measure, data]);
  return (
    <div className="app-analysis-figure">
      <figure className="app-analysis-figure__chart govuk-!-margin-0">
        {/* The SVG is built by our own code from escaped text; it carries its own title and description. */}
        <div className="app-analysis-chart" dangerouslySetInnerHTML={{ __html: chart.svg }} />
        <figcaption className="govuk-body-s govuk-!-margin-top-1">{title}</figcaption>
      </figure>
      <Table
        className="app-analysis-figure__table"
        caption={`${title} (${baseText})`}
        columns={[{ label: firstColumn }, { label: 'Number', numeric: true }, { label: 'Per cent', numeric: true }]}
      >
        {rows.map((r) => (
          <Row key={r.label}>
            <RowHeader>{r.label}</RowHeader>
            <Cell numeric>{fmt(r.count)}</Cell>
            <Cell numeric>{r.percent === null ? 'no data' : `${r.percent}%`}</Cell>
          </Row>
        ))}
      </Table>
    </div>
  );
}
