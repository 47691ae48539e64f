/** Responses from every channel, normalised: pure types and rules shared by the services and the UI. */
export * from './types';
export { detectLayout, columnLetter, type DetectOptions } from './detect-layout';
export { proposeMapping } from './propose-mapping';
export { inferQuestions, type InferOptions } from './infer-questions';
export { applyMapping, uniqueHeaders, rawRecord, DEFAULT_MAX_CELL_CHARS, type ApplyOptions } from './apply-mapping';
export { sourceFingerprint } from './fingerprint';
export { columnReport, type ImportedColumn, type ImportedColumnRole } from './column-report';
export { responseFromEmail, type AssignedText } from './from-email';
export { OptionMatcher, type MatchResult } from './option-matcher';
export { normaliseLabel, isBlankMarker, textSimilarity } from './text-match';
export { parseSurveyTime, dayOrderOf, type DayOrder } from './dates';
export * from './store';
