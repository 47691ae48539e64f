import {
  addDays,
  bankHolidaysFor,
  dayNumber,
  defaultHolidayPeriods,
  formatIsoDate,
  formatIsoRange,
  londonDate,
  parseIsoDate,
  weekday,
  WEEKDAY_NAMES,
  type IsoDate,
} from '../../domain/calendar';
import { formatDateTime, londonParts } from '../../domain/govuk-dates';
import type { CheckContext } from '../context';
import type { RuleModule } from '../rule-module';

/**
 * The timing engine (consultation-standard.md §1.4): opening and closing order, duration
 * thresholds, holiday overlap, closing on a weekend or bank holiday, election periods, the
 * response paper's due date and an ambiguous midnight close. Dates are compared as calendar days
 * on a London clock, so a 9am opening and an 11:59pm closing 84 days later is exactly 12 weeks.
 */
const WEEK = 7;
const RESPONSE_DAYS = 84;

function weeksText(days: number): string {
  const w = Math.floor(days / WEEK);
  const d = days % WEEK;
  const ws = w === 1 ? '1 week' : `${w} weeks`;
  const ds = d === 1 ? '1 day' : `${d} days`;
  if (!w) return ds;
  return d ? `${ws} and ${ds}` : ws;
}

function instant(s: string | null): Date | null {
  if (!s) return null;
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : new Date(t);
}

interface Dates {
  opens: Date | null;
  closes: Date | null;
  openDay: IsoDate | null;
  closeDay: IsoDate | null;
}

function dates(ctx: CheckContext): Dates {
  const opens = instant(ctx.draft.metadata.opensAt);
  const closes = instant(ctx.draft.metadata.closesAt);
  const day = (x: Date | null) => {
    if (!x) return null;
    const iso = londonDate(x);
    // Years outside 0000-9999 (a typo) have no calendar checks.
    return parseIsoDate(iso) ? iso : null;
  };
  return { opens, closes, openDay: day(opens), closeDay: day(closes) };
}

function checkOrderAndDuration(ctx: CheckContext, d: Dates): void {
  const m = ctx.draft.metadata;
  if (!d.opens || !d.closes || !d.openDay || !d.closeDay) return;
  if (d.closes.getTime() <= d.opens.getTime()) {
    ctx.report({
      ruleId: 'R-TM1',
      title: 'Closes before it opens',
      message:
        `The consultation closes at ${formatDateTime(d.closes)}, which is not after it opens ` +
        `at ${formatDateTime(d.opens)}. Check both dates.`,
      location: { kind: 'metadata', field: 'closesAt' },
    });
    return;
  }
  const days = dayNumber(d.closeDay) - dayNumber(d.openDay);
  if (days >= 12 * WEEK) return;
  const justified = m.durationJustification.trim();
  const runs =
    `The consultation runs for ${weeksText(days)}, from ${formatIsoDate(d.openDay)} ` +
    `to ${formatIsoDate(d.closeDay)}.`;
  const loc = { kind: 'metadata' as const, field: 'durationJustification' };
  if (days < 2 * WEEK) {
    ctx.report({
      ruleId: 'R-TM2',
      title: 'Shorter than 2 weeks',
      message: `${runs} That is shorter than the 2-week minimum of the 2012 Consultation Principles. ${
        justified
          ? 'You have recorded why; make sure it is also explained in the executive summary, and consider a ' +
            'longer period.'
          : 'Make it longer, or record why it has to be this short and say so in the executive summary.'
      }`,
      location: loc,
      fingerprint: 'under-2',
    });
  } else if (days < 6 * WEEK) {
    ctx.report({
      ruleId: 'R-TM2',
      title: 'Shorter than 6 weeks',
      message: `${runs} The Lords committee asked for at least 6 weeks. ${
        justified
          ? 'You have recorded why, so this is advice only: explain the reason in the executive summary too.'
          : 'Make it longer, or record why it is this short and explain it in the executive summary.'
      }`,
      location: loc,
      severity: justified ? 'advice' : 'warning',
      fingerprint: 'under-6',
    });
  } else if (!justified) {
    ctx.report({
      ruleId: 'R-TM2',
      title: 'Shorter than 12 weeks',
      message:
        `${runs} Consultations have traditionally run for 12 weeks. Record why this one is shorter, and explain ` +
        `it in the executive summary.`,
      location: loc,
      severity: 'advice',
      fingerprint: 'under-12',
    });
  }
}

function checkPeriodsValid(ctx: CheckContext): void {
  const m = ctx.draft.metadata;
  const lists: [string, string, { label: string; start: string; end: string }[]][] = [
    ['holidayPeriods', 'Holiday period', m.holidayPeriods ?? []],
    ['electionPeriods', 'Election period', m.electionPeriods],
  ];
  for (const [field, what, periods] of lists) {
    for (const p of periods) {
      const name = p.label.trim() ? `“${p.label.trim()}”` : 'without a name';
      let problem = '';
      if (!parseIsoDate(p.start) || !parseIsoDate(p.end)) problem = 'does not have a valid start and end date';
      else if (p.end < p.start) problem = `ends (${formatIsoDate(p.end)}) before it starts (${formatIsoDate(p.start)})`;
      if (problem)
        ctx.report({
          ruleId: 'R-TM8',
          title: `${what} dates not valid`,
          message: `${what} ${name} ${problem}, so the checker cannot use it. Correct its dates.`,
          location: { kind: 'metadata', field },
          fingerprint: `${p.label}|${p.start}|${p.end}`,
        });
    }
  }
  for (const b of m.bankHolidays ?? []) {
    if (!parseIsoDate(b))
      ctx.report({
        ruleId: 'R-TM8',
        title: 'Bank holiday date not valid',
        message: `“${b}” in your bank holiday list is not a date (YYYY-MM-DD), so the checker ignores it. Correct it.`,
        location: { kind: 'metadata', field: 'bankHolidays' },
        fingerprint: b,
      });
  }
}

function checkHolidays(ctx: CheckContext, d: Dates): void {
  if (!d.openDay || !d.closeDay || d.closeDay < d.openDay) return;
  const m = ctx.draft.metadata;
  const open = d.openDay;
  const close = d.closeDay;
  const y1 = parseIsoDate(open)?.year;
  const y2 = parseIsoDate(close)?.year;
  if (y1 === undefined || y2 === undefined) return;
  const periods = (m.holidayPeriods ?? defaultHolidayPeriods(y1, y2)).filter(
    (p) => parseIsoDate(p.start) && parseIsoDate(p.end) && p.end >= p.start,
  );
  const days = dayNumber(close) - dayNumber(open);
  const alreadyLonger = days >= 14 * WEEK;
  for (const p of periods) {
    if (p.start > close || p.end < open) continue;
    const label = p.label.trim() || 'a holiday period';
    const range = formatIsoRange(p.start, p.end);
    const closesInside = close >= p.start && close <= p.end;
    const title = closesInside ? `Closing date in the ${label} holiday` : `Runs through the ${label} holiday`;
    const what = closesInside
      ? `The consultation closes on ${formatIsoDate(close)}, in the ${label} holiday (${range}).`
      : `The consultation is open during the ${label} holiday (${range}).`;
    const fix = alreadyLonger
      ? 'It already runs for more than 14 weeks, which allows for this; say how you will reach people who are away.'
      : 'Consider adding about 2 weeks, or say how you will reach people who are away.';
    ctx.report({
      ruleId: 'R-TM3',
      title,
      message: `${what} ${fix}`,
      location: { kind: 'metadata', field: 'closesAt' },
      severity: alreadyLonger ? 'advice' : 'warning',
      fingerprint: `${p.label}|${p.start}`,
    });
  }
}

function checkClosingDay(ctx: CheckContext, d: Dates): void {
  if (!d.closes || !d.closeDay) return;
  const m = ctx.draft.metadata;
  const year = parseIsoDate(d.closeDay)?.year;
  if (year === undefined) return;
  const wd = weekday(d.closeDay);
  const bank = bankHolidaysFor([year], m.bankHolidays).get(d.closeDay);
  const day = formatIsoDate(d.closeDay);
  if (bank) {
    ctx.report({
      ruleId: 'R-TM4',
      title: 'Closes on a bank holiday',
      message:
        `The consultation closes ` +
        `on ${WEEKDAY_NAMES[wd]} ${day}, ` +
        `${bank === 'a bank holiday' ? 'a bank holiday' : `${bank}, a bank holiday`}. ` +
        `People may expect to send responses on the next working day and nobody will be there to help. Close on a ` +
        `working day.`,
      location: { kind: 'metadata', field: 'closesAt' },
    });
  } else if (wd === 0 || wd === 6) {
    ctx.report({
      ruleId: 'R-TM4',
      title: `Closes on a ${WEEKDAY_NAMES[wd]}`,
      message:
        `The consultation closes on ${WEEKDAY_NAMES[wd]} ${day}. Nobody will be there to answer questions on the ` +
        `last day. Close on a working day.`,
      location: { kind: 'metadata', field: 'closesAt' },
    });
  }
  const p = londonParts(d.closes);
  if (p.hour === 0 && p.minute === 0)
    ctx.report({
      ruleId: 'R-D2',
      title: 'Closes at midnight',
      message:
        `The consultation closes at midnight at the start of ${day}: people may read “midnight on ${day}” as the ` +
        `end of that day. Close at 11:59pm on ${formatIsoDate(addDays(d.closeDay, -1))} instead.`,
      location: { kind: 'metadata', field: 'closesAt' },
      fingerprint: 'closesAt',
    });
}

function checkResponseDue(ctx: CheckContext, d: Dates): void {
  const due = ctx.draft.metadata.responsePaper.dueDate;
  if (!due || !d.closeDay) return;
  if (!parseIsoDate(due)) {
    ctx.report({
      ruleId: 'R-TM6',
      title: 'Response paper date not valid',
      message: `“${due}” is not a date. Set the date the government response will be published.`,
      location: { kind: 'metadata', field: 'responsePaper.dueDate' },
    });
    return;
  }
  const latest = addDays(d.closeDay, RESPONSE_DAYS);
  if (due < d.closeDay)
    ctx.report({
      ruleId: 'R-TM6',
      title: 'Response due before the consultation closes',
      message:
        `The response paper is due on ${formatIsoDate(due)}, before the consultation closes ` +
        `on ${formatIsoDate(d.closeDay)}. Set a date after it closes: within 12 weeks, ` +
        `by ${formatIsoDate(latest)}.`,
      location: { kind: 'metadata', field: 'responsePaper.dueDate' },
    });
  else if (due > latest)
    ctx.report({
      ruleId: 'R-TM5',
      title: 'Response due more than 12 weeks after closing',
      message:
        `The response paper is due on ${formatIsoDate(due)}, ${weeksText(dayNumber(due) - dayNumber(d.closeDay))} ` +
        `after the consultation closes. Government aims to respond within 12 weeks, by ${formatIsoDate(latest)}. ` +
        `Bring it forward, or say why it will take longer.`,
      location: { kind: 'metadata', field: 'responsePaper.dueDate' },
    });
}

function checkElections(ctx: CheckContext, d: Dates): void {
  if (!d.openDay) return;
  const close = d.closeDay ?? d.openDay;
  for (const p of ctx.draft.metadata.electionPeriods) {
    if (!parseIsoDate(p.start) || !parseIsoDate(p.end) || p.end < p.start) continue;
    const label = p.label.trim() || 'an election period';
    const range = formatIsoRange(p.start, p.end);
    if (d.openDay >= p.start && d.openDay <= p.end)
      ctx.report({
        ruleId: 'R-EL1',
        title: 'Launches in an election period',
        message:
          `The consultation opens on ${formatIsoDate(d.openDay)}, during ${label} (${range}). Consultations ` +
          `should not be launched in an election period. Move the opening date, or get advice from the Cabinet ` +
          `Office Propriety and Ethics team.`,
        location: { kind: 'metadata', field: 'opensAt' },
        fingerprint: `${p.label}|${p.start}`,
      });
    else if (p.start <= close && p.end >= d.openDay)
      ctx.report({
        ruleId: 'R-EL2',
        title: 'Open during an election period',
        message:
          `The consultation is open during ${label} (${range}). It can continue, but do not publicise it during ` +
          `that period.`,
        location: { kind: 'metadata', field: 'electionPeriods' },
        fingerprint: `${p.label}|${p.start}`,
      });
  }
}

function checkPast(ctx: CheckContext, d: Dates): void {
  if (d.closes && d.closes.getTime() < ctx.now.getTime())
    ctx.report({
      ruleId: 'R-TM7',
      title: 'Closing date has passed',
      message:
        `The closing date, ${formatDateTime(d.closes)}, has passed. If the consultation has not been published ` +
        `yet, change the dates.`,
      location: { kind: 'metadata', field: 'closesAt' },
    });
}

export const timingRules: RuleModule = {
  rules: [
    {
      id: 'R-TM1',
      severity: 'error',
      title: 'Closes before it opens',
      description: 'The closing date and time must be after the opening date and time.',
      standardRef: '§1.4',
    },
    {
      id: 'R-TM2',
      severity: 'warning',
      title: 'Consultation period short',
      description:
        'Under 12 weeks: advice to record why (2008 Code). Under 6 weeks: warning (Lords committee). Under 2 ' +
        'weeks: warning (2012 floor). A recorded justification (“why shorter than 12 weeks”) silences the ' +
        '12-week advice, turns the 6-week warning into advice, and is acknowledged in the 2-week warning, which ' +
        'stays.',
      standardRef: '§1.4 Duration; Principle E',
    },
    {
      id: 'R-TM3',
      severity: 'warning',
      title: 'Runs through a holiday period',
      description:
        'Warning for each holiday period the consultation is open in: by default Christmas and New Year (20 ' +
        'December to 3 January), Easter (the week before Good Friday to the week after Easter Monday) and ' +
        'August; the team can replace the list. Advice instead when the consultation already runs for 14 weeks ' +
        'or more (12 plus the suggested 2).',
      standardRef: '§1.4 Holidays; Principle G',
    },
    {
      id: 'R-TM4',
      severity: 'warning',
      title: 'Closes on a weekend or bank holiday',
      description:
        'The closing date (London time) falls on a Saturday, Sunday or England and Wales bank holiday (built-in ' +
        '2024 to 2030, or the team’s list).',
      standardRef: '§1.4',
    },
    {
      id: 'R-TM5',
      severity: 'warning',
      title: 'Response due more than 12 weeks after closing',
      description: 'The response paper due date is more than 84 days after the closing date.',
      standardRef: '§1.4 Response due; Principle J',
    },
    {
      id: 'R-TM6',
      severity: 'error',
      title: 'Response due before closing',
      description: 'The response paper due date is before the closing date, or not a date.',
      standardRef: '§1.4 Response due',
    },
    {
      id: 'R-TM7',
      severity: 'advice',
      title: 'Closing date has passed',
      description: 'The closing date is earlier than now.',
      standardRef: '§1.4',
    },
    {
      id: 'R-TM8',
      severity: 'warning',
      title: 'Period dates not valid',
      description:
        'A holiday period, election period or bank holiday the team entered has dates that are missing, ' +
        'invalid, or end before they start; the checker cannot use it.',
      standardRef: '§1.4',
    },
    {
      id: 'R-EL1',
      severity: 'warning',
      title: 'Launches in an election period',
      description: 'The opening date falls inside an election period the team entered.',
      standardRef: '§1.4 Elections; Principle K',
    },
    {
      id: 'R-EL2',
      severity: 'advice',
      title: 'Open during an election period',
      description:
        'The consultation is open during (but does not launch in) an election period: it continues without publicity.',
      standardRef: '§1.4 Elections',
    },
  ],
  check(ctx) {
    const d = dates(ctx);
    checkOrderAndDuration(ctx, d);
    checkPeriodsValid(ctx);
    checkHolidays(ctx, d);
    checkClosingDay(ctx, d);
    checkResponseDue(ctx, d);
    checkElections(ctx, d);
    checkPast(ctx, d);
  },
};
