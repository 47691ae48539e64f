import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '#shared/core/errors';
import type { ConflictView, ServerQuestion, SyncReport, TeamStatus } from '#shared/domain/team';
import { orderedQuestions, questionNumbers } from '#shared/domain/draft/model';
import type { Db } from '../core/db/database';
import {
  backupPathFor,
  journalPathFor,
  type WorkspaceFile,
  type WorkspaceFileOptions,
} from '../core/db/workspace-file';
import { writeFileAtomicSync } from '../core/files/atomic-write';
import { loadSqlJs } from '../core/db/sqljs';
import { audit } from '../core/audit';
import { openWorkspace } from '../workspace/workspace-service';
import type { TeamDb } from './team-db';
import { connectTeamDb, storableServerUrl } from './connection';
import { checkSchemaName, migrateServer, requireTeamAccess, schemaExists, useSchema } from './server-migrate';
import { ENTITIES, type EntityName } from './entities';
import { acknowledgePush, pendingChanges, readOutbox, type PushOp } from './outbox';
import { applyPulled } from './apply-pulled';
import * as server from './server';
import { conflictView, type LocalConflictRow } from './conflict-view';
import { makeSliceCopy, readPublishedDraft } from './slice';
import { loadDraft } from '../draft/draft-service';

/**
 * Publishing a workspace to the team's PostgreSQL, joining a team as a new working copy, and syncing: the whole
 * protocol, in the order a copy runs it. Every server step commits before the copy records it, and every local step
 * is one change (journaled), so a copy or a server killed at any point resumes on the next sync: a push the server
 * committed but the copy never heard of is sent again and skipped; a pull not recorded is pulled again.
 */
export interface TeamServices {
  actor: string;
  clock: () => Date;
  /** Connect to the server (tests may count or break connections); the default is node-postgres. */
  connect?: (url: string) => Promise<TeamDb>;
  progress?: (done: number, total: number, message: string) => void;
  signal?: AbortSignal;
}

const PUSH_CHUNK = 10_000;
const PULL_CHUNK = 5_000;

interface StateRow {
  server: string;
  schema: string;
  replica: string;
  role: string;
  cursor: number;
  joined_at: string;
  last_sync_at: string | null;
  slice: string | null;
}

const stateOf = (db: Db): StateRow | undefined => db.get<StateRow>('SELECT * FROM team_state WHERE id = 1');

function requireTeamCopy(file: WorkspaceFile): StateRow {
  const st = stateOf(file.db);
  if (!st)
    throw new AppError(
      'not-found',
      'This workspace is not part of a team. Publish it to the team’s server (team init) or join a team first.',
    );
  return st;
}

export function teamStatus(file: WorkspaceFile): TeamStatus | null {
  const st = stateOf(file.db);
  if (!st) return null;
  return {
    server: st.server,
    schema: st.schema,
    replica: st.replica,
    role: st.role,
    cursor: st.cursor,
    pending: pendingChanges(file.db),
    lastSyncAt: st.last_sync_at,
    joinedAt: st.joined_at,
    slice: st.slice ? (JSON.parse(st.slice) as string[]) : null,
    conflictsOpen: file.db.scalar<number>('SELECT count(*) FROM team_conflict WHERE resolved_at IS NULL') ?? 0,
  };
}

async function withServer<T>(
  url: string,
  schema: string,
  svc: Pick<TeamServices, 'connect'>,
  fn: (db: TeamDb) => Promise<T>,
): Promise<T> {
  const db = await (svc.connect ?? connectTeamDb)(url);
  try {
    await useSchema(db, schema);
    return await fn(db);
  } finally {
    await db.close().catch(() => undefined);
  }
}

/**
 * The team in `schema`, checked as every call that reads it needs: it is there, this login has a role in it, the
 * server is at this version (the lead's call brings it up to date) and a consultation is published in it.
 */
async function publishedTeam(db: TeamDb, schema: string, shown: string): Promise<server.TeamMeta> {
  const missing = () => new AppError('not-found', `There is no team consultation in "${schema}" on ${shown}.`);
  if (!(await schemaExists(db, schema))) throw missing();
  await requireTeamAccess(db, schema);
  await migrateServer(db, schema, false);
  const meta = await server.readTeamMeta(db);
  if (!meta) throw missing();
  return meta;
}

/** Every shared row of the workspace as it is now, as operations from `replica` (what a publish sends first). */
function everything(db: Db, replica: string): PushOp[] {
  const ops: PushOp[] = [];
  const add = (entity: EntityName, localKey: string, key: string): void => {
    const kind = ENTITIES[entity];
    const data = kind.read(db, localKey);
    ops.push({
      replicaOp: 0,
      entity,
      key,
      questionId: kind.questionOf(key, data),
      data,
      visible: kind.visible(data) ?? null,
      checkConflict: false,
    });
  };
  for (const r of db.all<{ id: string }>('SELECT id FROM theme ORDER BY sort_order, id')) add('theme', r.id, r.id);
  for (const r of db.all<{ id: number }>('SELECT id FROM coding ORDER BY id'))
    add('coding', String(r.id), `${replica}:${r.id}`);
  for (const r of db.all<{ k: string }>(
    'SELECT json_array(coder_set, question_id, response_id) AS k FROM annotation ORDER BY rowid',
  ))
    add('annotation', r.k, r.k);
  for (const r of db.all<{ id: number }>('SELECT id FROM quote ORDER BY id'))
    add('quote', String(r.id), `${replica}:${r.id}`);
  for (const r of db.all<{ key: string }>('SELECT key FROM response_text ORDER BY key'))
    add('response_text', r.key, r.key);
  for (const r of db.all<{ key: string }>('SELECT key FROM analysis_setting ORDER BY key'))
    add('analysis_setting', r.key, r.key);
  return ops;
}

/** Link every coding and quote the workspace holds to its team-wide uid, as published by `replica`. */
function linkPublished(db: Db, replica: string): void {
  db.run(
    "INSERT OR IGNORE INTO team_link (entity, uid, local_id, removed) SELECT 'coding', ? || ':' || id, id, " +
      'removed_at IS NOT NULL FROM coding',
    [replica],
  );
  db.run(
    "INSERT OR IGNORE INTO team_link (entity, uid, local_id, removed) SELECT 'quote', ? || ':' || id, id, " +
      'removed_at IS NOT NULL FROM quote',
    [replica],
  );
}

/**
 * `team init`: publish this workspace as the team's consultation. The server gets the schema (created and
 * migrated), the workspace file as it is now, its responses as rows and its analysis; then this workspace becomes
 * the team's first copy.
 */
export async function initTeam(
  file: WorkspaceFile,
  url: string,
  schemaName: string,
  svc: TeamServices,
): Promise<TeamStatus> {
  const schema = checkSchemaName(schemaName);
  if (stateOf(file.db))
    throw new AppError(
      'exists',
      'This workspace is already part of a team. Sync it, or join another team as a new copy.',
    );
  const stored = storableServerUrl(url);
  const db = await (svc.connect ?? connectTeamDb)(url);
  try {
    if (await schemaExists(db, schema)) {
      await useSchema(db, schema);
      const has = await db.query<{ n: string }>(
        "SELECT count(*) AS n FROM pg_tables WHERE schemaname = $1 AND tablename = 'team_meta'",
        [schema],
      );
      const meta = Number(has[0]?.n ?? 0) > 0 ? await server.readTeamMeta(db) : null;
      if (meta)
        throw new AppError(
          'exists',
          `The server already holds a team consultation in "${schema}" (“${meta.title}”). Join it as a new copy, ` +
            'or publish to another schema name.',
        );
    }
    await migrateServer(db, schema, true);
    file.snapshot(); // the bytes published are the file as it is on disk now, every change in it
    const bytes = readFileSync(file.path);
    const replica = randomUUID();
    const now = svc.clock();
    let baseSeq = 0;
    await db.transaction(async (tx) => {
      await useSchema(tx, schema);
      svc.progress?.(0, 1, 'Sending the workspace');
      await server.uploadBase(tx, bytes);
      await server.uploadContent(tx, file.db, (d, t) => svc.progress?.(d, t, 'Sending the answers'));
      await server.uploadDraft(tx, loadDraft(file.db));
      const ops = everything(file.db, replica);
      for (let i = 0; i < ops.length; i += PUSH_CHUNK)
        await server.push(tx, replica, svc.actor, 0, ops.slice(i, i + PUSH_CHUNK));
      baseSeq = await server.lastSeq(tx);
      await server.writeTeamMeta(tx, {
        consultationId: file.consultationId,
        title: file.db.scalar<string>('SELECT title FROM consultation WHERE id = 1') ?? '',
        baseReplica: replica,
        baseSeq,
        baseBytes: bytes.length,
        baseSha256: createHash('sha256').update(bytes).digest('hex'),
        publishedAt: now.toISOString(),
        publishedBy: tx.user,
      });
      await server.touchReplica(tx, replica, svc.actor, baseSeq);
    });
    const role = await roleOf(db, schema);
    file.mutate((ws) => {
      ws.run(
        'INSERT INTO team_state (id, server, schema, replica, role, cursor, joined_at, last_sync_at) ' +
          'VALUES (1, ?, ?, ?, ?, ?, ?, ?)',
        [stored, schema, replica, role, baseSeq, now.toISOString(), now.toISOString()],
      );
      linkPublished(ws, replica);
      audit(ws, now, svc.actor, 'team.init', schema, { server: stored, replica, changes: baseSeq });
    });
    return teamStatus(file)!;
  } finally {
    await db.close().catch(() => undefined);
  }
}

/**
 * The questions of the team's consultation, from the draft as published, numbered as the consultation numbers them:
 * what a slice can be made of ("Choose questions" on Join a team). Checks what joining checks (the team is there,
 * this login has a role in it, the server is up to date) so a refusal comes before the copy is asked for.
 */
export async function listServerQuestions(
  url: string,
  schemaName: string,
  svc: Pick<TeamServices, 'connect'> = {},
): Promise<ServerQuestion[]> {
  const schema = checkSchemaName(schemaName);
  return withServer(url, schema, svc, async (db) => {
    await publishedTeam(db, schema, storableServerUrl(url));
    const draft = await readPublishedDraft(db);
    const numbers = questionNumbers(draft);
    return orderedQuestions(draft).map((q) => ({ number: numbers.get(q.id) ?? '', id: q.id, text: q.text }));
  });
}

/**
 * `team join`: make a new working copy at `path` from the team's server: the workspace as published (checked
 * against its SHA-256), with a workspace id of its own, then everything the team has done since.
 */
export async function joinTeam(
  url: string,
  schemaName: string,
  path: string,
  svc: TeamServices,
  options?: WorkspaceFileOptions,
  questionIds?: readonly string[],
): Promise<{ file: WorkspaceFile; report: SyncReport }> {
  const schema = checkSchemaName(schemaName);
  const slice = questionIds?.length ? [...new Set(questionIds)] : null;
  if (existsSync(path))
    throw new AppError('exists', `A file already exists at ${path}. Choose another name for your copy.`, { path });
  const stored = storableServerUrl(url);
  let sliceFile: WorkspaceFile | null = null;
  const meta = await withServer(url, schema, svc, async (db) => {
    const meta = await publishedTeam(db, schema, stored);
    if (slice) {
      mkdirSync(dirname(path), { recursive: true });
      sliceFile = await makeSliceCopy(db, meta, slice, path, svc.actor, options, svc.progress);
      return meta;
    }
    svc.progress?.(0, 1, 'Receiving the workspace');
    const bytes = await server.downloadBase(db);
    if (createHash('sha256').update(bytes).digest('hex') !== meta.baseSha256)
      throw new AppError(
        'corrupt',
        'The workspace on the server does not match its checksum. Ask the lead to publish it again.',
      );
    await writeOwnCopy(path, bytes);
    return meta;
  });
  const file = sliceFile ?? (await openWorkspace(path, options));
  try {
    const now = svc.clock();
    const replica = randomUUID();
    file.mutate((ws) => {
      // A slice starts with no analysis at all: its first sync brings in its questions' work from the start.
      ws.run(
        'INSERT INTO team_state (id, server, schema, replica, cursor, joined_at, slice) VALUES (1, ?, ?, ?, ?, ?, ?)',
        [stored, schema, replica, slice ? 0 : meta.baseSeq, now.toISOString(), slice ? JSON.stringify(slice) : null],
      );
      if (!slice) linkPublished(ws, meta.baseReplica);
      audit(ws, now, svc.actor, 'team.join', schema, { server: stored, replica, publishedBy: meta.publishedBy });
    });
  } catch (e) {
    // Not yet a team copy: the file made a moment ago goes, so joining again can use the same name.
    file.close();
    for (const p of [path, journalPathFor(path), backupPathFor(path)]) rmSync(p, { force: true });
    throw e;
  }
  try {
    return { file, report: await syncTeam(file, svc, url) };
  } catch (e) {
    // The copy is made and complete as published; only the team's later work is missing, and the next sync brings it.
    file.close();
    const why = e instanceof Error ? e.message : String(e);
    throw new AppError(
      'io',
      `Your copy was made at ${path}, but bringing in the team's latest work failed: ${why} Open the copy and sync ` +
        'it when the server can be reached.',
      { path },
    );
  }
}

/**
 * A copy is a workspace of its own (its own id, journal and lock), of the same consultation. The file's bytes (330 MB
 * at 100,000 responses) and their copy with the new id are this function's alone, so both can go before the copy
 * is opened (held to the end of joinTeam, they raised the peak RSS of `team join` from 1.28 to 1.96 GB).
 */
async function writeOwnCopy(path: string, bytes: Uint8Array): Promise<void> {
  const SQL = await loadSqlJs();
  const raw = new SQL.Database(bytes);
  let own: Uint8Array;
  try {
    raw.run("UPDATE meta SET value = ? WHERE key = 'workspace_id'", [randomUUID()]);
    own = raw.export();
  } finally {
    raw.close();
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomicSync(path, own);
}

/**
 * Sync: send this copy's changes, then bring in everyone's since the last sync, then the conflicts. `url` is the
 * server with credentials when the caller has them (join); otherwise the stored URL, credentials from the
 * environment or .pgpass.
 */
export async function syncTeam(file: WorkspaceFile, svc: TeamServices, url?: string): Promise<SyncReport> {
  const st = requireTeamCopy(file);
  const before = new Set(file.db.all<{ id: number }>('SELECT id FROM team_conflict').map((r) => r.id));
  let pushed = 0;
  let pulled = 0;
  let notSent: string | null = null;
  await withServer(url ?? st.server, st.schema, svc, async (db) => {
    const meta = await publishedTeam(db, st.schema, st.server);
    if (meta.consultationId !== file.consultationId)
      throw new AppError('conflict', `The team in "${st.schema}" on ${st.server} is not this consultation’s.`);
    const role = await roleOf(db, st.schema);
    const waiting = pendingChanges(file.db);
    if (role === 'reader' && waiting > 0)
      notSent =
        `Your role on the team is reader: the ${waiting} changes made on this copy stay here and ` +
        'are not sent. Ask the lead for the analyst role to share them.';
    // Send.
    for (; role !== 'reader';) {
      svc.signal?.throwIfAborted();
      const box = readOutbox(file.db, st.replica);
      if (box.ops.length === 0 && box.upTo === 0) break;
      const base = stateOf(file.db)!.cursor;
      for (let i = 0; i < box.ops.length; i += PUSH_CHUNK) {
        const r = await db
          .transaction((tx) => server.push(tx, st.replica, svc.actor, base, box.ops.slice(i, i + PUSH_CHUNK)))
          .catch(refusedPush);
        pushed += r.accepted;
      }
      file.mutate((ws) => acknowledgePush(ws, box));
      svc.progress?.(pushed, pushed, 'Sending your changes');
    }
    // Receive.
    for (;;) {
      svc.signal?.throwIfAborted();
      const cursor = stateOf(file.db)!.cursor;
      const page = await server.pull(db, cursor, PULL_CHUNK, st.replica);
      if (page.read === 0) break;
      file.mutate((ws) => {
        ws.run('UPDATE team_state SET applying = 1 WHERE id = 1');
        pulled += applyPulled(ws, page.rows);
        ws.run('UPDATE team_state SET applying = 0, cursor = ? WHERE id = 1', [page.cursor]);
      });
      svc.progress?.(pulled, pulled, 'Bringing in your colleagues’ changes');
    }
    // Conflicts, and the record of this sync.
    const list = await server.conflicts(db);
    const cursor = stateOf(file.db)!.cursor;
    await server.touchReplica(db, st.replica, svc.actor, cursor);
    const now = svc.clock();
    file.mutate((ws) => {
      for (const c of list)
        ws.run(
          `INSERT INTO team_conflict (id, seq, entity, key, rule, versions, detected_at, resolved_at, resolved_by,
             resolution) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(id) DO UPDATE SET resolved_at = excluded.resolved_at, resolved_by = excluded.resolved_by,
             resolution = excluded.resolution`,
          [
            c.id,
            c.seq,
            c.entity,
            c.key,
            ENTITIES[c.entity as EntityName]?.rule ?? '',
            JSON.stringify(c.versions),
            c.detected_at.toISOString(),
            c.resolved_at ? c.resolved_at.toISOString() : null,
            c.resolved_by,
            c.resolution,
          ],
        );
      ws.run('UPDATE team_state SET last_sync_at = ?, role = ? WHERE id = 1', [now.toISOString(), role]);
      audit(ws, now, svc.actor, 'team.sync', st.schema, { pushed, pulled, cursor });
    });
  });
  const newConflicts = listConflicts(file).filter((c) => !before.has(c.id) && !c.resolvedAt);
  return { pushed, pulled, newConflicts, notSent, status: teamStatus(file)! };
}

/** PostgreSQL's "insufficient privilege" on a push, in words: the role, or the lead's split of the work. */
function refusedPush(e: unknown): never {
  const pgCode = (e as { code?: unknown } | null)?.code;
  if (pgCode === '42501') {
    const why = e instanceof Error ? e.message : '';
    const m = /question (\S+) is not shared with (\S+)/.exec(why);
    throw new AppError(
      'forbidden',
      m
        ? `The team's server did not accept this copy's changes: the lead has not shared question ${m[1]} with ` +
            `${m[2]}. Undo the changes to that question, or ask the lead to share it; nothing was sent.`
        : "The team's server did not accept this copy's changes: your role on the team may not make them. " +
            "Nothing was sent; ask the team's lead.",
    );
  }
  throw e;
}

/** lead | analyst | reader: the team role the server's login role is a member of ('' when none is set up). */
async function roleOf(db: TeamDb, schema: string): Promise<string> {
  const rows = await db.query<{ role: string }>(
    "SELECT r AS role FROM unnest(ARRAY['lead', 'analyst', 'reader']) WITH ORDINALITY AS t(r, n) JOIN pg_roles p " +
      "ON p.rolname = $1 || '_' || r WHERE pg_has_role(session_user, p.oid, 'MEMBER') ORDER BY n",
    [schema],
  );
  return rows[0]?.role ?? '';
}

export function listConflicts(file: WorkspaceFile): ConflictView[] {
  const st = stateOf(file.db);
  if (!st) return [];
  return file.db
    .all<LocalConflictRow>('SELECT * FROM team_conflict ORDER BY resolved_at IS NOT NULL, id DESC')
    .map((r) => conflictView(file.db, r, st.replica));
}

/**
 * Settle a conflict by keeping one of its versions (its index in `versions`): the version is written as this
 * copy's own change and sent, and the conflict marked settled on the server, with who settled it.
 */
export async function resolveConflict(
  file: WorkspaceFile,
  id: number,
  keep: number,
  svc: TeamServices,
): Promise<SyncReport> {
  const st = requireTeamCopy(file);
  const row = file.db.get<LocalConflictRow>('SELECT * FROM team_conflict WHERE id = ?', [id]);
  if (!row)
    throw new AppError('not-found', 'That conflict is not in this copy. Sync, then try again.', { field: 'id' });
  if (row.resolved_at)
    throw new AppError('conflict', `This conflict was already settled by ${row.resolved_by ?? 'a colleague'}.`);
  const versions = JSON.parse(row.versions) as { data: Record<string, unknown> | null; analyst: string }[];
  const chosen = versions[keep];
  if (!chosen) throw new AppError('invalid-input', `Choose a version from 1 to ${versions.length}.`, { field: 'keep' });
  const kind = ENTITIES[row.entity as EntityName];
  if (!kind) throw new AppError('invalid-input', 'This conflict is about something this version cannot change.');
  const now = svc.clock();
  file.mutate((ws) => {
    const localId = kind.linked
      ? (ws.scalar<number>('SELECT local_id FROM team_link WHERE entity = ? AND uid = ?', [kind.name, row.key]) ?? null)
      : null;
    kind.write(ws, row.key, chosen.data, localId);
    // A rewrite to the same state fires no trigger that would send it: note it to be sent all the same.
    ws.run('INSERT INTO team_outbox (entity, key) VALUES (?, ?)', [kind.name, kind.linked ? String(localId) : row.key]);
    audit(ws, now, svc.actor, 'team.conflict-resolve', String(id), {
      entity: row.entity,
      kept: keep,
      from: chosen.analyst,
    });
  });
  const resolution = `Kept version ${keep + 1} (${chosen.analyst})`;
  await withServer(st.server, st.schema, svc, (db) => server.markResolved(db, id, resolution));
  return syncTeam(file, svc);
}
