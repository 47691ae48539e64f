/**
 * Text that is safe to put in XML and Office files. XML 1.0 cannot carry most control
 * characters (U+0000–U+0008, U+000B, U+000C, U+000E–U+001F), U+FFFE/U+FFFF or unpaired
 * surrogates: a single one makes Word refuse the whole file. They are never meaningful in a
 * consultation, so they are removed (unpaired surrogates become U+FFFD, the replacement
 * character, so a broken emoji still shows that something was there). Tabs and line breaks stay.
 */
// eslint-disable-next-line no-control-regex
const ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlSafe(s: string): string {
  return s.replace(ILLEGAL, '').replace(LONE_SURROGATE, '\uFFFD');
}

/** A deep copy with every string made XML-safe (drafts, forms read back). */
export function deepXmlSafe<T>(value: T): T {
  if (typeof value === 'string') return xmlSafe(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => deepXmlSafe(v)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = deepXmlSafe(v);
    return out as T;
  }
  return value;
}

/** Line breaks as "\n" only (Windows and old Mac line ends come back from forms). */
export const normaliseNewlines = (s: string): string => s.replace(/\r\n?/g, '\n');
