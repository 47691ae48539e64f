/**
 * One simulated analyst of the `team` bench's soak, in a process of its own (forked by suites/team.ts, which talks
 * to it by IPC messages): joins the team as a working copy through the Router, then codes as fast as it can —
 * toggling themes on answers, some from a small set every analyst works on (so changes meet), some from the whole
 * consultation, and (analysts 0–4) now and then renaming the one theme they all rename — syncing every few seconds.
 * Every acknowledged change is logged with the time it was acknowledged, every sync with its start and end, so the
 * suite can tell which colleague's change each analyst had seen. Then it syncs on request until the team is quiet,
 * and reports the codings its copy holds.
 */
import { join } from 'node:path';
import { openReadOnly } from '#electron/services/core/db/workspace-file';
import { testRouter } from '../../harness/router';

export interface Target {
  responseId: number;
  questionId: string;
}

export interface AnalystStart {
  kind: 'start';
  index: number;
  url: string;
  schema: string;
  dir: string;
  hot: Target[];
  pool: Target[];
  hotShare: number;
  themes: string[];
  renameTheme: string;
  renameQuestionIds: string[];
  syncEveryMs: number;
}

/** An acknowledged change: t (ms since the epoch), the (response/question/theme) key, and what it did. */
export interface ActionLog {
  t: number;
  k: string;
  e: 'add' | 'remove';
}

export interface SyncLog {
  start: number;
  end: number;
  pushed: number;
  pulled: number;
  conflicts: number;
  error?: string;
}

type FromParent = AnalystStart | { kind: 'go'; until: number } | { kind: 'sync' } | { kind: 'finish' };

const send = (m: unknown): Promise<void> => new Promise((resolve) => process.send!(m, () => resolve()));

let r: ReturnType<typeof testRouter>;
let start: AnalystStart;
let path: string;

async function sync(log: SyncLog[]): Promise<SyncLog> {
  const s: SyncLog = { start: Date.now(), end: 0, pushed: 0, pulled: 0, conflicts: 0 };
  try {
    const rep = await r.call('team.sync', {});
    Object.assign(s, { pushed: rep.pushed, pulled: rep.pulled, conflicts: rep.newConflicts.length });
  } catch (e) {
    s.error = (e as Error).message;
  }
  s.end = Date.now();
  log.push(s);
  return s;
}

async function code(until: number): Promise<void> {
  const actions: ActionLog[] = [];
  const syncs: SyncLog[] = [];
  let renames = 0;
  let errors = 0;
  let nextSync = Date.now() + start.syncEveryMs * (0.5 + Math.random());
  const cpu0 = process.cpuUsage();
  while (Date.now() < until) {
    if (Date.now() >= nextSync) {
      await sync(syncs);
      nextSync = Date.now() + start.syncEveryMs * (0.5 + Math.random());
      continue;
    }
    try {
      if (start.index < 5 && Math.random() < 0.02) {
        await r.call('analysis.saveTheme', {
          id: start.renameTheme,
          name: `Shared theme, as analyst ${start.index} calls it (${++renames})`,
          questionIds: start.renameQuestionIds,
        });
        continue;
      }
      const set = Math.random() < start.hotShare ? start.hot : start.pool;
      const target = set[Math.floor(Math.random() * set.length)]!;
      const themeId = start.themes[Math.floor(Math.random() * start.themes.length)]!;
      const after = await r.call('analysis.code', { ...target, themeId, action: 'toggle' });
      const coded = after.some((c) => c.themeId === themeId && c.passage === null);
      actions.push({
        t: Date.now(),
        k: `${target.responseId}/${target.questionId}/${themeId}`,
        e: coded ? 'add' : 'remove',
      });
    } catch {
      errors++;
    }
  }
  const cpu = process.cpuUsage(cpu0);
  await send({ kind: 'coded', actions, syncs, renames, errors, cpuSeconds: (cpu.user + cpu.system) / 1e6 });
}

process.on('message', (m: FromParent) => {
  void (async () => {
    if (m.kind === 'start') {
      start = m;
      r = testRouter(m.dir, () => new Date(), { actor: `analyst${m.index}` });
      path = join(m.dir, `analyst${m.index}.consult`);
      const t0 = Date.now();
      await r.call('team.join', { server: m.url, schema: m.schema, path });
      await send({ kind: 'joined', ms: Date.now() - t0 });
    } else if (m.kind === 'go') await code(m.until);
    else if (m.kind === 'sync') await send({ kind: 'synced', ...(await sync([])) });
    else {
      const themes = await r.call('analysis.codebook', {});
      const name = themes.find((t) => t.id === start.renameTheme)?.name ?? null;
      await r.call('workspace.close', {});
      await r.router.shutdown();
      const ws = await openReadOnly(path, { integrityCheck: false });
      const keys = ws.db
        .all<{ k: string }>(
          "SELECT response_id || '/' || question_id || '/' || theme_id AS k FROM coding WHERE removed_at IS NULL " +
            "AND coder_set = 'main' ORDER BY 1",
        )
        .map((x) => x.k);
      ws.db.close();
      await send({ kind: 'codings', keys, themeName: name });
      process.exit(0);
    }
  })().catch(async (e: Error) => {
    await send({ kind: 'error', message: e.stack ?? e.message });
    process.exit(1);
  });
});
