/**
 * Reading responses from every channel (see README.md): survey exports to a RawTable, the layout,
 * the proposed mapping and the normalised responses; emails to an EmailMessage. The pure steps
 * live in shared/domain/responses and are re-exported here so callers have one place to import.
 */
export { readSourceFile, type ReadOptions } from './read-source';
export { readEmail } from './email';
export { htmlToText } from './html-to-text';
export { DEFAULT_LIMITS, type ImportLimits } from './limits';
export { detectLayout, proposeMapping, inferQuestions, applyMapping, sourceFingerprint, responseFromEmail, columnReport } from '../../../shared/domain/responses';
export type {
  RawTable,
  Layout,
  LayoutColumn,
  ColumnMapping,
  MappingTarget,
  MappingProposal,
  NormalisedResponse,
  NormalisedAnswer,
  RejectedRow,
  ApplyResult,
  EmailMessage,
  DetectOptions,
  InferOptions,
  ApplyOptions,
} from '../../../shared/domain/responses';
