import { formatDate, formatDateTime, londonParts, MONTHS } from '#shared/domain/govuk-dates';

/** GOV.UK date of a calendar date "2027-08-16" → "16 August 2027" (no time zone involved). */
export function formatIsoDate(ymd: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (!m) return ymd;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] ?? ''} ${Number(m[1])}`;
}

export function instant(iso: string | null): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Whole calendar days between two instants as dates on a London clock. */
export function londonDaysBetween(a: Date, b: Date): number {
  const pa = londonParts(a);
  const pb = londonParts(b);
  return Math.round((Date.UTC(pb.year, pb.month - 1, pb.day) - Date.UTC(pa.year, pa.month - 1, pa.day)) / 86_400_000);
}

/** "12 weeks", "1 week", "11 weeks and 4 days" — the standard gives durations in weeks. */
export function durationText(opens: Date, closes: Date): string {
  const days = londonDaysBetween(opens, closes);
  if (days <= 0) return 'less than a day';
  const weeks = Math.floor(days / 7);
  const rest = days % 7;
  const w = weeks ? `${weeks} ${weeks === 1 ? 'week' : 'weeks'}` : '';
  const d = rest ? `${rest} ${rest === 1 ? 'day' : 'days'}` : '';
  return [w, d].filter(Boolean).join(' and ');
}

export { formatDate, formatDateTime };
