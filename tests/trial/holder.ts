/**
 * Holds a workspace open for editing, as the app does while a window has it, until killed: the
 * trial's "workspace open elsewhere" case. Prints READY once the lock is taken.
 *
 * Usage: node --import tsx tests/trial/holder.ts <workspace>
 */
import { writeSync } from 'node:fs';
import { openWorkspace } from '#electron/services/workspace/workspace-service';

const path = process.argv[2];
if (!path) throw new Error('usage: holder <workspace>');
const file = await openWorkspace(path);
file.mutate((db) => db.run("UPDATE consultation SET title = 'Held open elsewhere' WHERE id = 1"));
writeSync(1, 'READY\n');
setInterval(() => {}, 60_000);
