import type { Draft } from '#shared/domain/draft/model';
import { standardTemplate } from '#shared/domain/draft/template';
import type { Finding } from '#shared/checker/index';
import {
  bold,
  bullets,
  dated,
  ex,
  h,
  link,
  london,
  p,
  question,
  section,
  SECTION,
  t,
  withBlocks,
  withText,
} from './helpers';

/**
 * One case per behaviour of a rule: a draft where it fires (with what the finding must say) and a
 * draft, as close as possible, where it does not. rules.test.ts runs them all and checks that every
 * rule in the catalogue has at least one case of each.
 */
export interface RuleCase {
  rule: string;
  name: string;
  fires: () => Draft;
  quiet: () => Draft;
  now?: Date;
  /** Checks on the findings of `rule` in the firing draft. */
  expect?: (found: Finding[]) => void;
}

const mustSay =
  (...parts: (string | RegExp)[]) =>
  (found: Finding[]) => {
    const all = found.map((f) => `${f.title} | ${f.message}`).join('\n');
    for (const part of parts) {
      const ok = typeof part === 'string' ? all.includes(part) : part.test(all);
      if (!ok) throw new Error(`expected the findings to say ${String(part)}; they say:\n${all}`);
    }
  };
const severity = (s: Finding['severity']) => (found: Finding[]) => {
  if (!found.every((f) => f.severity === s))
    throw new Error(`expected ${s}, got ${found.map((f) => f.severity).join(', ')}`);
};
const both =
  (...checks: ((f: Finding[]) => void)[]) =>
  (f: Finding[]) => {
    for (const c of checks) c(f);
  };

const BG = 'In 2026, 71% of adults in England looked for health information online.';
/** A draft whose prose has `bad` where the quiet draft has `good`. */
const prose = (rule: string, name: string, bad: string, good: string, expect?: RuleCase['expect']): RuleCase => ({
  rule,
  name,
  fires: () => withText(`${BG}\n\n${bad}`),
  quiet: () => withText(`${BG}\n\n${good}`),
  ...(expect ? { expect } : {}),
});

const HARD = Array.from(
  { length: 6 },
  () =>
    'Notwithstanding considerable organisational heterogeneity, institutional stakeholders systematically ' +
    'underestimated implementation complexities associated with interoperability requirements, necessitating ' +
    'comprehensive reconsideration of architectural prioritisation.',
).join(' ');

export const CASES: RuleCase[] = [
  // ------------------------------------------------------------------ the box
  {
    rule: 'R-BOX',
    name: 'no title',
    fires: () => ex((d) => (d.metadata.title = '  ')),
    quiet: () => ex(),
    expect: mustSay('Title missing'),
  },
  {
    rule: 'R-BOX',
    name: 'no audience',
    fires: () => ex((d) => (d.metadata.audience = '')),
    quiet: () => ex(),
    expect: mustSay('Audience'),
  },
  {
    rule: 'R-BOX',
    name: 'no department',
    fires: () => ex((d) => (d.metadata.department = '')),
    quiet: () => ex(),
    expect: mustSay('Lead department'),
  },
  {
    rule: 'R-BOX',
    name: 'no opening date',
    fires: () => ex((d) => (d.metadata.opensAt = null)),
    quiet: () => ex(),
    expect: mustSay('Opening date'),
  },
  {
    rule: 'R-BOX',
    name: 'closing date not a date',
    fires: () => ex((d) => (d.metadata.closesAt = 'next Tuesday')),
    quiet: () => ex(),
    expect: mustSay('“next Tuesday” is not a date'),
  },
  {
    rule: 'R-BOX',
    name: 'no enquiries email or phone',
    fires: () => ex((d) => Object.assign(d.metadata.enquiries, { email: '', phone: '' })),
    quiet: () => ex((d) => (d.metadata.enquiries.email = '')),
    expect: mustSay('Enquiries contact'),
  },
  {
    rule: 'R-BOX',
    name: 'no alternative formats',
    fires: () => ex((d) => (d.metadata.enquiries.alternativeFormats = '')),
    quiet: () => ex(),
    expect: mustSay('Alternative formats'),
  },
  {
    rule: 'R-BOX',
    name: 'no way to respond',
    fires: () =>
      ex((d) => (d.metadata.waysToRespond = { onlineUrl: '', email: '', postalAddress: '', responseForm: false })),
    quiet: () =>
      ex(
        (d) =>
          (d.metadata.waysToRespond = {
            onlineUrl: 'https://consult.example.gov.uk/x',
            email: '',
            postalAddress: '',
            responseForm: false,
          }),
      ),
    expect: mustSay('Ways to respond'),
  },
  {
    rule: 'R-BOX',
    name: 'no response paper date',
    fires: () => ex((d) => (d.metadata.responsePaper.dueDate = null)),
    quiet: () => ex(),
    expect: mustSay('Response paper date'),
  },
  {
    rule: 'R-BOX',
    name: 'no compliance statement',
    fires: () => ex((d) => (d.metadata.complianceStatement = '')),
    quiet: () => ex(),
    expect: mustSay('Compliance statement'),
  },
  {
    rule: 'R-BOX',
    name: 'impact assessment status unknown',
    fires: () => ex((d) => (d.metadata.impactAssessment.status = 'unknown')),
    quiet: () => ex((d) => (d.metadata.impactAssessment = { status: 'to-follow', note: '' })),
    expect: mustSay('Impact assessment status'),
  },
  {
    rule: 'R-BOX',
    name: 'no territorial extent',
    fires: () => ex((d) => (d.metadata.territorialExtent = null)),
    quiet: () => ex(),
    expect: mustSay('Territorial extent'),
  },
  {
    rule: 'R-BOX',
    name: 'territorial extent “other” with no note',
    fires: () => ex((d) => (d.metadata.territorialExtent = 'other')),
    quiet: () =>
      ex((d) =>
        Object.assign(d.metadata, { territorialExtent: 'other', territorialNote: 'England and Northern Ireland' }),
      ),
    expect: mustSay('You chose “Other”'),
  },
  {
    rule: 'R-BOX2',
    name: 'email that is not an email',
    fires: () => ex((d) => (d.metadata.enquiries.email = 'digital-access at example.gov.uk')),
    quiet: () => ex(),
    expect: mustSay('does not look like an email address'),
  },
  {
    rule: 'R-BOX2',
    name: 'online link that is not a web address',
    fires: () => ex((d) => (d.metadata.waysToRespond.onlineUrl = 'consult.example.gov.uk')),
    quiet: () => ex(),
    expect: mustSay('starting https://'),
  },
  {
    rule: 'R-BOX2',
    name: 'response form with nowhere to send it',
    fires: () => ex((d) => Object.assign(d.metadata.waysToRespond, { email: '', postalAddress: '' })),
    quiet: () => ex((d) => (d.metadata.waysToRespond.email = '')),
    expect: mustSay('Nowhere to send the response form'),
  },
  {
    rule: 'R-BOX3',
    name: 'no response paper address',
    fires: () => ex((d) => (d.metadata.responsePaper.url = '')),
    quiet: () => ex(),
  },
  {
    rule: 'R-T1',
    name: 'title over 65 characters',
    fires: () =>
      ex((d) => (d.metadata.title = 'One online place for NHS information and services across all of England')),
    quiet: () => ex(),
    expect: mustSay('71 characters'),
  },
  {
    rule: 'R-T2',
    name: 'title with a dash and a full stop',
    fires: () => ex((d) => (d.metadata.title = 'NHS information – one online place.')),
    quiet: () => ex((d) => (d.metadata.title = 'Face-to-face and online NHS services')),
    expect: mustSay('ends with a full stop and contains a dash'),
  },
  {
    rule: 'R-T2',
    name: 'title that is a question',
    fires: () => ex((d) => (d.metadata.title = 'Should NHS information be in one place?')),
    quiet: () => ex(),
    expect: mustSay('is a question'),
  },
  {
    rule: 'R-T2',
    name: 'title with a slash',
    fires: () => ex((d) => (d.metadata.title = 'NHS information/services')),
    quiet: () => ex(),
    expect: mustSay('contains a slash'),
  },
  {
    rule: 'R-T3',
    name: 'summary over 160 characters',
    fires: () => ex((d) => (d.metadata.summary = `${d.metadata.summary} ${d.metadata.summary}`)),
    quiet: () => ex(),
    expect: mustSay('160 or fewer'),
  },
  {
    rule: 'R-T3',
    name: 'no summary',
    fires: () => ex((d) => (d.metadata.summary = '')),
    quiet: () => ex(),
    expect: mustSay('No summary'),
  },
  {
    rule: 'R-IA1',
    name: 'impact assessment not needed, no reason',
    fires: () => ex((d) => (d.metadata.impactAssessment = { status: 'not-needed', note: '' })),
    quiet: () =>
      ex(
        (d) =>
          (d.metadata.impactAssessment = { status: 'not-needed', note: 'The proposals have no costs for business.' }),
      ),
  },
  {
    rule: 'R-PB1',
    name: 'legal duty unknown',
    fires: () => ex((d) => (d.metadata.legalDutyToConsult = 'unknown')),
    quiet: () => ex(),
    expect: mustSay('legal duty'),
  },
  {
    rule: 'R-PB1',
    name: 'nothing recorded as open to change',
    fires: () => ex((d) => (d.metadata.openToInfluence = '')),
    quiet: () => ex(),
    expect: mustSay('still open to change'),
  },
  {
    rule: 'R-CY1',
    name: 'applies in Wales with no Welsh version',
    fires: () => ex((d) => (d.metadata.territorialExtent = 'england-and-wales')),
    quiet: () => ex((d) => Object.assign(d.metadata, { territorialExtent: 'england-and-wales', welshVersion: true })),
  },

  // ------------------------------------------------------------------ timing
  {
    rule: 'R-TM1',
    name: 'closes before it opens',
    fires: () => ex((d) => (d.metadata.closesAt = london(2027, 2, 1, 23, 59))),
    quiet: () => ex(),
    expect: mustSay('11:59pm on 1 February 2027', '9am on 1 March 2027'),
  },
  {
    rule: 'R-TM2',
    name: 'under 6 weeks, no justification: warning',
    fires: () => dated([2027, 6, 7], [2027, 7, 5], '2027-09-27'),
    quiet: () => ex(),
    expect: both(severity('warning'), mustSay('runs for 4 weeks', '7 June 2027 to 5 July 2027', 'at least 6 weeks')),
  },
  {
    rule: 'R-TM2',
    name: 'under 6 weeks with a justification: advice',
    fires: () =>
      dated([2027, 6, 7], [2027, 7, 5], '2027-09-27', (d) => (d.metadata.durationJustification = 'A court deadline.')),
    quiet: () => ex(),
    expect: both(severity('advice'), mustSay('You have recorded why')),
  },
  {
    rule: 'R-TM2',
    name: 'under 12 weeks: advice, silenced by a justification',
    fires: () => dated([2027, 6, 7], [2027, 7, 19], '2027-10-11'),
    quiet: () =>
      dated(
        [2027, 6, 7],
        [2027, 7, 19],
        '2027-10-11',
        (d) => (d.metadata.durationJustification = 'The regulations must be laid before the summer recess.'),
      ),
    expect: both(severity('advice'), mustSay('runs for 6 weeks', 'Record why')),
  },
  {
    rule: 'R-TM2',
    name: 'under 2 weeks: warning even with a justification',
    fires: () =>
      dated([2027, 6, 7], [2027, 6, 16], '2027-09-01', (d) => (d.metadata.durationJustification = 'Emergency.')),
    quiet: () => ex(),
    expect: both(severity('warning'), mustSay('runs for 1 week and 2 days', '2-week minimum')),
  },
  {
    rule: 'R-TM3',
    name: 'open over Easter (the example)',
    fires: () => ex(),
    quiet: () => dated([2027, 9, 7], [2027, 11, 30], '2028-02-22'),
    expect: both(severity('warning'), mustSay('Easter holiday (19 March to 5 April 2027)', 'adding about 2 weeks')),
  },
  {
    rule: 'R-TM3',
    name: 'closing in August',
    fires: () => dated([2027, 6, 1], [2027, 8, 24], '2027-11-16'),
    quiet: () => dated([2027, 5, 4], [2027, 7, 27], '2027-10-19'),
    expect: mustSay(
      'Closing date in the August holiday',
      'closes on 24 August 2027, in the August holiday (1 to 31 August 2027)',
      'Consider adding about 2 weeks, or say how you will reach people who are away.',
    ),
  },
  {
    rule: 'R-TM3',
    name: 'over Christmas but already 14 weeks: advice',
    fires: () => dated([2027, 10, 4], [2028, 1, 10], '2028-04-03'),
    quiet: () => ex((d) => (d.metadata.holidayPeriods = [])),
    expect: both(
      severity('advice'),
      mustSay('Christmas and New Year holiday (20 December 2027 to 3 January 2028)', 'more than 14 weeks'),
    ),
  },
  {
    rule: 'R-TM3',
    name: 'the team’s own holiday list replaces the default',
    fires: () =>
      ex((d) => (d.metadata.holidayPeriods = [{ label: 'half-term', start: '2027-05-24', end: '2027-05-28' }])),
    quiet: () =>
      ex((d) => (d.metadata.holidayPeriods = [{ label: 'half-term', start: '2027-05-31', end: '2027-06-04' }])),
    expect: mustSay('Closing date in the half-term holiday'),
  },
  {
    rule: 'R-TM4',
    name: 'closes on a Sunday',
    fires: () => dated([2027, 3, 1], [2027, 5, 30], '2027-08-20'),
    quiet: () => ex(),
    expect: mustSay('Closes on a Sunday', 'Sunday 30 May 2027'),
  },
  {
    rule: 'R-TM4',
    name: 'closes on the spring bank holiday',
    fires: () => dated([2027, 3, 1], [2027, 5, 31], '2027-08-20'),
    quiet: () => dated([2027, 3, 1], [2027, 6, 1], '2027-08-20'),
    expect: mustSay('Monday 31 May 2027, Spring bank holiday, a bank holiday'),
  },
  {
    rule: 'R-TM4',
    name: 'the team’s bank holiday list replaces the built-in one',
    fires: () => ex((d) => (d.metadata.bankHolidays = ['2027-05-24'])),
    quiet: () => dated([2027, 3, 1], [2027, 5, 31], '2027-08-20', (d) => (d.metadata.bankHolidays = ['2027-05-24'])),
    expect: mustSay('Monday 24 May 2027, a bank holiday'),
  },
  {
    rule: 'R-TM5',
    name: 'response due after 12 weeks',
    fires: () => ex((d) => (d.metadata.responsePaper.dueDate = '2027-08-17')),
    quiet: () => ex(),
    expect: mustSay('by 16 August 2027', '12 weeks and 1 day'),
  },
  {
    rule: 'R-TM6',
    name: 'response due before closing',
    fires: () => ex((d) => (d.metadata.responsePaper.dueDate = '2027-05-20')),
    quiet: () => ex(),
    expect: mustSay('before the consultation closes on 24 May 2027'),
  },
  {
    rule: 'R-TM7',
    name: 'closing date passed',
    fires: () => ex(),
    quiet: () => ex(),
    now: new Date('2027-06-01T00:00:00Z'),
    expect: mustSay('11:59pm on 24 May 2027, has passed'),
  },
  {
    rule: 'R-TM8',
    name: 'election period that ends before it starts',
    fires: () =>
      ex((d) => (d.metadata.electionPeriods = [{ label: 'Local elections', start: '2027-05-06', end: '2027-04-10' }])),
    quiet: () =>
      ex((d) => (d.metadata.electionPeriods = [{ label: 'Local elections', start: '2027-07-06', end: '2027-07-10' }])),
    expect: mustSay('“Local elections” ends (10 April 2027) before it starts (6 May 2027)'),
  },
  {
    rule: 'R-TM8',
    name: 'bank holiday that is not a date',
    fires: () => ex((d) => (d.metadata.bankHolidays = ['2027-02-30'])),
    quiet: () => ex((d) => (d.metadata.bankHolidays = ['2027-08-30'])),
  },
  {
    rule: 'R-EL1',
    name: 'launch inside an election period',
    fires: () =>
      ex(
        (d) =>
          (d.metadata.electionPeriods = [
            { label: 'the general election period', start: '2027-02-20', end: '2027-03-05' },
          ]),
      ),
    quiet: () =>
      ex(
        (d) =>
          (d.metadata.electionPeriods = [
            { label: 'the general election period', start: '2027-06-01', end: '2027-06-30' },
          ]),
      ),
    expect: mustSay('opens on 1 March 2027, during the general election period (20 February to 5 March 2027)'),
  },
  {
    rule: 'R-EL2',
    name: 'open during an election period',
    fires: () =>
      ex((d) => (d.metadata.electionPeriods = [{ label: 'local elections', start: '2027-04-12', end: '2027-05-06' }])),
    quiet: () =>
      ex((d) => (d.metadata.electionPeriods = [{ label: 'local elections', start: '2027-06-01', end: '2027-06-30' }])),
    expect: mustSay('do not publicise it'),
  },
  {
    rule: 'R-D2',
    name: 'closing time at midnight',
    fires: () => ex((d) => (d.metadata.closesAt = london(2027, 5, 25, 0, 0))),
    quiet: () => ex(),
    expect: mustSay('Close at 11:59pm on 24 May 2027 instead'),
  },
  prose(
    'R-D2',
    'midnight deadline in text',
    'Send your response by midnight on 24 May 2027.',
    'Send your response by 11:59pm on 24 May 2027. The helpline is closed at midnight and opens at 8am.',
  ),

  // ------------------------------------------------------------------ date and time style
  prose(
    'R-D1',
    'numbers-only date',
    'The report was published on 12/03/2013.',
    'The report was published on 12 March 2013.',
    mustSay('Write “12 March 2013”, not “12/03/2013”'),
  ),
  prose(
    'R-D1',
    'ISO date',
    'The consultation closes on 2027-05-24.',
    'See https://example.gov.uk/2013/03/12/report and https://example.gov.uk/2027-05-24.',
    mustSay('Write “24 May 2027”'),
  ),
  prose(
    'R-D1',
    'ordinal dates',
    'It opens on 1st March and closes on May 24th.',
    'It opens on 1 March and closes on 24 May.',
    mustSay('Write “1 March”', 'Write “24 May”'),
  ),
  prose(
    'R-D1',
    '12 noon, noon and 12pm',
    'Events start at 12 noon, at noon or at 12pm.',
    'Events start at midday, in the afternoon or at 12:30pm.',
    (f) => {
      if (f.length !== 3) throw new Error(`expected 3 findings, got ${f.length}`);
      mustSay('Write “midday”, not “12 noon”', 'Write “midday”, not “noon”', 'Write “midday”, not “12pm”')(f);
    },
  ),
  prose(
    'R-D1',
    '00:00 and 12am',
    'The system resets at 00:00 and at 12am.',
    'The system resets at midnight.',
    mustSay('not “00:00”', '11:59pm'),
  ),
  prose(
    'R-D1',
    '24-hour times',
    'The line is open until 17:30 and the office until 1730hrs.',
    'The line is open until 5:30pm. The map is at a 1:50 scale.',
    mustSay('Write “5:30pm”, not “17:30”', 'Write “5:30pm”, not “1730hrs”'),
  ),
  prose(
    'R-D1',
    'time with no am or pm',
    'The event starts at 9:30.',
    'The event starts at 9:30am.',
    mustSay('Add am or pm to “9:30”'),
  ),
  prose(
    'R-D1',
    'hyphenated and dashed ranges',
    'In 2024-25 and 2025/26 we met on 1-3 March, from March–April, Monday-Friday, 10am-11am, and from 1 March – ' +
      '24 May 2027.',
    'In 2024 to 2025 we met on 1 to 3 March, from March to April, Monday to Friday, 10am to 11am, and from 1 ' +
      'March to 24 May 2027. Patients with COVID-19 were 3-4 times more likely to respond.',
    mustSay(
      'Write “2024 to 2025”',
      'Write “2025 to 2026”',
      'Write “1 to 3 March”',
      'Write “March to April”',
      'Write “Monday to Friday”',
      'Write “10am to 11am”',
      'Write “1 March to 24 May 2027”',
    ),
  ),
  prose(
    'R-D3',
    'time style',
    'Doors open at 5.30pm, 6 PM and 9:00am.',
    'Doors open at 5:30pm, 6pm and 9am.',
    mustSay('Write “5:30pm”', 'Write “6pm”', 'Write “9am”'),
  ),
  prose(
    'R-D3',
    'month-first date and comma',
    'It closes on March 1, 2027 or 24 May, 2027.',
    'It closes on 1 March 2027 or 24 May 2027.',
    mustSay('Write “1 March 2027”', 'Write “24 May 2027”'),
  ),
  prose(
    'R-D3',
    'quarters and short months',
    'We will report in Q1 2028, by 3 Feb 2028.',
    'We will report between January and March 2028, by 3 February 2028.',
    mustSay('quarters', 'Write “3 February 2028”'),
  ),

  // ------------------------------------------------------------------ words to avoid
  prose(
    'R-W1',
    'combating',
    'We are combating misinformation online.',
    'We are stopping misinformation online. Combat troops and veterans were also consulted.',
    mustSay('“combating” is on the GOV.UK list', 'solve or fix'),
  ),
  prose(
    'R-W1',
    'tackling',
    'This means tackling long waits.',
    'This means dealing with long waits. Anglers can buy fishing tackle here.',
    mustSay('stop, solve or deal with'),
  ),
  prose(
    'R-W1',
    'slimming down',
    'We are slimming down the forms.',
    'We are making the forms shorter.',
    mustSay('“slimming down”', 'reduce'),
  ),
  prose(
    'R-W1',
    'leveraged',
    'We leveraged existing systems.',
    'We used existing systems. The company leveraged its balance sheet with a bank loan.',
    mustSay('“leveraged”'),
  ),
  prose(
    'R-W1',
    'key as an adjective',
    'These are the key issues.',
    'Pupils in key stage 2 need a key card. Press the Enter key.',
    mustSay('“key”', 'Use “important”, or leave it out.'),
  ),
  prose(
    'R-W1',
    'agenda',
    'This is part of our digital agenda.',
    'The agenda for the board meeting is published.',
    mustSay('plan'),
  ),
  prose(
    'R-W1',
    'deliver an abstract thing',
    'We will deliver improvements.',
    'We will deliver leaflets to every home. Services are delivered by local teams.',
    mustSay('make, create or provide'),
  ),
  prose(
    'R-W1',
    'deploy',
    'We will deploy a new approach.',
    'We will deploy the software update in June.',
    mustSay('use or put into place'),
  ),
  prose(
    'R-W1',
    'impact',
    'This will impact on patients.',
    'Read the impact assessment. This will affect patients.',
    mustSay('have an effect on'),
  ),
  prose(
    'R-W1',
    'land',
    'We want to land a deal with suppliers.',
    'The plane will land at noon-free times. Agricultural land is affected. Access to land is limited.',
    mustSay('get or achieve'),
  ),
  prose('R-W1', 'focus', 'We will focus on waiting times.', 'We held a focus group with patients.', mustSay('work on')),
  prose(
    'R-W1',
    'foster',
    'We will foster innovation.',
    'We need more foster carers for children.',
    mustSay('encourage or help'),
  ),
  prose(
    'R-W1',
    'advance',
    'This will advance our aims.',
    'Book in advance. They use advanced imaging.',
    mustSay('improve'),
  ),
  prose(
    'R-W1',
    'progress as a verb',
    'We will progress this work.',
    'We have made good progress this year.',
    mustSay('work on or develop'),
  ),
  prose(
    'R-W1',
    'counter as a verb',
    'We need to counter fraud.',
    'Ask at the post office counter. Counter-terrorism police were consulted.',
    mustSay('prevent'),
  ),
  prose(
    'R-W1',
    'utilise and others',
    'We will utilise data, streamline forms, empower staff and liaise with councils.',
    'We will use data, simplify forms, allow staff to decide and work with councils.',
    mustSay('“utilise”', '“streamline”', '“empower”', '“liaise”'),
  ),
  prose(
    'R-W1',
    'capitalised names are not flagged',
    'The transformation fund will transform services.',
    'The Digital Transformation Fund pays for new equipment.',
    mustSay('“transformation”', '“transform”'),
  ),
  prose(
    'R-W2',
    'going forward and in order to',
    'Going forward, we will write to you in order to explain.',
    'From now on, we will write to you to explain.',
    mustSay('from now on', 'Delete “in order”'),
  ),
  prose(
    'R-W2',
    'drive and drive out',
    'This will drive growth and drive out waste.',
    'You need a licence to drive a car. Farmers drive out cattle each spring.',
    mustSay('“drive”', '“drive out”'),
  ),
  prose(
    'R-W2',
    'one-stop shop and ring-fenced',
    'A one-stop shop will be funded from a ring-fenced budget.',
    'A website will be funded from a separate budget. The transport hub opens in May.',
    mustSay('“one-stop shop”', '“ring-fenced”'),
  ),

  // ------------------------------------------------------------------ other style
  prose(
    'R-S1',
    'negative contraction',
    "We can’t do this and won't try.",
    'We cannot do this. Choose Don’t know if you are not sure.',
    mustSay('Write “cannot”', 'Write “will not”'),
  ),
  prose(
    'R-S2',
    'eg, ie and etc',
    'Services (eg booking, i.e. online, etc) are listed.',
    'Services (for example booking) are listed. Tell us what you believe. IE is not supported.',
    mustSay('“eg”', '“i.e.”', '“etc”'),
  ),
  prose('R-S3', 'semicolon', 'We asked patients; they told us.', 'We asked patients. They told us.'),
  prose(
    'R-S4',
    '-ize spelling',
    'We will organize events and analyze responses.',
    'We will organise events, analyse responses and check the size of each prize. The World Health Organization ' +
      'agrees.',
    mustSay('“organise”', '“analyse”'),
  ),
  prose(
    'R-S5',
    'paragraph of 6 sentences',
    'One. Two is here. Three is here. Four is here. Five is here. Six is here.',
    'One. Two is here. Three is here. Four is here. Five is here.',
  ),
  prose(
    'R-S6',
    'text in capitals',
    'PLEASE READ THIS NOTICE CAREFULLY.',
    'Please read this notice carefully. The NHS and UK GP services are covered.',
  ),
  prose(
    'R-N1',
    'number in words',
    'We have three options and nine weeks.',
    'Three options are open. About two-thirds agreed.',
    mustSay('Write “3”', 'Write “9”'),
  ),
  prose(
    'R-N2',
    'sentence starting with a numeral',
    'We asked. 12 people replied.',
    'We asked. Twelve people replied. 2026 was a busy year.',
    mustSay('starts with “12”'),
  ),
  prose(
    'R-N3',
    'number format',
    '10000 people replied, .5 of them online, 20 per cent by post.',
    'In all, 10,000 people replied, 0.5 of them online, 20% by post.',
    mustSay('“10,000”', '“0.5”', '% sign'),
  ),

  // ------------------------------------------------------------------ sentences and readability
  {
    rule: 'R-SL1',
    name: 'sentence over the limit (the example has 2)',
    fires: () => ex(),
    quiet: () => ex((d) => (d.checker.maxSentenceWords = 40)),
    expect: both(mustSay('This sentence has 36 words', 'Aim for 25 words or fewer'), (f) => {
      if (f.length !== 2) throw new Error(`expected 2, got ${f.length}`);
    }),
  },
  {
    rule: 'R-R1',
    name: 'hard section',
    fires: () => withText(HARD),
    quiet: () => ex(),
    expect: mustSay('“Background” has a Flesch–Kincaid grade of', 'Flesch reading ease of'),
  },
  {
    rule: 'R-R1',
    name: 'thresholds come from the draft',
    fires: () => ex((d) => (d.checker.maxGrade = 1)),
    quiet: () => ex((d) => (d.checker.maxGrade = 20)),
    expect: mustSay('“Ministerial foreword” has a Flesch–Kincaid grade of', '(the limit is 1)'),
  },
  {
    rule: 'R-R2',
    name: 'longest sentences of a hard section',
    fires: () => withText(HARD),
    quiet: () => ex(),
    expect: mustSay('The longest sentences in “Background” are', '(20 words)'),
  },
  {
    rule: 'R-A1',
    name: 'acronym not expanded',
    fires: () => withText('The CMA will review the market. The CMA will report in May.'),
    quiet: () =>
      withText(
        'The Competition and Markets Authority (CMA) will review the market. The CMA will report. The DVLA ' +
          '(Driver and Vehicle Licensing Agency) agrees.',
      ),
    expect: both(mustSay('“CMA” is used here for the first time'), (f) => {
      if (f.length !== 1) throw new Error('one finding per acronym');
    }),
  },

  // ------------------------------------------------------------------ questions
  {
    rule: 'R-Q1',
    name: 'question with no text',
    fires: () => ex((d) => (question(d, 3).text = ' ')),
    quiet: () => ex(),
    expect: mustSay('Question 3 has no text'),
  },
  {
    rule: 'R-Q1',
    name: 'question in a deleted section',
    fires: () => ex((d) => (question(d, 3).sectionId = 'deleted')),
    quiet: () => ex(),
    expect: mustSay('section that no longer exists'),
  },
  {
    rule: 'R-Q2',
    name: 'two asks joined by “and”',
    fires: () =>
      ex((d) => (question(d, 4).text = 'Do you agree with the standard and should pages be checked every year?')),
    quiet: () => ex((d) => (question(d, 4).text = 'Do you agree or disagree with the standard, and why?')),
    expect: mustSay('Question 4 may ask 2 things', '4a and 4b'),
  },
  {
    rule: 'R-Q2',
    name: 'two question marks',
    fires: () => ex((d) => (question(d, 8).text = 'What help would you need? Who should give it?')),
    quiet: () => ex(),
    expect: mustSay('2 question marks'),
  },
  {
    rule: 'R-Q2',
    name: 'two propositions in an agree question',
    fires: () =>
      ex(
        (d) =>
          (question(d, 1).text =
            'Do you agree that there should be one front door and that local websites should close?'),
      ),
    quiet: () => ex(),
  },
  {
    rule: 'R-Q3',
    name: 'negative question',
    fires: () =>
      ex((d) => (question(d, 7).text = 'Don’t you agree that every service should also be available by telephone?')),
    quiet: () => ex(),
    expect: mustSay('Don’t you'),
  },
  {
    rule: 'R-Q3',
    name: 'loaded word',
    fires: () =>
      ex(
        (d) =>
          (question(d, 4).text = 'Do you agree that this much-needed standard should apply to all NHS information?'),
      ),
    quiet: () => ex((d) => (question(d, 4).text = 'What is the most important thing this standard should cover?')),
    expect: mustSay('much-needed'),
  },
  {
    rule: 'R-Q4',
    name: 'unknown type',
    fires: () => ex((d) => ((question(d, 3) as { type: string }).type = 'essay')),
    quiet: () => ex(),
    expect: mustSay('Question 3 has no type'),
  },
  {
    rule: 'R-Q4',
    name: 'choice question with 1 option',
    fires: () => ex((d) => (question(d, 5).options = [{ id: 'a', label: 'Every year' }])),
    quiet: () =>
      ex((d) => Object.assign(question(d, 5), { options: [{ id: 'a', label: 'Every year' }], allowOther: true })),
    expect: mustSay('at least 2 options'),
  },
  {
    rule: 'R-Q4',
    name: 'blank option',
    fires: () => ex((d) => question(d, 5).options.push({ id: 'blank', label: ' ' })),
    quiet: () => ex(),
    expect: mustSay('an answer option with no label'),
  },
  {
    rule: 'R-Q5',
    name: 'repeated option',
    fires: () => ex((d) => question(d, 5).options.push({ id: 'again', label: 'every  year' })),
    quiet: () => ex(),
    expect: mustSay('“Every year” appears 2 times'),
  },
  {
    rule: 'R-Q5',
    name: 'typed “Other (please specify)” with Other switched on',
    fires: () => ex((d) => question(d, 6).options.push({ id: 'typed-other', label: 'Other (please specify)' })),
    quiet: () =>
      ex((d) =>
        Object.assign(question(d, 6), {
          allowOther: false,
          options: [...question(d, 6).options, { id: 'typed-other', label: 'Other (please specify)' }],
        }),
      ),
    expect: mustSay('is added for you'),
  },
  {
    rule: 'R-Q6',
    name: 'more questions than the limit',
    fires: () => ex((d) => (d.checker.maxQuestions = 10)),
    quiet: () => ex(),
    expect: mustSay('asks 11 questions', 'limit is 10'),
  },
  {
    rule: 'R-Q6',
    name: 'no questions',
    fires: () => ex((d) => (d.questions = [])),
    quiet: () => ex(),
    expect: mustSay('no questions yet'),
  },
  {
    rule: 'R-Q7',
    name: 'small word limit',
    fires: () => ex((d) => (question(d, 3).wordLimit = 50)),
    quiet: () => ex(),
    expect: mustSay('limit of 50 words'),
  },
  {
    rule: 'R-Q8',
    name: 'same question twice',
    fires: () => ex((d) => (question(d, 10).text = question(d, 8).text)),
    quiet: () => ex(),
    expect: mustSay('Question 10 has the same wording as Question 8'),
  },

  // ------------------------------------------------------------------ sections
  {
    rule: 'R-SEC1',
    name: 'no confidentiality section: error',
    fires: () => ex((d) => (d.sections = d.sections.filter((s) => s.kind !== 'confidentiality'))),
    quiet: () => ex(),
    expect: both(severity('error'), mustSay('Confidentiality and data protection')),
  },
  {
    rule: 'R-SEC1',
    name: 'no foreword: advice',
    fires: () => ex((d) => (d.sections = d.sections.filter((s) => s.kind !== 'foreword'))),
    quiet: () => ex(),
    expect: severity('advice'),
  },
  {
    rule: 'R-SEC2',
    name: 'empty section',
    fires: () =>
      ex((d) =>
        d.sections.push({ id: 'x', kind: 'other', title: 'Annex D', body: { type: 'doc', content: [] }, guidance: '' }),
      ),
    quiet: () => ex((d) => (section(d, SECTION.proposal1).body = { type: 'doc', content: [] })),
    expect: mustSay('“Annex D” is empty'),
  },
  {
    rule: 'R-SEC3',
    name: 'template section not written',
    fires: () => {
      let n = 0;
      return standardTemplate('Bus services', () => `s${n++}`);
    },
    quiet: () => ex(),
    expect: mustSay('“Ministerial foreword” not written yet', 'A short foreword from the minister'),
  },
  {
    rule: 'R-SEC3',
    name: 'template guidance pasted into the text',
    fires: () =>
      withText(
        'The problem, the evidence, and what has happened so far. Give enough information for people to give an ' +
          'informed response.',
      ),
    quiet: () => ex(),
    expect: mustSay('contains template guidance'),
  },
  prose(
    'R-SEC4',
    'placeholders',
    'The fee will be [insert amount] from TBC.',
    'The fee will be £10 from April.',
    mustSay('“[insert amount]”', '“TBC”'),
  ),
  {
    rule: 'R-H1',
    name: 'level 3 heading with no level 2 before it',
    fires: () => withBlocks([h(3, 'Costs'), p(t('We looked at costs.'))]),
    quiet: () => withBlocks([h(2, 'Costs'), h(3, 'Set-up costs'), p(t('We looked at costs.'))]),
    expect: mustSay('“Costs” is level 3 but follows level 1'),
  },
  {
    rule: 'R-H2',
    name: 'empty heading',
    fires: () => withBlocks([h(2, ' '), p(t('Text.'))]),
    quiet: () => withBlocks([h(2, 'Costs'), p(t('Text.'))]),
  },
  {
    rule: 'R-H3',
    name: 'bold paragraph as a heading',
    fires: () => withBlocks([p(bold('Costs and benefits')), p(t('We looked at costs.'))]),
    quiet: () =>
      withBlocks([p(bold('This sentence is bold for emphasis.')), p(t('We looked at '), bold('costs'), t('.'))]),
  },
  {
    rule: 'R-IMG1',
    name: 'image without alt text',
    fires: () =>
      withBlocks([
        p(t('The chart shows visits.')),
        { type: 'image', attrs: { src: 'data:image/png;base64,AAAA', alt: ' ' } },
      ]),
    quiet: () =>
      withBlocks([
        p(t('The chart shows visits.')),
        {
          type: 'image',
          attrs: { src: 'data:image/png;base64,AAAA', alt: 'Visits rose from 2 million in 2024 to 3 million in 2026.' },
        },
      ]),
    expect: severity('error'),
  },
  {
    rule: 'R-IMG2',
    name: 'alt text that is a file name or generic',
    fires: () =>
      withBlocks([
        { type: 'image', attrs: { src: 'a.png', alt: 'chart.png' } },
        { type: 'image', attrs: { src: 'b.png', alt: 'Image 2' } },
        { type: 'image', attrs: { src: 'c.png', alt: 'IMG_2041' } },
      ]),
    quiet: () => withBlocks([{ type: 'image', attrs: { src: 'a.png', alt: 'Bar chart of visits by month in 2026' } }]),
    expect: (f) => {
      if (f.length !== 3) throw new Error(`expected 3, got ${f.length}`);
    },
  },

  // ------------------------------------------------------------------ links and lists
  {
    rule: 'R-L1',
    name: 'click here',
    fires: () =>
      withBlocks([p(t('To read the impact assessment, '), link('click here', 'https://www.gov.uk/ia'), t('.'))]),
    quiet: () =>
      withBlocks([p(t('Read the '), link('consultation-stage impact assessment', 'https://www.gov.uk/ia'), t('.'))]),
    expect: mustSay('Link text like “click here”'),
  },
  {
    rule: 'R-L2',
    name: 'web address as link text',
    fires: () => withBlocks([p(t('See '), link('https://www.gov.uk/ia', 'https://www.gov.uk/ia'), t('.'))]),
    quiet: () => withBlocks([p(t('See the '), link('impact assessment', 'https://www.gov.uk/ia'), t('.'))]),
  },
  {
    rule: 'R-L2',
    name: 'bare web address in the text (the document makes it the link text)',
    fires: () => withBlocks([p(t('You can respond online at https://consult.example.gov.uk/bus.'))]),
    quiet: () =>
      withBlocks([
        p(
          t('You can '),
          link('respond using the online survey', 'https://consult.example.gov.uk/bus'),
          t(' (consult.example.gov.uk/bus) or email bus@example.gov.uk.'),
        ),
      ]),
    expect: mustSay('bare web address (“https://consult.example.gov.uk/bus”)'),
  },
  {
    rule: 'R-L3',
    name: 'same link text, 2 addresses',
    fires: () =>
      withBlocks([
        p(link('Impact assessment', 'https://www.gov.uk/ia-1')),
        p(link('impact assessment', 'https://www.gov.uk/ia-2')),
      ]),
    quiet: () =>
      withBlocks([
        p(link('Impact assessment', 'https://www.gov.uk/ia')),
        p(link('impact assessment', 'http://www.gov.uk/ia/')),
      ]),
    expect: mustSay('used for 2 different addresses'),
  },
  {
    rule: 'R-L4',
    name: 'link to a file on this computer, and a link with no address',
    fires: () => withBlocks([p(link('Impact assessment', 'file:///C:/Users/me/ia.docx')), p(link('Evidence', ' '))]),
    quiet: () =>
      withBlocks([
        p(link('Impact assessment', 'https://www.gov.uk/ia')),
        p(link('Email us', 'mailto:a@example.gov.uk')),
      ]),
    expect: (f) => {
      if (f.length !== 2) throw new Error(`expected 2, got ${f.length}`);
    },
  },
  {
    rule: 'R-L5',
    name: 'link to a PDF without format and size',
    fires: () => withBlocks([p(t('Read the '), link('impact assessment', 'https://assets.gov.uk/ia.pdf'), t('.'))]),
    quiet: () =>
      withBlocks([p(t('Read the '), link('impact assessment', 'https://assets.gov.uk/ia.pdf'), t(' (PDF, 19.5KB).'))]),
    expect: mustSay('opens a PDF file'),
  },
  {
    rule: 'R-LIST1',
    name: 'bullets with capitals, full stops, “and” and no lead-in',
    fires: () =>
      withBlocks([bullets('Booking appointments.', 'Ordering prescriptions and', 'Seeing results. It is quick.')]),
    quiet: () =>
      withBlocks([
        p(t('You can use it for:')),
        bullets('booking appointments', 'ordering prescriptions', 'NHS test results'),
      ]),
    expect: mustSay(
      'start with a capital letter',
      'end with a full stop',
      'end with “and”, “or” or a semicolon',
      'more than one sentence',
      'lead-in line',
    ),
  },
  {
    rule: 'R-LIST1',
    name: 'list of one item',
    fires: () => withBlocks([p(t('We propose:')), bullets('one front door')]),
    quiet: () => ex(),
    expect: mustSay('only one item'),
  },

  // ------------------------------------------------------------------ confidentiality, privacy, about you
  {
    rule: 'R-CONF1',
    name: 'no mention of FOIA, EIR or that confidentiality cannot be guaranteed',
    fires: () =>
      withText(
        'We handle your data under UK data protection law. An automatic disclaimer will not count. ' +
          'Organisations should say whom they represent.',
        SECTION.confidentiality,
      ),
    quiet: () => ex(),
    expect: mustSay(
      'Freedom of Information Act 2000',
      'Environmental Information Regulations 2004',
      'cannot be guaranteed',
    ),
  },
  {
    rule: 'R-CONF2',
    name: 'no mention of automatic disclaimers',
    fires: () =>
      withText(
        'Responses may be disclosed under the Freedom of Information Act 2000, the Environmental Information ' +
          'Regulations 2004 and data protection law. We cannot guarantee confidentiality. Organisations should say ' +
          'whom they represent.',
        SECTION.confidentiality,
      ),
    quiet: () => ex(),
    expect: mustSay('automatic confidentiality disclaimer'),
  },
  {
    rule: 'R-PN1',
    name: 'no retention period',
    fires: () => ex((d) => (d.privacyNotice.retention = '')),
    quiet: () => ex(),
    expect: both(severity('error'), mustSay('The privacy notice has no retention period.')),
  },
  {
    rule: 'R-PN1',
    name: 'no lawful basis',
    fires: () => ex((d) => (d.privacyNotice.lawfulBasis = '')),
    quiet: () => ex(),
    expect: mustSay('Article 6(1)(e)'),
  },
  {
    rule: 'R-PN2',
    name: 'international transfers not stated',
    fires: () => ex((d) => (d.privacyNotice.internationalTransfers = '')),
    quiet: () => ex(),
  },
  {
    rule: 'R-PN3',
    name: 'retention with no period',
    fires: () => ex((d) => (d.privacyNotice.retention = 'As long as we need it.')),
    quiet: () => ex(),
    expect: mustSay('how long'),
  },
  {
    rule: 'R-PN3',
    name: 'rights without complaint to the ICO',
    fires: () => ex((d) => (d.privacyNotice.rights = 'To see and correct your data.')),
    quiet: () => ex(),
  },
  {
    rule: 'R-PN4',
    name: 'AI use not stated (the example)',
    fires: () => ex(),
    quiet: () => ex((d) => (d.privacyNotice.aiUse = 'We do not use artificial intelligence to analyse responses.')),
  },
  {
    rule: 'R-AY1',
    name: 'about-you question with no label',
    fires: () => ex((d) => (d.aboutYou.find((f) => f.key === 'region')!.label = '')),
    quiet: () =>
      ex((d) =>
        Object.assign(
          d.aboutYou.find((f) => f.key === 'region')!,
          { label: '', enabled: false },
        ),
      ),
  },
  {
    rule: 'R-AY2',
    name: 'choice with no options',
    fires: () => ex((d) => (d.aboutYou.find((f) => f.key === 'region')!.options = [])),
    quiet: () => ex(),
  },
  {
    rule: 'R-AY3',
    name: 'age asked without the consent note',
    fires: () =>
      ex((d) =>
        Object.assign(
          d.aboutYou.find((f) => f.key === 'ageBand')!,
          { enabled: true, hint: '' },
        ),
      ),
    quiet: () => ex((d) => (d.aboutYou.find((f) => f.key === 'ageBand')!.enabled = true)),
  },
];
