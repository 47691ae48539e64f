/**
 * Analysis: the codebook, coding (who coded what and when), per-answer notes, quotes, the
 * government's response text, theme suggestion runs, bulk operations (for undo) and coding
 * packages exchanged with a colleague for double coding.
 *
 * Answers are referred to by (response_id, question_id), never by answer.id: answer ids may be
 * reused after a batch is undone (see 0004), response ids never are (AUTOINCREMENT). Rows that
 * point at a response removed by an undone batch simply never match again.
 *
 * Nothing here is deleted by the app in normal use:
 * - a theme is "deleted" by setting archived_at (its codings are left out of counts until it is
 *   restored);
 * - a coding is removed by setting removed_at (and removed_op when an operation removed it), so a
 *   bulk operation, an accepted suggestion or a conflict resolution can be undone exactly;
 * - a quote is removed by setting removed_at.
 *
 * coder_set says whose coding a row is: 'main' (this workspace's analysts, the `coder` column
 * names the person) or 'package:<id>' (a colleague's coding merged from a package, coder B).
 *
 * Personal data: quote text, coded passages and memos hold respondents' own words (and an
 * analyst may copy personal details into a memo), classified 'free-text' like answers.
 */
export const sql = `
CREATE TABLE theme (
  id          TEXT PRIMARY KEY,              -- stable: never changes, used by codings and exports
  name        TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  parent_id   TEXT,                          -- another theme (hierarchical codebook)
  question_ids TEXT NOT NULL DEFAULT '[]',   -- JSON array; [] = shared across every question
  codable     INTEGER NOT NULL DEFAULT 1,    -- 0 for a heading that groups themes
  colour      TEXT,
  sort_order  INTEGER NOT NULL DEFAULT 0,
  origin      TEXT NOT NULL DEFAULT 'manual' CHECK (origin IN ('manual', 'imported', 'suggestion')),
  created_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  updated_by  TEXT NOT NULL,
  archived_at TEXT,
  archived_by TEXT
) STRICT;

-- Bulk changes to coding, each undoable as a whole.
CREATE TABLE coding_op (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  kind        TEXT NOT NULL CHECK (kind IN ('bulk-search', 'bulk-campaign', 'bulk-responses', 'suggestion', 'conflicts')),
  description TEXT NOT NULL,
  question_id TEXT,
  theme_id    TEXT,
  count       INTEGER NOT NULL DEFAULT 0,
  at          TEXT NOT NULL,
  by          TEXT NOT NULL,
  undone_at   TEXT,
  undone_by   TEXT
) STRICT;

CREATE TABLE coding (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  response_id INTEGER NOT NULL,
  question_id TEXT NOT NULL,
  theme_id    TEXT NOT NULL,
  coder_set   TEXT NOT NULL DEFAULT 'main',
  coder       TEXT NOT NULL,
  source      TEXT NOT NULL CHECK (source IN ('manual', 'bulk', 'suggestion', 'package')),
  start_offset INTEGER,                      -- a highlighted passage [start, end) of the coded text; NULL = whole answer
  end_offset  INTEGER,
  passage     TEXT,
  op_id       INTEGER,                       -- the bulk operation that added it
  at          TEXT NOT NULL,
  removed_at  TEXT,
  removed_by  TEXT,
  removed_op  INTEGER                        -- the operation that removed it (restored if that is undone)
) STRICT;
CREATE INDEX coding_answer ON coding(coder_set, question_id, response_id) WHERE removed_at IS NULL;
CREATE UNIQUE INDEX coding_whole_answer ON coding(coder_set, response_id, question_id, theme_id) WHERE removed_at IS NULL AND start_offset IS NULL;
CREATE INDEX coding_theme ON coding(theme_id) WHERE removed_at IS NULL;
CREATE INDEX coding_response ON coding(coder_set, response_id) WHERE removed_at IS NULL;
CREATE INDEX coding_op_added ON coding(op_id) WHERE op_id IS NOT NULL;
CREATE INDEX coding_op_removed ON coding(removed_op) WHERE removed_op IS NOT NULL;

-- Per answer and coder: sentiment, a memo, and "coding complete" (an answer with no theme that was read).
CREATE TABLE annotation (
  coder_set   TEXT NOT NULL,
  response_id INTEGER NOT NULL,
  question_id TEXT NOT NULL,
  sentiment   TEXT CHECK (sentiment IN ('agree', 'disagree', 'mixed', 'unclear')),
  memo        TEXT NOT NULL DEFAULT '',
  complete    INTEGER NOT NULL DEFAULT 0,
  updated_by  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  PRIMARY KEY (coder_set, question_id, response_id)
) STRICT;

CREATE TABLE quote (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  response_id INTEGER NOT NULL,
  question_id TEXT NOT NULL,
  start_offset INTEGER,                      -- NULL: the whole answer
  end_offset  INTEGER,
  text        TEXT NOT NULL,
  note        TEXT NOT NULL DEFAULT '',
  theme_ids   TEXT NOT NULL DEFAULT '[]',
  marked_by   TEXT NOT NULL,
  marked_at   TEXT NOT NULL,
  removed_at  TEXT,
  removed_by  TEXT
) STRICT;
CREATE INDEX quote_question ON quote(question_id, response_id);

-- The government response: per question ('question:<id>') and the response-level sections.
CREATE TABLE response_text (
  key         TEXT PRIMARY KEY,              -- question:<id> | introduction | other-themes | next-steps | issues | method
  text        TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  updated_by  TEXT NOT NULL
) STRICT;

CREATE TABLE analysis_setting (
  key   TEXT PRIMARY KEY,                    -- campaigns ('included' | 'excluded'), threshold
  value TEXT NOT NULL
) STRICT;

-- Offline theme suggestions for a question, kept until reviewed (nothing is applied without a person).
CREATE TABLE suggestion_run (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  question_id TEXT NOT NULL,
  at          TEXT NOT NULL,
  by          TEXT NOT NULL,
  params      TEXT NOT NULL DEFAULT '{}',
  result      TEXT NOT NULL,                 -- ThemeSuggestionResult JSON (member ids are response ids)
  reviewed_at TEXT,
  reviewed_by TEXT
) STRICT;

-- Coding packages sent to a colleague, and merged back.
CREATE TABLE coding_package (
  id           TEXT PRIMARY KEY,
  coder        TEXT NOT NULL DEFAULT '',     -- who it was sent to (as typed), then who coded it
  question_ids TEXT NOT NULL,                -- JSON array
  sample       TEXT NOT NULL,                -- SampleDefinition JSON
  answers      INTEGER NOT NULL,
  path         TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  created_by   TEXT NOT NULL,
  merged_at    TEXT,
  merged_by    TEXT,
  merged_from  TEXT
) STRICT;

-- Each sampled answer of a merged package: both coders' themes when it was merged, and the lead's decision.
CREATE TABLE package_item (
  package_id  TEXT NOT NULL REFERENCES coding_package(id),
  response_id INTEGER NOT NULL,
  question_id TEXT NOT NULL,
  a_themes    TEXT NOT NULL DEFAULT '[]',
  b_themes    TEXT NOT NULL DEFAULT '[]',
  a_coded     INTEGER NOT NULL DEFAULT 0,
  b_coded     INTEGER NOT NULL DEFAULT 0,
  resolution  TEXT CHECK (resolution IN ('mine', 'theirs', 'both')),
  resolved_op INTEGER,
  resolved_by TEXT,
  resolved_at TEXT,
  PRIMARY KEY (package_id, question_id, response_id)
) STRICT;

INSERT INTO data_classification (table_name, column_name, classification, note) VALUES
  ('quote', 'text', 'free-text', 'a respondent''s own words'),
  ('coding', 'passage', 'free-text', 'a respondent''s own words'),
  ('annotation', 'memo', 'free-text', 'an analyst''s note, which may repeat what a respondent wrote'),
  ('suggestion_run', 'result', 'free-text', 'example answers in the respondents'' own words');
`;
