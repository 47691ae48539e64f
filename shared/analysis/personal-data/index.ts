/**
 * Personal data in free text (issue 17): what kinds there are and their markers, the finders, the
 * respondents' name register, and finding and redacting in one text. The public API of this folder.
 */
export {
  PERSONAL_DATA_KINDS,
  PERSONAL_DATA_MARKERS,
  markerFor,
  type PersonalDataFinding,
  type PersonalDataKind,
} from './kinds';
export {
  findAddresses,
  findEmails,
  findNhsNumbers,
  findNiNumbers,
  findPatterns,
  findPhones,
  findPostcodes,
  findProfileUrls,
  validNhsNumber,
  validNiPrefix,
  validPostcode,
} from './patterns';
export { buildNameRegister, nameKey, ordinaryWordsFrom, type NameRegister, type NameRegisterOptions } from './register';
export { answerKey, findingKey, withoutReleased, type PersonalDataDecision, type ReleasedFindings } from './review';
export type { PersonalDataFindingView, PersonalDataRef, PersonalDataReview, PersonalDataStatus } from './review-list';
export { applyMarkers, findPersonalData, redactPersonalData, resolveOverlaps } from './find';
export {
  scorePersonalData,
  spanFound,
  type LabelledAnswer,
  type LabelledSpan,
  type PersonalDataScore,
  type ScoreBucket,
} from './score';
