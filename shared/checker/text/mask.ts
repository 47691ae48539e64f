/**
 * Masks parts of text that the word and style rules must not read: web addresses, email addresses,
 * UK postcodes and "GOV.UK". Each is replaced by spaces of the same length, so offsets into the
 * masked text are offsets into the original. Written without backtracking-prone regular expressions:
 * it runs on every keystroke over paragraphs that can be 100,000 characters long.
 */
const URL_START = /\b(?:https?:\/\/|www\.)/gi;
const POSTCODE = /\b[A-Z]{1,2}[0-9][A-Z0-9]?[ \t]?[0-9][A-Z]{2}\b/g;
const GOVUK = /\bGOV\.UK\b/gi;
const TRAILING = /[.,;:!?)\]'"’”]+$/;

function isSpace(c: string): boolean {
  return c === ' ' || c === '\n' || c === '\t' || c === '\r' || c === '\u00a0' || c === '\f' || c === '\v';
}

const EMAIL_LOCAL = /[A-Za-z0-9._%+-]/;
const EMAIL_DOMAIN = /[A-Za-z0-9.-]/;

export function maskText(text: string): string {
  if (!text) return text;
  const chars: string[] | null = needsMask(text) ? text.split('') : null;
  if (!chars) return text;
  const blank = (from: number, to: number) => {
    for (let i = from; i < to; i++) if (chars[i] !== '\n') chars[i] = ' ';
  };
  // Web addresses: from the scheme or "www." to the next space, less trailing punctuation.
  URL_START.lastIndex = 0;
  for (let m = URL_START.exec(text); m; m = URL_START.exec(text)) {
    let end = m.index;
    while (end < text.length && !isSpace(text[end]!)) end++;
    const url = text.slice(m.index, end).replace(TRAILING, '');
    blank(m.index, m.index + url.length);
    URL_START.lastIndex = Math.max(end, m.index + 1);
  }
  // Email addresses: grow left and right from each "@".
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    let s = at;
    while (s > 0 && EMAIL_LOCAL.test(text[s - 1]!)) s--;
    let e = at + 1;
    while (e < text.length && EMAIL_DOMAIN.test(text[e]!)) e++;
    let domain = text.slice(at + 1, e);
    domain = domain.replace(/[.-]+$/, '');
    if (s < at && domain.includes('.')) blank(s, at + 1 + domain.length);
  }
  POSTCODE.lastIndex = 0;
  for (let m = POSTCODE.exec(text); m; m = POSTCODE.exec(text)) blank(m.index, m.index + m[0].length);
  GOVUK.lastIndex = 0;
  for (let m = GOVUK.exec(text); m; m = GOVUK.exec(text)) blank(m.index, m.index + m[0].length);
  return chars.join('');
}

function needsMask(text: string): boolean {
  return text.includes('@') || /https?:\/\/|www\.|GOV\.UK|[0-9][A-Z]{2}\b/i.test(text);
}
