import { londonToInstant } from '../../govuk-dates';

/**
 * Reads the submission times survey tools write: ISO 8601 (with or without a zone; Qualtrics,
 * spreadsheets read by the app), "2027-03-14 10:22:05 UTC" (Decidim), "14/03/2027 10:22" (UK) and
 * "3/14/27 10:22:05 AM" (Microsoft Forms, SurveyMonkey), "Mar 9, 2025 10:14 am" (Jotform), "9 March 2025",
 * JavaScript's "Thu May 02 2024 07:19:55 GMT+0000 (…)" (Pol.is). Times without a zone are London
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

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const TIME = String.raw`(?:,?\s+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?)?`;
/** "Mar 9, 2025 10:14 am" (Jotform), "March 9, 2025". */
const MONTH_DAY_YEAR = new RegExp(String.raw`^([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})${TIME}$`, 'i');
/** "9 March 2025 10:14", "9 Mar 2025". */
const DAY_MONTH_YEAR = new RegExp(String.raw`^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})\.?,?\s+(\d{4})${TIME}$`, 'i');
/**
 * JavaScript's Date.toString (Pol.is): "Thu May 02 2024 07:19:55 GMT+0000 (Coordinated Universal Time)", "Wed Jun 18
 * 05:53:44 BST 2014".
 */
const JS_DATE = new RegExp(
  [
    String.raw`^[a-z]{3}\s+([a-z]{3})\s+(\d{1,2})\s+(?:(\d{4})\s+(\d{2}):(\d{2}):(\d{2})\s+GMT([+-]\d{4`,
    String.raw`})(?:\s+\(.*\))?|(\d{2}):(\d{2}):(\d{2})\s+([A-Z]{3,4})\s+(\d{4}))$`,
  ].join(''),
  'i',
);
const ZONES: Record<string, number> = {
  UTC: 0,
  GMT: 0,
  BST: 60,
  CET: 60,
  CEST: 120,
  EST: -300,
  EDT: -240,
  PST: -480,
  PDT: -420,
};

function monthOf(name: string): number {
  const i = MONTHS.indexOf(name.slice(0, 3).toLowerCase());
  return i < 0 ? 0 : i + 1;
}

/** A date with no time given: the day alone ("2025-03-09"), so no time is invented. */
function dayOnly(y: number, mo: number, d: number): string | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || new Date(Date.UTC(y, mo - 1, d)).getUTCDate() !== d) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function withClock(
  y: number,
  mo: number,
  d: number,
  hh: string | undefined,
  mm: string | undefined,
  ss: string | undefined,
  ampm: string | undefined,
): string | null {
  if (hh === undefined) return dayOnly(y, mo, d);
  let h = Number(hh);
  const ap = ampm?.toLowerCase().replace(/\./g, '');
  if (ap) {
    if (h < 1 || h > 12) return null;
    h = (h % 12) + (ap === 'pm' ? 12 : 0);
  }
  return london(y, mo, d, h, Number(mm ?? 0), Number(ss ?? 0))?.toISOString() ?? null;
}

/**
 * ISO instant for a survey tool's time, or the day alone ("2025-03-09") when only a date is
 * given, or null when it cannot be read for certain.
 */
export function parseSurveyTime(value: string, order: DayOrder): string | null {
  const v = value.trim();
  if (!v) return null;
  let m = ISO.exec(v);
  if (m && m[4] === undefined && !m[7]) return dayOnly(Number(m[1]), Number(m[2]), Number(m[3]));
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const [h, mi, s] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
    const zone = m[7];
    if (zone) {
      const z =
        zone.toUpperCase() === 'UTC' || zone.toUpperCase() === 'Z'
          ? 0
          : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)));
      if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
      return new Date(Date.UTC(y, mo - 1, d, h, mi, s) - z * 60_000).toISOString();
    }
    return london(y, mo, d, h, mi, s)?.toISOString() ?? null;
  }
  m = MONTH_DAY_YEAR.exec(v);
  if (m && monthOf(m[1]!)) return withClock(Number(m[3]), monthOf(m[1]!), Number(m[2]), m[4], m[5], m[6], m[7]);
  m = DAY_MONTH_YEAR.exec(v);
  if (m && monthOf(m[2]!)) return withClock(Number(m[3]), monthOf(m[2]!), Number(m[1]), m[4], m[5], m[6], m[7]);
  m = JS_DATE.exec(v);
  if (m && monthOf(m[1]!)) {
    const mo = monthOf(m[1]!);
    const d = Number(m[2]);
    const [y, hh, mi, ss, offset] = m[3]
      ? [
          Number(m[3]),
          Number(m[4]),
          Number(m[5]),
          Number(m[6]),
          (m[7]![0] === '-' ? -1 : 1) * (Number(m[7]!.slice(1, 3)) * 60 + Number(m[7]!.slice(3))),
        ]
      : [Number(m[12]), Number(m[8]), Number(m[9]), Number(m[10]), ZONES[m[11]!.toUpperCase()]];
    if (offset === undefined || !dayOnly(y, mo, d) || hh > 23 || mi > 59 || ss > 59) return null;
    return new Date(Date.UTC(y, mo - 1, d, hh, mi, ss) - offset * 60_000).toISOString();
  }
  m = SLASH.exec(v);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    let y = Number(m[3]);
    if (m[3]!.length === 2) y += 2000;
    const [d, mo] = order === 'dmy' ? [a, b] : [b, a];
    if (m[4] === undefined) return dayOnly(y, mo, d);
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
