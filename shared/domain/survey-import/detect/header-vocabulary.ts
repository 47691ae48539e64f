import type { MetaField, SourceKind, RespondentTargetKey } from '../types';
import { normaliseLabel } from '../values/text-match';

/**
 * What a header says about its column, by name alone: question numbers ("Q3", "3.", "Question 3a",
 * "Prop 1 Q1 - …", Qualtrics "Q2_7_TEXT"), survey-tool metadata ("Start time", "Respondent ID"),
 * "About you" fields ("Are you responding as…", "Organisation name"), explanations and "Other"
 * text. Layout detection and mapping both use these rules; README.md lists them.
 */

export interface HeaderNumber {
  /** "3", "3a" (lower case). */
  number: string;
  /** "prop 1" when headers restart numbering per section. */
  section?: string;
  /** The header without its number. */
  rest: string;
}

const SECTION_PREFIX =
  String.raw`(?:(?<section>(?:prop(?:osal)?|section|part|chapter|theme|annex)\s*[0-9a-z]{1,3})` +
  String.raw`\s*[-:–,.]?\s*)?`;
const NUMBERED = new RegExp(
  String.raw`^\s*${SECTION_PREFIX}(?:q(?:uestion)?\s*\.?\s*(?<n1>\d{1,3}[a-z]?)(?![0-9a-z_])|` +
    String.raw`(?<n2>\d{1,3}[a-z]?)(?=[.):]|\s[-–]\s))\s*[-:.)–]*\s*(?<rest>[\s\S]*)$`,
  'i',
);
/** Qualtrics short names: Q2, Q2_7_TEXT, Q12_3. */
const QUALTRICS_SHORT = /^q(\d{1,3})(?:_(\d{1,3}))?(_text)?$/i;

export function headerNumber(header: string): HeaderNumber | null {
  const h = header.trim();
  const q = QUALTRICS_SHORT.exec(h);
  if (q) return { number: q[1]!, rest: '' };
  const m = NUMBERED.exec(h);
  if (!m?.groups) return null;
  const n = (m.groups['n1'] ?? m.groups['n2'] ?? '').toLowerCase();
  if (!n) return null;
  const section = m.groups['section']?.toLowerCase().replace(/\s+/g, ' ');
  return section ? { number: n, section, rest: m.groups['rest'] ?? '' } : { number: n, rest: m.groups['rest'] ?? '' };
}

// ---------------------------------------------------------------- survey-tool metadata

const META_EXACT: Record<string, MetaField | null> = {
  // Microsoft Forms
  id: 'externalId',
  'start time': 'startedAt',
  'completion time': 'submittedAt',
  'last modified time': null,
  'total points': null,
  'quiz feedback': null,
  // SurveyMonkey
  'respondent id': 'externalId',
  'collector id': null,
  'start date': 'startedAt',
  'end date': 'submittedAt',
  'ip address': null,
  'custom data': null,
  'custom data 1': null,
  // Qualtrics (short names and their labels)
  startdate: 'startedAt',
  enddate: 'submittedAt',
  status: null,
  'response type': null,
  ipaddress: null,
  progress: null,
  'duration (in seconds)': null,
  finished: null,
  recordeddate: null,
  'recorded date': null,
  responseid: 'externalId',
  'response id': 'externalId',
  externalreference: null,
  'external data reference': null,
  'external reference': null,
  locationlatitude: null,
  'location latitude': null,
  locationlongitude: null,
  'location longitude': null,
  distributionchannel: null,
  'distribution channel': null,
  userlanguage: null,
  'user language': null,
  // Citizen Space
  'unique id': null,
  'started on': 'startedAt',
  'submitted on': 'submittedAt',
  // Decidim
  'created at': 'submittedAt',
  'ip hash': null,
  'user status': null,
  // Generic
  timestamp: 'submittedAt',
  'submission date': 'submittedAt',
  'date submitted': 'submittedAt',
  'submitted at': 'submittedAt',
  'response date': 'submittedAt',
  'submission id': 'externalId',
  reference: 'externalId',
  'reference number': 'externalId',
  'response ref': 'externalId',
  'date received': 'submittedAt',
  received: 'submittedAt',
  'date of response': 'submittedAt',
  'response number': 'externalId',
  'response reference': 'externalId',
  channel: 'channel',
  'response channel': 'channel',
  // SurveyMonkey written without spaces, and its other exports
  respondentid: 'externalId',
  collectorid: null,
  // Qualtrics (short names and labels of its other columns)
  responseset: null,
  'response set': null,
  externaldatareference: null,
  locationaccuracy: null,
  'location accuracy': null,
  // LimeSurvey (labels and codes)
  submitdate: 'submittedAt',
  'last page': null,
  lastpage: null,
  'start language': null,
  startlanguage: null,
  seed: null,
  'date started': 'startedAt',
  'date last action': null,
  datestamp: null,
  ipaddr: null,
  'referrer url': null,
  refurl: null,
  token: null,
  'total time': null,
  interviewtime: null,
  // Typeform
  '#': 'externalId',
  'network id': null,
  'start date (utc)': 'startedAt',
  'submit date (utc)': 'submittedAt',
  tags: null,
  ending: null,
  // Alchemer (SurveyGizmo)
  'time started': 'startedAt',
  'contact id': null,
  'legacy comments': null,
  language: null,
  referer: null,
  referrer: null,
  sessionid: null,
  'session id': null,
  'user agent': null,
  longitude: null,
  latitude: null,
  'state/region': null,
  postal: null,
  // SmartSurvey
  userid: null,
  userno: null,
  started: 'startedAt',
  ended: 'submittedAt',
  'tracking link': null,
  'custom value': null,
  // JotForm
  'submission ip': null,
  'last update date': null,
  'edit link': null,
  // KoboToolbox / ODK
  start: 'startedAt',
  end: 'submittedAt',
  today: null,
  deviceid: null,
  subscriberid: null,
  simserial: null,
  phonenumber: null,
  username: null,
  audit: null,
  _id: 'externalId',
  _uuid: null,
  _submission_time: 'submittedAt',
  _validation_status: null,
  _notes: null,
  _status: null,
  _submitted_by: null,
  __version__: null,
  _version_: null,
  _tags: null,
  _index: null,
  _attachments: null,
  _geolocation: null,
  _xform_id_string: null,
  'meta/instanceid': null,
  'meta/instancename': null,
  'meta/deprecatedid': null,
  'formhub/uuid': null,
  // Google Forms quizzes
  score: null,
  'total score': null,
  // Generic
  ip: null,
  'ip address (v4)': null,
  'user-agent': null,
  'time taken': null,
  'time taken (seconds)': null,
  'completion status': null,
  'response status': null,
  completed: null,
  'last modified': null,
  'modified date': null,
};

/** Column names that only a survey tool writes, by shape (LimeSurvey timings, Qualtrics embedded data, ODK paths). */
const META_SHAPES: RegExp[] = [
  /^(group|question) time: /, // LimeSurvey timings
  /^(grouptime|questiontime)\d+/,
  /^[a-z]+\d+time$/, // LimeSurvey timing codes: "Q00Time"
  /^q_[a-z]/, // Qualtrics embedded data: Q_RecaptchaScore, Q_RelevantIDDuplicate…
  /^_[a-z_]+$/, // Kobo's own fields: _id, _uuid, _submission_time…
  /^meta\//,
  // a LimeSurvey equation: {if((age.NAOK > 65) …)} (not Qualtrics' {"ImportId":…})
  /^\{(?!\s*['"]importid).*[(.].*\}$/s,
  /^filecount - /, // LimeSurvey: how many files were uploaded
];

/**
 * Words only metadata in one tool's export: elsewhere "Status", "Comments" or "City" may be a
 * question. The tool is known from columns only it writes (source-tool.ts).
 */
const TOOL_META: Partial<Record<SourceKind, Record<string, MetaField | null>>> = {
  odk: {
    submissiondate: 'submittedAt',
    end: null, // the device's clock when the form was finished; SubmissionDate is when it arrived
    key: 'externalId',
    'meta-instanceid': null,
    'meta-instancename': null,
    submitterid: null,
    submittername: null,
    attachmentspresent: null,
    attachmentsexpected: null,
    status: null,
    reviewstate: null,
    deviceid: null,
    edits: null,
    formversion: null,
    parent_key: null,
  },
  kobo: {
    end: null, // the device's clock; _submission_time is when it arrived
    _submission__submission_time: 'submittedAt',
    _submission__id: null,
  },
  typeform: { 'stage date (utc)': null, 'response type': null },
  alchemer: {
    'response id': 'externalId',
    'extended referer': null,
    'extended user agent': null,
    country: null, // Alchemer's guess from the IP address, not what the respondent said
    city: null,
    'state/region': null,
    postal: null,
    comments: null, // the survey administrator's notes on a response
    status: null,
  },
  smartsurvey: { userid: 'externalId' },
  jotform: { 'submission url': null, 'submission edit url': null, 'edit url': null, 'last update date': null },
  'microsoft-forms': { 'grade posted time': null },
  limesurvey: { 'access code': null, 'response id': 'externalId' },
  decidim: {
    id: 'externalId',
    created_at: 'submittedAt',
    published_at: 'submittedAt',
    locale: null,
    'author/id': null,
    alignment: null,
    depth: null,
    commentable_id: null,
    commentable_type: null,
    root_commentable_url: null,
    reference: null,
    state: null,
    supports: null,
    comments: null,
    attachments: null,
    followers: null,
    url: null,
    meeting_urls: null,
    related_proposals: null,
    is_amend: null,
  },
  polis: {
    timestamp: null,
    datetime: 'submittedAt',
    'comment-id': 'externalId',
    'author-id': null,
    agrees: null,
    disagrees: null,
    passes: null,
    moderated: null,
    participant: 'externalId',
    'group-id': null,
    'n-comments': null,
    'n-votes': null,
    'n-agree': null,
    'n-disagree': null,
  },
  engagementhq: {
    'response no.': 'externalId',
    'responded at': 'submittedAt',
    'contribution id': 'externalId',
    'created at': 'submittedAt',
    likes: null,
  },
};

/**
 * Decidim's own columns (`user_group/id`, `endorsements/total_count`, `participatory_space/url`…) and Kobo/ODK paths.
 */
const TOOL_SHAPES: Partial<Record<SourceKind, RegExp[]>> = {
  decidim: [
    /^(user_group|category|scope|participatory_space|component|endorsements|original_proposal|answer)\//,
    /^(title|answer)\/[a-z]{2}$/,
  ],
  kobo: [/^_.+_(latitude|longitude|altitude|precision)$/, /^_submission__/],
  alchemer: [/^url variable: /],
  typeform: [/^utm_[a-z]+$/],
};

/** undefined: not metadata. null: metadata kept with the response as received (IP address, progress…). */
export function metaFieldOf(header: string, source?: SourceKind): MetaField | null | undefined {
  const h = normaliseLabel(header);
  const tool = source ? TOOL_META[source] : undefined;
  if (tool && Object.hasOwn(tool, h)) return tool[h];
  if (source && TOOL_SHAPES[source]?.some((re) => re.test(h))) {
    // Decidim's title and body in each language are what people wrote, not metadata.
    if (source === 'decidim' && /^title\/[a-z]{2}$/.test(h)) return undefined;
    return null;
  }
  if (Object.hasOwn(META_EXACT, h)) return META_EXACT[h];
  if (/^(points|feedback) - /.test(h)) return null; // Forms quiz columns
  if (h.length <= 80 && META_SHAPES.some((re) => re.test(h))) return null;
  return undefined;
}

// ---------------------------------------------------------------- "About you"

const ORG = 'organi[sz]ation';
const RESPONDENT_RULES: [RespondentTargetKey, RegExp][] = [
  ['confidentialReason', /confidential.*\b(why|reason)|\b(why|reason).*confidential/],
  ['confidential', /\bconfidential/],
  ['publishConsent', /\bpublish/],
  [
    'contactConsent',
    new RegExp(
      [
        '(may|can) we contact|contact you|happy (for us )?to be contacted|further contact|',
        'keep in touch|contacted (about|again)',
      ].join(''),
    ),
  ],
  [
    'represents',
    new RegExp(
      `whom? (does|do) (your ${ORG}|you) represent|who(m)? do you represent|how (did|do) you (gather|collect) ` +
        `(their|members)`,
    ),
  ],
  [
    'respondingAs',
    new RegExp(
      `responding as|respond(ing)? on behalf|on behalf of an? ${ORG}|individual or (on behalf of )?(an? ` +
        `)?${ORG}|in what capacity|capacity are you responding`,
    ),
  ],
  [
    'organisation',
    new RegExp(
      `${ORG}('s)? name|name of (your |the )?(${ORG}|company|business|employer|charity|group|letting ` +
        `agency|agency|council|club|society)|^${ORG}$|^${ORG} \\(if applicable\\)|^(company|business|employer)( ` +
        `name)?$|which ${ORG} (are you|do you)`,
    ),
  ],
  [
    'respondentType',
    new RegExp(
      `best describes? (you|your ${ORG})|which of (these|the following) (best )?describe|type of ` +
        `(respondent|${ORG})|${ORG} type|^sector$|which sector|sector (your )?${ORG}|${ORG} (is part ` +
        `of|sector)|^respondent type|stakeholder (type|group)|^are you an?\\b`,
    ),
  ],
  [
    'role',
    new RegExp(
      `^(your )?(job )?(role|title|position|job title)( in (the|your) ${ORG})?\\??$|what is your (job ` +
        `title|role|position)`,
    ),
  ],
  [
    'postcode',
    new RegExp(
      [
        String.raw`^(your |home |the )?post ?code\b|^(what is )?(your|the) (home )?post ?code|first (part|`,
        String.raw`half) of (your|the) post ?code|^(zip|postal) code$|^post ?code district`,
      ].join(''),
    ),
  ],
  ['address', /^(your |home |postal )?address$|^what is your (postal |home )?address/],
  [
    'region',
    new RegExp(
      [
        String.raw`\bregion\b|where do you live|where (are you|is your (organi[sz]ation|business)) based|`,
        String.raw`^location\b|^country|which nation|^nation\b|local authority area|^county$`,
      ].join(''),
    ),
  ],
  ['ageBand', /^(your )?age( band| group| range)?\??$|what is your age|how old are you|age group/],
  [
    'email',
    new RegExp(
      [
        String.raw`^(your )?e-?mail( address)?\??$|what is your e-?mail|^e-?mail address|^emailaddress$|`,
        String.raw`^recipientemail$|^recipient email$|^respondent e-?mail$`,
      ].join(''),
    ),
  ],
  [
    'name',
    new RegExp(
      [
        String.raw`^(your )?(full )?name\??$|what is your (full )?name|^(first|last) name$|^(forename|`,
        String.raw`surname|given name|family name)$|^recipient(first|last)name$|^recipient (first|`,
        String.raw`last) name$|^respondent name$`,
      ].join(''),
    ),
  ],
];

/** One tool's own names for its respondent columns. */
const TOOL_RESPONDENT: Partial<Record<SourceKind, Record<string, RespondentTargetKey>>> = {
  decidim: { 'author/name': 'name', 'author/nickname': 'name' },
  engagementhq: { 'login username': 'name', username: 'name' },
};

/**
 * Contact details the app has no field for (a phone number): personal data, kept with the
 * response as received — never a question whose answers could be analysed or published.
 */
export function isPhoneHeader(header: string): boolean {
  const h = normaliseLabel(header);
  return (
    h.length <= 80 &&
    /^(what('s| is) )?(your )?((tele)?phone|mobile|contact)( phone)?( number| no\.?)?\??( \(optional\))?$/.test(h)
  );
}

export function respondentFieldOf(header: string, source?: SourceKind): RespondentTargetKey | undefined {
  let h = normaliseLabel(header);
  if (h.length > 300) return undefined;
  const tool = source ? TOOL_RESPONDENT[source] : undefined;
  if (tool && Object.hasOwn(tool, h)) return tool[h];
  // Kobo and ODK put a question in its group ("About you/Postcode", "about_you-age_group").
  if (source === 'kobo' || source === 'odk')
    h = h
      .split(source === 'kobo' ? '/' : '-')
      .pop()!
      .replace(/_/g, ' ')
      .trim();
  h = h.replace(/\bwhat's\b/g, 'what is');
  // "Your name (optional)": what is asked, not whether it must be given.
  h = h.replace(/\s*\((optional|if you wish|not required)\)\s*$/, '');
  for (const [field, re] of RESPONDENT_RULES) if (re.test(h)) return field;
  return undefined;
}

const RESPONDING_AS_VALUES = new Set([
  'individual',
  'an individual',
  'as an individual',
  'organisation',
  'organization',
  'an organisation',
  'on behalf of an organisation',
  'on behalf of an organization',
  'on behalf of someone else',
  'company',
  'business',
  'member of the public',
  'myself',
]);

/** Values like Individual / Organisation say "responding as" whatever the header says. */
export function looksLikeRespondingAs(values: string[]): boolean {
  let hits = 0;
  let seen = 0;
  for (const v of values) {
    const n = normaliseLabel(v);
    if (!n) continue;
    seen++;
    if (RESPONDING_AS_VALUES.has(n) || /^(responding )?(as an? |on behalf of )/.test(n)) hits++;
  }
  return seen > 0 && hits / seen >= 0.8 && values.some((v) => /individual/i.test(v));
}

// ---------------------------------------------------------------- parts of a question

const EXPLAIN = new RegExp(
  [
    String.raw`^(please )?(explain|give (your )?reasons?|tell us why|why( is that| not)?\??$|`,
    String.raw`reasons? for your (answer|response)|comments?:?$|please (give|provide|explain)( (your|`,
    String.raw`the))? (reasons?|explanation|more detail)|please explain your answer|`,
    String.raw`explain your answer|if (yes|no)[^.?]*(explain|why|tell us)|please tell us (why|more))`,
  ].join(''),
);

export function isExplanationHeader(text: string): boolean {
  const h = normaliseLabel(text);
  return h.length < 200 && EXPLAIN.test(h);
}

const OTHER = new RegExp(
  [
    String.raw`(^|\W)other( \(please specify\)| - please specify| \(specify\)| \(please state\)|`,
    String.raw` \(please describe\)| - write in)?( - text)?$|please specify$|_text$|^if other,|^-oth-$`,
  ].join(''),
);

export function isOtherHeader(text: string): boolean {
  const h = normaliseLabel(text);
  return h.length < 300 && OTHER.test(h);
}

/**
 * Alchemer heads a column label first: "Option:Question", "Row:Question", "First Name:Your details" → [label,
 * question].
 */
export function labelFirstParts(header: string): [label: string, question: string] | null {
  const m = /^([^:]{1,200}):(\S.*)$/.exec(header);
  return m ? [m[1]!, m[2]!] : null;
}

/** Qualtrics adds "- Selected Choice" to a choice column and "- Other … - Text" to its text box. */
export function stripQualtricsSuffix(text: string): { text: string; kind: 'choice' | 'text' | null; label?: string } {
  const sel = /\s+-\s+Selected Choice$/i.exec(text);
  if (sel) return { text: text.slice(0, sel.index), kind: 'choice' };
  const txt = /\s+-\s+([^-]+?)\s+-\s+Text$/i.exec(text);
  if (txt) return { text: text.slice(0, txt.index), kind: 'text', label: txt[1]!.trim() };
  return { text, kind: null };
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  hellip: '…',
  pound: '£',
  euro: '€',
};

const ACCENTS: Record<string, string> = {
  acute: '\u0301',
  grave: '\u0300',
  circ: '\u0302',
  uml: '\u0308',
  tilde: '\u0303',
  ring: '\u030a',
  cedil: '\u0327',
};
const OTHER_ENTITIES: Record<string, string> = {
  szlig: 'ß',
  aelig: 'æ',
  AElig: 'Æ',
  oslash: 'ø',
  Oslash: 'Ø',
  copy: '©',
  reg: '®',
  deg: '°',
  middot: '·',
  bull: '•',
  times: '×',
  divide: '÷',
  frac12: '½',
  frac14: '¼',
  frac34: '¾',
  sect: '§',
  trade: '™',
  laquo: '«',
  raquo: '»',
};

/** "&eacute;" → "é", "&Ccedil;" → "Ç": a letter and its accent, in the entity's own case. */
function accented(name: string): string | undefined {
  if (Object.hasOwn(OTHER_ENTITIES, name)) return OTHER_ENTITIES[name];
  const m = /^([a-zA-Z])(acute|grave|circ|uml|tilde|ring|cedil)$/.exec(name);
  return m ? `${m[1]}${ACCENTS[m[2]!]}`.normalize('NFC') : undefined;
}

/**
 * A header as a person reads it: HTML line breaks become spaces and other tags go ("<strong>",
 * "<br>"), entities are decoded ("&gt;", "&#39;"), non-breaking spaces, tabs and runs of space
 * become one space. Survey tools put the question's own formatting into their headers.
 */
export function cleanHeader(raw: string): string {
  if (!/[<&\u00a0\t\n\r]|\s{2}/.test(raw)) return raw.trim();
  return raw
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<\/?(?:[a-z][a-z0-9]*)(?:\s[^<>]*)?\/?>/gi, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] === '#') {
        const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
      }
      return ENTITIES[e.toLowerCase()] ?? accented(e) ?? m;
    })
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}
