import { easterSunday } from './easter';
import { addDays, isoDate, type IsoDate } from './iso-date';

/**
 * The holiday periods the Consultation Principles ask teams to avoid or mitigate (the Lords
 * committee's 2013 list: Christmas, Easter and August). Exact bounds are our best understanding
 * of when people are away (roughly the school holidays) and are a default the team can replace
 * with its own list in the draft (metadata.holidayPeriods).
 */
export interface HolidayPeriod {
  label: string;
  start: IsoDate;
  end: IsoDate;
}

/** Christmas and New Year: 20 December to 3 January, about the school holiday. */
export function christmasPeriod(year: number): HolidayPeriod {
  return { label: 'Christmas and New Year', start: isoDate(year, 12, 20), end: isoDate(year + 1, 1, 3) };
}

/** Easter: the week before Good Friday to the week after Easter Monday (about the school holiday). */
export function easterPeriod(year: number): HolidayPeriod {
  const easter = easterSunday(year);
  return { label: 'Easter', start: addDays(easter, -9), end: addDays(easter, 8) };
}

export function augustPeriod(year: number): HolidayPeriod {
  return { label: 'August', start: isoDate(year, 8, 1), end: isoDate(year, 8, 31) };
}

/** The default holiday periods touching the years from `firstYear` to `lastYear`, in date order. */
export function defaultHolidayPeriods(firstYear: number, lastYear: number): HolidayPeriod[] {
  const out: HolidayPeriod[] = [];
  // Limit the span: a typo such as year 20270 must not build millions of periods.
  const last = Math.min(lastYear, firstYear + 20);
  for (let y = firstYear - 1; y <= last; y++) {
    if (y >= firstYear) out.push(easterPeriod(y), augustPeriod(y));
    out.push(christmasPeriod(y));
  }
  return out.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}
