import type { HTMLAttributes, ReactNode, TableHTMLAttributes, TdHTMLAttributes } from 'react';
import { classes } from './classes';

/**
 * The GOV.UK table, in one place: a caption, a header row of scope="col" headers (numeric ones
 * right-aligned), and rows built from Row, Cell and RowHeader. Pages pass what differs; the
 * classes and scopes the accessibility checks rely on are written once, here.
 */
export interface Column {
  label: ReactNode;
  /** Right-aligned, for counts and percentages (govuk-table__header--numeric). */
  numeric?: boolean;
  /** A header that names the column for screen readers only (a column of buttons). */
  hidden?: boolean;
  className?: string;
}

interface TableProps extends Omit<TableHTMLAttributes<HTMLTableElement>, 'className' | 'children'> {
  caption: ReactNode;
  /** 's' and 'm' are GOV.UK caption sizes; 'hidden' keeps the caption for screen readers only. */
  captionSize?: 's' | 'm' | 'hidden';
  columns: Column[];
  /** Classes added to govuk-table. */
  className?: string;
  /** Attributes for the header row (a virtual list numbers its rows). */
  headRow?: HTMLAttributes<HTMLTableRowElement>;
  children: ReactNode;
}

const CAPTION_CLASS = {
  s: 'govuk-table__caption govuk-table__caption--s',
  m: 'govuk-table__caption govuk-table__caption--m',
  hidden: 'govuk-visually-hidden',
};

export function Table({ caption, captionSize = 's', columns, className, headRow, children, ...table }: TableProps) {
  return (
    <table className={classes('govuk-table', className)} {...table}>
      <caption className={CAPTION_CLASS[captionSize]}>{caption}</caption>
      <thead className="govuk-table__head">
        <tr className="govuk-table__row" {...headRow}>
          {columns.map((c, i) => (
            <th key={i} scope="col" className={headerClass(c)}>
              {c.hidden ? <span className="govuk-visually-hidden">{c.label}</span> : c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="govuk-table__body">{children}</tbody>
    </table>
  );
}

function headerClass(c: Column): string {
  return classes('govuk-table__header', c.numeric && 'govuk-table__header--numeric', c.className);
}

export function Row({ className, ...row }: HTMLAttributes<HTMLTableRowElement>) {
  return <tr className={classes('govuk-table__row', className)} {...row} />;
}

interface CellProps extends TdHTMLAttributes<HTMLTableCellElement> {
  numeric?: boolean;
}

export function Cell({ numeric, className, ...cell }: CellProps) {
  return <td className={classes('govuk-table__cell', numeric && 'govuk-table__cell--numeric', className)} {...cell} />;
}

/** The first cell of a row when it names the row (a theme, an option): a scope="row" header. */
export function RowHeader({ className, ...cell }: HTMLAttributes<HTMLTableCellElement>) {
  return <th scope="row" className={classes('govuk-table__header', className)} {...cell} />;
}
