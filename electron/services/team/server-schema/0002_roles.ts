/**
 * Who may do what is PostgreSQL's: three group roles per team, named after its schema (`<schema>_lead`,
 * `<schema>_analyst`, `<schema>_reader`), which the department's DBA grants to people's login roles
 * (`GRANT workbench_analyst TO alice`), and row-level security for work the lead splits.
 *
 * - The roles are created here only when the role running the migration may create roles (CREATEROLE); otherwise
 *   the DBA creates them first (the README gives the three statements) and this migration grants to them. The app
 *   never needs a superuser.
 * - Changes reach the team only through team_push, now SECURITY DEFINER with its search_path pinned: an analyst
 *   may call it but may not write the tables directly, so every change is in team_op with the login role that made
 *   it (session_user), and no one can rewrite the history. A reader may pull but not push.
 * - Work split by the lead: `assignment` rows give an analyst questions. An analyst with assignments sees (row-level
 *   security on state, answer and conflict) and may change (checked in team_push) only those questions' rows, plus
 *   rows that belong to no question (the codebook, settings). An analyst with none, a reader and the lead see all.
 */
export const sql = `
CREATE OR REPLACE FUNCTION team_shared_with_me(q text) RETURNS boolean
LANGUAGE sql STABLE AS $fn$
  SELECT q IS NULL
    OR NOT EXISTS (SELECT 1 FROM assignment a WHERE a.analyst = session_user::text)
    OR EXISTS (SELECT 1 FROM assignment a WHERE a.analyst = session_user::text AND a.question_id = q)
$fn$;

-- The push refuses a change to a question not shared with its analyst (SQLSTATE 42501, insufficient privilege).
CREATE OR REPLACE FUNCTION team_push_check(p_ops jsonb) RETURNS void
LANGUAGE plpgsql AS $fn$
DECLARE q text;
BEGIN
  SELECT op->>'questionId' INTO q FROM jsonb_array_elements(p_ops) AS op
   WHERE NOT team_shared_with_me(op->>'questionId') LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'question % is not shared with %', q, session_user USING ERRCODE = '42501';
  END IF;
END
$fn$;

-- team_push as 0001 made it, now checking what is shared with its caller, and running as the schema's owner.
CREATE OR REPLACE FUNCTION team_push(p_replica text, p_analyst text, p_base bigint, p_ops jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER AS $fn$
DECLARE
  op jsonb;
  s bigint;
  cur state%ROWTYPE;
  n_accepted integer := 0;
  n_conflicts integer := 0;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('consultation-workbench:' || current_schema()));
  PERFORM team_push_check(p_ops);
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
-- Each function finds the team's tables whoever calls it, from whatever search_path (psql, a report tool).
DO $do$ BEGIN
  EXECUTE format('ALTER FUNCTION team_push(text, text, bigint, jsonb) SET search_path = %I, pg_temp', current_schema());
  EXECUTE format('ALTER FUNCTION team_push_check(jsonb) SET search_path = %I, pg_temp', current_schema());
  EXECUTE format('ALTER FUNCTION team_shared_with_me(text) SET search_path = %I, pg_temp', current_schema());
END $do$;

ALTER TABLE state ENABLE ROW LEVEL SECURITY;
CREATE POLICY shared_work ON state FOR SELECT USING (team_shared_with_me(question_id));
ALTER TABLE answer ENABLE ROW LEVEL SECURITY;
CREATE POLICY shared_work ON answer FOR SELECT USING (team_shared_with_me(question_id));
ALTER TABLE conflict ENABLE ROW LEVEL SECURITY;
CREATE POLICY shared_work ON conflict FOR SELECT USING (team_shared_with_me(question_id));
CREATE POLICY settle ON conflict FOR UPDATE USING (team_shared_with_me(question_id));

REVOKE ALL ON FUNCTION team_push(text, text, bigint, jsonb) FROM PUBLIC;

DO $do$
DECLARE
  s text := current_schema();
  may_create boolean := EXISTS (SELECT 1 FROM pg_roles WHERE rolname = session_user AND (rolcreaterole OR rolsuper));
  r text;
BEGIN
  FOREACH r IN ARRAY ARRAY['lead', 'analyst', 'reader'] LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = s || '_' || r) AND may_create THEN
      EXECUTE format('CREATE ROLE %I NOLOGIN', s || '_' || r);
    END IF;
  END LOOP;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = s || '_reader') THEN
    RETURN; -- the DBA has not created them yet: team init says so, and grants when run again
  END IF;
  EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I, %I, %I', s, s || '_lead', s || '_analyst', s || '_reader');
  EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA %I TO %I, %I, %I', s, s || '_lead', s || '_analyst',
    s || '_reader');
  EXECUTE format('GRANT INSERT, UPDATE ON replica TO %I, %I, %I', s || '_lead', s || '_analyst', s || '_reader');
  EXECUTE format('GRANT UPDATE (resolved_at, resolved_by, resolution) ON conflict TO %I, %I', s || '_lead',
    s || '_analyst');
  EXECUTE format('GRANT EXECUTE ON FUNCTION team_push(text, text, bigint, jsonb) TO %I, %I', s || '_lead',
    s || '_analyst');
  EXECUTE format('GRANT INSERT, DELETE ON assignment TO %I', s || '_lead');
  -- Tables later migrations add are readable by the team as these are.
  EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT ON TABLES TO %I, %I, %I', s, s || '_lead',
    s || '_analyst', s || '_reader');
  IF may_create THEN
    EXECUTE format('GRANT %I TO %I', s || '_lead', session_user);
  END IF;
END
$do$;
`;
