/**
 * Rows written but not yet in the full-text indexes. A large import (tens of thousands of
 * responses) returns once its rows are saved, and their search index is built afterwards in
 * chunks, between the window's calls (responses/search-backlog.ts): 4 of the 18 seconds of an
 * import of 100,000 responses. A row whose id is in [from_id, to_id] of its table's entry is not in
 * the index yet: search-index.ts neither removes it from nor adds it to the index (the backlog will
 * index it as it then is), and anything that searches finishes the backlog first, so a search
 * never misses a row. from_id moves up as chunks are indexed; the entry goes when it is done.
 */
export const sql = `
CREATE TABLE search_backlog (
  id      INTEGER PRIMARY KEY,
  target  TEXT NOT NULL CHECK (target IN ('answer', 'respondent')),
  from_id INTEGER NOT NULL,
  to_id   INTEGER NOT NULL
) STRICT;
`;
