/**
 * The consultation draft: metadata and the annex content as validated JSON in one row, sections
 * and questions as rows (so a question keeps its stable id however it moves), and saved versions.
 */
export const sql = `
CREATE TABLE draft_meta (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  metadata   TEXT NOT NULL,   -- DraftMetadata JSON
  about_you  TEXT NOT NULL,   -- AboutYouField[] JSON
  privacy    TEXT NOT NULL,   -- PrivacyNotice JSON
  checker    TEXT NOT NULL,   -- CheckerSettings JSON
  dismissed  TEXT NOT NULL,   -- Dismissal[] JSON
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE section (
  id         TEXT PRIMARY KEY,
  position   INTEGER NOT NULL,
  kind       TEXT NOT NULL,
  title      TEXT NOT NULL,
  body       TEXT NOT NULL,   -- RichDoc JSON
  guidance   TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX section_position ON section(position);

CREATE TABLE question (
  id          TEXT PRIMARY KEY,   -- stable: responses refer to it
  section_id  TEXT NOT NULL REFERENCES section(id),
  position    INTEGER NOT NULL,   -- order within the section
  type        TEXT NOT NULL,
  text        TEXT NOT NULL,
  hint        TEXT NOT NULL DEFAULT '',
  options     TEXT NOT NULL DEFAULT '[]',  -- QuestionOption[] JSON, option ids stable
  allow_other INTEGER NOT NULL DEFAULT 0,
  explain     INTEGER NOT NULL DEFAULT 0,
  word_limit  INTEGER,
  continues   INTEGER NOT NULL DEFAULT 0,
  updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX question_section ON question(section_id, position);

CREATE TABLE draft_version (
  id         INTEGER PRIMARY KEY,
  label      TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  draft      TEXT NOT NULL    -- the whole Draft JSON at that moment
) STRICT;
`;
