/**
 * The victim of the team crash test: opens a team copy through the real Router and codes as fast as it can, a
 * random theme added to or removed from a random answer, printing "ACK <response> <theme> <add|remove>" once the
 * call has returned (the moment the app says "Saved"), and syncing every few changes between "SYNC" and
 * "SYNCED". The parent kills it with SIGKILL, often in the middle of a sync.
 *
 * Usage: node --import tsx tests/harness/team-sync-child.ts <workspace> <question> <seed> <responses,…> <themes,…>
 */
import { writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { seededRandom } from '#shared/core/hash';
import { testRouter } from './router';

const [path, questionId, seedArg, responsesArg, themesArg] = process.argv.slice(2);
if (!path || !questionId || !responsesArg || !themesArg) throw new Error('usage: team-sync-child …');
const responses = responsesArg.split(',').map(Number);
const themes = themesArg.split(',');
const random = seededRandom(Number(seedArg ?? 1));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

const r = testRouter(dirname(path), () => new Date(), { actor: 'alice' });
await r.call('workspace.open', { path });
writeSync(1, 'READY\n');
for (let i = 0; ; i++) {
  const responseId = pick(responses);
  const themeId = pick(themes);
  const action = random() < 0.7 ? 'add' : 'remove';
  writeSync(1, `TRY ${responseId} ${themeId} ${action}\n`);
  await r.call('analysis.code', { responseId, questionId, themeId, action });
  writeSync(1, `ACK ${responseId} ${themeId} ${action}\n`);
  if (i % 15 === 14) {
    writeSync(1, 'SYNC\n');
    await r.call('team.sync', {});
    writeSync(1, 'SYNCED\n');
  }
}
