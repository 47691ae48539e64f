/**
 * The survey import's pure steps (README.md shows the pipeline): detect how an export is laid out,
 * plan what its columns become, map its cells to answers. Reading the bytes and writing the
 * workspace are the services' (electron/services/formats/read and electron/services/survey-import).
 */
export * from './types';
export { detectLayout, columnLetter, type DetectOptions } from './detect/detect-layout';
export { proposeMapping } from './plan/propose-mapping';
export { inferQuestions, type InferOptions } from './plan/infer-questions';
export { sourceFingerprint } from './plan/fingerprint';
export { columnReport, type ImportedColumn, type ImportedColumnRole } from './plan/column-report';
export { applyMapping, uniqueHeaders, rawRecord, DEFAULT_MAX_CELL_CHARS, type ApplyOptions } from './map/apply-mapping';
export { OptionMatcher, type MatchResult } from './values/option-matcher';
export { normaliseLabel, isBlankMarker, textSimilarity } from './values/text-match';
export { parseSurveyTime, dayOrderOf, type DayOrder } from './values/survey-dates';
