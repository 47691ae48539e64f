import type { Rng } from './random';

/**
 * Words for synthetic responses about the example consultation (one online place for NHS
 * information and services; standards for health information; nobody left behind). Fictional.
 */
const OPENERS = [
  'I think',
  'In my experience',
  'Speaking as a patient,',
  'As a carer for my mother,',
  'Our members tell us that',
  'Honestly,',
  'From what I have seen,',
  'We believe',
  'My view is that',
  'Having worked in a GP practice for years,',
  'Living in a rural village,',
  'As someone who is partially sighted,',
];

const CLAIMS = [
  'one front door would make it much easier to find the right service',
  'booking appointments online saves time for everyone',
  'too many NHS websites say different things about the same condition',
  'the NHS App is useful but it does not work well with a screen reader',
  'people need to know who wrote a page and when it was last checked',
  'information pages should be checked at least every year',
  'older people in my area do not use the internet at all',
  'the telephone line must stay, because not everyone has a smartphone',
  'broadband where I live is too slow for video calls with the surgery',
  'I worry about who can see my records if everything is in one place',
  'local services get lost when everything goes through a national website',
  'pharmacies could help people get online if they had the time and funding',
  'a single sign-in would stop me forgetting a dozen passwords',
  'library sessions helped my father learn to order prescriptions',
  'standards are only useful if someone checks that they are met',
  'the proposals do not say enough about people who speak little English',
  'test results should come with a plain explanation, not just numbers',
  'small charities cannot afford to meet a new standard without support',
  'face-to-face appointments must not become harder to get',
  'the cost of this, £40 million or more, should be published',
];

const BECAUSE = [
  'because the current system is confusing',
  'since many people give up before they find what they need',
  'as we have seen in our own service',
  'which matters most for people with long-term conditions',
  'and that would build trust in NHS advice',
  'though it will take time to get right',
  'and the "digital first" approach worries me',
  'especially for people who are “digitally excluded”',
  'so please do not rush this',
  'and I would like to see evidence that it works',
];

const SHORT = [
  'Yes, agreed.',
  'Good idea.',
  'Not sure this will work.',
  'Keep the phone line.',
  'Please make it accessible.',
  'Too complicated.',
  'Long overdue!',
  'No comment on this one.',
  'It depends on funding.',
  'Ask patients first.',
  'Fine by me',
  'Privacy is my main worry',
];

export const OTHER_TEXTS = [
  'Checking my child’s vaccinations',
  'Registering with a dentist',
  'Getting a fit note',
  'Mental health support, including out of hours',
  'A regional health board',
  'Patient groups and carers together',
  'Video consultations',
  'Sharing records with my carer',
];

export const PERSONAL_ADDITIONS = [
  'My own GP surgery already struggles to answer the phone.',
  'I live 20 miles from the nearest hospital.',
  'My husband cannot use a computer since his stroke.',
  'I have used the NHS App for two years and it has been mostly fine.',
  'Our village has no mobile signal at all.',
  'I am writing as a retired nurse.',
  'Please read this properly, this matters to my family.',
  'I care for my son who has learning disabilities.',
];

export const CAMPAIGN_TEMPLATES = [
  'I am writing to support the Keep Care Local campaign. Any online front door must not replace face-to-face ' +
    'care, telephone booking must stay free, and no one should be made to use an app to see their GP. Please ' +
    'protect local services and publish how you will measure the effect on older and disabled people.',
  'As a member of Patients for Plain Information, I ask the government to adopt one clear standard for NHS ' +
    'health information. Every page should say who wrote it, when it was checked and what evidence it uses. Pages ' +
    'should be checked every year, not every three years.',
  'I support the Rural Health Access Alliance. Online services are no use where broadband is poor. Before ' +
    'moving services online, the NHS must fund telephone and in-person alternatives in rural areas and report each ' +
    'year on how many people cannot get online.',
];

/** Light rewording of a campaign letter: members edit the template a little. */
const SWAPS: [RegExp, string][] = [
  [/\bI am writing to\b/, 'I write to'],
  [/\bmust not\b/, 'should not'],
  [/\bPlease\b/, 'I urge you to'],
  [/\bI ask the government to\b/, 'I call on the government to'],
  [/\bevery year\b/, 'annually'],
  [/\bno use\b/, 'useless'],
  [/\bolder\b/, 'elderly'],
];

export function reword(rng: Rng, text: string): string {
  let t = text;
  for (const [re, sub] of SWAPS) if (rng.chance(0.3)) t = t.replace(re, sub);
  return t;
}

function sentence(rng: Rng): string {
  const claim = rng.pick(CLAIMS);
  const body = rng.chance(0.7) ? `${rng.pick(OPENERS)} ${claim}` : claim[0]!.toUpperCase() + claim.slice(1);
  return `${body}${rng.chance(0.5) ? ` ${rng.pick(BECAUSE)}` : ''}.`;
}

/** Open text of varied length: a few words, a few sentences, or paragraphs. */
export function openText(rng: Rng, lengths: readonly number[] = [35, 45, 20]): string {
  const kind = rng.weighted(lengths);
  if (kind === 0) return rng.pick(SHORT);
  if (kind === 1) return Array.from({ length: rng.int(1, 3) }, () => sentence(rng)).join(' ');
  const paras = rng.int(2, 3);
  return Array.from({ length: paras }, () => Array.from({ length: rng.int(2, 4) }, () => sentence(rng)).join(' ')).join(
    '\n\n',
  );
}

/** A typo or two: swapped, dropped or doubled letters. */
export function addTypos(rng: Rng, text: string): string {
  const words = text.split(' ');
  const n = rng.int(1, 2);
  for (let k = 0; k < n; k++) {
    const i = rng.int(0, words.length - 1);
    const w = words[i]!;
    if (w.length < 4 || !/^[a-z]+$/i.test(w)) continue;
    const p = rng.int(1, w.length - 2);
    const kind = rng.int(0, 2);
    words[i] =
      kind === 0
        ? w.slice(0, p) + w[p + 1] + w[p] + w.slice(p + 2)
        : kind === 1
          ? w.slice(0, p) + w.slice(p + 1)
          : w.slice(0, p) + w[p] + w.slice(p);
  }
  return words.join(' ');
}

export const FIRST_NAMES = [
  'Aisha',
  'Ben',
  'Chloe',
  'Daniel',
  'Eleanor',
  'Farhan',
  'Grace',
  'Harry',
  'Imogen',
  'Jack',
  'Kiran',
  'Lucy',
  'Mohammed',
  'Niamh',
  'Oliver',
  'Priya',
  'Rhys',
  'Sophie',
  'Tom',
  'Una',
  'Viktor',
  'Wendy',
  'Yusuf',
  'Zara',
  'Siân',
  'Chloë',
  'Seán',
  'Zoë',
];
export const LAST_NAMES = [
  'Ahmed',
  'Baker',
  'Clarke',
  'Davies',
  'Evans',
  'Fraser',
  'Green',
  'Hughes',
  'Iqbal',
  'Jones',
  'Khan',
  'Lewis',
  'Morgan',
  "O'Brien",
  'Patel',
  'Roberts',
  'Singh',
  'Taylor',
  'Walker',
  'Wright',
  'Young',
  'Nowak',
  'Okafor',
  'McLeod',
];

/** Organisations with the spellings people really use for one body. */
export const ORGANISATIONS: { canonical: string; variants: string[] }[] = [
  {
    canonical: 'Acme Health Ltd',
    variants: ['Acme Health Ltd', 'ACME Health Limited', 'Acme Health', 'acme health ltd.'],
  },
  {
    canonical: 'Northshire County Council',
    variants: ['Northshire County Council', 'Northshire CC', 'Northshire Council'],
  },
  {
    canonical: 'Patients Together',
    variants: ['Patients Together', 'Patients Together (charity)', 'PATIENTS TOGETHER'],
  },
  {
    canonical: 'Royal College of Example Practitioners',
    variants: ['Royal College of Example Practitioners', 'RCEP', 'The Royal College of Example Practitioners'],
  },
  {
    canonical: 'Riverside NHS Foundation Trust',
    variants: ['Riverside NHS Foundation Trust', 'Riverside NHS FT', 'Riverside Foundation Trust'],
  },
  { canonical: 'Carers Voice UK', variants: ['Carers Voice UK', "Carers' Voice UK", 'Carers Voice'] },
  {
    canonical: 'Digital Inclusion Network',
    variants: ['Digital Inclusion Network', 'The Digital Inclusion Network', 'DIN'],
  },
  {
    canonical: 'Hilltop Pharmacy Group',
    variants: ['Hilltop Pharmacy Group', 'Hilltop Pharmacies', 'Hilltop Pharmacy Group plc'],
  },
  { canonical: 'MediSoft Systems', variants: ['MediSoft Systems', 'Medisoft Systems Ltd', 'MediSoft'] },
  {
    canonical: 'Association of Rural Surgeries',
    variants: ['Association of Rural Surgeries', 'Assoc. of Rural Surgeries', 'ARS'],
  },
];

export const ROLES = [
  'Chief executive',
  'Policy officer',
  'Practice manager',
  'Head of digital',
  'Trustee',
  'Volunteer coordinator',
  'Clinical lead',
];
