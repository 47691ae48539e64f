/**
 * The export log: every document or data file the app writes, with what it was, when, by whom,
 * at which redaction level and the SHA-256 of the bytes written — so data protection colleagues
 * can see exactly what left the workspace.
 */
export const sql = `
CREATE TABLE export_log (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  actor       TEXT NOT NULL,
  kind        TEXT NOT NULL,
  path        TEXT NOT NULL,
  redaction   TEXT NOT NULL,   -- 'none' (internal use) | 'redacted' (for publication) | 'not-applicable'
  sha256      TEXT NOT NULL,
  bytes       INTEGER NOT NULL,
  note        TEXT
) STRICT;
CREATE INDEX export_log_at ON export_log(at);
`;
