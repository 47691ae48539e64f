/**
 * A team on one consultation through PostgreSQL (issue 21), on a throwaway cluster (tests/support/postgres.ts:
 * Debian's postgresql, fsync off, on this machine; a database with a UTF-8 locale, as a department's has):
 * - first sync at 100,000 responses: `team init` of a workspace made as the `scale` suite makes it (its Microsoft
 *   Forms-style export imported by the command line) with 100,000 codings, then `team join` of a second copy, each
 *   a command-line run (wall, CPU, peak RSS of the command; the server's CPU; the bytes the server then holds);
 * - an incremental sync: 1,000 answers coded through the Router on one copy, which syncs (push), then the other
 *   (pull);
 * - search on the server (team/server-search.ts) over the `scale` suite's query mix at 100,000 responses and at
 *   500,000 (the other four of the `scale` suite's 100,000-response exports, each imported by the command line
 *   into a workspace of its own and loaded into the server's answer and response tables directly, with response
 *   ids moved past the first part's);
 * - the soak: 20 analysts (processes, lib/team-analyst.ts) on copies of a 5,000-response consultation, coding at
 *   once for BENCH_TEAM_SOAK_SECONDS (60) and syncing every 3 s or so; then every copy syncs until the team is
 *   quiet: operations per second the server accepted, conflicts recorded, and what was lost (the server's codings
 *   against every copy's, and each analyst's last change on each answer and theme against the end state).
 * BENCH_TEAM_PARTS (first,incremental,search,soak) picks parts; search and incremental need first. The coded
 * 100,000-response workspace and the extra parts are cached in /tmp.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectTeamDb } from '#electron/services/team/connection';
import { readPublishedDraft } from '#electron/services/team/slice';
import { serverTallies } from '#electron/services/team/server-tallies';
import { useSchema } from '#electron/services/team/server-migrate';
import { searchServer } from '#electron/services/team/server-search';
import type { TeamDb } from '#electron/services/team/team-db';
import { openReadOnly } from '#electron/services/core/db/workspace-file';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../../support/postgres';
import { testRouter } from '../../harness/router';
import { generateExport } from '../lib/responses-fixture';
import { percentile, round } from '../stats';
import { cli, root, SEARCH_MIX } from '../lib/cli-run';
import type { ActionLog, AnalystStart, SyncLog, Target } from '../lib/team-analyst';

export const name = 'team';

const analystFile = fileURLToPath(new URL('../lib/team-analyst.ts', import.meta.url));
const PARTS = new Set((process.env['BENCH_TEAM_PARTS'] ?? 'first,incremental,search,soak').split(','));
const SOAK_SECONDS = Number(process.env['BENCH_TEAM_SOAK_SECONDS'] ?? 60);
const ANALYSTS = Number(process.env['BENCH_TEAM_ANALYSTS'] ?? 20);
const SOAK_RESPONSES = 5_000;
const Q3 = 'example-q3';
const Q8 = 'example-q8';

/** CPU seconds of the server: the postmaster's own and its exited processes' (connections that have closed). */
function serverCpuSeconds(pg: ThrowawayPostgres): number {
  const pid = readFileSync(join(pg.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]!.trim();
  return processCpuSeconds(Number(pid), true);
}

function processCpuSeconds(pid: number, withChildren = false): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14–17 of stat (utime, stime, cutime, cstime), counted from 3 after the command name.
  const ticks = Number(f[11]) + Number(f[12]) + (withChildren ? Number(f[13]) + Number(f[14]) : 0);
  return ticks / 100;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A database with UTF-8 character classes (under C, PostgreSQL's parser takes non-ASCII characters for letters). */
async function utf8Database(pg: ThrowawayPostgres, db: string): Promise<string> {
  const admin = await connectTeamDb(pg.url);
  try {
    await admin.query(`CREATE DATABASE ${db} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'`);
  } finally {
    await admin.close();
  }
  return pg.url.replace(/\/postgres$/, `/${db}`);
}

async function schemaBytes(db: TeamDb, schema: string): Promise<Record<string, number>> {
  const rows = await db.query<{ t: string; b: string }>(
    'SELECT c.relname AS t, pg_total_relation_size(c.oid) AS b FROM pg_class c JOIN pg_namespace n ON ' +
      "n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r'",
    [schema],
  );
  return Object.fromEntries(rows.map((r) => [r.t, Number(r.b)]));
}

/** A workspace of `count` responses imported by the command line from a `scale` export (seed), cached in /tmp. */
function scaleWorkspace(count: number, seed: number): string {
  const cached = `/tmp/cw-bench-team-v1-${count}-seed${seed}.consult`;
  if (existsSync(cached)) return cached;
  const csv = generateExport(
    count === 100_000
      ? `/tmp/cw-bench-scale-v1-msforms-100000${seed > 1 ? `-part${seed}` : ''}.csv`
      : `/tmp/cw-bench-team-v1-msforms-${count}-seed${seed}.csv`,
    { count, layout: 'microsoft-forms', draft: 'example', seed },
  );
  const tmp = `${cached}.part.consult`;
  rmSync(tmp, { force: true });
  cli(['new', tmp, '--title', 'Team bench', '--template', 'example']);
  const imp = cli(['import', tmp, csv, '--no-detect']);
  if ((JSON.parse(imp.stdout) as { imported: number }).imported !== count) throw new Error(`${csv}: not all imported`);
  renameSync(tmp, cached);
  if (existsSync(`${tmp}-journal`)) renameSync(`${tmp}-journal`, `${cached}-journal`);
  rmSync(`${tmp}.bak`, { force: true });
  return cached;
}

/** The workspace the first sync publishes: 100,000 responses, and one theme coded on every answer to q3 (bulk). */
async function codedWorkspace(): Promise<string> {
  const cached = '/tmp/cw-bench-team-v1-100000-coded.consult';
  if (existsSync(cached)) return cached;
  const plain = scaleWorkspace(100_000, 1);
  const dir = mkdtempSync(join(tmpdir(), 'cw-bench-team-prep-'));
  try {
    const ws = join(dir, 'coded.consult');
    copyFileSync(plain, ws);
    const ids = (await answersOf(ws, [Q3])).map((t) => t.responseId);
    const { call, router } = testRouter(dir);
    await call('workspace.open', { path: ws });
    const theme = await call('analysis.saveTheme', { name: 'Cost', questionIds: [Q3, Q8] });
    const bulk = await call('analysis.bulkCode', {
      questionId: Q3,
      themeId: theme.id,
      target: { kind: 'responses', responseIds: ids },
    });
    await call('workspace.close', {});
    await router.shutdown();
    if (bulk.applied < 50_000) throw new Error(`only ${bulk.applied} answers coded`);
    copyFileSync(ws, cached);
    return cached;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The answers with text to the questions given, read from the file. */
async function answersOf(path: string, questionIds: string[]): Promise<Target[]> {
  const ws = await openReadOnly(path, { integrityCheck: false });
  try {
    return ws.db
      .all<{ r: number; q: string }>(
        `SELECT response_id AS r, question_id AS q FROM answer WHERE question_id IN ` +
          `(${questionIds.map(() => '?').join()}) AND trim(text) <> '' ORDER BY id`,
        questionIds,
      )
      .map((x) => ({ responseId: x.r, questionId: x.q }));
  } finally {
    ws.db.close();
  }
}

function copyWorkspace(from: string, to: string): string {
  copyFileSync(from, to);
  if (existsSync(`${from}-journal`)) copyFileSync(`${from}-journal`, `${to}-journal`);
  return to;
}

async function searchFigures(db: TeamDb, label: string, out: Record<string, number | string>): Promise<void> {
  const [{ pid } = { pid: 0 }] = await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  await searchServer(db, { query: 'warm' });
  const times: number[] = [];
  const serverCpu: number[] = [];
  const totals: Record<string, number> = {};
  for (let round_ = 0; round_ < 3; round_++)
    for (const query of SEARCH_MIX) {
      const c0 = processCpuSeconds(pid);
      const t0 = performance.now();
      const r = await searchServer(db, { query, limit: 50 });
      times.push(performance.now() - t0);
      serverCpu.push((processCpuSeconds(pid) - c0) * 1000);
      totals[query] = r.total;
    }
  out[`${label}_serverSearchP50Ms`] = round(percentile(times, 50), 1);
  out[`${label}_serverSearchP95Ms`] = round(percentile(times, 95), 1);
  out[`${label}_serverSearchMaxMs`] = round(Math.max(...times), 1);
  // The backend's CPU per search, to 10 ms (the kernel's clock ticks).
  out[`${label}_serverSearchCpuP50Ms`] = round(percentile(serverCpu, 50), 0);
  out[`${label}_serverSearchCpuP95Ms`] = round(percentile(serverCpu, 95), 0);
  out[`${label}_searchHits`] = JSON.stringify(totals);
}

/** Every question's tallies counted by PostgreSQL (team/server-tallies.ts): median and slowest of 3, wall. */
async function talliesFigures(db: TeamDb, label: string, out: Record<string, number | string>): Promise<void> {
  const draft = await readPublishedDraft(db);
  const times: number[] = [];
  let respondents = 0;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    respondents = (await serverTallies(db, draft)).respondents;
    times.push(performance.now() - t0);
  }
  out[`${label}_serverTalliesP50Ms`] = round(percentile(times, 50), 0);
  out[`${label}_serverTalliesMaxMs`] = round(Math.max(...times), 0);
  out[`${label}_serverTalliesRespondents`] = respondents;
}

/**
 * Load a 100,000-response workspace's responses and answers into the server's tables, response ids moved by
 * `offset` (the server's search reads only these two tables and question).
 */
async function loadPart(db: TeamDb, path: string, offset: number): Promise<number> {
  const ws = await openReadOnly(path, { integrityCheck: false });
  let n = 0;
  try {
    for (let after = 0; ;) {
      const rs = ws.db.all<{ id: number; status: string; channel: string }>(
        'SELECT id, status, channel FROM response WHERE id > ? ORDER BY id LIMIT 5000',
        [after],
      );
      if (!rs.length) break;
      after = rs[rs.length - 1]!.id;
      await db.query(
        'INSERT INTO response (id, respondent_id, channel, status) SELECT a, a, b, c FROM ' +
          'unnest($1::bigint[], $2::text[], $3::text[]) AS t(a, b, c)',
        [rs.map((r) => r.id + offset), rs.map((r) => r.channel), rs.map((r) => r.status)],
      );
      // One respondent per response (their details are not needed for search or tallies).
      await db.query('INSERT INTO respondent (id) SELECT unnest($1::bigint[]) ON CONFLICT DO NOTHING', [
        rs.map((r) => r.id + offset),
      ]);
    }
    for (let after = -1; ;) {
      const rs = ws.db.all<{
        id: number;
        r: number;
        q: string;
        opt: string | null;
        text: string;
        o: string | null;
        e: string | null;
      }>(
        'SELECT id, response_id AS r, question_id AS q, option_ids AS opt, text, other_text AS o, explanation AS e ' +
          'FROM answer WHERE id > ? ORDER BY id LIMIT 5000',
        [after],
      );
      if (!rs.length) break;
      after = rs[rs.length - 1]!.id;
      n += rs.length;
      await db.query(
        'INSERT INTO answer (response_id, question_id, option_ids, text, other_text, explanation) SELECT a, b, ' +
          'c::jsonb, d, e, f FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) ' +
          'AS t(a, b, c, d, e, f)',
        [
          rs.map((r) => r.r + offset),
          rs.map((r) => r.q),
          rs.map((r) => r.opt),
          rs.map((r) => r.text),
          rs.map((r) => r.o),
          rs.map((r) => r.e),
        ],
      );
    }
  } finally {
    ws.db.close();
  }
  return n;
}

/** Active codings on the server, as response/question/theme keys. */
async function serverCodings(db: TeamDb): Promise<Set<string>> {
  const rows = await db.query<{ k: string }>(
    "SELECT DISTINCT (data->>'responseId') || '/' || (data->>'questionId') || '/' || (data->>'themeId') AS k " +
      "FROM state WHERE entity = 'coding' AND data->>'removedAt' IS NULL AND data->>'coderSet' = 'main'",
  );
  return new Set(rows.map((r) => r.k));
}

export async function run(): Promise<Record<string, number | string>> {
  const out: Record<string, number | string> = {};
  const pg = await startThrowawayPostgres();
  if (!pg) return { skipped: 'PostgreSQL is not installed (Debian’s postgresql package)' };
  const dir = mkdtempSync(join(tmpdir(), 'cw-bench-team-'));
  try {
    const url = await utf8Database(pg, 'team');
    out['loadAverageAtStart'] = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
    if (PARTS.has('first')) await firstSync(pg, url, dir, out);
    if (PARTS.has('soak')) await soak(pg, url, dir, out);
    out['loadAverageAtEnd'] = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } finally {
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

async function firstSync(
  pg: ThrowawayPostgres,
  url: string,
  dir: string,
  out: Record<string, number | string>,
): Promise<void> {
  const source = await codedWorkspace();
  cli(['help']); // the command line rebuilds its bundle when a source changed: not in the figures
  const lead = copyWorkspace(source, join(dir, 'lead.consult'));
  out['100k_workspaceMiB'] = round(statSync(lead).size / 2 ** 20, 1);
  {
    const ws = await openReadOnly(lead, { integrityCheck: false });
    out['100k_answers'] = ws.db.scalar<number>('SELECT count(*) FROM answer') ?? 0;
    out['100k_codings'] = ws.db.scalar<number>('SELECT count(*) FROM coding WHERE removed_at IS NULL') ?? 0;
    ws.db.close();
  }
  let cpu0 = serverCpuSeconds(pg);
  const init = cli(['team', 'init', url, '--from', lead]);
  await sleep(300);
  out['100k_initSeconds'] = round(init.seconds, 2);
  out['100k_initCpuSeconds'] = round(init.cpuSeconds, 2);
  out['100k_initPeakRssMiB'] = init.peakMiB;
  out['100k_initServerCpuSeconds'] = round(serverCpuSeconds(pg) - cpu0, 2);
  const db = await connectTeamDb(url);
  try {
    await useSchema(db, 'workbench');
    const sizes = await schemaBytes(db, 'workbench');
    out['100k_serverMiB'] = round(Object.values(sizes).reduce((a, b) => a + b, 0) / 2 ** 20, 1);
    for (const t of ['base_part', 'answer', 'state', 'team_op'])
      out[`100k_server_${t}MiB`] = round((sizes[t] ?? 0) / 2 ** 20, 1);
    const [d] = await db.query<{ b: string }>('SELECT pg_database_size(current_database()) AS b');
    out['100k_serverDatabaseMiB'] = round(Number(d?.b ?? 0) / 2 ** 20, 1);

    const copy = join(dir, 'copy', 'analyst.consult');
    cpu0 = serverCpuSeconds(pg);
    const join_ = cli(['team', 'join', url, copy]);
    await sleep(300);
    out['100k_joinSeconds'] = round(join_.seconds, 2);
    out['100k_joinCpuSeconds'] = round(join_.cpuSeconds, 2);
    out['100k_joinPeakRssMiB'] = join_.peakMiB;
    out['100k_joinServerCpuSeconds'] = round(serverCpuSeconds(pg) - cpu0, 2);
    out['100k_joinPulled'] = (JSON.parse(join_.stdout) as { sync: { pulled: number } }).sync.pulled;

    // A slice copy of the coded question, made from the server's rows (team/slice.ts): an analyst given Q3.
    const [busiest] = await db.query<{ q: string; n: string }>(
      'SELECT question_id AS q, count(*) AS n FROM answer WHERE question_id = $1 GROUP BY 1',
      [Q3],
    );
    cpu0 = serverCpuSeconds(pg);
    const slice = cli(['team', 'join', url, join(dir, 'slice', 'analyst.consult'), '--question', busiest!.q]);
    await sleep(300);
    out['100k_sliceJoinAnswers'] = Number(busiest!.n);
    out['100k_sliceJoinSeconds'] = round(slice.seconds, 2);
    out['100k_sliceJoinCpuSeconds'] = round(slice.cpuSeconds, 2);
    out['100k_sliceJoinPeakRssMiB'] = slice.peakMiB;
    out['100k_sliceJoinServerCpuSeconds'] = round(serverCpuSeconds(pg) - cpu0, 2);
    out['100k_sliceJoinPulled'] = (JSON.parse(slice.stdout) as { sync: { pulled: number } }).sync.pulled;
    out['100k_sliceFileMiB'] = round(statSync(join(dir, 'slice', 'analyst.consult')).size / 2 ** 20, 1);

    if (PARTS.has('search')) {
      await searchFigures(db, '100k', out);
      await talliesFigures(db, '100k', out);
    }
    if (PARTS.has('incremental')) await incremental(pg, lead, copy, dir, out);
    if (PARTS.has('search')) {
      // 500,000: the other four parts of the `scale` suite's 500,000, loaded straight into the server's tables.
      let answers = Number(out['100k_answers']);
      const t0 = performance.now();
      for (let part = 2; part <= 5; part++) {
        const ws = scaleWorkspace(100_000, part);
        const l0 = performance.now();
        answers += await db.transaction((tx) => loadPart(tx, ws, (part - 1) * 1_000_000));
        out[`500k_loadPart${part}Seconds`] = round((performance.now() - l0) / 1000, 1);
      }
      out['500k_loadSeconds'] = round((performance.now() - t0) / 1000, 1);
      await db.query('ANALYZE answer');
      await db.query('ANALYZE response');
      out['500k_answers'] = answers;
      const [{ n } = { n: '0' }] = await db.query<{ n: string }>('SELECT count(*) AS n FROM response');
      out['500k_responses'] = Number(n);
      const sizes5 = await schemaBytes(db, 'workbench');
      out['500k_server_answerMiB'] = round((sizes5['answer'] ?? 0) / 2 ** 20, 1);
      await searchFigures(db, '500k', out);
      await talliesFigures(db, '500k', out);
      out['growth500kOver100k_serverSearchP95Ms'] = round(
        Number(out['500k_serverSearchP95Ms']) / Number(out['100k_serverSearchP95Ms']),
        2,
      );
    }
  } finally {
    await db.close();
  }
}

/** 1,000 answers coded through the Router on the lead's copy; it syncs (push), then the analyst's copy (pull). */
async function incremental(
  pg: ThrowawayPostgres,
  lead: string,
  copy: string,
  dir: string,
  out: Record<string, number | string>,
): Promise<void> {
  const a = testRouter(join(dir, 'a'), () => new Date(), { actor: 'lead' });
  const b = testRouter(join(dir, 'b'), () => new Date(), { actor: 'analyst' });
  await a.call('workspace.open', { path: lead });
  await b.call('workspace.open', { path: copy });
  try {
    const theme = await a.call('analysis.saveTheme', { name: 'Speed', questionIds: [Q8] });
    const rows = (await answersOf(lead, [Q8])).slice(0, 1000);
    const times: number[] = [];
    for (const row of rows) {
      const t0 = performance.now();
      await a.call('analysis.code', { responseId: row.responseId, questionId: Q8, themeId: theme.id, action: 'add' });
      times.push(performance.now() - t0);
    }
    out['incr_codings'] = rows.length;
    out['incr_codeP50Ms'] = round(percentile(times, 50), 1);
    out['incr_codeP95Ms'] = round(percentile(times, 95), 1);
    for (const [label, r] of [
      ['push', a],
      ['pull', b],
    ] as const) {
      const s0 = serverCpuSeconds(pg);
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const rep = await r.call('team.sync', {});
      const c = process.cpuUsage(c0);
      out[`incr_${label}Seconds`] = round((performance.now() - t0) / 1000, 2);
      out[`incr_${label}CpuSeconds`] = round((c.user + c.system) / 1e6, 2);
      out[`incr_${label}Pushed`] = rep.pushed;
      out[`incr_${label}Pulled`] = rep.pulled;
      // The server's CPU for the sync's connection, once it has closed.
      await sleep(300);
      out[`incr_${label}ServerCpuSeconds`] = round(serverCpuSeconds(pg) - s0, 2);
    }
  } finally {
    await a.call('workspace.close', {});
    await b.call('workspace.close', {});
    await a.router.shutdown();
    await b.router.shutdown();
  }
}

interface Coded {
  kind: 'coded';
  actions: ActionLog[];
  syncs: SyncLog[];
  renames: number;
  errors: number;
  cpuSeconds: number;
}

/** The soak: ANALYSTS copies of a SOAK_RESPONSES consultation, coding at once; then quiet; then the checks. */
async function soak(
  pg: ThrowawayPostgres,
  url: string,
  dir: string,
  out: Record<string, number | string>,
): Promise<void> {
  const schema = 'soak';
  const source = scaleWorkspace(SOAK_RESPONSES, 7);
  const lead = copyWorkspace(source, join(dir, 'soak-lead.consult'));
  const r = testRouter(join(dir, 'soak-lead'), () => new Date(), { actor: 'lead' });
  await r.call('workspace.open', { path: lead });
  const themes = [
    (await r.call('analysis.saveTheme', { name: 'Access', questionIds: [Q3, Q8] })).id,
    (await r.call('analysis.saveTheme', { name: 'Cost', questionIds: [Q3, Q8] })).id,
  ];
  const renameTheme = (await r.call('analysis.saveTheme', { name: 'Shared theme', questionIds: [Q3, Q8] })).id;
  themes.push(renameTheme);
  const targets = await answersOf(lead, [Q3, Q8]);
  await r.call('team.init', { server: url, schema });
  await r.call('workspace.close', {});
  await r.router.shutdown();
  out['soak_responses'] = SOAK_RESPONSES;
  out['soak_analysts'] = ANALYSTS;
  out['soak_seconds'] = SOAK_SECONDS;
  out['soak_answersInPlay'] = targets.length;

  // 40 answers everyone works on (so changes meet), the rest spread over the consultation.
  const hot = targets.filter((_, i) => i % Math.floor(targets.length / 40) === 0).slice(0, 40);
  const kids: ChildProcess[] = [];
  const inbox = new Map<ChildProcess, unknown[]>();
  const waiters = new Map<ChildProcess, (m: unknown) => void>();
  const next = <T>(k: ChildProcess): Promise<T> =>
    new Promise((resolve) => {
      const q = inbox.get(k)!;
      if (q.length) resolve(q.shift() as T);
      else waiters.set(k, resolve as (m: unknown) => void);
    });
  for (let i = 0; i < ANALYSTS; i++) {
    const k = fork(analystFile, [], { execArgv: ['--import', 'tsx'], cwd: root, stdio: 'inherit' });
    inbox.set(k, []);
    k.on('message', (m: { kind: string; message?: string }) => {
      if (m.kind === 'error') console.error(`  analyst ${i}: ${m.message}`);
      const w = waiters.get(k);
      if (w) {
        waiters.delete(k);
        w(m);
      } else inbox.get(k)!.push(m);
    });
    kids.push(k);
  }
  try {
    const joinT0 = performance.now();
    // Joins a few at a time: each reads the published file and applies the team's changes.
    const joinMs: number[] = [];
    for (let i = 0; i < ANALYSTS; i += 5) {
      const batch = kids.slice(i, i + 5);
      batch.forEach((k, j) => {
        const start: AnalystStart = {
          kind: 'start',
          index: i + j,
          url,
          schema,
          dir: join(dir, `analyst${i + j}`),
          hot,
          pool: targets,
          hotShare: 0.3,
          themes,
          renameTheme,
          renameQuestionIds: [Q3, Q8],
          syncEveryMs: 3000,
        };
        k.send(start);
      });
      for (const k of batch) joinMs.push((await next<{ kind: string; ms: number }>(k)).ms);
    }
    out['soak_joinAllSeconds'] = round((performance.now() - joinT0) / 1000, 1);
    out['soak_joinP50Ms'] = round(percentile(joinMs, 50), 0);

    const db = await connectTeamDb(url);
    try {
      await useSchema(db, schema);
      const [{ s: seq0 } = { s: '0' }] = await db.query<{ s: string }>(
        'SELECT coalesce(max(seq), 0) AS s FROM team_op',
      );
      const serverCpu0 = serverCpuSeconds(pg);
      const goAt = Date.now();
      const until = goAt + SOAK_SECONDS * 1000;
      for (const k of kids) k.send({ kind: 'go', until });
      const coded: Coded[] = [];
      for (const k of kids) coded.push(await next<Coded>(k));
      const soakEnd = Date.now();
      const serverCpu = serverCpuSeconds(pg) - serverCpu0;
      const [{ n: opsInSoak } = { n: '0' }] = await db.query<{ n: string }>(
        'SELECT count(*) AS n FROM team_op WHERE seq > $1',
        [seq0],
      );
      // Every copy syncs, one after another, until a whole round moves nothing.
      const settleT0 = performance.now();
      let rounds = 0;
      for (; rounds < 20; rounds++) {
        let moved = 0;
        for (const k of kids) {
          k.send({ kind: 'sync' });
          const s = await next<SyncLog>(k);
          if (s.error) throw new Error(`settling sync failed: ${s.error}`);
          moved += s.pushed + s.pulled;
        }
        if (moved === 0) break;
      }
      out['soak_settleRounds'] = rounds + 1;
      out['soak_settleSeconds'] = round((performance.now() - settleT0) / 1000, 1);
      const [{ n: opsTotal } = { n: '0' }] = await db.query<{ n: string }>(
        'SELECT count(*) AS n FROM team_op WHERE seq > $1',
        [seq0],
      );
      const soakSeconds = (soakEnd - goAt) / 1000;
      const actions = coded.reduce((a, c) => a + c.actions.length, 0);
      const syncs = coded.flatMap((c) => c.syncs);
      out['soak_localChanges'] = actions;
      out['soak_localChangesPerSecond'] = round(actions / soakSeconds, 1);
      out['soak_renames'] = coded.reduce((a, c) => a + c.renames, 0);
      out['soak_actionErrors'] = coded.reduce((a, c) => a + c.errors, 0);
      out['soak_syncs'] = syncs.length;
      out['soak_syncErrors'] = syncs.filter((s) => s.error).length;
      out['soak_syncP50Ms'] = round(
        percentile(
          syncs.map((s) => s.end - s.start),
          50,
        ),
        0,
      );
      out['soak_syncP95Ms'] = round(
        percentile(
          syncs.map((s) => s.end - s.start),
          95,
        ),
        0,
      );
      out['soak_serverOpsAccepted'] = Number(opsInSoak);
      out['soak_serverOpsPerSecond'] = round(Number(opsInSoak) / soakSeconds, 1);
      out['soak_serverOpsIncludingSettle'] = Number(opsTotal);
      const conflicts = await db.query<{ entity: string; n: string }>(
        'SELECT entity, count(*) AS n FROM conflict GROUP BY entity ORDER BY entity',
      );
      out['soak_conflicts'] = conflicts.reduce((a, c) => a + Number(c.n), 0);
      out['soak_conflictsByKind'] = JSON.stringify(Object.fromEntries(conflicts.map((c) => [c.entity, Number(c.n)])));
      const pushedByCopies = syncs.reduce((a, s) => a + s.pushed, 0);
      out['soak_pushedBySyncsDuringSoak'] = pushedByCopies;
      // CPU over the soak's wall time: the analysts' processes, and the server's (connections closed after each sync).
      out['soak_analystsCpuSeconds'] = round(
        coded.reduce((a, c) => a + c.cpuSeconds, 0),
        1,
      );
      out['soak_serverCpuSeconds'] = round(serverCpu, 1);

      // The end state: the server's codings and every copy's.
      const onServer = await serverCodings(db);
      const [theme] = await db.query<{ name: string }>(
        "SELECT data->>'name' AS name FROM state WHERE entity = 'theme' AND key = $1",
        [renameTheme],
      );
      const copies: { keys: string[]; themeName: string | null }[] = [];
      for (const k of kids) {
        k.send({ kind: 'finish' });
        copies.push(await next<{ keys: string[]; themeName: string | null }>(k));
      }
      out['soak_serverActiveCodings'] = onServer.size;
      let copiesDiffering = 0;
      let keysDiffering = 0;
      for (const c of copies) {
        const mine = new Set(c.keys);
        const diff =
          [...mine].filter((x) => !onServer.has(x)).length + [...onServer].filter((x) => !mine.has(x)).length;
        if (diff) copiesDiffering++;
        keysDiffering += diff;
      }
      out['soak_copiesDifferingFromServer'] = copiesDiffering;
      out['soak_codingsDifferingFromServer'] = keysDiffering;
      out['soak_copiesWithAnotherThemeName'] = copies.filter((c) => c.themeName !== theme?.name).length;
      Object.assign(out, losses(coded, onServer));
    } finally {
      await db.close();
    }
  } finally {
    for (const k of kids) if (k.exitCode === null) k.kill('SIGKILL');
  }
}

/**
 * Each analyst's changes against the end state. For each (answer, theme) changed in the soak, the last change made
 * anywhere (by its acknowledged time) must be what the server holds: coded after an addition; not coded after a
 * removal, unless another analyst's addition had not reached the remover when it removed (the set's rule: a
 * removal takes away only what its copy had seen, so that addition stands). An addition has reached a copy when
 * its analyst's sync that started after it ended before the copy's sync started, and that sync ended before the
 * removal. Anything else is a loss, counted.
 */
function losses(coded: Coded[], onServer: Set<string>): Record<string, number | string> {
  const byKey = new Map<string, { a: number; t: number; e: 'add' | 'remove' }[]>();
  coded.forEach((c, a) => {
    for (const x of c.actions) {
      const l = byKey.get(x.k) ?? [];
      l.push({ a, t: x.t, e: x.e });
      byKey.set(x.k, l);
    }
  });
  const syncsOf = coded.map((c) => c.syncs.filter((s) => !s.error));
  /** Had analyst `y`, at time t, seen analyst `x`'s change made at time tx? */
  const seen = (x: number, tx: number, y: number, t: number): boolean => {
    const sent = syncsOf[x]!.find((s) => s.start >= tx);
    if (!sent) return false;
    return syncsOf[y]!.some((s) => s.start >= sent.end && s.end <= t);
  };
  let lost = 0;
  let addWins = 0;
  let keysWithSeveralAnalysts = 0;
  const examples: string[] = [];
  for (const [k, list] of byKey) {
    list.sort((p, q) => p.t - q.t);
    if (new Set(list.map((x) => x.a)).size > 1) keysWithSeveralAnalysts++;
    const last = list[list.length - 1]!;
    const active = onServer.has(k);
    if (last.e === 'add' && active) continue;
    if (last.e === 'remove' && !active) continue;
    if (last.e === 'remove' && active) {
      // Another analyst's last change on it an addition the remover had not seen: it stands.
      const others = new Map<number, { t: number; e: string }>();
      for (const x of list) if (x.a !== last.a) others.set(x.a, x);
      const unseenAdd = [...others].some(([a, x]) => x.e === 'add' && !seen(a, x.t, last.a, last.t));
      if (unseenAdd) {
        addWins++;
        continue;
      }
    }
    lost++;
    if (examples.length < 5)
      examples.push(`${k}: last ${last.e} by analyst ${last.a}; server ${active ? 'coded' : 'not'}`);
  }
  return {
    soak_keysChanged: byKey.size,
    soak_keysChangedBySeveral: keysWithSeveralAnalysts,
    soak_removalsOutlivedByConcurrentAdd: addWins,
    soak_losses: lost,
    ...(examples.length ? { soak_lossExamples: examples.join(' | ') } : {}),
  };
}
