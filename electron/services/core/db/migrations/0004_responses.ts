/**
 * Collated responses: import batches (every file, form, email or letter that came in), the
 * respondents and responses they held, each answer by stable question id, rows that could not be
 * read (kept with the reason and the raw row until fixed or discarded), mappings saved per source,
 * campaigns, duplicate groups, organisation merges and corrections (each with who and when).
 *
 * Personal data is marked in the schema itself: `data_classification` lists every column that
 * holds it, so exports redact by reading that table rather than by a list in code.
 *
 * Full-text search uses FTS4 (sql.js has no FTS5) over external content: the index holds only
 * terms, the text stays in `answer`, `respondent` and `campaign_member`. There are deliberately no
 * triggers: FTS4 flushes its pending terms at every statement savepoint, which a trigger opens for
 * each row, so trigger-maintained indexing measured 26 µs per answer against 6 µs for one
 * INSERT … SELECT per batch (100,000 responses: 23 s against 5 s). Every write to an indexed
 * column therefore goes through electron/services/responses/search-index.ts, which removes a row
 * from the index before its text changes or it is deleted (FTS4 re-reads the stored text to do so)
 * and adds it afterwards. Closed answers keep the cell as written in `value`, outside the index.
 *
 * Batches, respondents, responses and rejected rows have AUTOINCREMENT ids, so an undone batch's
 * ids are never reused (the audit log and corrections refer to them).
 */
export const sql = `
CREATE TABLE import_batch (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  source_name    TEXT NOT NULL,             -- file name as chosen, or "Letter from …"
  sha256         TEXT,                      -- of the file's bytes; NULL for typed letters
  channel        TEXT NOT NULL,             -- online-survey | email | letter | response-form | other
  format         TEXT NOT NULL,             -- csv | xlsx | xls | ods | html | form-xlsx | form-docx | eml | msg | typed
  source_kind    TEXT NOT NULL,             -- layout source (surveymonkey, …) | response-form | email | letter
  fingerprint    TEXT,                      -- sourceFingerprint(layout): the saved mapping's key
  mapping        TEXT,                      -- ColumnMapping JSON as confirmed
  details        TEXT NOT NULL DEFAULT '{}',-- encoding, delimiter, sheet, header rows, warnings, blank rows
  rows_read      INTEGER NOT NULL DEFAULT 0,
  imported_count INTEGER NOT NULL DEFAULT 0,
  rejected_count INTEGER NOT NULL DEFAULT 0,
  blank_count    INTEGER NOT NULL DEFAULT 0,
  imported_at    TEXT NOT NULL,
  imported_by    TEXT NOT NULL,
  undone_at      TEXT,                      -- kept for the audit trail once undone
  undone_by      TEXT
) STRICT;
CREATE INDEX import_batch_sha256 ON import_batch(sha256);

-- One row per person as received (the same person twice is two rows until duplicates are resolved).
CREATE TABLE respondent (
  id                     INTEGER PRIMARY KEY AUTOINCREMENT,
  batch_id               INTEGER NOT NULL REFERENCES import_batch(id),
  name                   TEXT,
  email                  TEXT,
  responding_as          TEXT,
  organisation           TEXT,
  role                   TEXT,
  represents             TEXT,
  respondent_type        TEXT,
  region                 TEXT,
  age_band               TEXT,
  confidential           TEXT,
  confidential_reason    TEXT,
  publish_consent        TEXT,
  quote_consent          TEXT,
  contact_consent        TEXT,
  address                TEXT,
  postcode               TEXT,
  org_key                TEXT,              -- normaliseOrganisationName(organisation)
  is_organisation        INTEGER NOT NULL DEFAULT 0,  -- from responding_as (or an organisation name with no answer)
  confidential_requested INTEGER NOT NULL DEFAULT 0,  -- from confidential
  has_personal           INTEGER NOT NULL DEFAULT 0   -- any column classified personal is filled
) STRICT;
CREATE INDEX respondent_batch ON respondent(batch_id);
CREATE INDEX respondent_org_key ON respondent(org_key) WHERE org_key IS NOT NULL;

CREATE TABLE response (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  batch_id       INTEGER NOT NULL REFERENCES import_batch(id),
  respondent_id  INTEGER NOT NULL REFERENCES respondent(id),
  channel        TEXT NOT NULL,
  external_id    TEXT,
  source_row     INTEGER,                   -- 1-based row in the source file (or file number in a folder)
  submitted_at   TEXT,                      -- ISO instant when readable, else the text as written
  started_at     TEXT,
  status         TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'duplicate')),
  duplicate_of   INTEGER,                   -- the response kept in its place
  issues         TEXT,                      -- ResponseIssue[] JSON
  source         TEXT,                      -- email / letter / form details JSON (sender, subject, body, attachments)
  created_at     TEXT NOT NULL
) STRICT;
CREATE INDEX response_batch ON response(batch_id);
CREATE INDEX response_respondent ON response(respondent_id);
CREATE INDEX response_channel ON response(channel);
CREATE INDEX response_status ON response(status) WHERE status <> 'active';
CREATE INDEX response_external ON response(external_id) WHERE external_id IS NOT NULL;

-- Answers by stable question id ('_general' holds text not assigned to a question).
CREATE TABLE answer (
  id           INTEGER PRIMARY KEY,          -- response id × 4096 + the answer's number in the response (answer-ids.ts)
  response_id  INTEGER GENERATED ALWAYS AS (id >> 12) VIRTUAL,
  question_id  TEXT NOT NULL,
  option_ids   TEXT,                        -- JSON array of option ids (rank order for ranking); NULL for none
  text         TEXT NOT NULL DEFAULT '',    -- free text: the open answer, or closed values that matched no option
  other_text   TEXT,
  explanation  TEXT,
  unmatched    TEXT,                        -- JSON array: closed values that matched no option
  value        TEXT                         -- closed questions: the cell as it was received (not indexed)
) STRICT;
-- No index: a response's answers are a range of the key (id >> 12 is the response). One answer per
-- question per response is kept by the code that writes answers; a unique index here cost 0.9 µs
-- per row at import and a question_id index 2 µs, so per-question reads scan instead.

CREATE TABLE rejected_row (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  batch_id    INTEGER NOT NULL REFERENCES import_batch(id),
  source_row  INTEGER NOT NULL,
  reason      TEXT NOT NULL,
  raw         TEXT NOT NULL,                -- [[header, value], …] JSON: the row as it was
  status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'discarded')),
  response_id INTEGER,                      -- when accepted
  note        TEXT,                         -- why it was discarded
  resolved_at TEXT,
  resolved_by TEXT
) STRICT;
CREATE INDEX rejected_row_batch ON rejected_row(batch_id, status);

CREATE TABLE saved_mapping (
  fingerprint TEXT PRIMARY KEY,
  source_kind TEXT NOT NULL,
  headers     TEXT NOT NULL,                -- JSON array of the column headers it was made for
  mapping     TEXT NOT NULL,                -- ColumnMapping JSON
  saved_at    TEXT NOT NULL,
  saved_by    TEXT NOT NULL
) STRICT;

CREATE TABLE campaign (
  id                 INTEGER PRIMARY KEY,
  key                TEXT NOT NULL,         -- detectCampaigns' stable group id
  question_id        TEXT NOT NULL,
  template           TEXT NOT NULL,
  representative_id  INTEGER,               -- response whose text the template came from
  threshold          REAL NOT NULL,
  similarity_min     REAL NOT NULL,
  similarity_mean    REAL NOT NULL,
  identical_count    INTEGER NOT NULL DEFAULT 0,
  status             TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'confirmed', 'rejected')),
  label              TEXT NOT NULL DEFAULT '',
  detected_at        TEXT NOT NULL,
  decided_at         TEXT,
  decided_by         TEXT
) STRICT;
CREATE UNIQUE INDEX campaign_key ON campaign(question_id, key);

CREATE TABLE campaign_member (
  id          INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL REFERENCES campaign(id),
  response_id INTEGER NOT NULL REFERENCES response(id),
  addition    TEXT NOT NULL DEFAULT '',     -- the member's own words beside the template
  removed_at  TEXT,                         -- split out of the group by the official
  removed_by  TEXT
) STRICT;
CREATE UNIQUE INDEX campaign_member_unique ON campaign_member(campaign_id, response_id);
CREATE INDEX campaign_member_response ON campaign_member(response_id);

CREATE TABLE duplicate_group (
  id               INTEGER PRIMARY KEY,
  key              TEXT NOT NULL UNIQUE,    -- findDuplicates' stable id (from the member ids)
  kind             TEXT NOT NULL CHECK (kind IN ('exact', 'same-person')),
  matched_on       TEXT NOT NULL,           -- JSON array: email | name-and-postcode
  suggested_keep   INTEGER,
  status           TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved', 'dismissed')),
  keep_response_id INTEGER,
  detected_at      TEXT NOT NULL,
  resolved_at      TEXT,
  resolved_by      TEXT
) STRICT;

CREATE TABLE duplicate_member (
  group_id    INTEGER NOT NULL REFERENCES duplicate_group(id),
  response_id INTEGER NOT NULL REFERENCES response(id),
  PRIMARY KEY (group_id, response_id)
) STRICT;
CREATE INDEX duplicate_member_response ON duplicate_member(response_id);

-- "ACME Ltd" → "Acme Limited": confirmed by a person; reverted rows are kept for the record.
CREATE TABLE organisation_merge (
  id             INTEGER PRIMARY KEY,
  variant_key    TEXT NOT NULL,
  variant_name   TEXT NOT NULL,
  canonical_name TEXT NOT NULL,
  confirmed_at   TEXT NOT NULL,
  confirmed_by   TEXT NOT NULL,
  reverted_at    TEXT,
  reverted_by    TEXT
) STRICT;
CREATE UNIQUE INDEX organisation_merge_active ON organisation_merge(variant_key) WHERE reverted_at IS NULL;

-- The organisation name analysis uses: the confirmed canonical name, else the name as given.
CREATE VIEW respondent_organisation AS
  SELECT r.id AS respondent_id, COALESCE(m.canonical_name, r.organisation) AS organisation
  FROM respondent r LEFT JOIN organisation_merge m ON m.variant_key = r.org_key AND m.reverted_at IS NULL;

CREATE TABLE response_correction (
  id          INTEGER PRIMARY KEY,
  response_id INTEGER NOT NULL REFERENCES response(id),
  target      TEXT NOT NULL CHECK (target IN ('answer', 'respondent', 'response')),
  question_id TEXT,                         -- target 'answer'
  field       TEXT NOT NULL,                -- text | otherText | explanation | optionIds | a respondent field | channel …
  old_value   TEXT,
  new_value   TEXT,
  reason      TEXT NOT NULL DEFAULT '',
  at          TEXT NOT NULL,
  by          TEXT NOT NULL
) STRICT;
CREATE INDEX response_correction_response ON response_correction(response_id, at);

-- Each run of campaign and duplicate detection, with the threshold used.
CREATE TABLE detection_run (
  id         INTEGER PRIMARY KEY,
  at         TEXT NOT NULL,
  by         TEXT NOT NULL,
  threshold  REAL NOT NULL,
  min_size   INTEGER NOT NULL,
  campaigns  INTEGER NOT NULL,
  duplicate_groups INTEGER NOT NULL
) STRICT;

CREATE TABLE data_classification (
  table_name     TEXT NOT NULL,
  column_name    TEXT NOT NULL,
  classification TEXT NOT NULL CHECK (classification IN ('personal', 'special-category', 'free-text')),
  note           TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (table_name, column_name)
) STRICT;
INSERT INTO data_classification (table_name, column_name, classification, note) VALUES
  ('respondent', 'name', 'personal', 'identifies the respondent'),
  ('respondent', 'email', 'personal', 'identifies the respondent'),
  ('respondent', 'role', 'personal', 'job title can identify a person'),
  ('respondent', 'confidential_reason', 'personal', 'may reveal circumstances'),
  ('respondent', 'address', 'personal', 'identifies the respondent'),
  ('respondent', 'postcode', 'personal', 'identifies the respondent'),
  ('response', 'external_id', 'personal', 'links to the survey tool''s record of the person'),
  ('response', 'source', 'personal', 'sender address, subject and body of an email or letter'),
  ('rejected_row', 'raw', 'personal', 'the row as received, with any personal fields'),
  ('response_correction', 'old_value', 'personal', 'may hold a corrected personal field'),
  ('response_correction', 'new_value', 'personal', 'may hold a corrected personal field'),
  ('answer', 'text', 'free-text', 'may contain personal data written by the respondent'),
  ('answer', 'other_text', 'free-text', 'may contain personal data written by the respondent'),
  ('answer', 'explanation', 'free-text', 'may contain personal data written by the respondent'),
  ('answer', 'unmatched', 'free-text', 'may contain personal data written by the respondent'),
  ('answer', 'value', 'free-text', 'may contain personal data written by the respondent'),
  ('campaign_member', 'addition', 'free-text', 'may contain personal data written by the respondent');

-- ---------------------------------------------------------------- full-text search (FTS4)

CREATE VIRTUAL TABLE answer_fts USING fts4(content="answer", text, other_text, explanation, tokenize=unicode61 "remove_diacritics=2");

CREATE VIRTUAL TABLE respondent_fts USING fts4(content="respondent", name, organisation, tokenize=unicode61 "remove_diacritics=2");

CREATE VIRTUAL TABLE campaign_member_fts USING fts4(content="campaign_member", addition, tokenize=unicode61 "remove_diacritics=2");
`;
