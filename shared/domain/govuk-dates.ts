/**
 * Dates and times in GOV.UK style, in UK time: "4 June 2027", "9am", "11:59pm", "midday",
 * "midnight". Pure, so the renderer, the checker and the document generators agree.
 */
const LONDON = 'Europe/London';

interface Parts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number; // 0-23
  minute: number;
  weekday: number; // 0 = Sunday
}

const partsFmt = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  hourCycle: 'h23',
  weekday: 'short',
});
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Calendar parts of an instant as seen on a clock in London. */
export function londonParts(d: Date): Parts {
  const p: Record<string, string> = {};
  for (const { type, value } of partsFmt.formatToParts(d)) p[type] = value;
  return {
    year: Number(p['year']),
    month: Number(p['month']),
    day: Number(p['day']),
    hour: Number(p['hour']),
    minute: Number(p['minute']),
    weekday: WEEKDAYS.indexOf(p['weekday'] ?? ''),
  };
}

export function formatDate(d: Date): string {
  const p = londonParts(d);
  return `${p.day} ${MONTHS[p.month - 1]} ${p.year}`;
}

export function formatTime(d: Date): string {
  const { hour, minute } = londonParts(d);
  if (hour === 12 && minute === 0) return 'midday';
  if (hour === 0 && minute === 0) return 'midnight';
  const h12 = hour % 12 === 0 ? 12 : hour % 12;
  const suffix = hour < 12 ? 'am' : 'pm';
  return minute === 0 ? `${h12}${suffix}` : `${h12}:${String(minute).padStart(2, '0')}${suffix}`;
}

/** "11:59pm on 24 May 2027" */
export function formatDateTime(d: Date): string {
  return `${formatTime(d)} on ${formatDate(d)}`;
}

/**
 * The instant at which a London wall-clock time occurs (handles BST/GMT). For the hour that
 * does not exist in spring the result moves forward; for the repeated autumn hour it takes the first.
 */
export function londonToInstant(year: number, month: number, day: number, hour = 0, minute = 0): Date {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  for (const offsetHours of [0, 1]) {
    const candidate = new Date(guess - offsetHours * 3600_000);
    const p = londonParts(candidate);
    if (p.year === year && p.month === month && p.day === day && p.hour === hour && p.minute === minute)
      return candidate;
  }
  return new Date(guess - 3600_000);
}
