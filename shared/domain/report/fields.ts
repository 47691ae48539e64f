import { PERSONAL_FIELDS, type AboutYouField, type RespondentFieldKey } from '../draft/model';
import type { ResponseFieldDef } from './model';

/**
 * The per-response columns taken from a draft's "About you" fields: short column names, the
 * personal-data mark from PERSONAL_FIELDS, and which fields identify an organisation. The
 * confidentiality and publication-consent answers are not columns here: each row carries them as
 * flags (`ResponseRow.confidential`, `publishConsent`), which redaction reads.
 */
const SHORT: Partial<Record<RespondentFieldKey, string>> = {
  name: 'Name',
  email: 'Email',
  respondingAs: 'Responding as',
  organisation: 'Organisation',
  role: 'Role',
  represents: 'Represents',
  respondentType: 'Respondent type',
  region: 'Nation or region',
  ageBand: 'Age',
  confidentialReason: 'Reason for confidentiality',
  contactConsent: 'May be contacted',
};
const IDENTIFYING: ReadonlySet<RespondentFieldKey> = new Set(['organisation', 'represents']);
const GROUPED: Partial<Record<RespondentFieldKey, ResponseFieldDef['groupedAs']>> = { respondingAs: 'respondingAs', respondentType: 'type', region: 'region' };
const FLAGS: ReadonlySet<RespondentFieldKey> = new Set(['confidential', 'publishConsent']);

export function responseFieldsFromAboutYou(aboutYou: readonly AboutYouField[]): ResponseFieldDef[] {
  return aboutYou
    .filter((f) => f.enabled && !FLAGS.has(f.key))
    .map((f) => {
      const groupedAs = GROUPED[f.key];
      return { key: f.key, label: SHORT[f.key] ?? f.label, personal: PERSONAL_FIELDS.has(f.key), identifying: IDENTIFYING.has(f.key), ...(groupedAs ? { groupedAs } : {}) };
    });
}
