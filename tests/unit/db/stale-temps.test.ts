import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { cleanStaleTemps, tempNameFor } from '#electron/services/core/files/atomic-write';
import { createWorkspace } from '#electron/services/workspace/workspace-service';
import { WorkspaceFile } from '#electron/services/core/db/workspace-file';
import { tempDir } from '../../harness/temp';

/**
 * Temp files a killed writer left beside its target (`.out.xlsx.<pid>.<hex>.tmp`, up to megabytes
 * each) are removed by the next writer of that target and when a workspace opens — but never one
 * a running process may still be writing.
 */
let t: ReturnType<typeof tempDir>;
beforeEach(() => {
  t = tempDir('cw-stale-');
});
afterEach(() => t.cleanup());

/** A pid no process has now. */
function deadPid(): number {
  for (let pid = 4_000_000; ; pid--) {
    try {
      process.kill(pid, 0);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ESRCH') return pid;
    }
  }
}

function stray(target: string, pid: number, ageSeconds: number): string {
  const name = `${t.dir}/.${target.split('/').pop()}.${pid}.0123abcd.tmp`;
  writeFileSync(name, 'half a file');
  const when = new Date(Date.now() - ageSeconds * 1000);
  utimesSync(name, when, when);
  return name;
}

describe('temp files left by a writer that was killed', () => {
  it("are removed by the next writer of the same target; a live writer's and another target's are kept", async () => {
    const target = t.path('out.xlsx');
    const dead = stray(target, deadPid(), 3600);
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      const live = stray(target, sleeper.pid!, 3600);
      const other = stray(t.path('other.xlsx'), deadPid(), 3600);
      const mine = tempNameFor(target);
      expect(mine).toMatch(new RegExp(`\\.out\\.xlsx\\.${process.pid}\\.[0-9a-f]{8}\\.tmp$`));
      expect(existsSync(dead)).toBe(false);
      expect(existsSync(live)).toBe(true);
      expect(existsSync(other)).toBe(true);
      expect(cleanStaleTemps(t.path('other.xlsx'))).toBe(1);
    } finally {
      sleeper.kill();
    }
  });

  it('keeps one made since this process started (it may belong to a writer still at work)', () => {
    const target = t.path('young.docx');
    const young = stray(target, deadPid(), -5);
    expect(cleanStaleTemps(target)).toBe(0);
    expect(existsSync(young)).toBe(true);
  });

  it('are removed when a workspace opens, for the workspace and its backup', async () => {
    const p = t.path('w.consult');
    (await createWorkspace(p, 'Temps', 'tester')).close();
    stray(p, deadPid(), 7200);
    stray(`${p}.bak`, deadPid(), 7200);
    expect(readdirSync(t.dir).filter((n) => n.endsWith('.tmp'))).toHaveLength(2);
    (await WorkspaceFile.open(p)).close();
    expect(readdirSync(t.dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});
