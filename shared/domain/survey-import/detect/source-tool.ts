import { SOURCE_KIND_LABELS, type SourceKind } from '../types';
import type { HeaderStyle } from './header-rows';

/**
 * Which tool made an export, by the metadata columns only that tool writes (normalised header
 * texts). The tool decides which of its columns are metadata (header-vocabulary.ts TOOL_META),
 * how it joins a multi-select, and how it writes dates.
 */
export function detectSource(headers: Set<string>, style: HeaderStyle): SourceKind {
  const has = (...hs: string[]) => hs.some((h) => headers.has(h));
  if (style === 'qualtrics' || (has('responseid', 'response id') && has('startdate') && has('finished', 'progress')))
    return 'qualtrics';
  if (has('respondent id') && has('collector id')) return 'surveymonkey';
  if (has('id') && has('start time') && has('completion time')) return 'microsoft-forms';
  if (has('ip hash') || (has('user status') && has('created at'))) return 'decidim';
  if (has('response id') && has('unique id')) return 'citizen-space';
  // Decidim's comment and proposal exports: author/name, commentable_type; or a proposal's participatory_space/id.
  if (
    (has('commentable_type') && has('root_commentable_url')) ||
    (has('participatory_space/id') && has('endorsements/total_count'))
  )
    return 'decidim';
  if (has('#') && (has('submit date (utc)') || has('network id'))) return 'typeform';
  if (
    (has('submitdate', 'date submitted') && has('lastpage', 'last page') && has('startlanguage', 'start language')) ||
    (has('seed') && has('lastpage'))
  )
    return 'limesurvey';
  if (has('response id') && has('time started') && has('date submitted')) return 'alchemer';
  if (has('userid') && has('userno') && has('started')) return 'smartsurvey';
  if (has('submission date') && has('submission id') && has('submission ip', 'last update date', 'submission url'))
    return 'jotform';
  if (has('submissiondate') && has('key', 'meta-instanceid')) return 'odk';
  if (has('parent_key') && has('key')) return 'odk';
  if (has('_uuid', '_submission_time', '_submission__uuid') || (has('_parent_table_name') && has('_index')))
    return 'kobo';
  if ((has('comment-id') && has('comment-body')) || (has('participant') && has('group-id') && has('n-votes')))
    return 'polis';
  if (has('response no.', 'contribution id') && has('login username', 'responded at', 'created at'))
    return 'engagementhq';
  if (has('timestamp') && [...headers].some((h) => h === 'email address' || h === 'score' || / \[[^\]]+\]$/.test(h)))
    return 'google-forms';
  return 'plain';
}

export function sourceName(s: SourceKind): string {
  return s === 'plain' ? 'a spreadsheet' : SOURCE_KIND_LABELS[s];
}
