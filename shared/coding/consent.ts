import { isYes } from '../domain/responses/store';

/**
 * Whether a respondent's words may be quoted in something published, from what they told us:
 * - asked for confidentiality: never (whatever else they said);
 * - a separate answer about quotation, when there is one, decides;
 * - otherwise their answer about publication ("Yes, with my name", "Yes, without my name": yes;
 *   "No": no);
 * - no answer to either: null, which publication treats as no.
 */
export interface QuoteConsent {
  confidential: boolean;
  /** True = may be published or quoted; false = said no; null = never said. */
  publishConsent: boolean | null;
}

const answered = (v: string | null | undefined): boolean => !!v && v.trim() !== '';

export function quoteConsent(r: {
  confidentialRequested: boolean;
  publishConsent: string | null;
  quoteConsent: string | null;
}): QuoteConsent {
  const decide = (v: string | null): boolean | null => (answered(v) ? isYes(v) : null);
  const quote = decide(r.quoteConsent);
  return { confidential: r.confidentialRequested, publishConsent: quote !== null ? quote : decide(r.publishConsent) };
}

export type QuoteStatus = 'publishable' | 'confidential' | 'no-consent' | 'not-asked';

export function quoteStatus(c: QuoteConsent): QuoteStatus {
  if (c.confidential) return 'confidential';
  if (c.publishConsent === true) return 'publishable';
  return c.publishConsent === false ? 'no-consent' : 'not-asked';
}

export const QUOTE_STATUS_TEXT: Record<QuoteStatus, string> = {
  publishable: 'Can be published',
  confidential: 'Cannot be published: the respondent asked for confidentiality',
  'no-consent': 'Cannot be published: the respondent did not consent to publication or quotation',
  'not-asked': 'Cannot be published: the respondent did not say whether their words may be published',
};
