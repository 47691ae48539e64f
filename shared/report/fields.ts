import { PERSONAL_FIELDS, type AboutYouField, type RespondentFieldKey } from '../domain/draft/model';
import { RESPONDENT_KEY_LABELS, type RespondentKey } from '../domain/responses/store';
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
const GROUPED: Partial<Record<RespondentFieldKey, ResponseFieldDef['groupedAs']>> = {
  respondingAs: 'respondingAs',
  respondentType: 'type',
  region: 'region',
};
const FLAGS: ReadonlySet<RespondentFieldKey> = new Set(['confidential', 'publishConsent']);

export function responseFieldsFromAboutYou(aboutYou: readonly AboutYouField[]): ResponseFieldDef[] {
  return aboutYou
    .filter((f) => f.enabled && !FLAGS.has(f.key))
    .map((f) => {
      const groupedAs = GROUPED[f.key];
      return {
        key: f.key,
        label: SHORT[f.key] ?? f.label,
        personal: PERSONAL_FIELDS.has(f.key),
        identifying: IDENTIFYING.has(f.key),
        ...(groupedAs ? { groupedAs } : {}),
      };
    });
}

/**
 * The draft's fields, and after them any respondent detail the imported responses hold that the
 * draft's "About you" does not ask (a survey exported from another tool): marked internalOnly, so
 * the internal exports carry every detail imported and the published ones only what was asked.
 */
export function responseFieldsFor(
  aboutYou: readonly AboutYouField[],
  present: readonly RespondentKey[],
): ResponseFieldDef[] {
  const fields = responseFieldsFromAboutYou(aboutYou);
  const have = new Set<string>(fields.map((f) => f.key));
  for (const key of present) {
    if (have.has(key) || FLAGS.has(key as RespondentFieldKey)) continue;
    const personal = PERSONAL_FIELDS.has(key as RespondentFieldKey) || key === 'address' || key === 'postcode';
    fields.push({
      key,
      label: SHORT[key as RespondentFieldKey] ?? RESPONDENT_KEY_LABELS[key],
      personal,
      identifying: IDENTIFYING.has(key as RespondentFieldKey),
      internalOnly: true,
    });
  }
  return fields;
}
