/**
 * Realistic synthetic consultation answers with planted campaigns, for testing and benchmarking
 * campaign detection (and as varied open answers for theme suggestions).
 *
 * Organic answers are built from many sentence patterns with many slot fillers (places, family,
 * services, numbers), so different respondents share topical words and common phrases ("I think
 * that the…") but rarely whole sentences — as real answers do.
 *
 * Campaign members are a campaign's template with, at random: the respondent's own sentences
 * before or after it (sometimes a long paragraph), a clause of their own inside a sentence, a
 * sentence left out, light rewording (synonyms) and typos. The ground truth records the campaign
 * and the added text of every member.
 */
import { seededRandom } from '#shared/core/hash';

export type Rng = () => number;

const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: Rng, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

const TOWNS = [
  'Leeds',
  'Bradford',
  'Truro',
  'Carlisle',
  'Norwich',
  'Hull',
  'Stoke',
  'Derby',
  'Bristol',
  'Exeter',
  'Penzance',
  'Kendal',
  'Hexham',
  'Ipswich',
  'Luton',
  'Swindon',
  'Wigan',
  'Bolton',
  'Grimsby',
  'Lincoln',
  'Boston',
  'Skegness',
  'Whitby',
  'Scarborough',
  'Barnstaple',
  'Taunton',
  'Yeovil',
  'Hereford',
  'Ludlow',
  'Shrewsbury',
  'Crewe',
  'Macclesfield',
  'Blackpool',
  'Preston',
  'Lancaster',
  'Durham',
  'Sunderland',
  'Gateshead',
  'a small village near York',
  'a market town in Suffolk',
  'the outskirts of Birmingham',
  'rural Northumberland',
  'inner London',
];
const RELATIVES = [
  'mother',
  'father',
  'husband',
  'wife',
  'partner',
  'son',
  'daughter',
  'grandmother',
  'grandfather',
  'neighbour',
  'brother',
  'sister',
  'aunt',
  'friend',
];
const CONDITIONS = [
  'diabetes',
  'dementia',
  'COPD',
  'arthritis',
  'a heart condition',
  'sight loss',
  'hearing loss',
  'MS',
  'epilepsy',
  'asthma',
  'Parkinson’s',
  'long COVID',
  'depression',
  'cancer',
];
const SERVICES = [
  'booking a GP appointment',
  'ordering repeat prescriptions',
  'seeing test results',
  'reading my records',
  'finding a dentist',
  'contacting the surgery',
  'getting a referral',
  'checking vaccination records',
  'finding opening hours',
  'getting mental health support',
  'managing hospital appointments',
  'finding a pharmacy',
  'updating my address',
  'getting a sick note',
];
const PERSONAS = [
  'a retired teacher',
  'a practice nurse',
  'a carer for my mother',
  'a GP receptionist',
  'a pharmacist',
  'a parent of two young children',
  'a wheelchair user',
  'someone with a learning disability',
  'a community volunteer',
  'a hospital porter',
  'a social worker',
  'a self-employed builder',
  'a student',
  'a former NHS manager',
  'a librarian',
  'a lorry driver who works nights',
  'a farmer',
  'a care home manager',
  'a software developer',
  'a district nurse',
];
const FEEL = [
  'think',
  'believe',
  'feel',
  'am convinced',
  'would say',
  'honestly think',
  'worry',
  'suspect',
  'am fairly sure',
  'strongly believe',
];
const SUBJECT = [
  'the NHS',
  'the government',
  'the department',
  'my local surgery',
  'the health service',
  'whoever runs the website',
  'local trusts',
  'GP practices',
  'the app',
  'a single front door',
  'the new system',
  'NHS England',
  'pharmacies',
  'the people designing this',
];
const SHOULD = ['should', 'must', 'needs to', 'ought to', 'has to', 'could', 'would do well to'];
const ACTION = [
  'keep a telephone option',
  'make the website simpler',
  'test it with older people',
  'work offline too',
  'allow family members to help',
  'explain how our data is used',
  'stop asking for the same details twice',
  'offer help in libraries',
  'support people who speak little English',
  'make the app work on old phones',
  'keep face to face appointments',
  'publish how well it is working',
  'fix the login problems first',
  'train receptionists to help',
  'let carers manage appointments',
  'use plain English',
  'work with screen readers',
  'send letters as well as texts',
];
const REASON = [
  'because not everyone has a smartphone',
  'since many older people are not online',
  'as broadband here is terrible',
  'because trust matters',
  'because my data is private',
  'as people with disabilities get left behind',
  'because the current sites are confusing',
  'since staff are already stretched',
  'because we pay for it',
  'as mistakes in records can be dangerous',
  'because people give up when it is hard',
  'as the phone lines are always busy',
  'because scams are everywhere now',
  'since I cannot read small print',
  '',
];
const ADJ = [
  'confusing',
  'slow',
  'reassuring',
  'frustrating',
  'useful',
  'overdue',
  'worrying',
  'sensible',
  'ambitious',
  'unrealistic',
  'welcome',
  'patchy',
];
const OPENERS = [
  'Honestly,',
  'To be fair,',
  'In my experience,',
  'Frankly,',
  'On balance,',
  'Overall,',
  'Personally,',
  'From what I have seen,',
  'Sadly,',
  'Thankfully,',
];
const YEARS = [
  'last year',
  'two years ago',
  'in 2019',
  'during the pandemic',
  'last winter',
  'a few months ago',
  'in March',
  'recently',
  'some time ago',
];
const TIMES = [
  '20 minutes',
  'an hour',
  'three days',
  'two weeks',
  'a month',
  'six weeks',
  'forty minutes',
  'all morning',
];

const PATTERNS: Array<(r: Rng) => string> = [
  (r) =>
    `I ${pick(r, FEEL)} that ${pick(r, SUBJECT)} ${pick(r, SHOULD)} ${pick(r, ACTION)} ${pick(r, REASON)}`.trim() + '.',
  (r) => `As ${pick(r, PERSONAS)}, I find ${pick(r, SERVICES)} ${pick(r, ADJ)}.`,
  (r) => `My ${pick(r, RELATIVES)} has ${pick(r, CONDITIONS)} and struggles with ${pick(r, SERVICES)}.`,
  (r) => `${pick(r, OPENERS)} ${pick(r, SERVICES)} online has been ${pick(r, ADJ)} for me.`,
  (r) =>
    `I live in ${pick(r, TOWNS)} and ` +
    pick(r, [
      'the signal is poor',
      'there is no bus to the surgery',
      'the library closed',
      'most people I know are over 70',
      'the surgery is always full',
      'the pharmacy shut last year',
    ]) +
    '.',
  (r) =>
    `${pick(r, YEARS)[0]!.toUpperCase()}${pick(r, YEARS).slice(1)} I waited ${pick(r, TIMES)} ` +
    `for ${pick(r, SERVICES)}.`,
  (r) => `It would help if ${pick(r, SUBJECT)} could ${pick(r, ACTION)}.`,
  (r) =>
    `Please ${pick(r, ACTION)}, ${pick(r, ['otherwise', 'or else', 'if not'])} ` +
    pick(r, [
      'people will give up',
      'we will just phone instead',
      'the most vulnerable will suffer',
      'nobody will use it',
      'it will cost more in the end',
    ]) +
    '.',
  (r) =>
    `The idea of one front door is ${pick(r, ADJ)}, but ${pick(r, SUBJECT)} ${pick(r, SHOULD)} ${pick(r, ACTION)}.`,
  (r) =>
    `I am ${int(r, 19, 93)} years old and ` +
    pick(r, [
      'I manage fine online',
      'I do not own a computer',
      'my grandson helps me',
      'I use a tablet',
      'I prefer to speak to someone',
    ]) +
    '.',
  (r) =>
    `My ${pick(r, RELATIVES)} ` +
    `in ${pick(r, TOWNS)} ` +
    pick(r, [
      'cannot use the app',
      'gave up on the website',
      'relies on me for everything online',
      'has never had an email address',
      'is blind and uses a screen reader',
    ]) +
    '.',
  (r) =>
    `What stops me is ` +
    pick(r, [
      'the passwords',
      'the long forms',
      'the jargon',
      'worry about scams',
      'the cost of data',
      'not knowing who to trust',
      'the constant updates',
      'the tiny buttons',
    ]) +
    '.',
  (r) =>
    `${pick(r, OPENERS)} ` +
    `I ${pick(r, FEEL)} ${pick(r, SUBJECT)} ` +
    pick(r, [
      'is trying',
      'means well',
      'has not listened',
      'is moving too fast',
      'forgets about rural areas',
      'does not understand carers',
    ]) +
    '.',
  (r) =>
    `When I tried ${pick(r, SERVICES)} it took ${pick(r, TIMES)} and ` +
    pick(r, [
      'I gave up',
      'I had to ring anyway',
      'it worked in the end',
      'the page crashed',
      'I was logged out twice',
    ]) +
    '.',
  (r) =>
    `${pick(r, ['Staff at', 'The receptionist at', 'A volunteer at', 'The pharmacist at'])} ` +
    `${pick(r, ['my surgery', 'the local library', 'our community centre', 'the chemist'])} ` +
    `${pick(r, ['showed me how to log in', 'was very patient', 'had no time to help', 'did not know how it worked'])}.`,
  (r) => `I would use it for ${pick(r, SERVICES)} and ${pick(r, SERVICES)}.`,
  (r) =>
    `${int(r, 2, 9)} out of 10 people in ` +
    `my ${pick(r, ['street', 'club', 'church', 'family', 'choir', 'support group'])} ` +
    `${pick(r, ['are not online', 'use the app', 'would struggle', 'prefer the phone'])}.`,
  (r) =>
    (
      `Information must ` +
      `show ${pick(r, ['who wrote it', 'when it was checked', 'the evidence', 'a date', 'a contact'])} ` +
      `${pick(r, ['or I will not trust it', 'so we know it is current', 'like the leaflets do', ''])}`
    ).trim() + '.',
  (r) =>
    pick(r, [
      'Thank you for asking.',
      'I hope someone reads this.',
      'Good luck with it.',
      'That is all I wanted to say.',
      'Please listen to patients.',
      'This matters a lot to us.',
    ]),
];

const ASIDES = [
  'really',
  'honestly',
  'to be honest',
  'I must say',
  'quite frankly',
  'if I am honest',
  'at the moment',
  'these days',
  'for example',
  'sadly',
  'in practice',
  'as a rule',
  'more and more',
  'without doubt',
  'I suppose',
  'of course',
  'in my view',
  'believe me',
  'more often than not',
];
const TAILS = [
  'and that is not fair',
  'which is a worry',
  'as far as I can tell',
  'for most of us',
  'and I am not alone',
  'which says it all',
  'to put it mildly',
  'and nobody seems to care',
  'at least round here',
  'in my opinion',
  'and it is getting worse',
  'which is a start',
  'if that makes sense',
];

/** One organic sentence, with an aside or a tail now and then so people rarely share whole sentences. */
export function organicSentence(r: Rng): string {
  let s = pick(r, PATTERNS)(r);
  if (r() < 0.5) {
    const words = s.split(' ');
    if (words.length > 4) {
      words.splice(int(r, 1, words.length - 2), 0, `${pick(r, ASIDES)}`);
      s = words.join(' ');
    }
  }
  if (r() < 0.35 && /[.]$/.test(s)) s = `${s.slice(0, -1)}, ${pick(r, TAILS)}.`;
  return s;
}

/** An organic answer of roughly `minWords`–`maxWords` words. */
export function organicAnswer(r: Rng, minWords = 20, maxWords = 300): string {
  const target = int(
    r,
    minWords,
    Math.max(minWords, Math.min(maxWords, minWords + Math.floor(-Math.log(1 - r() * 0.999) * 60))),
  );
  const parts: string[] = [];
  let words = 0;
  while (words < target) {
    const s = organicSentence(r);
    parts.push(s);
    words += s.split(/\s+/).length;
  }
  return parts.join(' ');
}

const CAMPAIGN_SENTENCES: Array<(r: Rng) => string> = [
  (r) =>
    `I am writing in support of the ` +
    pick(r, [
      'Keep Care Human',
      'Patients First',
      'Offline Not Forgotten',
      'Digital Dignity',
      'Rural Health Alliance',
      'Carers Voice',
    ]) +
    ' ' +
    `campaign.`,
  (r) =>
    `I urge the department to guarantee that ` +
    pick(r, [
      'every service stays available by telephone',
      'no patient is forced online',
      'paper letters continue',
      'carers can act for the people they look after',
    ]) +
    '.',
  (r) =>
    `${pick(r, ['Millions of people', 'One in ten adults', 'Many disabled people', 'Older people in particular'])} ` +
    pick(r, [
      'do not use the internet',
      'lack the skills or devices to get online',
      'cannot afford broadband',
      'find online forms impossible',
    ]) +
    ', ' +
    `and they must not be left behind.`,
  (r) =>
    `Any single front door must be ` +
    pick(r, ['designed with patients', 'tested independently', 'accessible to everyone', 'free of advertising']) +
    ' and ' +
    pick(r, [
      'meet the highest standards of privacy',
      'never share data with private companies',
      'be reviewed every year',
      'work on any device',
    ]) +
    '.',
  (r) =>
    `We ask for a legal duty on ${pick(r, ['NHS bodies', 'GP practices', 'integrated care boards'])} to ` +
    `provide ${pick(r, ['face to face help', 'telephone appointments', 'printed information'])} to anyone who ` +
    `asks.`,
  (r) =>
    `The proposals as drafted ` +
    pick(r, [
      'risk widening health inequalities',
      'put efficiency before people',
      'ignore the needs of carers',
      'underestimate the digital divide',
    ]) +
    '.',
  (r) =>
    `I call on ministers to ` +
    pick(r, [
      'publish an equality impact assessment',
      'fund digital skills support in every library',
      'protect non-digital routes in law',
      'consult disabled people properly',
    ]) +
    ' ' +
    `before going further.`,
  (r) => organicSentence(r),
];

const SYNONYMS: Record<string, string[]> = {
  think: ['believe', 'feel'],
  believe: ['think'],
  important: ['vital', 'essential'],
  must: ['should'],
  should: ['must'],
  people: ['patients', 'individuals'],
  help: ['support', 'assist'],
  support: ['back'],
  urge: ['ask', 'call on'],
  guarantee: ['ensure', 'promise'],
  many: ['lots of'],
  very: ['really'],
  simple: ['easy'],
  provide: ['offer'],
  ask: ['request'],
  everyone: ['everybody'],
  before: ['prior to'],
  and: ['and also'],
};

/**
 * A template: 4–10 sentences, 60–250 words. Sentences in `taken` (other campaigns') are not
 * reused: different organisations write different letters, though in the same vocabulary.
 */
export function campaignTemplate(r: Rng, taken: Set<string> = new Set()): string[] {
  const n = int(r, 4, 10);
  const out: string[] = [];
  const used = new Set<number>();
  for (let tries = 0; out.length < n && tries < 10_000; tries++) {
    const i = int(r, 0, CAMPAIGN_SENTENCES.length - 1);
    if (used.has(i) && i !== CAMPAIGN_SENTENCES.length - 1) continue;
    const s = CAMPAIGN_SENTENCES[i]!(r);
    if (taken.has(s)) continue;
    used.add(i);
    taken.add(s);
    out.push(s);
  }
  return out;
}

function typo(r: Rng, w: string): string {
  if (w.length < 4) return w;
  const i = int(r, 1, w.length - 2);
  return r() < 0.5 ? w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2) : w.slice(0, i) + w.slice(i + 1);
}

function reword(r: Rng, sentence: string, rewordRate: number, typoRate: number): string {
  return sentence
    .split(' ')
    .map((w) => {
      const core = w.replace(/[^A-Za-z]/g, '').toLowerCase();
      let out = w;
      const syn = SYNONYMS[core];
      if (syn && r() < rewordRate * 6) out = w.replace(/[A-Za-z]+/, pick(r, syn));
      if (r() < typoRate) out = typo(r, out);
      return out;
    })
    .join(' ');
}

export interface MemberOptions {
  rewordRate: number;
  typoRate: number;
  pOpening: number;
  pClosing: number;
  pLong: number;
  pInsert: number;
  pDrop: number;
}

export const DEFAULT_MEMBER_OPTIONS: MemberOptions = {
  rewordRate: 0.03,
  typoRate: 0.01,
  pOpening: 0.3,
  pClosing: 0.5,
  pLong: 0.08,
  pInsert: 0.1,
  pDrop: 0.15,
};

/** A campaign member's text and what the member added. */
export function campaignMember(
  r: Rng,
  template: readonly string[],
  o: MemberOptions = DEFAULT_MEMBER_OPTIONS,
): { text: string; additions: string[] } {
  const body = template.map((s) => reword(r, s, o.rewordRate, o.typoRate));
  if (r() < o.pDrop && body.length > 3) body.splice(int(r, 1, body.length - 1), 1);
  const additions: string[] = [];
  if (r() < o.pInsert) {
    // A clause of the member's own inside a template sentence.
    const i = int(r, 0, body.length - 1);
    const words = body[i]!.split(' ');
    if (words.length > 6) {
      const clause = `as ${pick(r, PERSONAS)} from ${pick(r, TOWNS)} with ${int(r, 2, 40)} years of experience`;
      const at = int(r, 2, words.length - 3);
      words.splice(at, 0, `${clause},`);
      body[i] = words.join(' ');
      additions.push(clause);
    }
  }
  const before: string[] = [];
  const after: string[] = [];
  if (r() < o.pOpening)
    before.push(
      pick(r, ['Dear Sir or Madam,', 'To whom it may concern.', 'Hello.', '']) || organicSentence(r),
      organicSentence(r),
    );
  if (r() < o.pClosing) for (let i = int(r, 1, 3); i > 0; i--) after.push(organicSentence(r));
  if (r() < o.pLong) for (let i = int(r, 6, 14); i > 0; i--) after.push(organicSentence(r));
  additions.push(...before, ...after);
  const text = [...before, ...body, ...after].join(r() < 0.2 ? '\n\n' : ' ');
  return { text, additions };
}

export interface PlantedDoc {
  id: string;
  text: string;
  /** The campaign this answer belongs to, or null for an organic answer. */
  campaign: string | null;
  additions: string[];
}

export interface PlantedCorpusOptions {
  seed?: number;
  organic: number;
  /** Size of each planted campaign. */
  campaigns: number[];
  member?: Partial<MemberOptions>;
  /** Share of campaign members that are exact copies of a common variant (online forms). */
  exactCopyShare?: number;
  /** Organic answer length range in words. Default 20–300 (most are short). */
  organicWords?: [number, number];
}

/** A shuffled corpus of organic answers and planted campaigns, with the truth. */
export function plantedCorpus(opts: PlantedCorpusOptions): { docs: PlantedDoc[]; templates: Record<string, string[]> } {
  const r = seededRandom(opts.seed ?? 42);
  const o = { ...DEFAULT_MEMBER_OPTIONS, ...opts.member };
  const docs: PlantedDoc[] = [];
  const templates: Record<string, string[]> = {};
  const taken = new Set<string>();
  const [minW, maxW] = opts.organicWords ?? [20, 300];
  for (let i = 0; i < opts.organic; i++)
    docs.push({ id: '', text: organicAnswer(r, minW, maxW), campaign: null, additions: [] });
  opts.campaigns.forEach((size, ci) => {
    const name = `planted-${ci + 1}`;
    const t = campaignTemplate(r, taken);
    templates[name] = t;
    const copy = t.join(' ');
    for (let m = 0; m < size; m++) {
      if (r() < (opts.exactCopyShare ?? 0.3)) docs.push({ id: '', text: copy, campaign: name, additions: [] });
      else docs.push({ id: '', ...campaignMember(r, t, o), campaign: name });
    }
  });
  // Shuffle, then number.
  for (let i = docs.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [docs[i], docs[j]] = [docs[j]!, docs[i]!];
  }
  docs.forEach((d, i) => (d.id = `r${String(i + 1).padStart(6, '0')}`));
  return { docs, templates };
}

/**
 * Recall and precision of detected groups against the planted truth: each detected group is
 * labelled with the planted campaign most of its members come from; a member counts as found if it
 * sits in a group labelled with its own campaign. Precision is the share of respondents placed in
 * groups who sit in a group of their own campaign.
 */
export function scoreCampaigns(
  docs: readonly PlantedDoc[],
  groups: ReadonlyArray<{ memberIds: readonly string[] }>,
): { recall: number; precision: number; planted: number; detected: number } {
  const truth = new Map(docs.map((d) => [d.id, d.campaign]));
  let correct = 0;
  let placed = 0;
  for (const g of groups) {
    const counts = new Map<string | null, number>();
    for (const id of g.memberIds) counts.set(truth.get(id) ?? null, (counts.get(truth.get(id) ?? null) ?? 0) + 1);
    let label: string | null = null;
    let best = -1;
    for (const [c, n] of counts) if (c !== null && n > best) [label, best] = [c, n];
    placed += g.memberIds.length;
    if (label !== null) correct += counts.get(label)!;
  }
  const planted = docs.filter((d) => d.campaign !== null).length;
  return {
    recall: planted ? correct / planted : 1,
    precision: placed ? correct / placed : 1,
    planted,
    detected: groups.length,
  };
}
