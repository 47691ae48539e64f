import { spawn, type ChildProcess } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { exampleDraft } from '#shared/domain/draft/example';
import { encodeTable } from '../../generators/encode';
import { writeLayout } from '../../generators/layouts';
import { Rng } from '../../generators/random';
import { generateResponses } from '../../generators/synthetic';
import { firstLines, judgeRefusal, type CaseResult, type Outcome } from '../lib/outcome';
import { ROOT, runCli, type CliRun } from '../lib/run-cli';

/**
 * Workspaces in a bad way: held open by another program (refused, then taken over once that
 * program dies), with random bytes changed (every command answers without crashing; a workspace
 * Verify calls damaged is never written to), and with the change journal cut part way through a
 * record (what is whole is recovered; Verify passes afterwards).
 */
export interface WorkspaceOptions {
  seed: number;
  work: string;
  log: (line: string) => void;
  flips?: number;
  cuts?: number;
}

function child(script: string, args: string[]): { proc: ChildProcess; ready: Promise<boolean>; out: () => string } {
  const proc = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'tests', 'trial', script), ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const ready = new Promise<boolean>((resolve) => {
    const t = setInterval(() => out.includes('READY') && (clearInterval(t), resolve(true)), 10);
    proc.on('close', () => (clearInterval(t), resolve(false)));
  });
  return { proc, ready, out: () => out };
}

const kill = async (p: ChildProcess) => {
  p.kill('SIGKILL');
  if (p.exitCode === null && p.signalCode === null) await new Promise((r) => p.on('close', r));
};

/** A command's answer, judged: it ran (0), or refused clearly (1/2). */
function answered(run: CliRun, command: string, names: string[]): { outcome: Outcome; detail: string } {
  if (run.status === 0 && !run.timedOut && !run.overMemory) return { outcome: 'intact', detail: 'ran' };
  return judgeRefusal(run, command, names);
}

export async function runWorkspaces(opts: WorkspaceOptions): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  const push = (family: string, name: string, r: { outcome: Outcome; detail: string }, run?: CliRun) =>
    results.push({
      section: 'workspaces',
      family,
      name,
      ...r,
      ms: Math.round(run?.ms ?? 0),
      peakMiB: run?.peakMiB ?? 0,
    });
  mkdirSync(opts.work, { recursive: true });
  const rng = new Rng(opts.seed * 104729);
  const draft = exampleDraft();
  const csv = join(opts.work, 'export.csv');
  writeFileSync(
    csv,
    encodeTable(writeLayout('surveymonkey', draft, generateResponses(draft, { count: 300, seed: 9 })), 'csv'),
  );
  const more = join(opts.work, 'more.csv');
  writeFileSync(
    more,
    encodeTable(writeLayout('microsoft-forms', draft, generateResponses(draft, { count: 20, seed: 10 })), 'csv'),
  );
  const full = join(opts.work, 'full.consult');
  if ((await runCli(['new', full, '--title', 'Workspaces', '--template', 'example'])).status !== 0)
    throw new Error('could not make the workspace');
  if ((await runCli(['import', full, csv])).status !== 0) throw new Error('could not import');

  // Held open elsewhere.
  {
    const ws = join(opts.work, 'held.consult');
    copyFileSync(full, ws);
    const holder = child('holder.ts', [ws]);
    if (!(await holder.ready))
      push('held open elsewhere', 'holder', { outcome: 'crash', detail: firstLines(holder.out()) });
    else {
      const imp = await runCli(['import', ws, more]);
      push(
        'held open elsewhere',
        'import while open elsewhere',
        imp.status === 0
          ? { outcome: 'lost', detail: 'imported into a workspace another program has open' }
          : judgeRefusal(imp, 'import', ['open', 'held.consult']),
        imp,
      );
      const exp = await runCli(['export', ws, 'consultation-docx', join(opts.work, 'held.docx')]);
      push(
        'held open elsewhere',
        'export while open elsewhere',
        exp.status === 0
          ? { outcome: 'lost', detail: 'exported (and logged) into a workspace another program has open' }
          : judgeRefusal(exp, 'export', ['open', 'held.consult']),
        exp,
      );
      const ver = await runCli(['verify', ws]);
      push(
        'held open elsewhere',
        'verify while open elsewhere',
        ver.status === 0
          ? { outcome: 'intact', detail: 'read without the lock' }
          : { outcome: 'crash', detail: firstLines(ver.stdout + ver.stderr) },
        ver,
      );
      await kill(holder.proc);
      // The holder died with its lock and an acknowledged change in the journal: taken over, nothing lost.
      const after = await runCli(['import', ws, more]);
      const info = await runCli(['info', ws]);
      const title = info.status === 0 ? (JSON.parse(info.stdout) as { title: string }).title : '';
      push(
        'held open elsewhere',
        'import after the holder was killed',
        after.status === 0 && title === 'Held open elsewhere'
          ? { outcome: 'intact', detail: "stale lock taken over, the holder's change kept" }
          : { outcome: 'lost', detail: `${firstLines(after.stderr)}; title "${title}"` },
        after,
      );
    }
  }

  // Random bytes changed: in a workspace as it sits on the disk (its journal beside it), and in one
  // copied on its own.
  const flips = opts.flips ?? 40;
  for (let i = 0; i < flips; i++) {
    const dir = join(opts.work, `flip-${i}`);
    mkdirSync(dir, { recursive: true });
    const ws = join(dir, 'w.consult');
    const alone = i % 2 === 1;
    if (!alone) copyFileSync(`${full}-journal`, `${ws}-journal`);
    const bytes = new Uint8Array(readFileSync(full));
    const at: number[] = [];
    for (let k = 0; k < 10; k++) {
      const p = rng.int(100, bytes.length - 1); // past the header, which opening checks first
      bytes[p] = bytes[p]! ^ (1 << rng.int(0, 7));
      at.push(p);
    }
    writeFileSync(ws, bytes);
    const name = `10 bytes changed (first at ${Math.min(...at)})${alone ? ', file copied alone' : ''}`;
    const verify = await runCli(['verify', ws], { timeoutMs: 120_000 });
    const damaged = verify.status === 1;
    push(
      'bytes changed',
      `${name}: verify`,
      verify.status === 0 || (damaged && verify.stdout.includes('"ok": false'))
        ? { outcome: 'intact', detail: damaged ? 'reported damaged' : 'no damage found' }
        : answered(verify, 'verify', ['w.consult', 'damaged']),
      verify,
    );
    for (const [cmd, args] of [
      ['info', ['info', ws]],
      ['search', ['search', ws, 'bus']],
      ['export', ['export', ws, 'government-response-docx', join(dir, 'gr.docx'), '--allow-unfinished']],
      ['import', ['import', ws, more]],
    ] as const) {
      const before = readFileSync(ws);
      const run = await runCli([...args], { timeoutMs: 120_000 });
      let r = answered(run, cmd, ['damaged', 'w.consult', 'workspace']);
      // A workspace Verify found damaged is never written to.
      if (damaged && (cmd === 'import' || cmd === 'export') && !readFileSync(ws).equals(before)) {
        const found = (JSON.parse(verify.stdout) as { integrity: string[] }).integrity.join('; ');
        r = { outcome: 'lost', detail: `${cmd} rewrote a workspace Verify calls damaged (${found.slice(0, 300)})` };
      }
      push('bytes changed', `${name}: ${cmd}`, r, run);
    }
    rmSync(dir, { recursive: true, force: true });
  }

  // Journals cut part way through.
  const cuts = opts.cuts ?? 20;
  const journaled = join(opts.work, 'journaled.consult');
  copyFileSync(full, journaled);
  const victim = child('edit-victim.ts', [journaled, '1']);
  if (!(await victim.ready)) push('journal cut', 'victim', { outcome: 'crash', detail: firstLines(victim.out()) });
  else {
    await new Promise((r) => setTimeout(r, 1500));
    await kill(victim.proc);
    const jPath = `${journaled}-journal`;
    const jSize = existsSync(jPath) ? statSync(jPath).size : 0;
    for (let i = 0; i < cuts; i++) {
      const dir = join(opts.work, `cut-${i}`);
      mkdirSync(dir, { recursive: true });
      const ws = join(dir, 'w.consult');
      copyFileSync(journaled, ws);
      copyFileSync(jPath, `${ws}-journal`);
      const cutAt = rng.int(8, Math.max(9, jSize - 1));
      truncateSync(`${ws}-journal`, cutAt);
      const name = `journal of ${jSize} bytes cut at ${cutAt}`;
      const info = await runCli(['info', ws]);
      push('journal cut', `${name}: info`, answered(info, 'info', ['w.consult']), info);
      const imp = await runCli(['import', ws, more]);
      push('journal cut', `${name}: import`, answered(imp, 'import', ['w.consult']), imp);
      const ver = await runCli(['verify', ws], { timeoutMs: 120_000 });
      push(
        'journal cut',
        `${name}: verify afterwards`,
        ver.status === 0
          ? { outcome: 'intact', detail: 'recovered' }
          : { outcome: 'lost', detail: firstLines(ver.stdout + ver.stderr, 6) },
        ver,
      );
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return results;
}
