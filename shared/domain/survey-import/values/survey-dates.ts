import { londonToInstant } from '../../govuk-dates';

/**
 * Reads the submission times survey tools write: ISO 8601 (with or without a zone; Qualtrics,
 * spreadsheets read by the app), "2027-03-14 10:22:05 UTC" (Decidim), "14/03/2027 10:22" (UK) and
 * "3/14/27 10:22:05 AM" (Microsoft Forms, SurveyMonkey). Times without a zone are London
 * wall-clock times. Whether 03/04 is 3 April or 4 March is decided once per column, from values
 * that settle it (a day over 12), else by the tool's habit.
 */
export type DayOrder = 'dmy' | 'mdy';

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|UTC|[+-]\d{2}:?\d{2})?$/i;
const SLASH = /^(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?)?$/i;

/** The column's day order: from any unambiguous value, else the fallback. */
export function dayOrderOf(values: Iterable<string>, fallback: DayOrder): DayOrder {
  for (const v of values) {
    const m = SLASH.exec(v.trim());
    if (!m) continue;
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (a > 12 && b <= 12) return 'dmy';
    if (b > 12 && a <= 12) return 'mdy';
  }
  return fallback;
}

const offsetCache = new Map<number, number>();

/** London wall-clock → instant, cached per hour (Intl is slow; 100k rows share a few thousand hours). */
function london(y: number, mo: number, d: number, h: number, mi: number, s: number): Date | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const key = ((y * 13 + mo) * 32 + d) * 24 + h;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    offset = londonToInstant(y, mo, d, h, 0).getTime() - Date.UTC(y, mo - 1, d, h, 0);
    if (offsetCache.size > 100_000) offsetCache.clear();
    offsetCache.set(key, offset);
  }
  const t = new Date(Date.UTC(y, mo - 1, d, h, mi, s) + offset);
  // 31 February and friends roll over: refuse them.
  return new Date(Date.UTC(y, mo - 1, d)).getUTCDate() === d ? t : null;
}

/** ISO instant for a survey tool's time, or null when it cannot be read for certain. */
export function parseSurveyTime(value: string, order: DayOrder): string | null {
  const v = value.trim();
  if (!v) return null;
  let m = ISO.exec(v);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const [h, mi, s] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
    const zone = m[7];
    if (zone) {
      const z = zone.toUpperCase() === 'UTC' || zone.toUpperCase() === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)));
      if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
      return new Date(Date.UTC(y, mo - 1, d, h, mi, s) - z * 60_000).toISOString();
    }
    return london(y, mo, d, h, mi, s)?.toISOString() ?? null;
  }
  m = SLASH.exec(v);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    let y = Number(m[3]);
    if (m[3]!.length === 2) y += 2000;
    const [d, mo] = order === 'dmy' ? [a, b] : [b, a];
    let h = Number(m[4] ?? 0);
    const ampm = m[7]?.toLowerCase().replace(/\./g, '');
    if (ampm) {
      if (h < 1 || h > 12) return null;
      h = (h % 12) + (ampm === 'pm' ? 12 : 0);
    }
    return london(y, mo, d, h, Number(m[5] ?? 0), Number(m[6] ?? 0))?.toISOString() ?? null;
  }
  return null;
}
