import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import pg from 'pg';
import { tempDir } from '../../harness/temp';
import { spawnLines } from '../../harness/child-lines';
import { testRouter } from '../../harness/router';
import { analysisWorkspace, hand, importResponses, CLOCK, type Ws } from '../../unit/analysis-app/helpers';
import { openReadOnly } from '#electron/services/core/db/workspace-file';
import { findPostgresBinaries, startThrowawayPostgres, type ThrowawayPostgres } from '../../support/postgres';
import { AppError } from '#shared/core/errors';
import type { WorkspaceFile } from '#electron/services/core/db/workspace-file';
import { openWorkspace } from '#electron/services/workspace/workspace-service';
import { connectTeamDb } from '#electron/services/team/connection';
import type { TeamDb } from '#electron/services/team/team-db';
import { syncTeam, teamStatus } from '#electron/services/team/team-service';

/**
 * Nothing acknowledged is lost and nothing is duplicated when a laptop is killed in the middle of a sync, or the
 * server in the middle of a push: each is killed with SIGKILL at random moments, the next sync resumes, and then
 * every acknowledged coding is in the copy, the server holds exactly the copy's codings, and no coding is there
 * twice.
 */
const KILLS = Number(process.env['TEAM_CRASH_KILLS'] ?? 8);
const Q3 = 'example-q3';
const t = tempDir('cw-team-crash-');
let server: ThrowawayPostgres | null;
let lead: Ws;
let ids: number[];
let themes: string[];
let copy: string;

beforeAll(async () => {
  server = await startThrowawayPostgres();
  if (!server) return;
  lead = await analysisWorkspace(t.dir, 'lead.consult');
  await importResponses(
    lead,
    t.dir,
    'answers.csv',
    Array.from({ length: 30 }, (_, i) =>
      hand(i + 1, { respondingAs: 'individual' }, { [Q3]: { optionIds: [], text: `Answer ${i + 1}` } }),
    ),
  );
  ids = (await lead.call('analysis.answers', { questionId: Q3, offset: 0, limit: 100 })).rows.map((r) => r.responseId);
  themes = [];
  for (const name of ['Cost', 'Access', 'Signal']) themes.push((await lead.call('analysis.saveTheme', { name })).id);
  await lead.call('team.init', { server: server.url });
  await lead.call('workspace.close', {});
  const alice = testRouter(t.dir, CLOCK, { actor: 'alice' });
  copy = (await alice.call('team.join', { server: server.url, path: join(t.dir, 'alice.consult') })).workspace.path;
  await alice.call('workspace.close', {});
}, 120_000);

afterAll(async () => {
  await server?.stop();
  t.cleanup();
});

interface Run {
  acked: string[];
  /** The change being made when the child died (it may or may not have been saved). */
  tried: string | null;
  killedInSync: boolean;
}

/** Run the child until it has started its `syncs`-th sync, then SIGKILL it after a random few milliseconds. */
async function runAndKill(seed: number, syncs: number, delayMs: number): Promise<Run> {
  const run: Run = { acked: [], tried: null, killedInSync: false };
  let seen = 0;
  let inSync = false;
  const args = [copy, Q3, String(seed), ids.join(','), themes.join(',')];
  const { exited } = spawnLines('tests/harness/team-sync-child.ts', args, (line, child) => {
    if (line.startsWith('TRY ')) run.tried = line.slice(4);
    else if (line.startsWith('ACK ')) {
      run.acked.push(line.slice(4));
      run.tried = null;
    } else if (line === 'SYNC') {
      inSync = true;
      if (++seen === syncs) setTimeout(() => child.kill('SIGKILL'), delayMs);
    } else if (line === 'SYNCED') inSync = false;
  });
  const { code, signal, stderr } = await exited;
  run.killedInSync = inSync;
  if (signal !== 'SIGKILL') throw new Error(`child exited by itself (${code}): ${stderr}`);
  return run;
}

async function localCodings(): Promise<{ active: string[]; rows: number; uids: number }> {
  const ro = await openReadOnly(copy, { integrityCheck: false });
  try {
    return {
      active: ro.db
        .all<{ k: string }>(
          "SELECT response_id || ' ' || theme_id AS k FROM coding WHERE removed_at IS NULL AND coder_set = 'main' " +
            'ORDER BY 1',
        )
        .map((r) => r.k),
      rows: ro.db.scalar<number>('SELECT count(*) FROM coding')!,
      uids: ro.db.scalar<number>("SELECT count(DISTINCT local_id) FROM team_link WHERE entity = 'coding'")!,
    };
  } finally {
    ro.db.close();
  }
}

async function localCodingsOf(file: WorkspaceFile): Promise<string[]> {
  return file.db
    .all<{ k: string }>(
      "SELECT response_id || ' ' || theme_id AS k FROM coding WHERE removed_at IS NULL AND coder_set = 'main' " +
        'ORDER BY 1',
    )
    .map((r) => r.k);
}

async function serverCodings(): Promise<{ active: string[]; perKey: number }> {
  const c = new pg.Client({ connectionString: server!.url });
  await c.connect();
  try {
    const active = await c.query<{ k: string; n: string }>(
      "SELECT (data->>'responseId') || ' ' || (data->>'themeId') AS k, count(*) AS n FROM workbench.state " +
        "WHERE entity = 'coding' AND data->>'removedAt' IS NULL GROUP BY 1 ORDER BY 1",
    );
    return {
      active: active.rows.map((r) => r.k),
      perKey: Math.max(0, ...active.rows.map((r) => Number(r.n))),
    };
  } finally {
    await c.end();
  }
}

/** What the acknowledged changes say each (answer, theme) ends as; keys whose last change was cut off are unknown. */
function expected(runs: Run[]): { active: Set<string>; unknown: Set<string> } {
  const last = new Map<string, string>();
  const unknown = new Set<string>();
  for (const run of runs) {
    for (const a of run.acked) {
      const [r, th, action] = a.split(' ');
      last.set(`${r} ${th}`, action!);
      unknown.delete(`${r} ${th}`);
    }
    if (run.tried) unknown.add(run.tried.split(' ').slice(0, 2).join(' '));
  }
  return { active: new Set([...last].filter(([, a]) => a === 'add').map(([k]) => k)), unknown };
}

async function syncToTheEnd(): Promise<void> {
  const alice = testRouter(t.dir, CLOCK, { actor: 'alice' });
  await alice.call('workspace.open', { path: copy });
  await alice.call('team.sync', {});
  expect((await alice.call('team.status', {}))!.pending).toBe(0);
  await alice.call('workspace.close', {});
}

describe.skipIf(!findPostgresBinaries())('a team copy and its server, killed mid-sync', () => {
  const runs: Run[] = [];

  it(`keeps every acknowledged coding and duplicates none when the laptop is killed (${KILLS} kills)`, async () => {
    let inSync = 0;
    for (let k = 0; k < KILLS; k++) {
      const run = await runAndKill(k + 1, 1 + (k % 3), (k * 7) % 40);
      runs.push(run);
      if (run.killedInSync) inSync++;
    }
    expect(inSync, 'kills that landed inside a sync').toBeGreaterThan(0);
    await syncToTheEnd();
    const want = expected(runs);
    const local = await localCodings();
    const known = (xs: Iterable<string>) => [...xs].filter((k) => !want.unknown.has(k)).sort();
    expect(known(local.active), 'acknowledged codings in the copy').toEqual(known(want.active));
    const remote = await serverCodings();
    expect(remote.active, 'the server holds exactly the copy’s codings').toEqual(local.active);
    expect(remote.perKey, 'no coding is on the server twice').toBe(1);
  }, 300_000);

  it('sends a change again when the server committed a push the copy never heard of', async () => {
    // The connection drops just after the server commits a push: the copy cannot know it arrived.
    let dropAfterCommit = true;
    const connect = async (url: string): Promise<TeamDb> => {
      const db = await connectTeamDb(url);
      return {
        ...db,
        user: db.user,
        query: (sql, params) => db.query(sql, params),
        close: () => db.close(),
        async transaction(fn, isolation) {
          const v = await db.transaction(fn, isolation);
          if (dropAfterCommit) throw new AppError('io', 'The connection to the team server was lost.');
          return v;
        },
      };
    };
    const svc = { actor: 'alice', clock: CLOCK, connect };
    const file = await openWorkspace(copy);
    try {
      const code = (action: 'add' | 'remove') =>
        file.mutate((db) => {
          if (action === 'add')
            db.run(
              "INSERT INTO coding (response_id, question_id, theme_id, coder, source, at) VALUES (?, ?, ?, 'alice', " +
                "'manual', '2027-06-01T10:00:00Z')",
              [ids[0]!, Q3, themes[0]!],
            );
          else
            db.run(
              "UPDATE coding SET removed_at = '2027-06-01T10:01:00Z', removed_by = 'alice' WHERE response_id = ? " +
                'AND question_id = ? AND theme_id = ? AND removed_at IS NULL',
              [ids[0]!, Q3, themes[0]!],
            );
        });
      const before = (await localCodingsOf(file)).includes(`${ids[0]} ${themes[0]}`);
      code(before ? 'remove' : 'add');
      await expect(syncTeam(file, svc)).rejects.toThrow('connection to the team server was lost');
      expect(teamStatus(file)!.pending).toBe(1); // not acknowledged: still to send
      code(before ? 'add' : 'remove'); // and changed again before the next sync
      dropAfterCommit = false;
      await syncTeam(file, svc);
      expect(teamStatus(file)!.pending).toBe(0);
      expect((await serverCodings()).active).toEqual(await localCodingsOf(file));
    } finally {
      file.close();
    }
  });

  it('resumes when the server is killed in the middle of a push, and loses and duplicates nothing', async () => {
    const alice = testRouter(t.dir, CLOCK, { actor: 'alice' });
    await alice.call('workspace.open', { path: copy });
    let interrupted = 0;
    for (let k = 0; k < 4; k++) {
      // A few hundred changes waiting, so the push is a transaction the kill can land in.
      for (const id of ids)
        for (const th of themes)
          await alice.call('analysis.code', { responseId: id, questionId: Q3, themeId: th, action: 'toggle' });
      const sync = alice.router.dispatch('s', 'team.sync', {});
      await new Promise((r) => setTimeout(r, 5 + k * 10));
      server!.kill9();
      const r = await sync;
      if (!r.ok) {
        interrupted++;
        expect(r.error.message).not.toContain('Something went wrong');
      }
      await server!.restart();
      await alice.call('team.sync', {});
      expect((await alice.call('team.status', {}))!.pending).toBe(0);
    }
    await alice.call('workspace.close', {});
    expect(interrupted, 'syncs the kill interrupted').toBeGreaterThan(0);
    const local = await localCodings();
    const remote = await serverCodings();
    expect(remote.active).toEqual(local.active);
    expect(remote.perKey).toBe(1);
    expect(local.uids).toBe(local.rows);
  }, 300_000);
});
