import type { SourceKind } from '../types';
import type { HeaderStyle } from './header-rows';

/** Which tool made an export, by the metadata columns only that tool writes (normalised header texts). */
export function detectSource(headers: Set<string>, style: HeaderStyle): SourceKind {
  const has = (...hs: string[]) => hs.some((h) => headers.has(h));
  if (style === 'qualtrics' || (has('responseid', 'response id') && has('startdate') && has('finished', 'progress'))) return 'qualtrics';
  if (has('respondent id') && has('collector id')) return 'surveymonkey';
  if (has('id') && has('start time') && has('completion time')) return 'microsoft-forms';
  if (has('ip hash') || (has('user status') && has('created at'))) return 'decidim';
  if (has('response id') && has('unique id')) return 'citizen-space';
  return 'plain';
}

export function sourceName(s: SourceKind): string {
  return { 'microsoft-forms': 'Microsoft Forms', surveymonkey: 'SurveyMonkey', qualtrics: 'Qualtrics', 'citizen-space': 'Citizen Space', decidim: 'Decidim', plain: 'a spreadsheet' }[s];
}

