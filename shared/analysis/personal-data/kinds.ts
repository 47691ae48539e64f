/**
 * The kinds of personal data looked for in free text before it is published, the marker each is
 * replaced by, and the shape of one finding. Issue 17: every free text that leaves the app at
 * publication level has these replaced, so the markers are the words a reader of the outputs sees.
 */

/** Every kind, in the order reports list them (a tuple, so the contract's schema is made from it). */
export const PERSONAL_DATA_KINDS = [
  'name',
  'email',
  'phone',
  'postcode',
  'address',
  'ni-number',
  'nhs-number',
  'profile-url',
] as const;

export type PersonalDataKind = (typeof PERSONAL_DATA_KINDS)[number];

/** What replaces a finding of each kind in published text. */
export const PERSONAL_DATA_MARKERS: Readonly<Record<PersonalDataKind, string>> = {
  name: '[name removed]',
  email: '[email address removed]',
  phone: '[phone number removed]',
  postcode: '[postcode removed]',
  address: '[address removed]',
  'ni-number': '[National Insurance number removed]',
  'nhs-number': '[NHS number removed]',
  'profile-url': '[link removed]',
};

/** One piece of personal data in a text: its kind and where it is (UTF-16 offsets, end exclusive). */
export interface PersonalDataFinding {
  kind: PersonalDataKind;
  start: number;
  end: number;
  /** The text found, `text.slice(start, end)`. */
  text: string;
}

/** The marker for a kind. */
export function markerFor(kind: PersonalDataKind): string {
  return PERSONAL_DATA_MARKERS[kind];
}
