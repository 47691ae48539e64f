import type { IntakeChannel } from '../domain/survey-import/types';

/**
 * Respondent fields the analysis can split answers by: the non-personal "About you" answers,
 * whether someone answered as an individual or for an organisation, and how the response came in.
 * Fields that identify a person (name, email, role, postcode…) are never offered.
 */
export const CROSS_TAB_FIELDS = [
  'respondentType',
  'organisationOrIndividual',
  'respondingAs',
  'region',
  'ageBand',
  'channel',
  'organisation',
  'confidential',
  'publishConsent',
  'contactConsent',
] as const;
export type CrossTabField = (typeof CROSS_TAB_FIELDS)[number];

export const CROSS_TAB_FIELD_LABELS: Record<CrossTabField, string> = {
  respondentType: 'Respondent type',
  organisationOrIndividual: 'Individual or organisation',
  respondingAs: 'Responding as',
  region: 'Nation or region',
  ageBand: 'Age',
  channel: 'How the response came in',
  organisation: 'Organisation',
  confidential: 'Confidentiality requested',
  publishConsent: 'Consent to publish',
  contactConsent: 'Consent to be contacted',
};

export const ORGANISATION_LEVELS = ['Individual', 'Organisation'] as const;

export const CHANNEL_LABELS: Record<IntakeChannel, string> = {
  'online-survey': 'Online survey',
  email: 'Email',
  letter: 'Letter',
  'response-form': 'Response form',
  other: 'Other',
};
