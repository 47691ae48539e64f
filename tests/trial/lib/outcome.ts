import type { CliRun } from './run-cli';

/**
 * What happened to one trial case. The run fails on any crash, hang, loss or memory over the
 * limit, and on a refusal that does not say clearly what and where (the issue's bar: every
 * refusal a clear message naming the file).
 */
/**
 * `intact`: a fault (a kill, a full disk, damage) left everything as it should be — all or nothing, nothing
 * acknowledged lost.
 */
export const OUTCOMES = [
  'clear error',
  'imported',
  'intact',
  'unclear message',
  'crash',
  'hang',
  'over memory',
  'lost',
] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const FAILING: ReadonlySet<Outcome> = new Set(['unclear message', 'crash', 'hang', 'over memory', 'lost']);

export interface CaseResult {
  section: string;
  family: string;
  name: string;
  outcome: Outcome;
  detail: string;
  ms: number;
  peakMiB: number;
}

/** Signs that a message is a program's insides rather than a sentence for the official. */
const INSIDES = new RegExp(
  [
    String.raw`^\s+at |\bError: |TypeError|RangeError|SyntaxError|ReferenceError|Something went wrong|`,
    String.raw`unexpected error|undefined|\[object `,
  ].join(''),
  'm',
);

/**
 * A CLI run that did not succeed, judged: a clear error is one line from the command (exit 1 or
 * 2), with no stack or internal names, naming `names` (the file, or the folder) when given.
 */
export function judgeRefusal(run: CliRun, command: string, names: string[]): { outcome: Outcome; detail: string } {
  if (run.timedOut) return { outcome: 'hang', detail: `no answer in ${Math.round(run.ms / 1000)} s` };
  if (run.overMemory) return { outcome: 'over memory', detail: `${run.peakMiB} MiB` };
  if (run.signal || (run.status !== 1 && run.status !== 2))
    return { outcome: 'crash', detail: `${run.signal ?? `exit ${run.status}`}: ${firstLines(run.stderr)}` };
  const text = run.stderr.trim();
  if (!text.startsWith(`workbench ${command}: `) || INSIDES.test(text) || run.stdout.trim() !== '')
    return { outcome: 'crash', detail: firstLines(text) };
  if (names.length && !names.some((n) => text.includes(n)))
    return { outcome: 'unclear message', detail: `does not name ${names.join(' or ')}: ${firstLines(text)}` };
  return { outcome: 'clear error', detail: firstLines(text) };
}

export const firstLines = (s: string, n = 2): string => s.trim().split('\n').slice(0, n).join(' | ').slice(0, 300);

/** Counts per outcome, per group. */
export function tally(
  results: readonly CaseResult[],
  by: (r: CaseResult) => string,
): Map<string, Record<Outcome, number>> {
  const out = new Map<string, Record<Outcome, number>>();
  for (const r of results) {
    const key = by(r);
    const row = out.get(key) ?? (Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>);
    row[r.outcome]++;
    out.set(key, row);
  }
  return out;
}

/** A plain-text table: one row per group, a column per outcome, and a total. */
export function table(results: readonly CaseResult[], by: (r: CaseResult) => string): string {
  const rows = [...tally(results, by)].sort((a, b) => a[0].localeCompare(b[0]));
  const head = ['', ...OUTCOMES, 'total'];
  const lines = rows.map(([k, c]) => [
    k,
    ...OUTCOMES.map((o) => String(c[o])),
    String(OUTCOMES.reduce((s, o) => s + c[o], 0)),
  ]);
  const all = tally(results, () => 'all').get('all');
  if (all) lines.push(['all', ...OUTCOMES.map((o) => String(all[o])), String(results.length)]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  return [
    fmt(head),
    `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
    ...lines.map(fmt),
  ].join('\n');
}
