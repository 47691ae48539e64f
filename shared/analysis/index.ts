/**
 * Analysis algorithms: pure TypeScript (no Node, no DOM), so they run in the backend worker, the
 * CLI or the renderer. One file per concern; this index re-exports the public API.
 */
export * from './agreement';
export * from './campaigns';
export * from './codebook';
export * from './duplicates';
export * from './organisations';
export * from './personal-data/index';
export * from './proposals';
export * from './suppression';
export * from './tallies';
export * from './theme-review';
export * from './themes';
export { normaliseText, sentenceRanges, words } from './text';
