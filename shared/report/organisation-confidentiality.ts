import type { ConsultationReport } from './model';

/**
 * R-PUB4: one rule for organisations' confidentiality in everything published — Annex A, the
 * row-level data (CSV and workbook), and the attribution under quotes. An organisation that asked
 * for confidentiality on any of its responses is named nowhere, although its other responses did not ask.
 * Names are compared as the annex lists them: canonical (merges applied), whitespace collapsed, any case.
 */
export const organisationKey = (name: string): string => name.replace(/\s+/g, ' ').trim().toLowerCase();

/** The organisations that may not be named, by organisationKey. */
export function confidentialOrganisations(
  report: Pick<ConsultationReport, 'organisations' | 'confidentialOrganisations'>,
): Set<string> {
  const keys = new Set<string>();
  for (const o of report.organisations) if (o.confidential) keys.add(organisationKey(o.name));
  for (const name of report.confidentialOrganisations) keys.add(organisationKey(name));
  keys.delete('');
  return keys;
}
