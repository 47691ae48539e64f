/**
 * The victim of the crash test: opens a workspace and makes acknowledged changes as fast as it
 * can, printing "ACK <n>" after each change's mutate() has returned (that is the moment the app
 * would tell the user "Saved"). Every few changes it takes a snapshot, so kills also land in the
 * middle of snapshot writes, renames and journal resets. The parent kills it with SIGKILL.
 *
 * Usage: node --import tsx tests/harness/crash-child.ts <workspace> <start-n>
 */
import { WorkspaceFile } from '#electron/services/core/db/workspace-file';
import { audit } from '#electron/services/core/audit';
import { writeSync } from 'node:fs';

const [path, startArg] = process.argv.slice(2);
if (!path) throw new Error('usage: crash-child <workspace> <start>');
let n = Number(startArg ?? 0);

const file = await WorkspaceFile.open(path, { journalSnapshotBytes: 64 * 1024 });
writeSync(1, 'READY\n');
for (;;) {
  const i = n++;
  file.mutate((db) => {
    audit(db, new Date(), 'crash-test', 'crash.ack', String(i), { pad: 'p'.repeat(i % 7 === 0 ? 3000 : 50) });
    db.run('UPDATE consultation SET title = ?, updated_at = ? WHERE id = 1', [`Change ${i}`, new Date().toISOString()]);
  });
  writeSync(1, `ACK ${i}\n`); // synchronous: once written, the parent will read it even if we die next
  if (i % 9 === 0) file.snapshot();
}
