import { easterSunday } from './easter';
import { addDays, isoDate, parseIsoDate, weekday, type IsoDate } from './iso-date';

/**
 * England and Wales bank holidays. The built-in list covers 2024 to 2030: 2024 to 2026 as
 * published on GOV.UK, 2027 to 2030 from the usual rules (one-off holidays, such as a coronation,
 * are announced later: the team can edit the list in the draft's checker settings, which then
 * replaces this one). Outside those years the same rules are applied, with the same caveat.
 */
export interface BankHoliday {
  date: IsoDate;
  name: string;
}

export const BANK_HOLIDAY_YEARS = { first: 2024, last: 2030 } as const;

export const ENGLAND_AND_WALES_BANK_HOLIDAYS: readonly BankHoliday[] = [
  { date: '2024-01-01', name: 'New Year’s Day' },
  { date: '2024-03-29', name: 'Good Friday' },
  { date: '2024-04-01', name: 'Easter Monday' },
  { date: '2024-05-06', name: 'Early May bank holiday' },
  { date: '2024-05-27', name: 'Spring bank holiday' },
  { date: '2024-08-26', name: 'Summer bank holiday' },
  { date: '2024-12-25', name: 'Christmas Day' },
  { date: '2024-12-26', name: 'Boxing Day' },
  { date: '2025-01-01', name: 'New Year’s Day' },
  { date: '2025-04-18', name: 'Good Friday' },
  { date: '2025-04-21', name: 'Easter Monday' },
  { date: '2025-05-05', name: 'Early May bank holiday' },
  { date: '2025-05-26', name: 'Spring bank holiday' },
  { date: '2025-08-25', name: 'Summer bank holiday' },
  { date: '2025-12-25', name: 'Christmas Day' },
  { date: '2025-12-26', name: 'Boxing Day' },
  { date: '2026-01-01', name: 'New Year’s Day' },
  { date: '2026-04-03', name: 'Good Friday' },
  { date: '2026-04-06', name: 'Easter Monday' },
  { date: '2026-05-04', name: 'Early May bank holiday' },
  { date: '2026-05-25', name: 'Spring bank holiday' },
  { date: '2026-08-31', name: 'Summer bank holiday' },
  { date: '2026-12-25', name: 'Christmas Day' },
  { date: '2026-12-28', name: 'Boxing Day (substitute day)' },
  { date: '2027-01-01', name: 'New Year’s Day' },
  { date: '2027-03-26', name: 'Good Friday' },
  { date: '2027-03-29', name: 'Easter Monday' },
  { date: '2027-05-03', name: 'Early May bank holiday' },
  { date: '2027-05-31', name: 'Spring bank holiday' },
  { date: '2027-08-30', name: 'Summer bank holiday' },
  { date: '2027-12-27', name: 'Christmas Day (substitute day)' },
  { date: '2027-12-28', name: 'Boxing Day (substitute day)' },
  { date: '2028-01-03', name: 'New Year’s Day (substitute day)' },
  { date: '2028-04-14', name: 'Good Friday' },
  { date: '2028-04-17', name: 'Easter Monday' },
  { date: '2028-05-01', name: 'Early May bank holiday' },
  { date: '2028-05-29', name: 'Spring bank holiday' },
  { date: '2028-08-28', name: 'Summer bank holiday' },
  { date: '2028-12-25', name: 'Christmas Day' },
  { date: '2028-12-26', name: 'Boxing Day' },
  { date: '2029-01-01', name: 'New Year’s Day' },
  { date: '2029-03-30', name: 'Good Friday' },
  { date: '2029-04-02', name: 'Easter Monday' },
  { date: '2029-05-07', name: 'Early May bank holiday' },
  { date: '2029-05-28', name: 'Spring bank holiday' },
  { date: '2029-08-27', name: 'Summer bank holiday' },
  { date: '2029-12-25', name: 'Christmas Day' },
  { date: '2029-12-26', name: 'Boxing Day' },
  { date: '2030-01-01', name: 'New Year’s Day' },
  { date: '2030-04-19', name: 'Good Friday' },
  { date: '2030-04-22', name: 'Easter Monday' },
  { date: '2030-05-06', name: 'Early May bank holiday' },
  { date: '2030-05-27', name: 'Spring bank holiday' },
  { date: '2030-08-26', name: 'Summer bank holiday' },
  { date: '2030-12-25', name: 'Christmas Day' },
  { date: '2030-12-26', name: 'Boxing Day' },
];

const SAT = 6;
const SUN = 0;

/** The first Monday on or after a date. */
function mondayOnOrAfter(date: IsoDate): IsoDate {
  const wd = weekday(date);
  return addDays(date, (8 - wd) % 7);
}

/** The last Monday on or before a date. */
function mondayOnOrBefore(date: IsoDate): IsoDate {
  const wd = weekday(date);
  return addDays(date, -((wd + 6) % 7));
}

/**
 * The regular England and Wales bank holidays of a year by rule (Banking and Financial Dealings
 * Act 1971 and the usual proclamations): New Year's Day, Good Friday, Easter Monday, the first and
 * last Mondays of May, the last Monday of August, Christmas Day and Boxing Day, with substitute
 * weekdays when they fall at a weekend. No one-off holidays.
 */
export function ruleBasedBankHolidays(year: number): BankHoliday[] {
  const out: BankHoliday[] = [];
  const ny = isoDate(year, 1, 1);
  const nyWd = weekday(ny);
  out.push(
    nyWd === SAT || nyWd === SUN
      ? { date: mondayOnOrAfter(ny), name: 'New Year’s Day (substitute day)' }
      : { date: ny, name: 'New Year’s Day' },
  );
  const easter = easterSunday(year);
  out.push({ date: addDays(easter, -2), name: 'Good Friday' }, { date: addDays(easter, 1), name: 'Easter Monday' });
  out.push({ date: mondayOnOrAfter(isoDate(year, 5, 1)), name: 'Early May bank holiday' });
  out.push({ date: mondayOnOrBefore(isoDate(year, 5, 31)), name: 'Spring bank holiday' });
  out.push({ date: mondayOnOrBefore(isoDate(year, 8, 31)), name: 'Summer bank holiday' });
  const xmas = isoDate(year, 12, 25);
  const xWd = weekday(xmas);
  if (xWd === SAT) {
    // Christmas on Saturday, Boxing Day on Sunday: both move to Monday and Tuesday.
    out.push(
      { date: addDays(xmas, 2), name: 'Christmas Day (substitute day)' },
      { date: addDays(xmas, 3), name: 'Boxing Day (substitute day)' },
    );
  } else if (xWd === SUN) {
    // Christmas on Sunday: Boxing Day stays on Monday, Christmas moves to Tuesday.
    out.push(
      { date: addDays(xmas, 1), name: 'Boxing Day' },
      { date: addDays(xmas, 2), name: 'Christmas Day (substitute day)' },
    );
  } else if (xWd === 5) {
    // Christmas on Friday, Boxing Day on Saturday: Boxing Day moves to Monday.
    out.push({ date: xmas, name: 'Christmas Day' }, { date: addDays(xmas, 3), name: 'Boxing Day (substitute day)' });
  } else {
    out.push({ date: xmas, name: 'Christmas Day' }, { date: addDays(xmas, 1), name: 'Boxing Day' });
  }
  return out;
}

/**
 * Bank holidays for the given years: the team's own list when it is set (names unknown, so each is
 * "a bank holiday"), otherwise the built-in list, falling back to the rules outside 2024 to 2030.
 */
export function bankHolidaysFor(
  years: Iterable<number>,
  override: readonly string[] | null | undefined,
): Map<IsoDate, string> {
  const out = new Map<IsoDate, string>();
  if (override) {
    for (const d of override) if (parseIsoDate(d)) out.set(d, 'a bank holiday');
    return out;
  }
  for (const y of years) {
    const list =
      y >= BANK_HOLIDAY_YEARS.first && y <= BANK_HOLIDAY_YEARS.last
        ? ENGLAND_AND_WALES_BANK_HOLIDAYS.filter((h) => h.date.startsWith(`${y}-`))
        : ruleBasedBankHolidays(y);
    for (const h of list) out.set(h.date, h.name);
  }
  return out;
}
