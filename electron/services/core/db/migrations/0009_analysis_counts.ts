/**
 * The tallies' counts kept with the answers they were counted from (electron/services/analysis/stored-counts.ts), so
 * the first figures after opening a large workspace need not wait for every answer to be read again. Derived data,
 * one row: written by the app after it has read the answers, used only while `version` names the answers and
 * responses as they are, rewritten when they change. Counts and option ids only, no text: nothing personal.
 */
export const sql = `
CREATE TABLE analysis_counts (
  id       INTEGER PRIMARY KEY CHECK (id = 1),
  version  TEXT NOT NULL,                   -- schema, responses and answers counted (stored-counts.ts countsVersion)
  counts   TEXT NOT NULL                    -- JSON: StoredCounts
) STRICT;
`;
