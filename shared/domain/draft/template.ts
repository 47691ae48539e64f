import type { AboutYouField, Draft, DraftMetadata, PrivacyNotice, Section, SectionKind } from './model';
import { DRAFT_FORMAT, DRAFT_FORMAT_VERSION } from './model';
import { emptyDoc } from './rich-text';

/**
 * New drafts: the standard template (every section the consultation standard expects, in the
 * generated order of consultation-standard.md §3.3, each with guidance on what to write), or blank.
 * The cover, contents, "About this consultation" box and annexes A–C are generated from the
 * metadata and questions, so they are not sections here.
 */
export type IdFactory = () => string;

export const DEFAULT_RESPONDENT_TYPES = [
  'Member of the public',
  'Patient or service user',
  'Carer',
  'Health or social care professional',
  'Researcher or academic',
  'Local authority',
  'NHS body',
  'Other public body',
  'Business (large)',
  'Business (small or medium-sized)',
  'Trade or business association',
  'Charity, voluntary or community organisation',
  'Professional body',
  'Trade union',
  'Legal professional',
  'Regulator',
  'Parliamentarian',
  'Other (please specify)',
];

export const DEFAULT_REGIONS = [
  'North East',
  'North West',
  'Yorkshire and the Humber',
  'East Midlands',
  'West Midlands',
  'East of England',
  'London',
  'South East',
  'South West',
  'Scotland',
  'Wales',
  'Northern Ireland',
  'Outside the UK',
];

export const RESPONDING_AS = ['As an individual', 'On behalf of an organisation', 'On behalf of someone else'];
export const AGE_BANDS = [
  'Under 13',
  '13 to 17',
  '18 to 24',
  '25 to 34',
  '35 to 44',
  '45 to 54',
  '55 to 64',
  '65 to 74',
  '75 or over',
  'Prefer not to say',
];
export const PUBLISH_CONSENT = ['Yes, with my name', 'Yes, without my name', 'No'];
export const YES_NO = ['Yes', 'No'];

export function defaultAboutYou(): AboutYouField[] {
  return [
    {
      key: 'name',
      label: 'Your name',
      enabled: true,
      options: [],
      hint: 'Optional if you are responding as an individual.',
    },
    {
      key: 'email',
      label: 'Your email address',
      enabled: true,
      options: [],
      hint: 'Optional. We need it if you want us to contact you about your response.',
    },
    {
      key: 'respondingAs',
      label: 'Are you responding as an individual, on behalf of an organisation, or on behalf of someone else?',
      enabled: true,
      options: RESPONDING_AS,
      hint: '',
    },
    {
      key: 'organisation',
      label: 'Organisation name',
      enabled: true,
      options: [],
      hint: 'If you are responding on behalf of an organisation.',
    },
    { key: 'role', label: 'Your role in the organisation', enabled: true, options: [], hint: '' },
    {
      key: 'represents',
      label: 'Whom does your organisation represent, and how did you gather their views?',
      enabled: true,
      options: [],
      hint: 'Representative groups should tell us whom they represent.',
    },
    {
      key: 'respondentType',
      label: 'Which of these best describes you?',
      enabled: true,
      options: DEFAULT_RESPONDENT_TYPES,
      hint: '',
    },
    { key: 'region', label: 'Where do you live or work?', enabled: true, options: DEFAULT_REGIONS, hint: '' },
    {
      key: 'ageBand',
      label: 'What is your age?',
      enabled: false,
      options: AGE_BANDS,
      hint: 'Children under 13 need a parent or guardian’s consent to respond.',
    },
    {
      key: 'confidential',
      label: 'Would you like your response to be treated as confidential?',
      enabled: true,
      options: YES_NO,
      hint: '',
    },
    {
      key: 'confidentialReason',
      label: 'If yes, please tell us why',
      enabled: true,
      options: [],
      hint: 'We cannot promise to keep a response confidential in every case.',
    },
    {
      key: 'publishConsent',
      label: 'May we publish your response?',
      enabled: true,
      options: PUBLISH_CONSENT,
      hint: '',
    },
    {
      key: 'contactConsent',
      label: 'May we contact you about your response?',
      enabled: true,
      options: YES_NO,
      hint: '',
    },
  ];
}

export function emptyPrivacyNotice(): PrivacyNotice {
  return {
    controller: '',
    dpoContact: '',
    purpose: '',
    dataCollected: '',
    lawfulBasis: '',
    specialCategory: '',
    recipients: '',
    retention: '',
    rights: '',
    internationalTransfers: '',
    automatedDecisions: '',
    aiUse: '',
  };
}

export function emptyMetadata(title: string): DraftMetadata {
  return {
    title,
    summary: '',
    department: '',
    leadTeam: '',
    audience: '',
    territorialExtent: null,
    territorialNote: '',
    opensAt: null,
    closesAt: null,
    enquiries: { email: '', phone: '', address: '', alternativeFormats: '' },
    waysToRespond: { onlineUrl: '', email: '', postalAddress: '', responseForm: false },
    additionalWays: '',
    responsePaper: { dueDate: null, url: '' },
    impactAssessment: { status: 'unknown', note: '' },
    legalDutyToConsult: 'unknown',
    openToInfluence: '',
    complianceStatement: 'This consultation follows the government’s Consultation Principles.',
    welshVersion: false,
    easyReadVersion: false,
    durationJustification: '',
    electionPeriods: [],
    holidayPeriods: null,
    bankHolidays: null,
  };
}

export const TEMPLATE_SECTIONS: { kind: SectionKind; title: string; guidance: string }[] = [
  {
    kind: 'foreword',
    title: 'Ministerial foreword',
    guidance:
      'A short foreword from the minister: why this matters, what the government wants to achieve, and an ' +
      'invitation to respond. Signed with the minister’s title.',
  },
  {
    kind: 'executive-summary',
    title: 'Executive summary',
    guidance:
      'No more than 2 pages. Say what the consultation is about, the proposals or options, how long it runs ' +
      '(and why, if shorter than 12 weeks), and what happens next.',
  },
  {
    kind: 'background',
    title: 'Background',
    guidance:
      'The problem, the evidence, and what has happened so far. Give enough information for people to give an ' +
      'informed response.',
  },
  {
    kind: 'proposal',
    title: 'Proposal 1',
    guidance:
      'Describe one proposal or option, then add the questions about it. Ask only what you need; one thing per ' +
      'question. Rename this section to say what the proposal is.',
  },
  {
    kind: 'impacts',
    title: 'Impacts',
    guidance:
      'Costs and benefits (refer to the impact assessment), effects on people with protected characteristics ' +
      'under the Equality Act 2010, and territorial effects.',
  },
  {
    kind: 'next-steps',
    title: 'Next steps',
    guidance:
      'What will happen after the consultation closes, and when the government response will be published ' +
      '(within 12 weeks of the closing date).',
  },
  {
    kind: 'how-to-respond',
    title: 'How to respond',
    guidance:
      'How to respond online, by email and by post, and the closing date and time. Offer other formats on request.',
  },
  {
    kind: 'confidentiality',
    title: 'Confidentiality and data protection',
    guidance:
      'Say that responses, including personal data, may be published or disclosed under the Freedom of ' +
      'Information Act 2000, the Environmental Information Regulations 2004 and UK data protection law; that ' +
      'anyone wanting confidentiality must give reasons and that it cannot be guaranteed; that automatic IT ' +
      'disclaimers do not count; and that representative groups should say whom they represent.',
  },
  {
    kind: 'glossary',
    title: 'Glossary',
    guidance: 'Explain technical terms and acronyms used in the document. Delete this section if there are none.',
  },
];

export function standardTemplate(title: string, newId: IdFactory): Draft {
  const sections: Section[] = TEMPLATE_SECTIONS.map((s) => ({
    id: newId(),
    kind: s.kind,
    title: s.title,
    body: emptyDoc(),
    guidance: s.guidance,
  }));
  return {
    format: DRAFT_FORMAT,
    formatVersion: DRAFT_FORMAT_VERSION,
    metadata: emptyMetadata(title),
    sections,
    questions: [],
    aboutYou: defaultAboutYou(),
    privacyNotice: emptyPrivacyNotice(),
    checker: { maxGrade: 9, minReadingEase: 50, maxSentenceWords: 25, maxQuestions: 25 },
    dismissed: [],
  };
}

export function blankDraft(title: string): Draft {
  return {
    format: DRAFT_FORMAT,
    formatVersion: DRAFT_FORMAT_VERSION,
    metadata: emptyMetadata(title),
    sections: [],
    questions: [],
    aboutYou: defaultAboutYou(),
    privacyNotice: emptyPrivacyNotice(),
    checker: { maxGrade: 9, minReadingEase: 50, maxSentenceWords: 25, maxQuestions: 25 },
    dismissed: [],
  };
}
