import type { Draft, Question, QuestionType, Section, SectionKind } from './model';
import { DRAFT_FORMAT, DRAFT_FORMAT_VERSION } from './model';
import { defaultAboutYou } from './template';
import { docFromText } from './rich-text';
import { londonToInstant } from '../govuk-dates';

/**
 * The filled-in example the app ships with (reference: example-consultation.md): a complete,
 * fictional consultation written to the standard. Used as "New from the example", in tests and
 * for screenshots. Ids are fixed so tests and outputs are reproducible.
 */
const S = (n: string) => `example-section-${n}`;
const Q = (n: number) => `example-q${n}`;

function section(n: string, kind: SectionKind, title: string, text: string): Section {
  return { id: S(n), kind, title, body: docFromText(text), guidance: '' };
}

/** The section with its first occurrence of `words` made a link (descriptive link text, the standard's §5.4). */
function linked(s: Section, words: string, href: string): Section {
  const body = {
    ...s.body,
    content: s.body.content.map((b) => {
      if (b.type !== 'paragraph') return b;
      const content = (b.content ?? []).flatMap((n) => {
        const at = n.type === 'text' ? n.text.indexOf(words) : -1;
        if (n.type !== 'text' || at < 0) return [n];
        return [
          { type: 'text' as const, text: n.text.slice(0, at) },
          { type: 'text' as const, text: words, marks: [{ type: 'link' as const, attrs: { href } }] },
          { type: 'text' as const, text: n.text.slice(at + words.length) },
        ];
      });
      return { ...b, content };
    }),
  };
  return { ...s, body };
}

function question(
  n: number,
  sectionId: string,
  type: QuestionType,
  text: string,
  extra: Partial<Question> = {},
): Question {
  return {
    id: Q(n),
    sectionId,
    type,
    text,
    hint: '',
    options: [],
    allowOther: false,
    explain: false,
    wordLimit: null,
    continues: false,
    ...extra,
  };
}

const opts = (q: number, labels: string[]) => labels.map((label, i) => ({ id: `example-q${q}-o${i + 1}`, label }));

export function exampleDraft(): Draft {
  const aboutYou = defaultAboutYou().map((f) =>
    f.key === 'respondentType'
      ? {
          ...f,
          options: [
            'Member of the public',
            'Patient or service user',
            'Carer',
            'Health or social care professional',
            'NHS organisation',
            'Local authority',
            'Charity, voluntary or community organisation',
            'Business',
            'Trade or professional body',
            'Researcher or academic',
            'Other (please specify)',
          ],
        }
      : f,
  );
  return {
    format: DRAFT_FORMAT,
    formatVersion: DRAFT_FORMAT_VERSION,
    metadata: {
      title: 'One online place for NHS information and services',
      summary:
        'We want your views on bringing NHS information and online services together in one place, and on the ' +
        'standards that information should meet.',
      department: 'Department of Health and Social Care (fictional example)',
      leadTeam: 'Digital Access Policy Team',
      audience:
        'Patients, carers and the public; NHS staff and organisations; local authorities; charities and ' +
        'voluntary organisations; suppliers of health and care software.',
      territorialExtent: 'england',
      territorialNote: '',
      opensAt: londonToInstant(2027, 3, 1, 9, 0).toISOString(),
      closesAt: londonToInstant(2027, 5, 24, 23, 59).toISOString(),
      enquiries: {
        email: 'digital-access-consultation@example.gov.uk',
        phone: '0300 000 0000',
        address: 'Digital Access Consultation, 39 Victoria Street, London SW1H 0EU',
        alternativeFormats: 'Ask for a paper copy, large print, Easy Read, audio or Braille version.',
      },
      waysToRespond: {
        onlineUrl: 'https://consult.example.gov.uk/digital-access',
        email: 'digital-access-consultation@example.gov.uk',
        postalAddress: 'Digital Access Consultation, 39 Victoria Street, London SW1H 0EU',
        responseForm: true,
      },
      additionalWays: '6 online events and 4 in-person events in March and April 2027.',
      responsePaper: {
        dueDate: '2027-08-16',
        url: 'https://www.gov.uk/government/consultations/one-online-place-for-nhs-information',
      },
      impactAssessment: {
        status: 'attached',
        note: 'A consultation-stage impact assessment is published alongside this document.',
      },
      legalDutyToConsult: 'no',
      openToInfluence:
        'How a single front door should work, the standard for health information, and the support offered to ' +
        'people who do not use the internet.',
      complianceStatement: 'This consultation follows the government’s Consultation Principles.',
      welshVersion: false,
      easyReadVersion: true,
      durationJustification: '',
      electionPeriods: [],
      holidayPeriods: null,
      bankHolidays: null,
    },
    sections: [
      section(
        'foreword',
        'foreword',
        'Ministerial foreword',
        [
          'People tell us that finding NHS information online is harder than it should be. Advice sits on many ' +
            'websites, booking systems work in different ways, and it is not always clear which information can be ' +
            'trusted.',
          '',
          'We want to change that. This consultation sets out how we could bring NHS information and online services ' +
            'together in one place. People could then find advice, book appointments and see their records without ' +
            'searching dozens of sites. It also asks how we should set standards for the quality of that information.',
          '',
          'We will not do this at the expense of people who do not use the internet. Telephone and face-to-face ' +
            'services will stay, and we want to hear how we can make sure nobody is left behind.',
          '',
          'Please tell us what you think.',
          '',
          'Minister of State for Health (fictional)',
        ].join('\n'),
      ),
      section(
        'summary',
        'executive-summary',
        'Executive summary',
        [
          'This consultation asks for views on 3 proposals:',
          '- a single online front door for NHS information and services in England',
          '- common standards for the quality and accuracy of NHS health information online',
          '- support for people who cannot or do not want to use online services',
          '',
          'It runs for 12 weeks, from 1 March 2027 to 24 May 2027. We will read every response and publish a summary ' +
            'of what we heard, with our decisions, by 16 August 2027.',
        ].join('\n'),
      ),
      section(
        'background',
        'background',
        'Background',
        [
          'In 2026, 71% of adults in England looked for health information online. More than 300 NHS organisations ' +
            'run their own websites, and patients use at least 12 different systems to book appointments or order ' +
            'repeat prescriptions.',
          '',
          'We heard from patients and staff during 2025 and 2026 that this causes 3 main problems:',
          '- people cannot easily tell whether information is up to date or accurate',
          '- people have to create many different accounts to use NHS services online',
          '- staff spend time helping patients to find information that should be easy to find',
        ].join('\n'),
      ),
      section(
        'proposal-1',
        'proposal',
        'Proposal 1: one online front door',
        `We propose that every NHS service in England can be reached from one website and one app. Local NHS ` +
          `organisations would keep their own pages, but these would be found through the same front door and use ` +
          `the same sign-in.`,
      ),
      section(
        'proposal-2',
        'proposal',
        'Proposal 2: standards for health information online',
        `We propose a standard that all NHS health information online must meet. It would say that each page ` +
          `must show who wrote it, when it was last checked, and the evidence it is based on. Pages would be ` +
          `checked at least every 3 years.`,
      ),
      section(
        'proposal-3',
        'proposal',
        'Proposal 3: nobody left behind',
        `About 1 in 10 adults in England do not use the internet. We propose that every NHS service offered ` +
          `online must also be available by telephone or in person, and that GP practices and pharmacies should be ` +
          `able to help people to get online if they want to.`,
      ),
      section(
        'impacts',
        'impacts',
        'Impacts',
        `We have assessed the costs and benefits of these proposals in the consultation-stage impact ` +
          `assessment. We have also considered their effect on people with protected characteristics under the ` +
          `Equality Act 2010.`,
      ),
      section(
        'next-steps',
        'next-steps',
        'Next steps',
        `After the consultation closes we will analyse every response. We will publish a summary of responses ` +
          `and our decisions on GOV.UK by 16 August 2027.`,
      ),
      linked(
        section(
          'how-to-respond',
          'how-to-respond',
          'How to respond',
          [
            'You can respond using the online survey (consult.example.gov.uk/digital-access). You can also email ' +
              'the response ' +
              'form to digital-access-consultation@example.gov.uk, or post it to Digital Access Consultation, 39 ' +
              'Victoria Street, London SW1H 0EU.',
            '',
            'The consultation closes at 11:59pm on 24 May 2027. Ask us for a paper copy, large print, Easy Read, ' +
              'audio or Braille version if you need one.',
          ].join('\n'),
        ),
        'respond using the online survey',
        'https://consult.example.gov.uk/digital-access',
      ),
      section(
        'confidentiality',
        'confidentiality',
        'Confidentiality and data protection',
        [
          'Information you give us, including personal information, may be published or disclosed under the Freedom ' +
            'of Information Act 2000, the Environmental Information Regulations 2004 and UK data protection law. If ' +
            'you want your response to be treated as confidential, tell us why. We cannot promise to keep it ' +
            'confidential in every case. An automatic confidentiality disclaimer from your IT system will not count ' +
            'as ' +
            'a request.',
          '',
          'If you respond on behalf of an organisation, please tell us whom it represents and how you gathered their ' +
            'views.',
        ].join('\n'),
      ),
    ],
    questions: [
      question(
        1,
        S('proposal-1'),
        'likert_agree5',
        'To what extent do you agree that there should be one online front door for NHS information and ' +
          'services in England?',
        { explain: true },
      ),
      question(
        2,
        S('proposal-1'),
        'multi_choice',
        'Which of these services would you most want to use through one front door?',
        {
          options: opts(2, [
            'Booking appointments',
            'Ordering repeat prescriptions',
            'Seeing test results',
            'Reading advice about conditions',
            'Finding local services',
            'Contacting my GP practice',
          ]),
          allowOther: true,
          hint: 'Select all that apply.',
        },
      ),
      question(
        3,
        S('proposal-1'),
        'open_text',
        'What, if anything, would stop you from using one front door for NHS services?',
        { wordLimit: 300 },
      ),
      question(
        4,
        S('proposal-2'),
        'likert_agree5',
        'To what extent do you agree that all NHS health information online should meet one standard?',
        { explain: true },
      ),
      question(
        5,
        S('proposal-2'),
        'single_choice',
        'How often should NHS health information pages be checked for accuracy?',
        {
          options: opts(5, [
            'Every year',
            'Every 2 years',
            'Every 3 years',
            'Only when guidance changes',
            'Don’t know',
          ]),
        },
      ),
      question(
        6,
        S('proposal-2'),
        'single_choice',
        'Who should be responsible for checking that information meets the standard?',
        {
          options: opts(6, ['The organisation that publishes it', 'A national NHS body', 'An independent regulator']),
          allowOther: true,
        },
      ),
      question(
        7,
        S('proposal-3'),
        'yes_no',
        'Do you agree that every NHS service offered online should also be available by telephone or in person?',
        { explain: true },
      ),
      question(
        8,
        S('proposal-3'),
        'open_text',
        'What help would make it easier for you, or the people you support, to use NHS services online?',
      ),
      question(9, S('proposal-3'), 'ranking', 'Rank these kinds of support from most useful (1) to least useful (4).', {
        options: opts(9, [
          'Help from GP practice or pharmacy staff',
          'Telephone support line',
          'Printed guides',
          'Sessions at a library or community centre',
        ]),
      }),
      question(
        10,
        S('impacts'),
        'open_text',
        'Do you have any evidence about how these proposals would affect people with protected characteristics?',
      ),
      question(
        11,
        S('impacts'),
        'any_other_comments',
        'Is there anything else you would like to tell us about these proposals?',
      ),
    ],
    aboutYou,
    privacyNotice: {
      controller: 'Department of Health and Social Care (fictional), 39 Victoria Street, London SW1H 0EU.',
      dpoContact: 'data.protection@example.gov.uk',
      purpose: 'To run this consultation, analyse the responses and publish a summary.',
      dataCollected:
        'Your name, email address, organisation and role, your views, and anything else you choose to tell us.',
      lawfulBasis: 'Public task (UK GDPR Article 6(1)(e)).',
      specialCategory: 'Special category data under Article 9(2)(g) and the Data Protection Act 2018, Schedule 1.',
      recipients:
        'Our survey supplier, who processes data on our behalf. Quotes may be published without names unless ' +
        'you agreed to be named.',
      retention: '2 years after the consultation closes, then deleted.',
      rights:
        'To see, correct or delete your data, to object, and to complain to the Information Commissioner’s Office.',
      internationalTransfers: 'We do not transfer your data outside the UK.',
      automatedDecisions: 'We make no automated decisions about you.',
      aiUse: '',
    },
    checker: { maxGrade: 9, minReadingEase: 50, maxSentenceWords: 25, maxQuestions: 25 },
    dismissed: [],
  };
}
