import type { Key, ReactNode } from 'react';
import { classes } from './classes';

/**
 * The GOV.UK summary list (a key, its value, and optionally an action such as "Change"), in one
 * place, so every page that shows facts about a thing marks them up the same way.
 */
export interface SummaryRow {
  key: ReactNode;
  value: ReactNode;
  actions?: ReactNode;
  /** React's key, where rows come from a list; the row's position otherwise. */
  id?: Key;
  keyClassName?: string;
  valueClassName?: string;
}

interface Props {
  rows: SummaryRow[];
  noBorder?: boolean;
  /** Classes added to govuk-summary-list. */
  className?: string;
}

export function SummaryList({ rows, noBorder, className }: Props) {
  return (
    <dl className={classes('govuk-summary-list', noBorder && 'govuk-summary-list--no-border', className)}>
      {rows.map((r, i) => (
        <div className="govuk-summary-list__row" key={r.id ?? i}>
          <dt className={classes('govuk-summary-list__key', r.keyClassName)}>{r.key}</dt>
          <dd className={classes('govuk-summary-list__value', r.valueClassName)}>{r.value}</dd>
          {r.actions ? <dd className="govuk-summary-list__actions">{r.actions}</dd> : null}
        </div>
      ))}
    </dl>
  );
}
