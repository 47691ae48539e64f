import { londonParts, MONTHS } from '../govuk-dates';

/**
 * Calendar dates as ISO strings (YYYY-MM-DD) and whole-day arithmetic on them. Calendar dates
 * have no time zone: an instant is turned into one with `londonDate`, as a clock in London reads it,
 * so BST never shifts a closing date by a day.
 */
export type IsoDate = string;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export interface YMD {
  year: number;
  month: number; // 1-12
  day: number;
}

/** The parts of a valid ISO date, or null (wrong shape, or a date such as 2027-02-30 that does not exist). */
export function parseIsoDate(s: unknown): YMD | null {
  if (typeof s !== 'string') return null;
  const m = ISO.exec(s);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return { year, month, day };
}

export function isoDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Days since 1 January 1970: subtracting two gives the number of calendar days between them. */
export function dayNumber(date: IsoDate): number {
  const p = parseIsoDate(date);
  if (!p) return NaN;
  return Date.UTC(p.year, p.month - 1, p.day) / DAY_MS;
}

export function fromDayNumber(n: number): IsoDate {
  const d = new Date(n * DAY_MS);
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: IsoDate): number {
  const n = dayNumber(date);
  // 1 January 1970 was a Thursday (4).
  return (((n + 4) % 7) + 7) % 7;
}

export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** The calendar date of an instant on a clock in London. */
export function londonDate(instant: Date): IsoDate {
  const p = londonParts(instant);
  return isoDate(p.year, p.month, p.day);
}

/** "4 June 2027" (GOV.UK style) for a calendar date; the input unchanged if it is not a valid date. */
export function formatIsoDate(date: IsoDate): string {
  const p = parseIsoDate(date);
  return p ? `${p.day} ${MONTHS[p.month - 1]} ${p.year}` : date;
}

/** "20 March to 5 April 2027", "28 December 2027 to 3 January 2028", "1 to 31 August 2027". */
export function formatIsoRange(start: IsoDate, end: IsoDate): string {
  const a = parseIsoDate(start);
  const b = parseIsoDate(end);
  if (!a || !b) return `${start} to ${end}`;
  if (start === end) return formatIsoDate(start);
  if (a.year !== b.year) return `${formatIsoDate(start)} to ${formatIsoDate(end)}`;
  if (a.month !== b.month) return `${a.day} ${MONTHS[a.month - 1]} to ${formatIsoDate(end)}`;
  return `${a.day} to ${formatIsoDate(end)}`;
}
