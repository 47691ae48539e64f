/**
 * Analysing responses: the codebook and coding, tallies, quotes, theme suggestions and two coders,
 * as the backend and the Analysis page share them. Algorithms live in shared/analysis; this folder
 * holds the app's view of them.
 */
export * from './types';
export * from './codable';
export * from './sentiment';
export * from './sample';
export * from './consent';
export * from './fields';
export * from './agreement-view';
export * from './package-meta';
