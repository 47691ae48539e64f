import { describe, expect, it } from 'vitest';
import { createWorkspace } from '#electron/services/workspace/workspace-service';
import { audit } from '#electron/services/core/audit';
import { WorkspaceFile } from '#electron/services/core/db/workspace-file';
import { integrityProblems } from '#electron/services/core/db/workspace-file';
import { tempDir } from '../harness/temp';
import { spawnLines } from '../harness/child-lines';

const KILLS = Number(process.env['CRASH_KILLS'] ?? 60);

/** Run the child until it has acknowledged some changes, then SIGKILL it at a random moment. */
async function runAndKill(path: string, start: number, delayMs: number): Promise<{ acked: number[]; ready: boolean }> {
  const acked: number[] = [];
  let ready = false;
  const { exited } = spawnLines('tests/harness/crash-child.ts', [path, String(start)], (line, child) => {
    if (line === 'READY' && !ready) {
      ready = true;
      setTimeout(() => child.kill('SIGKILL'), delayMs);
    } else if (line.startsWith('ACK ')) acked.push(Number(line.slice(4)));
  });
  const { code, signal, stderr } = await exited;
  if (signal !== 'SIGKILL') throw new Error(`child exited by itself (${code}): ${stderr}`);
  return { acked, ready };
}

describe('crash safety', () => {
  it(`every acknowledged change survives SIGKILL at random moments (${KILLS} kills)`, async () => {
    const t = tempDir('cw-crash-');
    const path = t.path('crash.consult');
    // Some bulk, so snapshots take long enough for kills to land inside them.
    const f = await createWorkspace(path, 'Crash test', 'tester');
    f.mutate((db) => {
      for (let i = 0; i < 4000; i++) audit(db, new Date(), 'setup', 'bulk', String(i), { pad: 'b'.repeat(200) });
    });
    f.close();

    const allAcked = new Set<number>();
    let next = 0;
    let lastAcked = -1;
    for (let k = 0; k < KILLS; k++) {
      const delay = 5 + Math.floor(Math.random() * 120);
      const { acked, ready } = await runAndKill(path, next, delay);
      expect(ready).toBe(true);
      for (const a of acked) allAcked.add(a);
      if (acked.length) lastAcked = Math.max(lastAcked, ...acked);
      // The child may have done one more change than it acknowledged; numbers continue past it.
      next = Math.max(next, ...acked.map((a) => a + 1)) + 1;

      // After every kill: the workspace opens (stale lock taken over), is intact, holds every ack.
      const w = await WorkspaceFile.open(path);
      expect(integrityProblems(w.db)).toEqual([]);
      const present = new Set(
        w.db
          .all<{ subject: string }>("SELECT subject FROM audit_log WHERE action = 'crash.ack'")
          .map((r) => Number(r.subject)),
      );
      const missing = [...allAcked].filter((a) => !present.has(a));
      expect(missing, `kill ${k}: acknowledged changes missing after recovery`).toEqual([]);
      // The title reflects the last acknowledged change or a later, unacknowledged one: never an older one.
      const title = w.db.scalar<string>('SELECT title FROM consultation WHERE id = 1') ?? '';
      if (lastAcked >= 0) expect(Number(title.replace('Change ', ''))).toBeGreaterThanOrEqual(lastAcked);
      w.close();
    }
    expect(allAcked.size).toBeGreaterThan(KILLS); // the test did real work
    t.cleanup();
  }, 600_000);
});
