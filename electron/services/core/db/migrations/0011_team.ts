/**
 * A team copy (electron/services/team/): a workspace that syncs its analysis with colleagues' copies through the
 * department's PostgreSQL. Every workspace has these tables; they stay empty until the workspace is published to a
 * team or joins one.
 *
 * - team_state: the one row of a team copy: the server (its URL without any password: credentials are never kept
 *   here), this copy's replica id, the last server change pulled (cursor), and `applying` — 1 only inside a sync
 *   while colleagues' changes are written, so they are not sent back as this copy's own.
 * - team_outbox: what this copy changed since its last push, one row per change to a shared row (the row's kind
 *   and key, not its content: the push reads the row as it is then). Written by the triggers below, so every code
 *   path that codes, archives a theme, marks a quote or edits the government response is captured, including
 *   undo, replay of the journal after a crash, and paths written after this one.
 * - team_link: the team-wide id (uid) of a coding or quote row, which has a local AUTOINCREMENT id that differs
 *   from copy to copy. A coding is a member of a set: the same theme put on the same answer on two laptops is one
 *   local row with two uids, removed only when every uid is removed (observed-remove set semantics).
 * - team_conflict: conflicts the server found between this copy's changes and a colleague's, as pulled.
 *
 * The triggers do nothing unless team_state has a row with applying = 0, but they run for every row written: measured
 * in sql.js, 100,000 codings inserted in one transaction took 9.3–9.5 µs a row with them against 5.2–6.3 µs without
 * (about 0.35 s per 100,000 codings coded in bulk, in any workspace). A migration that rebuilds one of these tables
 * must create its triggers again. (team_state.conflict_cursor is unused: conflicts are pulled whole at each sync.)
 */
export const sql = `
CREATE TABLE team_state (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  server      TEXT NOT NULL,                 -- postgres URL without password
  schema      TEXT NOT NULL,                 -- the PostgreSQL schema holding the team's consultation
  replica     TEXT NOT NULL,                 -- this copy's id, unique in the team
  role        TEXT NOT NULL DEFAULT '',      -- lead | analyst | reader, as the server said at the last sync
  cursor      INTEGER NOT NULL DEFAULT 0,    -- the last server change (team_op.seq) pulled
  conflict_cursor INTEGER NOT NULL DEFAULT 0,
  applying    INTEGER NOT NULL DEFAULT 0,
  joined_at   TEXT NOT NULL,
  last_sync_at TEXT
) STRICT;

CREATE TABLE team_outbox (
  id      INTEGER PRIMARY KEY AUTOINCREMENT,
  entity  TEXT NOT NULL,                     -- theme | coding | annotation | quote | response_text | analysis_setting
  key     TEXT NOT NULL                      -- the row's key in this workspace (coding and quote: the local id)
) STRICT;

CREATE TABLE team_link (
  entity   TEXT NOT NULL,                    -- coding | quote
  uid      TEXT NOT NULL,                    -- <replica>:<local id on that replica>
  local_id INTEGER NOT NULL,
  removed  INTEGER NOT NULL DEFAULT 0,       -- this uid's state on the server at the last sync
  PRIMARY KEY (entity, uid)
) STRICT;
CREATE INDEX team_link_local ON team_link(entity, local_id);

CREATE TABLE team_conflict (
  id          INTEGER PRIMARY KEY,           -- the server's conflict id
  seq         INTEGER NOT NULL,              -- the server change that met the conflict
  entity      TEXT NOT NULL,
  key         TEXT NOT NULL,
  rule        TEXT NOT NULL,                 -- how it was settled, in words an analyst can read
  versions    TEXT NOT NULL,                 -- JSON: [{by, replica, at, value}, …] every version, the kept one last
  detected_at TEXT NOT NULL,
  resolved_at TEXT,
  resolved_by TEXT,
  resolution  TEXT
) STRICT;

CREATE TRIGGER team_theme_insert AFTER INSERT ON theme WHEN (SELECT applying FROM team_state) = 0
  BEGIN INSERT INTO team_outbox (entity, key) VALUES ('theme', NEW.id); END;
CREATE TRIGGER team_theme_update AFTER UPDATE ON theme WHEN (SELECT applying FROM team_state) = 0
  BEGIN INSERT INTO team_outbox (entity, key) VALUES ('theme', NEW.id); END;
CREATE TRIGGER team_coding_insert AFTER INSERT ON coding WHEN (SELECT applying FROM team_state) = 0
  BEGIN INSERT INTO team_outbox (entity, key) VALUES ('coding', NEW.id); END;
CREATE TRIGGER team_coding_update AFTER UPDATE ON coding WHEN (SELECT applying FROM team_state) = 0
  BEGIN INSERT INTO team_outbox (entity, key) VALUES ('coding', NEW.id); END;
CREATE TRIGGER team_annotation_insert AFTER INSERT ON annotation WHEN (SELECT applying FROM team_state) = 0
  BEGIN INSERT INTO team_outbox (entity, key) VALUES ('annotation', json_array(NEW.coder_set, NEW.question_id, NEW.response_id)); END;
CREATE TRIGGER team_annotation_update AFTER UPDATE ON annotation WHEN (SELECT applying FROM team_state) = 0
  BEGIN INSERT INTO team_outbox (entity, key) VALUES ('annotation', json_array(NEW.coder_set, NEW.question_id, NEW.response_id)); END;
CREATE TRIGGER team_annotation_delete AFTER DELETE ON annotation WHEN (SELECT applying FROM team_state) = 0
  BEGIN INSERT INTO team_outbox (entity, key) VALUES ('annotation', json_array(OLD.coder_set, OLD.question_id, OLD.response_id)); END;
CREATE TRIGGER team_quote_insert AFTER INSERT ON quote WHEN (SELECT applying FROM team_state) = 0
  BEGIN INSERT INTO team_outbox (entity, key) VALUES ('quote', NEW.id); END;
CREATE TRIGGER team_quote_update AFTER UPDATE ON quote WHEN (SELECT applying FROM team_state) = 0
  BEGIN INSERT INTO team_outbox (entity, key) VALUES ('quote', NEW.id); END;
CREATE TRIGGER team_response_text_insert AFTER INSERT ON response_text WHEN (SELECT applying FROM team_state) = 0
  BEGIN INSERT INTO team_outbox (entity, key) VALUES ('response_text', NEW.key); END;
CREATE TRIGGER team_response_text_update AFTER UPDATE ON response_text WHEN (SELECT applying FROM team_state) = 0
  BEGIN INSERT INTO team_outbox (entity, key) VALUES ('response_text', NEW.key); END;
CREATE TRIGGER team_setting_insert AFTER INSERT ON analysis_setting WHEN (SELECT applying FROM team_state) = 0
  BEGIN INSERT INTO team_outbox (entity, key) VALUES ('analysis_setting', NEW.key); END;
CREATE TRIGGER team_setting_update AFTER UPDATE ON analysis_setting WHEN (SELECT applying FROM team_state) = 0
  BEGIN INSERT INTO team_outbox (entity, key) VALUES ('analysis_setting', NEW.key); END;
`;
