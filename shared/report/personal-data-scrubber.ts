import {
  answerKey,
  applyMarkers,
  buildNameRegister,
  findPersonalData,
  withoutReleased,
  type NameRegister,
  type PersonalDataFinding,
  type ReleasedFindings,
} from '../analysis/personal-data/index';

/** What replaces the name of an organisation that asked for confidentiality, wherever it is typed. */
export const ORGANISATION_MARKER = '[organisation removed]';

/** The answer a published text comes from, so the official's decisions about it apply. */
export interface TextSource {
  responseId: string | number;
  questionId: string;
}

/** Published text of an answer (or a quote from it): personal data and confidential organisations replaced. */
export type Scrub = (text: string, source?: TextSource) => string;

/**
 * The personal data an export would remove from one text. The review list (Responses → Personal data)
 * finds with this too, so what an official reviews is exactly what the exports remove.
 */
export interface PersonalDataFinder {
  find(text: string): PersonalDataFinding[];
}

/** The respondent register of this consultation, built once (100,000 names take about a second). */
export function personalDataFinder(names: readonly string[]): PersonalDataFinder {
  const register: NameRegister = buildNameRegister(names.map((name) => ({ name })));
  return { find: (text) => findPersonalData(text, register) };
}

/**
 * The one function every published free text goes through (the responses CSV, the workbook's
 * Responses and Quotes sheets, the quotes of the government response and the briefing): personal
 * data replaced by markers, names found through the consultation's own respondent register, and the
 * names of organisations that asked for confidentiality (R-PUB4: named nowhere) replaced too.
 * A finding the official released in the review list, in the answer the text comes from, is left as
 * written; every other finding, reviewed or not, is removed. Built once per export.
 */
export function personalDataScrubber(
  names: readonly string[],
  hiddenOrganisations: readonly string[] = [],
  released: ReleasedFindings = {},
): Scrub {
  const finder = personalDataFinder(names);
  const organisations = organisationPattern(hiddenOrganisations);
  const releasedSets = new Map<string, ReadonlySet<string>>();
  for (const key in released) releasedSets.set(key, new Set(released[key]));
  return (text, source) => {
    if (!text) return text;
    let findings: readonly PersonalDataFinding[] = finder.find(text);
    if (source && releasedSets.size)
      findings = withoutReleased(findings, releasedSets.get(answerKey(source.responseId, source.questionId)));
    const scrubbed = applyMarkers(text, findings);
    // An organisation's confidentiality is not the review list's to release: it is applied whatever was decided.
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
