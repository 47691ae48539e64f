import type { Db } from '../core/db/database';
import type { TeamDb } from './team-db';
import type { PushOp } from './outbox';
import type { PulledRow } from './apply-pulled';

/**
 * What the team code asks of the server, one function per request, each given a connection whose search_path is
 * the team's schema (server-migrate.ts useSchema). Nothing here knows about the workspace file's durability: the
 * caller (team-service.ts) records each step's success locally after the server has committed it.
 */
export const BASE_PART_BYTES = 8 * 1024 * 1024;
const ROWS_PER_INSERT = 5_000;

export interface TeamMeta {
  consultationId: string;
  title: string;
  baseReplica: string;
  baseSeq: number;
  baseBytes: number;
  baseSha256: string;
  publishedAt: string;
  publishedBy: string;
}

export async function readTeamMeta(db: TeamDb): Promise<TeamMeta | null> {
  const rows = await db.query<{ key: string; value: string }>('SELECT key, value FROM team_meta');
  if (rows.length === 0) return null;
  const m = new Map(rows.map((r) => [r.key, r.value]));
  return {
    consultationId: m.get('consultation_id') ?? '',
    title: m.get('title') ?? '',
    baseReplica: m.get('base_replica') ?? '',
    baseSeq: Number(m.get('base_seq') ?? 0),
    baseBytes: Number(m.get('base_bytes') ?? 0),
    baseSha256: m.get('base_sha256') ?? '',
    publishedAt: m.get('published_at') ?? '',
    publishedBy: m.get('published_by') ?? '',
  };
}

export async function writeTeamMeta(db: TeamDb, meta: TeamMeta): Promise<void> {
  const pairs: [string, string][] = [
    ['consultation_id', meta.consultationId],
    ['title', meta.title],
    ['base_replica', meta.baseReplica],
    ['base_seq', String(meta.baseSeq)],
    ['base_bytes', String(meta.baseBytes)],
    ['base_sha256', meta.baseSha256],
    ['published_at', meta.publishedAt],
    ['published_by', meta.publishedBy],
  ];
  await db.query(
    'INSERT INTO team_meta (key, value) SELECT * FROM unnest($1::text[], $2::text[]) ' +
      'ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
  );
}

/** The workspace file as published, in parts (a bytea value is best kept well under its 1 GB limit). */
export async function uploadBase(db: TeamDb, bytes: Uint8Array): Promise<void> {
  await db.query('DELETE FROM base_part');
  for (let part = 0, at = 0; at < bytes.length || part === 0; part++, at += BASE_PART_BYTES) {
    const chunk = Buffer.from(bytes.buffer, bytes.byteOffset + at, Math.min(BASE_PART_BYTES, bytes.length - at));
    await db.query('INSERT INTO base_part (part, bytes) VALUES ($1, $2)', [part, chunk]);
  }
}

/** Each part is copied into one buffer as it arrives (not kept, then concatenated: twice the file in memory). */
export async function downloadBase(db: TeamDb): Promise<Buffer> {
  const [size] = await db.query<{ n: string; b: string | null }>(
    'SELECT count(*) AS n, sum(octet_length(bytes)) AS b FROM base_part',
  );
  const out = Buffer.allocUnsafe(Number(size?.b ?? 0));
  let at = 0;
  for (let part = 0; part < Number(size?.n ?? 0); part++) {
    const r = await db.query<{ bytes: Buffer }>('SELECT bytes FROM base_part WHERE part = $1', [part]);
    if (r[0]) at += r[0].bytes.copy(out, at);
  }
  return at === out.length ? out : out.subarray(0, at);
}

/**
 * The consultation's questions, respondents (no names, emails or addresses: the server's search and tallies do not
 * need them), responses and answers as rows, for the server's search and tallies. Read from the workspace a batch
 * at a time so memory stays flat at 500,000 responses.
 */
export async function uploadContent(
  db: TeamDb,
  ws: Db,
  progress?: (done: number, total: number) => void,
): Promise<void> {
  await db.query('TRUNCATE question, respondent, response, answer');
  const questions = ws.all<{ id: string; position: number; type: string; text: string; options: string }>(
    'SELECT q.id, row_number() OVER (ORDER BY s.position, q.position) AS position, q.type, q.text, q.options ' +
      'FROM question q JOIN section s ON s.id = q.section_id',
  );
  await db.query(
    'INSERT INTO question (id, position, type, text, options) SELECT a, b, c, d, e::jsonb FROM ' +
      'unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[]) AS t(a, b, c, d, e)',
    [
      questions.map((q) => q.id),
      questions.map((q) => q.position),
      questions.map((q) => q.type),
      questions.map((q) => q.text),
      questions.map((q) => q.options),
    ],
  );
  const total = ws.scalar<number>('SELECT count(*) FROM answer') ?? 0;
  for (let after = 0; ;) {
    const rs = ws.all<{
      id: number;
      organisation: string | null;
      respondent_type: string | null;
      region: string | null;
      is_organisation: number;
      confidential_requested: number;
    }>(
      'SELECT id, organisation, respondent_type, region, is_organisation, confidential_requested FROM respondent ' +
        'WHERE id > ? ORDER BY id LIMIT ?',
      [after, ROWS_PER_INSERT],
    );
    if (rs.length === 0) break;
    after = rs[rs.length - 1]!.id;
    await db.query(
      'INSERT INTO respondent (id, organisation, respondent_type, region, is_organisation, confidential_requested) ' +
        'SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::boolean[], $6::boolean[])',
      [
        rs.map((r) => r.id),
        rs.map((r) => r.organisation),
        rs.map((r) => r.respondent_type),
        rs.map((r) => r.region),
        rs.map((r) => r.is_organisation === 1),
        rs.map((r) => r.confidential_requested === 1),
      ],
    );
  }
  for (let after = 0; ;) {
    const rs = ws.all<{
      id: number;
      respondent_id: number;
      channel: string;
      status: string;
      submitted_at: string | null;
    }>('SELECT id, respondent_id, channel, status, submitted_at FROM response WHERE id > ? ORDER BY id LIMIT ?', [
      after,
      ROWS_PER_INSERT,
    ]);
    if (rs.length === 0) break;
    after = rs[rs.length - 1]!.id;
    await db.query(
      'INSERT INTO response (id, respondent_id, channel, status, submitted_at) ' +
        'SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[])',
      [
        rs.map((r) => r.id),
        rs.map((r) => r.respondent_id),
        rs.map((r) => r.channel),
        rs.map((r) => r.status),
        rs.map((r) => r.submitted_at),
      ],
    );
  }
  let done = 0;
  for (let after = -1; ;) {
    const rs = ws.all<{
      id: number;
      response_id: number;
      question_id: string;
      option_ids: string | null;
      text: string;
      other_text: string | null;
      explanation: string | null;
    }>(
      'SELECT id, response_id, question_id, option_ids, text, other_text, explanation FROM answer WHERE id > ? ' +
        'ORDER BY id LIMIT ?',
      [after, ROWS_PER_INSERT],
    );
    if (rs.length === 0) break;
    after = rs[rs.length - 1]!.id;
    await db.query(
      'INSERT INTO answer (response_id, question_id, option_ids, text, other_text, explanation) ' +
        'SELECT a, b, c::jsonb, d, e, f FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], ' +
        '$6::text[]) AS t(a, b, c, d, e, f) ON CONFLICT DO NOTHING',
      [
        rs.map((r) => r.response_id),
        rs.map((r) => r.question_id),
        rs.map((r) => r.option_ids),
        rs.map((r) => r.text),
        rs.map((r) => r.other_text),
        rs.map((r) => r.explanation),
      ],
    );
    done += rs.length;
    progress?.(done, total);
  }
}

/** Send changes: one call, one transaction (team_push in the schema). */
export async function push(
  db: TeamDb,
  replica: string,
  analyst: string,
  base: number,
  ops: readonly PushOp[],
): Promise<{ accepted: number; conflicts: number }> {
  const r = await db.query<{ result: { accepted: number; conflicts: number } }>(
    'SELECT team_push($1, $2, $3, $4::jsonb) AS result',
    [replica, analyst, base, JSON.stringify(ops)],
  );
  return r[0]!.result;
}

/**
 * Rows changed after `cursor` by other copies, oldest change first, up to `limit`; the new cursor is the last row's
 * seq.
 */
export async function pull(
  db: TeamDb,
  cursor: number,
  limit: number,
  replica: string,
): Promise<{ rows: PulledRow[]; cursor: number; read: number }> {
  const rows = await db.query<{
    entity: string;
    key: string;
    data: Record<string, unknown> | null;
    last_seq: string;
    last_replica: string;
  }>('SELECT entity, key, data, last_seq, last_replica FROM state WHERE last_seq > $1 ORDER BY last_seq LIMIT $2', [
    cursor,
    limit,
  ]);
  return {
    // This copy's own rows are as it sent them (a row it changed since is waiting to be sent, and is skipped anyway).
    rows: rows.filter((r) => r.last_replica !== replica).map((r) => ({ entity: r.entity, key: r.key, data: r.data })),
    read: rows.length,
    cursor: rows.length ? Number(rows[rows.length - 1]!.last_seq) : cursor,
  };
}

export async function lastSeq(db: TeamDb): Promise<number> {
  const r = await db.query<{ s: string | null }>('SELECT max(last_seq) AS s FROM state');
  return Number(r[0]?.s ?? 0);
}

export interface ServerConflict {
  id: number;
  seq: number;
  entity: string;
  key: string;
  versions: { replica: string; analyst: string; seq: number; data: Record<string, unknown> | null }[];
  detected_at: Date;
  resolved_at: Date | null;
  resolved_by: string | null;
  resolution: string | null;
}

export async function conflicts(db: TeamDb): Promise<ServerConflict[]> {
  const rows = await db.query<ServerConflict & { id: string; seq: string }>(
    'SELECT id, seq, entity, key, versions, detected_at, resolved_at, resolved_by, resolution FROM conflict ' +
      'ORDER BY id',
  );
  return rows.map((r) => ({ ...r, id: Number(r.id), seq: Number(r.seq) }));
}

export async function markResolved(db: TeamDb, id: number, resolution: string): Promise<boolean> {
  const r = await db.query<{ id: string }>(
    'UPDATE conflict SET resolved_at = now(), resolved_by = session_user, resolution = $2 WHERE id = $1 AND ' +
      'resolved_at IS NULL RETURNING id',
    [id, resolution],
  );
  return r.length === 1;
}

export async function touchReplica(db: TeamDb, replica: string, analyst: string, cursor: number): Promise<void> {
  await db.query(
    'INSERT INTO replica (id, analyst, last_sync_at, cursor) VALUES ($1, $2, now(), $3) ON CONFLICT (id) DO UPDATE ' +
      'SET analyst = excluded.analyst, last_sync_at = now(), cursor = excluded.cursor',
    [replica, analyst, cursor],
  );
}

/** The draft as published (server migration 0004), for a slice copy. */
export async function uploadDraft(db: TeamDb, draft: unknown): Promise<void> {
  await db.query(
    'INSERT INTO published_draft (id, draft) VALUES (1, $1::jsonb) ' +
      'ON CONFLICT (id) DO UPDATE SET draft = excluded.draft',
    [JSON.stringify(draft)],
  );
}

export async function readDraft(db: TeamDb): Promise<unknown> {
  const r = await db.query<{ draft: unknown }>('SELECT draft FROM published_draft WHERE id = 1');
  return r[0]?.draft ?? null;
}

export interface SliceRespondent {
  id: string;
  organisation: string | null;
  respondent_type: string | null;
  region: string | null;
  is_organisation: boolean;
  confidential_requested: boolean;
}
export interface SliceResponse {
  id: string;
  respondent_id: string;
  channel: string;
  status: string;
  submitted_at: string | null;
}
export interface SliceAnswer {
  response_id: string;
  question_id: string;
  option_ids: unknown;
  text: string;
  other_text: string | null;
  explanation: string | null;
}

/**
 * One page of a table's rows after `after` (by id) for a slice copy; answers come a window of response ids at a
 * time (after, after + limit], so a response's answers are never split between pages.
 */
export async function slicePage<K extends 'respondent' | 'response' | 'answer'>(
  db: TeamDb,
  table: K,
  after: number,
  limit: number,
  questionIds: readonly string[],
): Promise<(K extends 'respondent' ? SliceRespondent : K extends 'response' ? SliceResponse : SliceAnswer)[]> {
  type Row = K extends 'respondent' ? SliceRespondent : K extends 'response' ? SliceResponse : SliceAnswer;
  if (table === 'respondent')
    return db.query<Row>(
      'SELECT id, organisation, respondent_type, region, is_organisation, confidential_requested FROM respondent ' +
        'WHERE id > $1 ORDER BY id LIMIT $2',
      [after, limit],
    );
  if (table === 'response')
    return db.query<Row>(
      'SELECT id, respondent_id, channel, status, submitted_at FROM response WHERE id > $1 ORDER BY id LIMIT $2',
      [after, limit],
    );
  return db.query<Row>(
    'SELECT response_id, question_id, option_ids, text, other_text, explanation FROM answer ' +
      'WHERE question_id = ANY($3::text[]) AND response_id > $1 AND response_id <= $1 + $2',
    [after, limit, [...questionIds]],
  );
}
