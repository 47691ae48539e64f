import { buildNameRegister, redactPersonalData } from '../analysis/personal-data/index';

/** What replaces the name of an organisation that asked for confidentiality, wherever it is typed. */
export const ORGANISATION_MARKER = '[organisation removed]';

/**
 * The one function every published free text goes through (the responses CSV, the workbook's
 * Responses and Quotes sheets, the quotes of the government response and the briefing): personal
 * data replaced by markers, names found through the consultation's own respondent register, and the
 * names of organisations that asked for confidentiality (R-PUB4: named nowhere) replaced too.
 * Built once per export; the register of 100,000 names takes about a second to build.
 */
export function personalDataScrubber(
  names: readonly string[],
  hiddenOrganisations: readonly string[] = [],
): (text: string) => string {
  const register = buildNameRegister(names.map((name) => ({ name })));
  const organisations = organisationPattern(hiddenOrganisations);
  return (text) => {
    if (!text) return text;
    const scrubbed = redactPersonalData(text, register).text;
    return organisations ? scrubbed.replace(organisations, ORGANISATION_MARKER) : scrubbed;
  };
}

/** The names as written, any case and spacing, whole words only, longest first; null when there are none. */
function organisationPattern(names: readonly string[]): RegExp | null {
  const words = [...new Set(names.map((n) => n.replace(/\s+/g, ' ').trim()).filter((n) => n.length >= 3))];
  if (!words.length) return null;
  words.sort((a, b) => b.length - a.length);
  const alternatives = words.map((n) =>
    n
      .split(' ')
      .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('\\s+'),
  );
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
}
