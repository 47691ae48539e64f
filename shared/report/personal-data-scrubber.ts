import { buildNameRegister, redactPersonalData } from '../analysis/personal-data/index';

/**
 * The one function every published free text goes through (the responses CSV, the workbook's
 * Responses and Quotes sheets, the quotes of the government response and the briefing): personal
 * data replaced by markers, names found through the consultation's own respondent register.
 * Built once per export; the register of 100,000 names takes about a second to build.
 */
export function personalDataScrubber(names: readonly string[]): (text: string) => string {
  const register = buildNameRegister(names.map((name) => ({ name })));
  return (text) => (text ? redactPersonalData(text, register).text : text);
}
