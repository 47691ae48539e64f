/**
 * The review list of personal data typed into answers (issue 17, R-PUB1): what the official decided
 * about each finding. Named by the answer (response id, question id) and the finding's kind and
 * normalised text, not by offsets, so a decision stands when the answer is corrected elsewhere. No row
 * means "not reviewed yet", which the exports treat as 'remove'. Each decision is also in the audit log
 * (without the finding's text, which is personal data and lives only here).
 */
export const sql = `
CREATE TABLE personal_data_decision (
  response_id INTEGER NOT NULL,
  question_id TEXT NOT NULL,
  kind        TEXT NOT NULL,                -- PersonalDataKind: name | email | phone | postcode | …
  finding     TEXT NOT NULL,                -- findingKey(kind, text): "name:mei chen"
  decision    TEXT NOT NULL CHECK (decision IN ('remove', 'release')),
  reason      TEXT,                         -- required for 'release'
  decided_at  TEXT NOT NULL,
  decided_by  TEXT NOT NULL,
  PRIMARY KEY (response_id, question_id, finding)
) STRICT;
INSERT INTO data_classification (table_name, column_name, classification, note) VALUES
  ('personal_data_decision', 'finding', 'personal', 'the personal data found in an answer, as typed');
`;
