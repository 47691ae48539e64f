/**
 * Foundation figures: open and save (snapshot) of a ~150 MB workspace, and the latency of one
 * acknowledged change (journal append + fsync), p50/p95.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkspaceFile, integrityProblems } from '#electron/services/core/db/workspace-file';
import { createWorkspace, setTitle } from '#electron/services/workspace/workspace-service';
import { percentile, round, timed, peakRssMiB } from '../stats';

export const name = 'workspace';

const TARGET_BYTES = 150 * 1024 * 1024;

const WORDS = (
  'the proposal would help people find services online but some worry about access for those without internet ' +
  'and the cost to local organisations of changing systems'
).split(' ');
function answer(i: number): string {
  const n = 20 + (i % 180);
  const out: string[] = [];
  for (let k = 0; k < n; k++) out.push(WORDS[(i * 7 + k * 13) % WORDS.length]!);
  return out.join(' ');
}

export async function run(): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), 'cw-bench-ws-'));
  const path = join(dir, 'big.consult');
  try {
    const ws = await createWorkspace(path, 'Benchmark', 'bench');
    // Synthetic responses: until the response tables exist, a table of the same shape.
    ws.mutate((db) =>
      db.run('CREATE TABLE bench_answer (id INTEGER PRIMARY KEY, respondent INTEGER, question TEXT, text TEXT)'),
    );
    let rows = 0;
    const fill = await timed(() => {
      while (statSync(path).size < TARGET_BYTES) {
        ws.mutate((db) => {
          for (let i = 0; i < 50_000; i++, rows++)
            db.run('INSERT INTO bench_answer (respondent, question, text) VALUES (?, ?, ?)', [
              Math.floor(rows / 20),
              `q${rows % 20}`,
              answer(rows),
            ]);
        });
      }
    });
    const save = await timed(() => ws.snapshot());
    const bytes = statSync(path).size;

    // Acknowledged-change latency on the big workspace.
    const lat: number[] = [];
    for (let i = 0; i < 300; i++) {
      const t0 = performance.now();
      setTitle(ws, `Benchmark ${i}`, 'bench', new Date());
      lat.push(performance.now() - t0);
    }
    const close = await timed(() => ws.close());
    const open = await timed(() => WorkspaceFile.open(path));
    const integrity = await timed(() => integrityProblems(open.value.db));
    const openQuick = await (async () => {
      open.value.close();
      return timed(() => WorkspaceFile.open(path, { integrityCheck: false }));
    })();
    openQuick.value.close();
    return {
      workspaceMiB: round(bytes / 2 ** 20, 1),
      syntheticAnswers: rows,
      fillSeconds: round(fill.ms / 1000, 1),
      saveSnapshotMs: round(save.ms, 0),
      closeMs: round(close.ms, 0),
      openWithIntegrityCheckMs: round(open.ms, 0),
      integrityCheckAloneMs: round(integrity.ms, 0),
      openWithoutIntegrityCheckMs: round(openQuick.ms, 0),
      ackedChangeP50Ms: round(percentile(lat, 50), 2),
      ackedChangeP95Ms: round(percentile(lat, 95), 2),
      peakRssMiB: peakRssMiB(),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
