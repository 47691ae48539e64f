import type { Db } from '../core/db/database';
import { normaliseOrganisationName } from '#shared/analysis/organisations';
import {
  isOrganisationAnswer,
  isYes,
  RESPONDENT_COLUMNS_KEYS,
  type RespondentDetails,
  type RespondentKey,
} from '#shared/domain/responses/store';

/**
 * The respondent table's columns for each "About you" key, and the values derived from them when
 * a respondent is written: the normalised organisation key, whether they answered for an
 * organisation, whether they asked for confidentiality, and whether any personal column is filled
 * (personal columns are those `data_classification` marks, read from the workspace itself).
 */
export const RESPONDENT_COLUMN: Record<RespondentKey, string> = {
  name: 'name',
  email: 'email',
  respondingAs: 'responding_as',
  organisation: 'organisation',
  role: 'role',
  represents: 'represents',
  respondentType: 'respondent_type',
  region: 'region',
  ageBand: 'age_band',
  confidential: 'confidential',
  confidentialReason: 'confidential_reason',
  publishConsent: 'publish_consent',
  quoteConsent: 'quote_consent',
  contactConsent: 'contact_consent',
  address: 'address',
  postcode: 'postcode',
};

export const RESPONDENT_KEYS: readonly RespondentKey[] = RESPONDENT_COLUMNS_KEYS;
const COLUMN_LIST = RESPONDENT_KEYS.map((k) => RESPONDENT_COLUMN[k]);

/** Columns the schema marks as personal data, by table. */
export function personalColumns(db: Db, table: string): Set<string> {
  return new Set(
    db
      .all<{ column_name: string }>(
        "SELECT column_name FROM data_classification WHERE table_name = ? AND classification = 'personal'",
        [table],
      )
      .map((r) => r.column_name),
  );
}

export interface RespondentRowValues {
  values: (string | null)[];
  orgKey: string | null;
  isOrganisation: number;
  confidentialRequested: number;
  hasPersonal: number;
}

/**
 * Cell values in RESPONDENT_KEYS order plus the derived columns. `personal` is from personalColumns(db, 'respondent').
 */
export function respondentRow(details: RespondentDetails, personal: ReadonlySet<string>): RespondentRowValues {
  const values: (string | null)[] = [];
  let hasPersonal = 0;
  for (let i = 0; i < RESPONDENT_KEYS.length; i++) {
    const raw = details[RESPONDENT_KEYS[i]!];
    const v = raw === undefined || raw.trim() === '' ? null : raw;
    values.push(v);
    if (v !== null && personal.has(COLUMN_LIST[i]!)) hasPersonal = 1;
  }
  const org = details.organisation?.trim() ?? '';
  const key = org ? normaliseOrganisationName(org) : '';
  return {
    values,
    orgKey: key || null,
    isOrganisation: isOrganisationAnswer(details.respondingAs, details.organisation) ? 1 : 0,
    confidentialRequested: isYes(details.confidential) ? 1 : 0,
    hasPersonal,
  };
}

/** INSERT INTO respondent (…) without its VALUES, and how many values a row has. */
export const RESPONDENT_INSERT_PREFIX =
  `INSERT INTO respondent (id, batch_id, ${COLUMN_LIST.join(', ')}, org_key, is_organisation, ` +
  `confidential_requested, has_personal)`;
export const RESPONDENT_INSERT_COLUMNS = COLUMN_LIST.length + 6;

/** Appends a respondent's values, in RESPONDENT_INSERT_PREFIX's order, to `out`. */
export function pushRespondentValues(
  out: (string | number | null)[],
  id: number,
  batchId: number,
  r: RespondentRowValues,
): void {
  out.push(id, batchId);
  for (const v of r.values) out.push(v);
  out.push(r.orgKey, r.isOrganisation, r.confidentialRequested, r.hasPersonal);
}

/** Read a respondent row back into details (keys with values only). */
export function detailsFromRow(row: Record<string, unknown>): RespondentDetails {
  const out: RespondentDetails = {};
  for (const k of RESPONDENT_KEYS) {
    const v = row[RESPONDENT_COLUMN[k]];
    if (typeof v === 'string' && v !== '') out[k] = v;
  }
  return out;
}

export const RESPONDENT_SELECT_COLUMNS = COLUMN_LIST.join(', ');
