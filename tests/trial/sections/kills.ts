import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { exampleDraft } from '#shared/domain/draft/example';
import { checkZip } from '#electron/services/formats/read/zip-guard';
import { DEFAULT_LIMITS } from '#electron/services/formats/read/limits';
import { encodeTable } from '../../generators/encode';
import { writeLayout } from '../../generators/layouts';
import { Rng } from '../../generators/random';
import { generateResponses } from '../../generators/synthetic';
import { firstLines, type CaseResult } from '../lib/outcome';
import { ROOT, runCli } from '../lib/run-cli';

/**
 * kill -9 at random moments: in imports (the batch is all there or not there at all, the
 * workspace verifies, the next import of the same file agrees), in exports (the file is absent
 * or complete, and the next export leaves no temp file), and in edits made through the app's
 * backend (every acknowledged edit survives).
 */
export interface KillOptions {
  seed: number;
  count: number;
  work: string;
  log: (line: string) => void;
}

const RESPONSES = 4000;

async function prepare(work: string) {
  mkdirSync(work, { recursive: true });
  const draft = exampleDraft();
  const csv = join(work, 'export.csv');
  writeFileSync(
    csv,
    encodeTable(writeLayout('microsoft-forms', draft, generateResponses(draft, { count: RESPONSES, seed: 11 })), 'csv'),
  );
  const empty = join(work, 'empty.consult');
  const full = join(work, 'full.consult');
  for (const p of [empty, full]) {
    const r = await runCli(['new', p, '--title', 'Kills', '--template', 'example']);
    if (r.status !== 0) throw new Error(r.stderr);
  }
  const imp = await runCli(['import', full, csv]);
  if (imp.status !== 0) throw new Error(imp.stderr);
  // How long each thing takes unkilled, so kills land across the whole of it.
  const copy = join(work, 'timing.consult');
  copyFileSync(empty, copy);
  const importMs = (await runCli(['import', copy, csv])).ms;
  const exportMs = (await runCli(['export', full, 'analysis-xlsx', join(work, 'timing.xlsx'), '--allow-unfinished']))
    .ms;
  return { csv, empty, full, importMs, exportMs };
}

async function info(ws: string): Promise<{ responses: number; title: string } | string> {
  const r = await runCli(['info', ws]);
  if (r.status !== 0) return firstLines(r.stderr);
  return JSON.parse(r.stdout) as { responses: number; title: string };
}

async function verified(ws: string): Promise<string | null> {
  const r = await runCli(['verify', ws], { timeoutMs: 120_000 });
  return r.status === 0 ? null : firstLines(r.stdout + r.stderr, 8);
}

type Kind = 'import' | 'export' | 'edit';

async function killImport(
  rng: Rng,
  p: Awaited<ReturnType<typeof prepare>>,
  dir: string,
): Promise<Omit<CaseResult, 'section' | 'family'>> {
  const ws = join(dir, 'w.consult');
  copyFileSync(p.empty, ws);
  const at = rng.int(0, Math.round(p.importMs * 1.1));
  const run = await runCli(['import', ws, p.csv], { killAfterMs: at });
  const base = {
    name: `killed at ${at} ms of ~${Math.round(p.importMs)}`,
    ms: Math.round(run.ms),
    peakMiB: run.peakMiB,
  };
  const i = await info(ws);
  if (typeof i === 'string') return { ...base, outcome: 'lost', detail: `info after the kill failed: ${i}` };
  if (i.responses !== 0 && i.responses !== RESPONSES)
    return { ...base, outcome: 'lost', detail: `${i.responses} of ${RESPONSES} responses stored: not all or nothing` };
  const bad = await verified(ws);
  if (bad) return { ...base, outcome: 'lost', detail: `Verify failed after the kill: ${bad}` };
  // The next import of the same file agrees with what is stored.
  const again = await runCli(['import', ws, p.csv]);
  const agrees =
    i.responses === RESPONSES
      ? again.status === 1 && /already imported/.test(again.stderr)
      : again.status === 0 && (JSON.parse(again.stdout) as { imported: number }).imported === RESPONSES;
  if (!agrees)
    return {
      ...base,
      outcome: 'lost',
      detail: `with ${i.responses} stored, importing again gave: ${firstLines(again.stderr || again.stdout)}`,
    };
  return {
    ...base,
    outcome: 'intact',
    detail: `${i.responses === 0 ? 'nothing' : 'everything'} stored${run.signal ? '' : ' (finished before the kill)'}`,
  };
}

async function killExport(
  rng: Rng,
  p: Awaited<ReturnType<typeof prepare>>,
  dir: string,
): Promise<Omit<CaseResult, 'section' | 'family'>> {
  const ws = join(dir, 'w.consult');
  copyFileSync(p.full, ws);
  const kind = rng.pick(['analysis-xlsx', 'government-response-docx', 'responses-csv'] as const);
  const out = join(dir, kind.endsWith('csv') ? 'out.csv' : kind.endsWith('xlsx') ? 'out.xlsx' : 'out.docx');
  const at = rng.int(0, Math.round(p.exportMs * 1.1));
  const run = await runCli(['export', ws, kind, out, '--redaction', 'none'], { killAfterMs: at });
  const base = { name: `${kind} killed at ${at} ms`, ms: Math.round(run.ms), peakMiB: run.peakMiB };
  const left = existsSync(out);
  if (left && !out.endsWith('.csv')) {
    try {
      checkZip(new Uint8Array(readFileSync(out)), basename(out), DEFAULT_LIMITS);
    } catch (e) {
      return { ...base, outcome: 'lost', detail: `a half-written ${basename(out)} was left: ${(e as Error).message}` };
    }
  }
  const bad = await verified(ws);
  if (bad) return { ...base, outcome: 'lost', detail: `Verify failed after the kill: ${bad}` };
  // The next export to the same place works and leaves no temp file of the killed one.
  const again = await runCli(['export', ws, kind, out, '--redaction', 'none']);
  if (again.status !== 0)
    return { ...base, outcome: 'lost', detail: `the export after the kill failed: ${firstLines(again.stderr)}` };
  const strays = readdirSync(dir).filter((n) => n.endsWith('.tmp'));
  if (strays.length)
    return { ...base, outcome: 'lost', detail: `temp files left after the next export: ${strays.join(', ')}` };
  return {
    ...base,
    outcome: 'intact',
    detail: `${left ? 'file complete' : 'no file'}${run.signal ? '' : ' (finished before the kill)'}`,
  };
}

async function killEdits(
  rng: Rng,
  p: Awaited<ReturnType<typeof prepare>>,
  dir: string,
): Promise<Omit<CaseResult, 'section' | 'family'>> {
  const ws = join(dir, 'w.consult');
  copyFileSync(p.empty, ws);
  const at = rng.int(200, 2500);
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'tests', 'trial', 'edit-victim.ts'), ws, '1'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const ready = await new Promise<boolean>((resolve) => {
    const t = setInterval(() => {
      if (out.includes('READY')) {
        clearInterval(t);
        resolve(true);
      }
    }, 10);
    child.on('close', () => {
      clearInterval(t);
      resolve(false);
    });
  });
  if (!ready)
    return {
      name: 'edits',
      ms: 0,
      peakMiB: 0,
      outcome: 'crash',
      detail: `the victim did not start: ${firstLines(err)}`,
    };
  await new Promise((r) => setTimeout(r, at));
  child.kill('SIGKILL');
  await new Promise((r) => child.on('close', r));
  const acks = [...out.matchAll(/^ACK (\d+)$/gm)].map((m) => Number(m[1]));
  const last = acks.length ? acks[acks.length - 1]! : 0;
  const base = {
    name: `killed after ${acks.length} acknowledged edits`,
    ms: Math.round(performance.now() - started),
    peakMiB: 0,
  };
  const bad = await verified(ws);
  if (bad) return { ...base, outcome: 'lost', detail: `Verify failed after the kill: ${bad}` };
  // The last acknowledged title change (edits 0 and 1 of every 5) must be there, or a later one.
  const lastTitle = [...acks].reverse().find((n) => n % 5 === 0 || n % 5 === 1);
  const i = await info(ws);
  if (typeof i === 'string') return { ...base, outcome: 'lost', detail: `info after the kill failed: ${i}` };
  const stored = Number(/^Edit (\d+)$/.exec(i.title)?.[1] ?? 0);
  if (lastTitle !== undefined && stored < lastTitle)
    return { ...base, outcome: 'lost', detail: `edit ${lastTitle} was acknowledged, but the title is "${i.title}"` };
  return { ...base, outcome: 'intact', detail: `${acks.length} acknowledged (last ${last}), all there` };
}

export async function runKills(opts: KillOptions): Promise<CaseResult[]> {
  const p = await prepare(opts.work);
  opts.log(
    `  import ~${Math.round(p.importMs)} ms, export ~${Math.round(p.exportMs)} ms unkilled; ${opts.count} kills ` +
      `(seed ${opts.seed})`,
  );
  const rng = new Rng(opts.seed * 7919);
  const results: CaseResult[] = [];
  for (let i = 0; i < opts.count; i++) {
    const kind: Kind = i % 5 === 3 ? 'export' : i % 5 === 4 ? 'edit' : 'import';
    const dir = join(opts.work, 'cases', String(i));
    mkdirSync(dir, { recursive: true });
    const r =
      kind === 'import'
        ? await killImport(rng, p, dir)
        : kind === 'export'
          ? await killExport(rng, p, dir)
          : await killEdits(rng, p, dir);
    results.push({ section: 'kills', family: `kill -9 during ${kind}s`, ...r });
    rmSync(dir, { recursive: true, force: true });
    if ((i + 1) % 25 === 0) opts.log(`  … ${i + 1} of ${opts.count}`);
  }
  return results;
}
