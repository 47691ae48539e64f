import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Rng } from '../../generators/random';
import type { TrialInput } from '../inputs/case';
import { textInputs } from '../inputs/text';
import { sheetInputs } from '../inputs/sheets';
import { emailInputs, folderInputs, formInputs, msgInputs } from '../inputs/mail-forms-folders';
import { judgeRefusal, firstLines, type CaseResult } from '../lib/outcome';
import { pool, runCli } from '../lib/run-cli';
import { readJournal } from '#electron/services/core/db/journal';

/**
 * Every importer against hostile inputs, through the built command line: each case imported into
 * a fresh copy of a workspace, watched for time and memory. A refusal must leave the workspace
 * byte for byte as it was; an import must leave a workspace that verifies (every fifth is checked).
 */
export interface InputsOptions {
  seed: number;
  count: number;
  work: string;
  log: (line: string) => void;
}

interface Base {
  example: string;
  blank: string;
  bytes: Map<string, Buffer>;
}

async function prepare(work: string): Promise<{ base: Base; forms: { docx: Uint8Array; xlsx: Uint8Array } }> {
  const dir = join(work, 'base');
  mkdirSync(dir, { recursive: true });
  const example = join(dir, 'example.consult');
  const blank = join(dir, 'blank.consult');
  for (const [path, template] of [
    [example, 'example'],
    [blank, 'blank'],
  ] as const) {
    const r = await runCli(['new', path, '--title', 'Trial', '--template', template]);
    if (r.status !== 0) throw new Error(`could not make the ${template} workspace: ${r.stderr}`);
  }
  const forms = { docx: new Uint8Array(), xlsx: new Uint8Array() };
  for (const kind of ['docx', 'xlsx'] as const) {
    const out = join(dir, `form.${kind}`);
    const r = await runCli(['export', example, `response-form-${kind}`, out]);
    if (r.status !== 0) throw new Error(`could not export the ${kind} form: ${r.stderr}`);
    forms[kind] = new Uint8Array(readFileSync(out));
  }
  return { base: { example, blank, bytes: new Map([example, blank].map((p) => [p, readFileSync(p)])) }, forms };
}

/**
 * The cases, in a fixed order for a seed: about a third text, a third spreadsheets, the rest forms, email and folders.
 */
export function buildInputs(seed: number, count: number, forms: { docx: Uint8Array; xlsx: Uint8Array }): TrialInput[] {
  const rng = new Rng(seed);
  const share = (f: number) => Math.max(1, Math.round(count * f));
  const text = textInputs(rng, share(0.3));
  const sheets = sheetInputs(rng, share(0.3));
  const formCases = formInputs(rng, forms, share(0.14));
  const emails = emailInputs(rng, share(0.12));
  const msgs = msgInputs(rng, share(0.06));
  const folders = folderInputs(
    rng,
    [...text, ...sheets, ...emails, ...msgs],
    Math.max(8, count - text.length - sheets.length - formCases.length - emails.length - msgs.length),
  );
  return [...text, ...sheets, ...formCases, ...emails, ...msgs, ...folders];
}

function materialise(c: TrialInput, dir: string): string[] {
  for (const f of c.files) {
    const p = join(dir, f.path);
    mkdirSync(f.special === 'folder' ? p : dirname(p), { recursive: true });
    if (f.special === 'fifo') spawnSync('mkfifo', [p]);
    else if (f.special === 'link-to-zero') symlinkSync('/dev/zero', p);
    else if (f.special === 'link-loop') symlinkSync(p, p);
    else if (f.bytes) writeFileSync(p, f.bytes);
  }
  const args = c.args ?? [...new Set(c.files.map((f) => f.path.split('/')[0]!))];
  return args.map((a) => join(dir, a));
}

export async function runInputs(opts: InputsOptions): Promise<CaseResult[]> {
  const { base, forms } = await prepare(opts.work);
  const cases = buildInputs(opts.seed, opts.count, forms);
  opts.log(`  ${cases.length} hostile inputs (seed ${opts.seed})`);
  let done = 0;
  return pool(cases, 2, async (c, i) => {
    const dir = join(opts.work, 'cases', String(i));
    mkdirSync(dir, { recursive: true });
    const source = c.createQuestions ? base.blank : base.example;
    const ws = join(dir, 'w.consult');
    copyFileSync(source, ws);
    const paths = materialise(c, dir);
    const run = await runCli(['import', ws, ...paths, ...(c.createQuestions ? ['--create-questions'] : [])], {
      timeoutMs: 60_000,
      memoryLimitMiB: 2048,
    });
    const result: CaseResult = {
      section: 'inputs',
      family: c.family,
      name: c.name,
      outcome: 'imported',
      detail: '',
      ms: Math.round(run.ms),
      peakMiB: run.peakMiB,
    };
    // After the command ends: no lock, and a journal (kept, with the file's checksum) holding no unsaved records.
    const leftovers = [
      ...(existsSync(`${ws}.lock`) ? ['a lock'] : []),
      ...(readJournal(`${ws}-journal`).records.length ? ['journal records'] : []),
    ];
    if (run.status === 0 && !run.timedOut && !run.overMemory) {
      try {
        const j = JSON.parse(run.stdout) as { imported: number };
        result.detail = `${j.imported} imported`;
      } catch {
        Object.assign(result, { outcome: 'crash', detail: `exit 0 but no JSON: ${firstLines(run.stdout)}` });
      }
      if (leftovers.length)
        Object.assign(result, { outcome: 'lost', detail: `left ${leftovers.join(', ')} behind after a clean exit` });
      else if (i % 5 === 0) {
        const v = await runCli(['verify', ws], { timeoutMs: 120_000 });
        if (v.status !== 0)
          Object.assign(result, {
            outcome: 'lost',
            detail: `imported, then Verify failed: ${firstLines(v.stdout + v.stderr, 6)}`,
          });
      }
    } else {
      const names = [...new Set([...paths.map((p) => basename(p)), ...c.files.map((f) => basename(f.path))])];
      Object.assign(result, judgeRefusal(run, 'import', names));
      // Nothing already stored changes: after a refusal the workspace is as it was, byte for byte.
      if (result.outcome === 'clear error' || result.outcome === 'unclear message') {
        const same = readFileSync(ws).equals(base.bytes.get(source)!);
        if (!same || leftovers.length)
          Object.assign(result, {
            outcome: 'lost',
            detail:
              `refused, yet the ` +
              `workspace ${same ? `has ${leftovers.join(', ')} beside it` : 'changed'}: ${result.detail}`,
          });
      }
    }
    rmSync(dir, { recursive: true, force: true });
    if (++done % 100 === 0) opts.log(`  … ${done} of ${cases.length}`);
    return result;
  });
}
