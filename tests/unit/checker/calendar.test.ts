import { describe, expect, it } from 'vitest';
import {
  addDays,
  bankHolidaysFor,
  dayNumber,
  defaultHolidayPeriods,
  easterSunday,
  ENGLAND_AND_WALES_BANK_HOLIDAYS,
  formatIsoRange,
  londonDate,
  parseIsoDate,
  ruleBasedBankHolidays,
  weekday,
} from '#shared/domain/calendar/index';

describe('calendar', () => {
  it('Easter Sunday for known years', () => {
    // Published dates of Easter Sunday.
    expect([2024, 2025, 2026, 2027, 2028, 2029, 2030, 2038, 2285].map(easterSunday)).toEqual([
      '2024-03-31',
      '2025-04-20',
      '2026-04-05',
      '2027-03-28',
      '2028-04-16',
      '2029-04-01',
      '2030-04-21',
      '2038-04-25',
      '2285-03-22',
    ]);
  });

  it('the built-in list has the bank holidays published on GOV.UK for 2024 to 2026', () => {
    const published = [
      '2024-01-01',
      '2024-03-29',
      '2024-04-01',
      '2024-05-06',
      '2024-05-27',
      '2024-08-26',
      '2024-12-25',
      '2024-12-26',
      '2025-01-01',
      '2025-04-18',
      '2025-04-21',
      '2025-05-05',
      '2025-05-26',
      '2025-08-25',
      '2025-12-25',
      '2025-12-26',
      '2026-01-01',
      '2026-04-03',
      '2026-04-06',
      '2026-05-04',
      '2026-05-25',
      '2026-08-31',
      '2026-12-25',
      '2026-12-28',
    ];
    expect(ENGLAND_AND_WALES_BANK_HOLIDAYS.filter((h) => h.date < '2027').map((h) => h.date)).toEqual(published);
  });

  it('the built-in list agrees with the rules for every year 2024 to 2030, 8 a year, all weekdays', () => {
    for (let y = 2024; y <= 2030; y++) {
      const listed = ENGLAND_AND_WALES_BANK_HOLIDAYS.filter((h) => h.date.startsWith(`${y}-`)).map((h) => h.date);
      expect(listed, String(y)).toEqual(
        ruleBasedBankHolidays(y)
          .map((h) => h.date)
          .sort(),
      );
      expect(listed).toHaveLength(8);
      for (const d of listed) expect([0, 6]).not.toContain(weekday(d));
    }
  });

  it('substitute days: Christmas on Saturday 2027, New Year on Saturday 2028, Christmas on Sunday 2022', () => {
    expect(
      ruleBasedBankHolidays(2027)
        .slice(-2)
        .map((h) => h.date),
    ).toEqual(['2027-12-27', '2027-12-28']);
    expect(ruleBasedBankHolidays(2028)[0]!.date).toBe('2028-01-03');
    expect(
      ruleBasedBankHolidays(2022)
        .slice(-2)
        .map((h) => h.date),
    ).toEqual(['2022-12-26', '2022-12-27']);
  });

  it('bankHolidaysFor uses the team’s list when set, the rules outside 2024 to 2030', () => {
    expect([...bankHolidaysFor([2027], ['2027-05-24', 'nonsense']).keys()]).toEqual(['2027-05-24']);
    expect(bankHolidaysFor([2031], null).get('2031-05-26')).toBe('Spring bank holiday');
    expect(bankHolidaysFor([2027], null).get('2027-05-31')).toBe('Spring bank holiday');
  });

  it('default holiday periods: Easter, August and Christmas around the years', () => {
    const p = defaultHolidayPeriods(2027, 2027);
    expect(p.map((x) => `${x.label} ${x.start} ${x.end}`)).toEqual([
      'Christmas and New Year 2026-12-20 2027-01-03',
      'Easter 2027-03-19 2027-04-05',
      'August 2027-08-01 2027-08-31',
      'Christmas and New Year 2027-12-20 2028-01-03',
    ]);
    expect(defaultHolidayPeriods(2027, 99999).length).toBeLessThan(100);
  });

  it('dates: validity, day arithmetic across leap years, weekdays, London dates in BST', () => {
    expect(parseIsoDate('2027-02-29')).toBeNull();
    expect(parseIsoDate('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 });
    expect(parseIsoDate('27-02-01')).toBeNull();
    expect(addDays('2028-02-28', 2)).toBe('2028-03-01');
    expect(dayNumber('2027-05-24') - dayNumber('2027-03-01')).toBe(84);
    expect(weekday('2027-05-24')).toBe(1);
    // 11:30pm on 24 May in London is 22:30 UTC: still 24 May.
    expect(londonDate(new Date('2027-05-24T22:30:00Z'))).toBe('2027-05-24');
    expect(londonDate(new Date('2027-05-24T23:30:00Z'))).toBe('2027-05-25');
    expect(formatIsoRange('2027-03-19', '2027-04-05')).toBe('19 March to 5 April 2027');
    expect(formatIsoRange('2027-12-20', '2028-01-03')).toBe('20 December 2027 to 3 January 2028');
    expect(formatIsoRange('2027-08-01', '2027-08-31')).toBe('1 to 31 August 2027');
  });
});
