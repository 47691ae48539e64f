/**
 * Rule-based finders for personal data that has a written shape: email addresses, UK phone
 * numbers, UK postcodes, street addresses, National Insurance numbers, NHS numbers and links to
 * personal profiles on social sites. Names need the respondent register and are in `register.ts`.
 *
 * Each finder appends to a list and is linear in the text: every regular expression has bounded
 * repetition with disjoint neighbours (no nested unbounded quantifiers), phone numbers are read by
 * a hand-written scanner, and texts without a digit, an '@' or a '.' skip the finders needing one.
 * Checks that a regex cannot express (postcode letters, NI prefixes, the NHS check digit, a
 * phone number's length and leading digits) are done on each candidate.
 */
import type { PersonalDataFinding, PersonalDataKind } from './kinds';

type Out = PersonalDataFinding[];

function push(out: Out, kind: PersonalDataKind, text: string, start: number, end: number): void {
  out.push({ kind, start, end, text: text.slice(start, end) });
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c >= 0xc0;

// ---------------------------------------------------------------------------------------------
// Email addresses

const EMAIL = /[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9-]{1,63}){1,6}/g;

/** Email addresses: local part, '@', a domain with at least one dot and an alphabetic top level. */
export function findEmails(text: string, out: Out): void {
  if (!text.includes('@')) return;
  EMAIL.lastIndex = 0;
  for (let m = EMAIL.exec(text); m; m = EMAIL.exec(text)) {
    let s = m[0];
    // Trim a trailing label that is not a top-level domain ("a@b.com.", "a@b.co.uk-based").
    while (s.length && !/\.[A-Za-z]{2,24}$/.test(s)) {
      const dot = s.lastIndexOf('.');
      if (dot < s.indexOf('@')) {
        s = '';
        break;
      }
      s = s.slice(0, dot);
    }
    if (s.length) push(out, 'email', text, m.index, m.index + s.length);
  }
}

// ---------------------------------------------------------------------------------------------
// UK phone numbers

const PHONE_START = /\+\s?44|0044|\(0|0/g;
const PHONE_SEPARATORS = ' \u00a0-.\u2013';

/**
 * Reads a phone number from `at` (the start of "+44", "0044", "(0" or "0"): groups of digits joined
 * by one separator (space, dash, dot) or brackets, stopping before a group that would make it
 * longer than 11 digits. Returns its end and its national digits ("0" + subscriber number).
 */
function scanPhone(text: string, at: number): { end: number; digits: string } | null {
  let i = at;
  let digits = '';
  let open = false;
  const skipSep = (j: number): number => {
    let k = j;
    let marks = 0;
    while (k < text.length && k - j < 3 && PHONE_SEPARATORS.includes(text[k]!)) {
      if (text[k] !== ' ' && text[k] !== '\u00a0' && ++marks > 1) return j;
      k++;
    }
    return k;
  };
  if (text[i] === '+' || text.startsWith('0044', i)) {
    if (text[i] === '+') {
      i++;
      if (text[i] === ' ') i++;
    } else i += 2;
    if (!text.startsWith('44', i)) return null;
    digits = '0';
    i = skipSep(i + 2);
    if (text.startsWith('(0)', i)) i = skipSep(i + 3);
    else if (text[i] === '0') i++;
  } else if (text[i] === '(') {
    open = true;
    i++;
  }
  let end = i;
  for (;;) {
    const runStart = i;
    while (i < text.length && isDigit(text.charCodeAt(i))) i++;
    if (i === runStart) break;
    if (digits.length + (i - runStart) > 11) return null;
    digits += text.slice(runStart, i);
    end = i;
    let j = i;
    if (open && text[j] === ')') {
      open = false;
      j++;
      end = j;
    }
    j = skipSep(j);
    if (!open && text[j] === '(' && text[j + 1] !== undefined && isDigit(text.charCodeAt(j + 1))) {
      open = true;
      j++;
    }
    if (j === i || j >= text.length || !isDigit(text.charCodeAt(j))) break;
    // The next group must not make the number too long.
    let k = j;
    while (k < text.length && isDigit(text.charCodeAt(k))) k++;
    if (digits.length + (k - j) > 11) break;
    i = j;
  }
  if (open) return null;
  return { end, digits };
}

function validUkNumber(d: string): boolean {
  if (d[0] !== '0') return false;
  if (d.length === 11) return /^0[1235789]/.test(d);
  if (d.length === 10) return /^0(?:1|800|500)/.test(d);
  return false;
}

/**
 * UK phone numbers as people write them: 07700 900123, 07700-900-123, +44 (0)7700 900123,
 * +447700900123, 0044 7700 900123, (0113) 496 0000, 020 7946 0000, 0161-496-0000. A candidate must
 * start a token (not inside a date, a price or a reference) and have 10 or 11 national digits
 * with a real leading range; nothing may follow it but a separator.
 */
export function findPhones(text: string, out: Out): void {
  if (!/\d{2}/.test(text)) return;
  PHONE_START.lastIndex = 0;
  for (let m = PHONE_START.exec(text); m; m = PHONE_START.exec(text)) {
    const at = m.index;
    const prev = at > 0 ? text.charCodeAt(at - 1) : 32;
    const prevCh = at > 0 ? text[at - 1]! : ' ';
    if (isDigit(prev) || isLetter(prev) || '£$€/\\_+#'.includes(prevCh)) continue;
    if ((prevCh === '.' || prevCh === ',' || prevCh === '-') && at > 1 && isDigit(text.charCodeAt(at - 2))) continue;
    let start = at;
    let r = scanPhone(text, at);
    // "(0113-496-0001": an opening bracket that is not the area code's.
    if ((!r || !validUkNumber(r.digits)) && text[at] === '(') r = scanPhone(text, (start = at + 1));
    if (!r || !validUkNumber(r.digits)) continue;
    const next = r.end < text.length ? text.charCodeAt(r.end) : 32;
    if (isDigit(next) || isLetter(next)) continue;
    push(out, 'phone', text, start, r.end);
    PHONE_START.lastIndex = r.end;
  }
}

// ---------------------------------------------------------------------------------------------
// UK postcodes

const POSTCODE = /\b([A-Z]{1,2})(\d)([A-Z\d]?) ?(\d)([A-Z]{2})\b/gi;
const THIRD_AFTER_ONE = 'ABCDEFGHJKPSTUW';
const THIRD_AFTER_TWO = 'ABEHMNPRVWXY';
const ORDINAL = /^(?:1st|2nd|3rd|\dth)$/;

/** Whether the parts of a postcode candidate follow the Royal Mail format rules. */
export function validPostcode(area: string, d1: string, third: string, d2: string, unit: string): boolean {
  const a = area.toUpperCase();
  if ('QVX'.includes(a[0]!)) return false;
  if (a.length === 2 && 'IJZ'.includes(a[1]!)) return false;
  const t = third.toUpperCase();
  if (t && !isDigit(t.charCodeAt(0))) {
    if (!(a.length === 1 ? THIRD_AFTER_ONE : THIRD_AFTER_TWO).includes(t)) return false;
  }
  if (/[CIKMOV]/i.test(unit)) return false;
  if (unit === unit.toLowerCase() && ORDINAL.test(d2 + unit)) return false;
  return d1.length === 1;
}

/** Full UK postcodes (LS6 2AB, SW1A 1AA, ls62ab), any case, with or without the space. */
export function findPostcodes(text: string, out: Out): void {
  if (!/\d/.test(text)) return;
  POSTCODE.lastIndex = 0;
  for (let m = POSTCODE.exec(text); m; m = POSTCODE.exec(text)) {
    const [, area, d1, third, d2, unit] = m;
    if (!validPostcode(area!, d1!, third ?? '', d2!, unit!)) continue;
    push(out, 'postcode', text, m.index, m.index + m[0].length);
  }
}

// ---------------------------------------------------------------------------------------------
// Street addresses

const STREET_WORDS = [
  'Road',
  'Rd',
  'Street',
  'St',
  'Avenue',
  'Ave',
  'Lane',
  'Ln',
  'Close',
  'Drive',
  'Way',
  'Crescent',
  'Cres',
  'Place',
  'Gardens',
  'Gdns',
  'Terrace',
  'Court',
  'Grove',
  'Row',
  'Square',
  'Sq',
  'Walk',
  'Mews',
  'Rise',
  'Hill',
  'Park',
  'Parade',
  'Vale',
  'Wharf',
  'Boulevard',
  'Crofts?',
  'Chase',
  'Meadows?',
  'Fold',
  'Wynd',
  'Brow',
  'Circus',
  'Quay',
  'Approach',
  'Gate',
];
const ADDRESS = new RegExp(
  '(?:\\b(?:Flat|Apartment|Apt|Unit|Room)\\.? \\d{1,4}[A-Za-z]?,? +)?' +
    "\\b\\d{1,3}[A-Za-z]?,? +(?:[A-Z][A-Za-z'’-]{0,30}\\.? +){1,3}" +
    `(?:${STREET_WORDS.join('|')})\\b\\.?`,
  'g',
);

/** Street addresses: optional "Flat 3," then a house number, one to three capitalised words and a street word. */
export function findAddresses(text: string, out: Out): void {
  if (!/\d/.test(text)) return;
  ADDRESS.lastIndex = 0;
  for (let m = ADDRESS.exec(text); m; m = ADDRESS.exec(text)) {
    const at = m.index;
    const prev = at > 0 ? text[at - 1]! : ' ';
    if (/[\d£$€/:-]/.test(prev)) continue;
    if ((prev === ',' || prev === '.') && at > 1 && /\d/.test(text[at - 2]!)) continue;
    let end = at + m[0].length;
    if (text[end - 1] === '.') end--;
    push(out, 'address', text, at, end);
  }
}

// ---------------------------------------------------------------------------------------------
// National Insurance numbers

const NI = /\b([A-Z]{2}) ?(\d{2}) ?(\d{2}) ?(\d{2}) ?([A-D])\b/gi;
const NI_NOT_ALLOCATED = new Set(['BG', 'GB', 'NK', 'KN', 'TN', 'NT', 'ZZ']);

/** Whether a two-letter prefix can begin a National Insurance number (HMRC's allocation rules). */
export function validNiPrefix(prefix: string): boolean {
  const p = prefix.toUpperCase();
  if ('DFIQUV'.includes(p[0]!) || 'DFIOQUV'.includes(p[1]!)) return false;
  return !NI_NOT_ALLOCATED.has(p);
}

/** National Insurance numbers: AB 12 34 56 C, AB123456C, any case, spaces allowed. */
export function findNiNumbers(text: string, out: Out): void {
  if (!/\d{2}/.test(text)) return;
  NI.lastIndex = 0;
  for (let m = NI.exec(text); m; m = NI.exec(text)) {
    if (!validNiPrefix(m[1]!)) continue;
    push(out, 'ni-number', text, m.index, m.index + m[0].length);
  }
}

// ---------------------------------------------------------------------------------------------
// NHS numbers

const NHS = /(\d{3})([ -]?)(\d{3})\2(\d{4})/g;

/** Whether ten digits carry a valid NHS modulus 11 check digit. */
export function validNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  let check = 11 - (sum % 11);
  if (check === 11) check = 0;
  if (check === 10) return false;
  return check === Number(digits[9]);
}

/** NHS numbers: 10 digits, optionally spaced 3-3-4, with a valid check digit, standing alone. */
export function findNhsNumbers(text: string, out: Out): void {
  if (!/\d{3}/.test(text)) return;
  NHS.lastIndex = 0;
  for (let m = NHS.exec(text); m; m = NHS.exec(text)) {
    const at = m.index;
    const end = at + m[0].length;
    const prev = at > 0 ? text[at - 1]! : ' ';
    const next = end < text.length ? text[end]! : ' ';
    if (/[\w£$€/+-]/.test(prev) || (/[.,]/.test(prev) && at > 1 && /\d/.test(text[at - 2]!))) continue;
    if (/\w/.test(next) || (/[.,]/.test(next) && /\d/.test(text[end + 1] ?? ''))) continue;
    const digits = m[1]! + m[3]! + m[4]!;
    if (digits[0] === '0' || !validNhsNumber(digits)) continue;
    push(out, 'nhs-number', text, at, end);
  }
}

// ---------------------------------------------------------------------------------------------
// Links to personal profiles

/** Sites where a path names a person's profile; `at` marks those whose profiles start with '@'. */
const PROFILE_SITES =
  '(?:facebook\\.com|fb\\.com|twitter\\.com|x\\.com|instagram\\.com|threads\\.net|tiktok\\.com|youtube\\.com|' +
  'linkedin\\.com\\/in|github\\.com|medium\\.com|bsky\\.app\\/profile|pinterest\\.com|pinterest\\.co\\.uk|' +
  'snapchat\\.com\\/add|reddit\\.com\\/u(?:ser)?|flickr\\.com\\/(?:people|photos)|soundcloud\\.com|twitch\\.tv|' +
  'patreon\\.com|mastodon\\.social|about\\.me|linktr\\.ee)';
const PROFILE_URL = new RegExp(
  `\\b(?:https?:\\/\\/)?(?:[a-z]{1,8}\\.)?(${PROFILE_SITES})\\/(@?)([A-Za-z0-9_.%-]{2,80})` +
    `(?:\\/[^\\s<>()"'\\],;]{0,200})?`,
  'gi',
);
/** Paths that are a site's own pages, not a person. */
const NOT_PROFILES = new Set([
  'pages',
  'groups',
  'events',
  'hashtag',
  'search',
  'share',
  'sharer',
  'sharer.php',
  'watch',
  'home',
  'login',
  'explore',
  'intent',
  'i',
  'about',
  'help',
  'policies',
  'privacy',
  'terms',
  'settings',
  'legal',
  'p',
  'reel',
  'reels',
  'tv',
  'stories',
  'channel',
  'c',
  'results',
  'playlist',
  'shorts',
  'company',
  'school',
  'jobs',
  'feed',
  'tag',
  'topics',
  'discover',
  'marketplace',
  'gaming',
  'notifications',
  'messages',
  'orgs',
  'features',
  'pricing',
  'enterprise',
]);
/** Sites whose profile paths begin with '@' (their other paths are videos, articles, posts). */
const AT_PROFILES = /^(?:tiktok\.com|youtube\.com|medium\.com|threads\.net)$/i;

/** Links to a person's profile: facebook.com/…, x.com/…, linkedin.com/in/…, tiktok.com/@…, and similar. */
export function findProfileUrls(text: string, out: Out): void {
  if (!text.includes('.')) return;
  PROFILE_URL.lastIndex = 0;
  for (let m = PROFILE_URL.exec(text); m; m = PROFILE_URL.exec(text)) {
    const [whole, site, at, handle] = m;
    if (AT_PROFILES.test(site!) && !at) continue;
    if (!at && NOT_PROFILES.has(handle!.toLowerCase())) continue;
    let end = m.index + whole.length;
    while (end > m.index && /[.!?:'’]/.test(text[end - 1]!)) end--;
    push(out, 'profile-url', text, m.index, end);
  }
}

/** Every rule-based finder, in one pass each. */
export function findPatterns(text: string, out: Out): void {
  findEmails(text, out);
  findProfileUrls(text, out);
  if (!/\d/.test(text)) return;
  findPhones(text, out);
  findPostcodes(text, out);
  findAddresses(text, out);
  findNiNumbers(text, out);
  findNhsNumbers(text, out);
}
