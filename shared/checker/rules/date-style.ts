import { MONTHS } from '../../domain/govuk-dates';
import type { CheckContext, TextUnit } from '../context';
import type { RuleModule } from '../rule-module';
import { Covered, prevWord, nextWord, reportText, sentenceAt } from './text-report';

/**
 * GOV.UK date and time style in all printed text (consultation-standard.md §5.2):
 * R-D1 (error) the forms the standard names — 12/03/2013, ordinal dates, "12 noon", "00:00",
 * 24-hour times and hyphenated ranges; R-D2 (warning) "midnight" with a deadline;
 * R-D3 (warning) the other GOV.UK forms: "5.30pm", "5 pm", "9:00am", "March 1, 2027", quarters.
 * Web and email addresses are masked first, so dates inside links are not read.
 */
const MONTH_FULL = MONTHS.join('|');
const MONTH_ABBR = 'Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec';
const MONTH = `${MONTH_FULL}|${MONTH_ABBR}`;
const WEEKDAY = 'Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tues|Tue|Wed|Thurs|Thu|Fri|Sat|Sun';
const DASH = '\\s?[-–—]\\s?';

const monthName = (m: string): string => {
  const i = MONTHS.findIndex((x) => x.toLowerCase().startsWith(m.toLowerCase().slice(0, 3)));
  return i === -1 ? m : MONTHS[i]!;
};

interface Pattern {
  ruleId: 'R-D1' | 'R-D3';
  re: RegExp;
  /** Title and message for a match, or null to let it pass. */
  explain(m: RegExpExecArray, unit: TextUnit): { title: string; message: string } | null;
}

const fix = (found: string, use: string, why = '') => `Write “${use}”, not “${found.trim()}”.` + (why ? ` ${why}` : '');

function numericDate(m: RegExpExecArray): { title: string; message: string } | null {
  const a = Number(m[1]);
  const b = Number(m[2]);
  let y = m[3]!;
  if (a < 1 || b < 1 || a > 31 || b > 31 || (a > 12 && b > 12)) return null;
  if (y.length === 2) y = `20${y}`;
  // UK order (day/month) unless that is impossible.
  const [day, month] = b <= 12 ? [a, b] : [b, a];
  return {
    title: 'Date not in GOV.UK style',
    message: fix(m[0], `${day} ${MONTHS[month - 1]} ${y}`, 'GOV.UK writes dates in words, with no numbers-only dates.'),
  };
}

const PATTERNS: Pattern[] = [
  {
    ruleId: 'R-D1',
    re: /(?<![\d-])((?:19|20)\d{2})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?![\d-])/g,
    explain: (m) => ({
      title: 'Date not in GOV.UK style',
      message: fix(m[0], `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`, 'GOV.UK writes dates in words.'),
    }),
  },
  {
    ruleId: 'R-D1',
    re: /(?<![\d/.-])(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})(?![\d/])/g,
    explain: numericDate,
  },
  {
    ruleId: 'R-D1',
    re: /(?<![\d/.-])(\d{1,2})[.-](\d{1,2})[.-](\d{4})(?![\d.-])/g,
    explain: numericDate,
  },
  {
    ruleId: 'R-D1',
    re: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)(?:\\s+of)?\\s+(${MONTH})\\b`, 'g'),
    explain: (m) => ({
      title: 'Ordinal in a date',
      message: fix(m[0], `${m[1]} ${monthName(m[2]!)}`, 'GOV.UK dates have no “st”, “nd”, “rd” or “th”.'),
    }),
  },
  {
    ruleId: 'R-D1',
    re: new RegExp(`\\b(${MONTH})\\s+(\\d{1,2})(?:st|nd|rd|th)\\b`, 'g'),
    explain: (m) => ({
      title: 'Ordinal in a date',
      message: fix(
        m[0],
        `${m[2]} ${monthName(m[1]!)}`,
        'GOV.UK dates put the day first, with no “st”, “nd”, “rd” or “th”.',
      ),
    }),
  },
  {
    ruleId: 'R-D1',
    re: /(?<![\p{L}\d:.])(?:12\s?noon|12[:.]00\s?(?:pm|p\.m\.)|12\s?(?:pm|p\.m\.)|noon)(?![\p{L}\d])/giu,
    explain: (m) => ({
      title: 'Write “midday”',
      message: fix(m[0], 'midday', 'GOV.UK uses “midday”, not “12 noon”, “noon” or “12pm”.'),
    }),
  },
  {
    ruleId: 'R-D1',
    re: /(?<![\p{L}\d:.])(?:00[:.]00|24[:.]00|12[:.]00\s?(?:am|a\.m\.)|12\s?(?:am|a\.m\.))(?![\p{L}\d])/giu,
    explain: (m) => ({
      title: 'Write “midnight” (or 11:59pm for a deadline)',
      message: `Write “midnight”, not “${m[0]}”. For a deadline, use 11:59pm on the last day: midnight is ambiguous.`,
    }),
  },
  {
    ruleId: 'R-D1',
    re: /(?<![\d:.])([01]\d|2[0-3]):?([0-5]\d)\s?(?:hrs|hr|h)(?![\p{L}\d])/giu,
    explain: (m) => ({
      title: 'Time not in GOV.UK style',
      message: fix(m[0], twelveHour(Number(m[1]), m[2]!), 'GOV.UK uses the 12-hour clock with am or pm.'),
    }),
  },
  {
    ruleId: 'R-D1',
    re: /(?<![\d:.£$€])([01]?\d|2[0-3]):([0-5]\d)(?![\d:])(?!\s?(?:am|pm|a\.m\.|p\.m\.))(?:\s?hours\b)?/gi,
    explain: (m, unit) => {
      const before = prevWord(unit.text, m.index);
      const after = nextWord(unit.text, m.index + m[0].length);
      if (before === 'scale' || before === 'ratio' || after === 'ratio' || after === 'scale') return null;
      const h = Number(m[1]);
      if (h >= 13 || h === 0)
        return {
          title: 'Time not in GOV.UK style',
          message: fix(
            m[0],
            twelveHour(h, m[2]!),
            'GOV.UK uses the 12-hour clock with am or pm, not the 24-hour clock.',
          ),
        };
      return {
        title: 'Time without am or pm',
        message:
          `Add am or pm to “${m[0]}”, for example “${twelveHour(h, m[2]!)}” or ` +
          `“${twelveHour(h + 12 === 24 ? 12 : h + 12, m[2]!)}”. GOV.UK does not use the 24-hour clock.`,
      };
    },
  },
  {
    ruleId: 'R-D1',
    re: /(?<![\d:.])(\d{1,2}(?::\d{2})?\s?(?:am|pm))\s?[-–—]\s?(\d{1,2}(?::\d{2})?\s?(?:am|pm))(?![\p{L}\d])/giu,
    explain: (m) => ({
      title: 'Dash in a time range',
      message: fix(
        m[0],
        `${m[1]!.replace(/\s/g, '')} to ${m[2]!.replace(/\s/g, '')}`,
        'Use “to” in ranges, not a hyphen or dash.',
      ),
    }),
  },
  {
    ruleId: 'R-D1',
    re: new RegExp(`\\b(\\d{1,2}\\s+(?:${MONTH})(?:\\s+\\d{4})?)${DASH}(\\d{1,2}\\s+(?:${MONTH})(?:\\s+\\d{4})?)`, 'g'),
    explain: (m) => ({
      title: 'Dash in a date range',
      message: fix(m[0], `${m[1]} to ${m[2]}`, 'Use “to” in date ranges, not a hyphen or dash.'),
    }),
  },
  {
    ruleId: 'R-D1',
    re: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?${DASH}(\\d{1,2})(?:st|nd|rd|th)?\\s+(${MONTH})\\b`, 'g'),
    explain: (m) => ({
      title: 'Dash in a date range',
      message: fix(m[0], `${m[1]} to ${m[2]} ${monthName(m[3]!)}`, 'Use “to” in date ranges, not a hyphen or dash.'),
    }),
  },
  {
    ruleId: 'R-D1',
    re: new RegExp(`\\b(${MONTH})(\\s+\\d{4})?${DASH}(${MONTH})\\b`, 'g'),
    explain: (m) => ({
      title: 'Dash in a date range',
      message: fix(
        m[0],
        `${monthName(m[1]!)}${m[2] ?? ''} to ${monthName(m[3]!)}`,
        'Use “to” in date ranges, not a hyphen or dash.',
      ),
    }),
  },
  {
    ruleId: 'R-D1',
    re: new RegExp(`\\b(${WEEKDAY})${DASH}(${WEEKDAY})\\b`, 'g'),
    explain: (m) => ({
      title: 'Dash in a date range',
      message: fix(m[0], `${m[1]} to ${m[2]}`, 'Use “to” in ranges, not a hyphen or dash.'),
    }),
  },
  {
    ruleId: 'R-D1',
    re: /(?<![\d\-–—/.])((?:19|20)\d{2})(?:\s?[-–—]\s?|\/)((?:19|20)?\d{2})(?![\d\-–—/.])/g,
    explain: (m) => {
      const a = Number(m[1]);
      const b = m[2]!.length === 2 ? Math.floor(a / 100) * 100 + Number(m[2]) : Number(m[2]);
      if (b <= a || b - a > 50) return null;
      return {
        title: 'Year range not in GOV.UK style',
        message: fix(
          m[0],
          `${a} to ${b}`,
          'Use “to” in ranges, not a hyphen, dash or slash, and write both years in full.',
        ),
      };
    },
  },
  // ----- R-D3: other GOV.UK date and time forms
  {
    ruleId: 'R-D3',
    re: /(?<![\d:.£$€])(\d{1,2})(?:([.:])(\d{2}))?(\s?)(am|pm|a\.m\.|p\.m\.)(?![\p{L}\d])/giu,
    explain: (m) => {
      const h = Number(m[1]);
      if (h < 1 || h > 12) return null;
      const sep = m[2];
      const min = m[3];
      const suffix = m[5]!;
      const clean = suffix.replace(/\./g, '').toLowerCase();
      const good = `${h}${min && min !== '00' ? `:${min}` : ''}${clean}`;
      if (m[0] === good) return null;
      const why =
        sep === '.'
          ? 'Use a colon between hours and minutes.'
          : min === '00'
            ? 'Leave out “:00” on the hour.'
            : 'Write am and pm in lower case, without full stops or a space.';
      return { title: 'Time not in GOV.UK style', message: fix(m[0], good, why) };
    },
  },
  {
    ruleId: 'R-D3',
    re: new RegExp(`\\b(${MONTH_FULL})\\s+(\\d{1,2}),?\\s+(\\d{4})\\b`, 'g'),
    explain: (m) => ({
      title: 'Date not in GOV.UK style',
      message: fix(m[0], `${m[2]} ${m[1]} ${m[3]}`, 'Put the day before the month, with no comma.'),
    }),
  },
  {
    ruleId: 'R-D3',
    re: new RegExp(`\\b(\\d{1,2})\\s+(${MONTH_FULL}),\\s+(\\d{4})\\b`, 'g'),
    explain: (m) => ({
      title: 'Comma in a date',
      message: fix(m[0], `${m[1]} ${m[2]} ${m[3]}`, 'GOV.UK dates have no comma.'),
    }),
  },
  {
    ruleId: 'R-D3',
    re: new RegExp(`\\b(\\d{1,2})\\s+(${MONTH_ABBR})\\.?\\s+(\\d{4})\\b`, 'g'),
    explain: (m, unit) =>
      unit.inTable
        ? null
        : {
            title: 'Shortened month',
            message: fix(
              m[0],
              `${m[1]} ${monthName(m[2]!)} ${m[3]}`,
              'Shorten month names only where space is short, such as in tables.',
            ),
          },
  },
  {
    ruleId: 'R-D3',
    re: /\b(?:Q[1-4]\s+(?:19|20)\d{2}|(?:first|second|third|fourth|last)\s+quarter\s+of\s+(?:19|20)\d{2})\b/gi,
    explain: (m) => ({
      title: 'Quarter instead of months',
      message:
        `Say which months you mean instead of “${m[0]}”, for example “January to March 2027”. GOV.UK does not use ` +
        `quarters.`,
    }),
  },
];

function twelveHour(h: number, min: string): string {
  if (h === 0 && min === '00') return 'midnight';
  if (h === 12 && min === '00') return 'midday';
  const h12 = h % 12 === 0 ? 12 : h % 12;
  return `${h12}${min === '00' ? '' : `:${min}`}${h < 12 ? 'am' : 'pm'}`;
}

const PREFILTER = /\d|noon|midnight|quarter|[-–—]/i;
const DEADLINE = new RegExp(
  [
    String.raw`\b(?:clos(?:e|es|ing)|deadline|by|until|before|respon\w*|submi\w*|ends?|ending|`,
    String.raw`no later than|receiv\w*|return\w*|due)\b`,
  ].join(''),
  'i',
);

function checkUnit(ctx: CheckContext, unit: TextUnit) {
  const text = unit.text;
  if (!PREFILTER.test(text)) return;
  const covered = new Covered(text.length);
  for (const p of PATTERNS) {
    p.re.lastIndex = 0;
    for (let m = p.re.exec(text); m; m = p.re.exec(text)) {
      if (m[0].length === 0) {
        p.re.lastIndex++;
        continue;
      }
      const start = m.index;
      const end = start + m[0].length;
      if (covered.overlaps(start, end)) continue;
      const e = p.explain(m, unit);
      if (!e) continue;
      covered.add(start, end);
      reportText(ctx, unit, { ruleId: p.ruleId, title: e.title, message: e.message, start, end });
    }
  }
  const mid = /\bmidnight\b/gi;
  for (let m = mid.exec(text); m; m = mid.exec(text)) {
    const s = sentenceAt(ctx, unit, m.index);
    // The sentence around the match, at most 300 characters either side.
    const from = Math.max(s ? s.start : 0, m.index - 300);
    const to = Math.min(s ? s.end : text.length, m.index + 308);
    const sentence = text.slice(from, to);
    if (!DEADLINE.test(sentence)) continue;
    reportText(ctx, unit, {
      ruleId: 'R-D2',
      title: 'Midnight deadline',
      message:
        'A deadline at “midnight” is ambiguous: people cannot tell which day it means. Use 11:59pm on the last ' +
        'day, for example “11:59pm on 24 May 2027”.',
      start: m.index,
      end: m.index + m[0].length,
    });
  }
}

export const dateStyleRules: RuleModule = {
  rules: [
    {
      id: 'R-D1',
      severity: 'error',
      title: 'Date or time not in GOV.UK style',
      description:
        'Numbers-only dates (12/03/2013, 2013-03-12), ordinal dates (1st March, March 1st), “12 noon”, “noon” ' +
        'or “12pm” (use midday), “00:00” or “12am” (use midnight, or 11:59pm for deadlines), 24-hour times ' +
        '(17:30, 1730hrs), times with no am or pm (9:30), and ranges with a hyphen or dash (2024-25, 1–3 March, ' +
        'March–April, Monday-Friday, 10am-11am) or a slash between years (2025/26). Not read inside web or email ' +
        'addresses; “1:50” next to “scale” or “ratio” is not a time.',
      standardRef: '§5.2 R-D1',
    },
    {
      id: 'R-D2',
      severity: 'warning',
      title: 'Midnight deadline',
      description:
        'The closing time is exactly midnight, or the text says “midnight” in a sentence about a deadline ' +
        '(closes, by, until, respond…). Use 11:59pm.',
      standardRef: '§5.2 R-D2; §1.4 default closing time',
    },
    {
      id: 'R-D3',
      severity: 'warning',
      title: 'Other date and time style',
      description:
        'Times written “5.30pm”, “5 pm”, “5PM”, “5p.m.” or “9:00am” (GOV.UK: “5:30pm”, “9am”); month-first ' +
        'dates (“March 1, 2027”); a comma before the year; shortened month names outside tables; quarters (“Q1 ' +
        '2027”).',
      standardRef: '§5.2 Dates, Times',
    },
  ],
  check(ctx) {
    for (const unit of ctx.units) checkUnit(ctx, unit);
  },
};
