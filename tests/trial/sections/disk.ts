import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exampleDraft } from '#shared/domain/draft/example';
import { checkZip } from '#electron/services/formats/read/zip-guard';
import { DEFAULT_LIMITS } from '#electron/services/formats/read/limits';
import { encodeTable } from '../../generators/encode';
import { writeLayout } from '../../generators/layouts';
import { generateResponses } from '../../generators/synthetic';
import { smallDiskUnavailable, withSmallDisk } from '../../harness/small-disk';
import { firstLines, judgeRefusal, type CaseResult } from '../lib/outcome';
import { CLI, runCli } from '../lib/run-cli';

/**
 * A full disk and places that cannot be written, for real: a small tmpfs in a mount namespace of
 * the trial's own (unshare), filled to a chosen number of bytes free, or remounted read-only; and
 * a workspace the user may not write. What each command reports must be what is stored.
 */
export interface DiskOptions {
  seed: number;
  work: string;
  log: (line: string) => void;
}

const COUNT = 60;
const KiB = 1024;

interface Step {
  rc: number;
  out: string;
  err: string;
}

/** Runs CLI steps inside the namespace, each step's rc/stdout/stderr kept in `out`. */
function scenario(disk: string, out: string, sizeKiB: number, lines: string[]): Map<string, Step> | string {
  mkdirSync(disk, { recursive: true });
  mkdirSync(out, { recursive: true });
  const r = withSmallDisk(disk, sizeKiB, lines.join('\n'));
  if (r.status !== 0) return `the scenario failed to run: ${firstLines(r.stderr)}`;
  const steps = new Map<string, Step>();
  for (const name of lines.map((l) => /^step (\w+)/.exec(l)?.[1]).filter(Boolean) as string[]) {
    const read = (ext: string) =>
      existsSync(join(out, `${name}.${ext}`)) ? readFileSync(join(out, `${name}.${ext}`), 'utf8') : '';
    steps.set(name, { rc: Number(read('rc').trim() || -1), out: read('out'), err: read('err') });
  }
  return steps;
}

/** A shell line running one CLI command as a named step (60 s at most). */
const step = (out: string, name: string, args: string) =>
  `step ${name} || true; timeout -s KILL 60 node '${CLI}' ${args} > '${out}/${name}.out' 2> ` +
  `'${out}/${name}.err'; echo $? > '${out}/${name}.rc'`;
const PRELUDE = 'step() { true; }';

const asRun = (s: Step) => ({
  status: s.rc === 137 ? null : s.rc,
  signal: s.rc === 137 ? ('SIGKILL' as const) : null,
  stdout: s.out,
  stderr: s.err,
  ms: 0,
  peakMiB: 0,
  timedOut: s.rc === 137,
  overMemory: false,
});

export async function runDisk(opts: DiskOptions): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  const push = (family: string, name: string, outcome: CaseResult['outcome'], detail: string) =>
    results.push({ section: 'disk', family, name, outcome, detail, ms: 0, peakMiB: 0 });
  mkdirSync(opts.work, { recursive: true });
  const ws = join(opts.work, 'source.consult');
  const full = join(opts.work, 'full.consult');
  const draft = exampleDraft();
  const csv = join(opts.work, 'export.csv');
  writeFileSync(
    csv,
    encodeTable(writeLayout('microsoft-forms', draft, generateResponses(draft, { count: COUNT, seed: 5 })), 'csv'),
  );
  for (const p of [ws, full])
    if ((await runCli(['new', p, '--title', 'Disk', '--template', 'example'])).status !== 0)
      throw new Error('could not make the workspace');
  if ((await runCli(['import', full, csv])).status !== 0) throw new Error('could not import');

  const unavailable = smallDiskUnavailable();
  if (unavailable) {
    opts.log(`  full-disk and read-only-mount cases skipped: ${unavailable}`);
  } else {
    // Imports with less and less room: enough for everything, for the journal only, for nothing.
    for (const keep of [2048, 1024, 512, 400, 320, 256, 200, 160, 128, 64, 32, 16, 8, 4]) {
      const disk = join(opts.work, `imp-${keep}`);
      const out = join(opts.work, `imp-${keep}-out`);
      const s = scenario(disk, out, 4096, [
        PRELUDE,
        `cp '${ws}' '${disk}/w.consult'`,
        `fill ${keep * KiB}`,
        step(out, 'imp', `import '${disk}/w.consult' '${csv}'`),
        'unfill',
        step(out, 'info', `info '${disk}/w.consult'`),
        step(out, 'verify', `verify '${disk}/w.consult'`),
      ]);
      const name = `import with ${keep} KiB free`;
      if (typeof s === 'string') {
        push('import on a full disk', name, 'crash', s);
        continue;
      }
      const imp = s.get('imp')!;
      const stored = s.get('info')!.rc === 0 ? (JSON.parse(s.get('info')!.out) as { responses: number }).responses : -1;
      const verifies = s.get('verify')!.rc === 0;
      if (!verifies)
        push(
          'import on a full disk',
          name,
          'lost',
          `Verify failed afterwards: ${firstLines(s.get('verify')!.out + s.get('verify')!.err, 6)}`,
        );
      else if (imp.rc === 0)
        push(
          'import on a full disk',
          name,
          stored === COUNT ? 'intact' : 'lost',
          stored === COUNT
            ? `imported${/could not be rewritten/.test(imp.out) ? ', kept in the journal (said so)' : ''}`
            : `reported imported, ${stored} stored`,
        );
      else {
        const j = judgeRefusal(asRun(imp), 'import', ['disk is full', 'w.consult']);
        push(
          'import on a full disk',
          name,
          stored === 0 ? j.outcome : 'lost',
          stored === 0 ? j.detail : `reported failed, yet ${stored} stored: ${j.detail}`,
        );
      }
    }
    // Exports to a nearly full disk: the file is whole or absent, never a stub or a temp file left.
    for (const keep of [4, 16, 64, 128, 256, 1024]) {
      for (const [kind, ext] of [
        ['analysis-xlsx', 'xlsx'],
        ['government-response-docx', 'docx'],
        ['consultation-docx', 'docx'],
      ] as const) {
        const disk = join(opts.work, `exp-${kind}-${keep}`);
        const out = join(opts.work, `exp-${kind}-${keep}-out`);
        const local = join(opts.work, `exp-${kind}-${keep}.consult`);
        copyFileSync(full, local);
        const s = scenario(disk, out, 4096, [
          PRELUDE,
          `fill ${keep * KiB}`,
          step(out, 'exp', `export '${local}' ${kind} '${disk}/out.${ext}' --redaction none`),
          `ls -a '${disk}' > '${out}/files.txt'`,
          `[ -f '${disk}/out.${ext}' ] && cp '${disk}/out.${ext}' '${out}/copy.${ext}'; true`,
        ]);
        const name = `${kind} with ${keep} KiB free`;
        if (typeof s === 'string') {
          push('export to a full disk', name, 'crash', s);
          continue;
        }
        const files = readFileSync(join(out, 'files.txt'), 'utf8')
          .split('\n')
          .filter((f) => f && f !== '.' && f !== '..' && f !== '.filler');
        const exp = s.get('exp')!;
        if (files.some((f) => f.endsWith('.tmp')))
          push('export to a full disk', name, 'lost', `a temp file was left: ${files.join(', ')}`);
        else if (exp.rc === 0) {
          let whole = files.includes(`out.${ext}`) ? '' : 'reported exported, but there is no file';
          try {
            if (!whole) checkZip(new Uint8Array(readFileSync(join(out, `copy.${ext}`))), `out.${ext}`, DEFAULT_LIMITS);
          } catch (e) {
            whole = `reported exported, but the file is not whole: ${(e as Error).message}`;
          }
          push('export to a full disk', name, whole ? 'lost' : 'intact', whole || 'exported, file whole');
        } else {
          const j = judgeRefusal(asRun(exp), 'export', ['disk is full', `out.${ext}`]);
          push(
            'export to a full disk',
            name,
            files.length ? 'lost' : j.outcome,
            files.length ? `failed, yet left ${files.join(', ')}` : j.detail,
          );
        }
      }
    }
    // A new workspace on a full disk.
    for (const keep of [0, 4, 64]) {
      const disk = join(opts.work, `new-${keep}`);
      const out = join(opts.work, `new-${keep}-out`);
      const s = scenario(disk, out, 1024, [
        PRELUDE,
        `fill ${keep * KiB}`,
        step(out, 'new', `new '${disk}/n.consult' --title New --template example`),
        `ls -a '${disk}' > '${out}/files.txt'`,
      ]);
      const name = `new workspace with ${keep} KiB free`;
      if (typeof s === 'string') {
        push('new workspace on a full disk', name, 'crash', s);
        continue;
      }
      const n = s.get('new')!;
      const files = readFileSync(join(out, 'files.txt'), 'utf8')
        .split('\n')
        .filter((f) => f && f !== '.' && f !== '..' && f !== '.filler');
      if (n.rc === 0) push('new workspace on a full disk', name, 'intact', 'created');
      else {
        const j = judgeRefusal(asRun(n), 'new', ['disk is full']);
        push(
          'new workspace on a full disk',
          name,
          files.some((f) => f.startsWith('n.consult') || f.endsWith('.tmp')) ? 'lost' : j.outcome,
          files.length ? `failed, yet left ${files.join(', ')}` : j.detail,
        );
      }
    }
    // A folder that cannot be written (a read-only mount): import and export refuse, reading works.
    {
      const disk = join(opts.work, 'ro');
      const out = join(opts.work, 'ro-out');
      const s = scenario(disk, out, 4096, [
        PRELUDE,
        `cp '${full}' '${disk}/w.consult'`,
        `mount -o remount,ro '${disk}'`,
        step(out, 'imp', `import '${disk}/w.consult' '${csv}'`),
        step(out, 'exp', `export '${ws}' consultation-docx '${disk}/out.docx'`),
        step(out, 'new', `new '${disk}/n.consult' --title N`),
        step(out, 'info', `info '${disk}/w.consult'`),
        step(out, 'verify', `verify '${disk}/w.consult'`),
        step(out, 'search', `search '${disk}/w.consult' bus`),
      ]);
      if (typeof s === 'string') push('read-only folder', 'all', 'crash', s);
      else {
        for (const [k, cmd] of [
          ['imp', 'import'],
          ['exp', 'export'],
          ['new', 'new'],
        ] as const) {
          const r = s.get(k)!;
          if (r.rc === 0) push('read-only folder', cmd, 'lost', 'succeeded on a read-only folder');
          else
            push(
              'read-only folder',
              cmd,
              ...(Object.values(judgeRefusal(asRun(r), cmd, ['written', 'read-only', 'read only'])) as [
                CaseResult['outcome'],
                string,
              ]),
            );
        }
        for (const k of ['info', 'verify', 'search']) {
          const r = s.get(k)!;
          push(
            'read-only folder',
            k,
            r.rc === 0 ? 'intact' : 'crash',
            r.rc === 0 ? 'read without writing' : firstLines(r.err),
          );
        }
      }
    }
  }
  // A workspace the user may not write (as another user, where the trial runs as root).
  if (process.getuid?.() === 0 && spawnSync('runuser', ['-u', 'nobody', '--', 'true']).status === 0) {
    const dir = join('/tmp', `cw-trial-ro-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    chmodSync(dir, 0o1777);
    const p = join(dir, 'w.consult');
    copyFileSync(full, p);
    chmodSync(p, 0o644);
    const before = readFileSync(p);
    for (const [cmd, args] of [
      ['import', ['import', p, csv]],
      ['export', ['export', p, 'consultation-docx', join(dir, 'o.docx')]],
    ] as const) {
      const r = spawnSync('runuser', ['-u', 'nobody', '--', process.execPath, CLI, ...args], {
        encoding: 'utf8',
        timeout: 60_000,
      });
      const run = {
        status: r.status,
        signal: r.signal,
        stdout: r.stdout,
        stderr: r.stderr,
        ms: 0,
        peakMiB: 0,
        timedOut: false,
        overMemory: false,
      };
      const j =
        r.status === 0
          ? { outcome: 'lost' as const, detail: 'wrote a file the user may not write' }
          : judgeRefusal(run, cmd, ['w.consult', "can't be written", 'cannot be written']);
      push('workspace the user may not write', cmd, readFileSync(p).equals(before) ? j.outcome : 'lost', j.detail);
    }
    spawnSync('rm', ['-rf', dir]);
  } else opts.log('  the not-writable-file case needs root (to run as another user): skipped');
  return results;
}
