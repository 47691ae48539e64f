import { formatDate, formatTime } from '#shared/domain/govuk-dates';

/** "4 June 2027 at 3:15pm" */
export function whenText(iso: string | null | undefined): string {
  if (!iso) return 'not yet';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return 'unknown';
  return `${formatDate(d)} at ${formatTime(d)}`;
}

/** "1 response", "1,300 responses". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}
