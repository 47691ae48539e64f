/**
 * Reading files (see README.md): survey exports and returned forms to a RawTable, emails to an
 * EmailMessage. What a table means is the survey import's (shared/domain/survey-import).
 */
export { readSourceFile, type ReadOptions } from './read-source';
export { readEmail } from './email';
export { htmlToText } from './html-to-text';
export { DEFAULT_LIMITS, type ImportLimits } from './limits';
