import type { PrivacyNotice } from '../../domain/draft/model';
import type { RuleModule } from '../rule-module';

/**
 * The privacy notice (consultation-standard.md §3.6, UK GDPR articles 13 and 14): the fields it
 * must have (R-PN1), those it should state even when the answer is "none" (R-PN2), fields filled in
 * but missing what they are for (R-PN3), and whether AI supports the analysis (R-PN4).
 */
const REQUIRED: [keyof PrivacyNotice, string][] = [
  ['controller', 'The privacy notice does not name the data controller. Give the department’s name and address.'],
  ['dpoContact', 'The privacy notice has no contact for the Data Protection Officer. Give an email or postal address.'],
  [
    'purpose',
    'The privacy notice does not say why you collect personal data. Say what it is for: running the ' +
      'consultation and analysing the responses.',
  ],
  [
    'dataCollected',
    'The privacy notice does not say what personal data you collect, such as names, email addresses, ' +
      'organisations and views.',
  ],
  [
    'lawfulBasis',
    'The privacy notice has no lawful basis. For consultations this is usually public task, UK GDPR Article 6(1)(e).',
  ],
  [
    'recipients',
    'The privacy notice does not say who else receives the data, such as the survey supplier that processes it ' +
      'for you.',
  ],
  [
    'retention',
    'The privacy notice has no retention period. Say how long you keep the data, for example 2 years after the ' +
      'consultation closes.',
  ],
  [
    'rights',
    'The privacy notice does not list people’s rights: to see, correct and delete their data, to object, and to ' +
      'complain to the Information Commissioner’s Office.',
  ],
];

const STATED: [keyof PrivacyNotice, string][] = [
  [
    'internationalTransfers',
    'The privacy notice does not say whether data is transferred outside the UK. Say so, even if it is not.',
  ],
  [
    'automatedDecisions',
    'The privacy notice does not say whether any decisions are made automatically. Say so, even if none are.',
  ],
];

const TITLES: Record<string, string> = {
  controller: 'No data controller',
  dpoContact: 'No Data Protection Officer contact',
  purpose: 'No purpose',
  dataCollected: 'No list of data collected',
  lawfulBasis: 'No lawful basis',
  recipients: 'No recipients',
  retention: 'No retention period',
  rights: 'No rights',
  internationalTransfers: 'International transfers not stated',
  automatedDecisions: 'Automated decisions not stated',
};

const PERIOD = new RegExp(
  [
    String.raw`\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve)\b|\b(?:years?|months?|`,
    String.raw`weeks?|days?)\b|\buntil\b|\bafter\b`,
  ].join(''),
  'i',
);
const BASIS = /public task|6\s*\(\s*1\s*\)|consent|legal obligation|legitimate interests?|vital interests?|contract/i;
const COMPLAIN = /information commissioner|\bico\b|complain/i;

export const privacyRules: RuleModule = {
  rules: [
    {
      id: 'R-PN1',
      severity: 'error',
      title: 'Privacy notice field missing',
      description:
        'The privacy notice must give: controller, Data Protection Officer contact, purpose, data collected, ' +
        'lawful basis, recipients, retention period and rights.',
      standardRef: '§3.6 items 1 to 7',
    },
    {
      id: 'R-PN2',
      severity: 'warning',
      title: 'International transfers or automated decisions not stated',
      description:
        'The privacy notice should say whether data leaves the UK and whether decisions are automated, even ' +
        'when the answer is no.',
      standardRef: '§3.6 item 8',
    },
    {
      id: 'R-PN3',
      severity: 'warning',
      title: 'Privacy notice field incomplete',
      description:
        'A retention field with no period (no number, years, months, “until” or “after”); a lawful basis naming ' +
        'no UK GDPR Article 6 basis; rights that do not mention complaining to the Information Commissioner.',
      standardRef: '§3.6 items 4, 6, 7',
    },
    {
      id: 'R-PN4',
      severity: 'advice',
      title: 'AI use not stated',
      description: 'The privacy notice does not say whether AI supports the analysis of responses.',
      standardRef: '§3.6 item 9',
    },
  ],
  check(ctx) {
    const p = ctx.draft.privacyNotice;
    const loc = (field: string) => ({ kind: 'privacy' as const, field });
    for (const [field, message] of REQUIRED)
      if (!p[field].trim()) ctx.report({ ruleId: 'R-PN1', title: TITLES[field]!, message, location: loc(field) });
    for (const [field, message] of STATED)
      if (!p[field].trim()) ctx.report({ ruleId: 'R-PN2', title: TITLES[field]!, message, location: loc(field) });
    if (p.retention.trim() && !PERIOD.test(p.retention))
      ctx.report({
        ruleId: 'R-PN3',
        title: 'Retention period not given',
        message:
          'The retention field does not say how long you keep the data. Give a period, for example “2 years ' +
          'after the consultation closes”.',
        location: loc('retention'),
      });
    if (p.lawfulBasis.trim() && !BASIS.test(p.lawfulBasis))
      ctx.report({
        ruleId: 'R-PN3',
        title: 'Lawful basis not named',
        message:
          'The lawful basis does not name a UK GDPR Article 6 basis. For consultations this is usually public ' +
          'task, Article 6(1)(e).',
        location: loc('lawfulBasis'),
      });
    if (p.rights.trim() && !COMPLAIN.test(p.rights))
      ctx.report({
        ruleId: 'R-PN3',
        title: 'Right to complain not given',
        message:
          'The rights field does not mention the right to complain to the Information Commissioner’s Office. Add it.',
        location: loc('rights'),
      });
    if (!p.aiUse.trim())
      ctx.report({
        ruleId: 'R-PN4',
        title: 'AI use not stated',
        message:
          'Say whether artificial intelligence (AI) tools will help analyse the responses, and if so how ' +
          'people’s data is protected. Some departments now state this.',
        location: loc('aiUse'),
      });
  },
};
