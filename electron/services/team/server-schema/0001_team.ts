/**
 * The team's consultation on PostgreSQL, first version. Run inside the team's own schema (search_path is set to it),
 * by `team init`, with the rights of the lead's login role: it creates tables, never roles or extensions, so the app
 * never needs a superuser.
 *
 * Three parts:
 * - The consultation as published: the workspace file itself (`base_part`, the bytes in 8 MB parts, from which a
 *   new working copy is made exactly, every table and every imported cell) and, beside it, its questions,
 *   respondents, responses and answers as rows, for the server's own search (tsvector, GIN) and tallies.
 * - The team's analysis, current state (`state`): themes, codings (one row per team-wide id: a set with removals
 *   kept as tombstones), per-answer notes, quotes, the government response's text and analysis settings. Each row
 *   says which change last wrote it (`last_seq`) and from which copy (`last_replica`), which is how a concurrent
 *   change is recognised, and how a copy pulls only what changed since its last sync.
 * - The history: `team_op`, every change a copy pushed, in the order the server accepted it (`seq`), with the role
 *   it was made as (session_user) and the analyst's name; `conflict`, every conflict met and how it was settled;
 *   `replica`, the working copies; `assignment`, work the lead has split between analysts.
 */
export const sql = `
CREATE TABLE team_meta (
  key   text PRIMARY KEY,
  value text NOT NULL
);

CREATE TABLE base_part (
  part  integer PRIMARY KEY,
  bytes bytea NOT NULL
);

CREATE TABLE question (
  id       text PRIMARY KEY,
  position integer NOT NULL,
  type     text NOT NULL,
  text     text NOT NULL,
  options  jsonb NOT NULL DEFAULT '[]'
);

CREATE TABLE respondent (
  id                     bigint PRIMARY KEY,
  organisation           text,
  respondent_type        text,
  region                 text,
  is_organisation        boolean NOT NULL DEFAULT false,
  confidential_requested boolean NOT NULL DEFAULT false
);

CREATE TABLE response (
  id            bigint PRIMARY KEY,
  respondent_id bigint NOT NULL,
  channel       text NOT NULL,
  status        text NOT NULL,
  submitted_at  text
);

CREATE TABLE answer (
  response_id bigint NOT NULL,
  question_id text NOT NULL,
  option_ids  jsonb,
  text        text NOT NULL DEFAULT '',
  other_text  text,
  explanation text,
  search      tsvector GENERATED ALWAYS AS (
    to_tsvector('simple', coalesce(text, '') || ' ' || coalesce(other_text, '') || ' ' || coalesce(explanation, ''))
  ) STORED,
  PRIMARY KEY (question_id, response_id)
);
CREATE INDEX answer_search ON answer USING gin (search);

CREATE TABLE replica (
  id           text PRIMARY KEY,
  joined_at    timestamptz NOT NULL DEFAULT now(),
  joined_by    text NOT NULL DEFAULT session_user,
  analyst      text NOT NULL DEFAULT '',
  last_sync_at timestamptz,
  cursor       bigint NOT NULL DEFAULT 0
);

CREATE TABLE team_op (
  seq        bigserial PRIMARY KEY,
  replica    text NOT NULL,
  replica_op bigint NOT NULL,
  entity     text NOT NULL,
  key        text NOT NULL,
  data       jsonb,
  base_seq   bigint NOT NULL,
  analyst    text NOT NULL,
  role_name  text NOT NULL DEFAULT session_user,
  at         timestamptz NOT NULL DEFAULT now(),
  UNIQUE (replica, replica_op, entity, key)
);
CREATE INDEX team_op_key ON team_op (entity, key);

CREATE TABLE conflict (
  id          bigserial PRIMARY KEY,
  seq         bigint NOT NULL,
  entity      text NOT NULL,
  key         text NOT NULL,
  question_id text,
  versions    jsonb NOT NULL,
  detected_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz,
  resolved_by text,
  resolution  text
);

CREATE TABLE assignment (
  analyst     text NOT NULL,
  question_id text NOT NULL,
  assigned_by text NOT NULL DEFAULT session_user,
  assigned_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (analyst, question_id)
);

-- The team's analysis as it is now: one row per shared row (entity: theme | coding | annotation | quote |
-- response_text | analysis_setting). A coding's or quote's key is its team-wide uid; a deleted row keeps its key with
-- data null. visible is the part an analyst sees, compared to tell a real conflict from the same change twice.
CREATE TABLE state (
  entity       text NOT NULL,
  key          text NOT NULL,
  question_id  text,
  data         jsonb,
  visible      jsonb,
  last_seq     bigint NOT NULL,
  last_replica text NOT NULL,
  last_analyst text NOT NULL,
  PRIMARY KEY (entity, key)
);
CREATE UNIQUE INDEX state_last_seq ON state (last_seq);
CREATE INDEX state_question ON state (question_id) WHERE question_id IS NOT NULL;

-- One push: every change of one copy in one transaction, in the order given. Pushes are one at a time (an advisory
-- lock), so changes become visible in the order of their seq and a copy that has pulled up to seq N has seen every
-- change up to N. A change already accepted (the same copy's same change, sent again after a dropped connection) is
-- skipped, so a retried push duplicates nothing. A change to a row another copy changed after this copy's last pull,
-- to something that looks different, is a conflict: kept, both versions listed, and the later change applied.
CREATE FUNCTION team_push(p_replica text, p_analyst text, p_base bigint, p_ops jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $fn$
DECLARE
  op jsonb;
  s bigint;
  cur state%ROWTYPE;
  n_accepted integer := 0;
  n_conflicts integer := 0;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('consultation-workbench:' || current_schema()));
  FOR op IN SELECT value FROM jsonb_array_elements(p_ops) LOOP
    s := NULL;
    INSERT INTO team_op (replica, replica_op, entity, key, data, base_seq, analyst)
      VALUES (p_replica, (op->>'replicaOp')::bigint, op->>'entity', op->>'key', op->'data', p_base, p_analyst)
      ON CONFLICT (replica, replica_op, entity, key) DO NOTHING
      RETURNING seq INTO s;
    CONTINUE WHEN s IS NULL;
    n_accepted := n_accepted + 1;
    SELECT * INTO cur FROM state WHERE entity = op->>'entity' AND key = op->>'key' FOR UPDATE;
    IF FOUND AND (op->>'checkConflict')::boolean AND cur.last_replica <> p_replica AND cur.last_seq > p_base
       AND cur.visible IS DISTINCT FROM op->'visible' THEN
      INSERT INTO conflict (seq, entity, key, question_id, versions) VALUES (s, op->>'entity', op->>'key',
        op->>'questionId', jsonb_build_array(
          jsonb_build_object('replica', cur.last_replica, 'analyst', cur.last_analyst, 'seq', cur.last_seq,
            'data', cur.data),
          jsonb_build_object('replica', p_replica, 'analyst', p_analyst, 'seq', s, 'data', op->'data')));
      n_conflicts := n_conflicts + 1;
    END IF;
    INSERT INTO state (entity, key, question_id, data, visible, last_seq, last_replica, last_analyst)
      VALUES (op->>'entity', op->>'key', op->>'questionId', op->'data', op->'visible', s, p_replica, p_analyst)
      ON CONFLICT (entity, key) DO UPDATE SET question_id = excluded.question_id, data = excluded.data,
        visible = excluded.visible, last_seq = excluded.last_seq, last_replica = excluded.last_replica,
        last_analyst = excluded.last_analyst;
  END LOOP;
  RETURN jsonb_build_object('accepted', n_accepted, 'conflicts', n_conflicts);
END
$fn$;
`;
