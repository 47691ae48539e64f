/**
 * Assisted coding (electron/services/analysis/proposals.ts): a model trained on the analysts' own codes proposes
 * themes for the answers not yet coded. A proposal is never a code: it becomes one only when a person accepts it,
 * and then it is a coding with source 'proposal' (machine-proposed, person-accepted), added in an operation of kind
 * 'proposal' that can be undone like any bulk change.
 *
 * SQLite cannot change a CHECK constraint in place, so coding_op and coding are rebuilt with the new values allowed:
 * every row is copied with its id, the AUTOINCREMENT counters are carried over (ids are never reused), and the
 * indexes are made again as 0005 made them.
 *
 * proposal_run keeps each run's proposals (response ids, theme ids and confidences: no text, nothing personal), so
 * they survive closing the workspace and an accepted coding can be traced to the run that proposed it.
 */
export const sql = `
CREATE TABLE coding_op_v2 (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  kind        TEXT NOT NULL CHECK (kind IN ('bulk-search', 'bulk-campaign', 'bulk-responses', 'suggestion', 'conflicts', 'proposal')),
  description TEXT NOT NULL,
  question_id TEXT,
  theme_id    TEXT,
  count       INTEGER NOT NULL DEFAULT 0,
  at          TEXT NOT NULL,
  by          TEXT NOT NULL,
  undone_at   TEXT,
  undone_by   TEXT
) STRICT;
INSERT INTO coding_op_v2 (id, kind, description, question_id, theme_id, count, at, by, undone_at, undone_by)
  SELECT id, kind, description, question_id, theme_id, count, at, by, undone_at, undone_by FROM coding_op;
DELETE FROM sqlite_sequence WHERE name = 'coding_op_v2';
INSERT INTO sqlite_sequence (name, seq) SELECT 'coding_op_v2', seq FROM sqlite_sequence WHERE name = 'coding_op';
DROP TABLE coding_op;
ALTER TABLE coding_op_v2 RENAME TO coding_op;

CREATE TABLE coding_v2 (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  response_id INTEGER NOT NULL,
  question_id TEXT NOT NULL,
  theme_id    TEXT NOT NULL,
  coder_set   TEXT NOT NULL DEFAULT 'main',
  coder       TEXT NOT NULL,
  source      TEXT NOT NULL CHECK (source IN ('manual', 'bulk', 'suggestion', 'package', 'proposal')),
  start_offset INTEGER,
  end_offset  INTEGER,
  passage     TEXT,
  op_id       INTEGER,
  at          TEXT NOT NULL,
  removed_at  TEXT,
  removed_by  TEXT,
  removed_op  INTEGER
) STRICT;
INSERT INTO coding_v2 (id, response_id, question_id, theme_id, coder_set, coder, source, start_offset, end_offset,
    passage, op_id, at, removed_at, removed_by, removed_op)
  SELECT id, response_id, question_id, theme_id, coder_set, coder, source, start_offset, end_offset, passage, op_id,
    at, removed_at, removed_by, removed_op FROM coding;
DELETE FROM sqlite_sequence WHERE name = 'coding_v2';
INSERT INTO sqlite_sequence (name, seq) SELECT 'coding_v2', seq FROM sqlite_sequence WHERE name = 'coding';
DROP TABLE coding;
ALTER TABLE coding_v2 RENAME TO coding;
CREATE INDEX coding_answer ON coding(coder_set, question_id, response_id) WHERE removed_at IS NULL;
CREATE UNIQUE INDEX coding_whole_answer ON coding(coder_set, response_id, question_id, theme_id) WHERE removed_at IS NULL AND start_offset IS NULL;
CREATE INDEX coding_theme ON coding(theme_id) WHERE removed_at IS NULL;
CREATE INDEX coding_response ON coding(coder_set, response_id) WHERE removed_at IS NULL;
CREATE INDEX coding_op_added ON coding(op_id) WHERE op_id IS NOT NULL;
CREATE INDEX coding_op_removed ON coding(removed_op) WHERE removed_op IS NOT NULL;

-- Each run of the model for a question: what it was trained on and what it proposed (ProposalRunResult JSON).
CREATE TABLE proposal_run (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  question_id TEXT NOT NULL,
  at          TEXT NOT NULL,
  by          TEXT NOT NULL,
  coded       INTEGER NOT NULL,              -- answers coded by people when it ran (to tell when it is out of date)
  result      TEXT NOT NULL
) STRICT;
CREATE INDEX proposal_run_question ON proposal_run(question_id, id);
`;
