import { tmpdir, userInfo, platform } from 'node:os';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Router } from '../services/router/router';
import { SettingsStore } from '../services/core/settings/settings-store';
import { defaultWorkspaceFolder } from '../services/core/settings/paths';
import { isAppError } from '#shared/core/errors';
import { parseArgs, type ParsedArgs } from './args';
import { dirname, join } from 'node:path';
import { taskWorkerIn } from '../services/core/workers/worker-spec';
import { EXPORT_KINDS } from '#shared/domain/exports';
import type { In, Out } from '#shared/ipc/contract';
import type { BackendChannel } from '../services/core/session';
import { INTAKE_CHANNELS } from '#shared/domain/survey-import/types';
import { canMarkDraft } from '#shared/report/publication-check';
import { PERSONAL_DATA_KINDS } from '#shared/analysis/personal-data/kinds';

/**
 * `npx workbench <command> …`: the same handlers as the app, for scripts. JSON on stdout; on
 * failure a clear message on stderr and a non-zero exit (1: the command failed or found errors,
 * 2: the command line was wrong).
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
    readonly code?: string,
  ) {
    super(message);
  }
}

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

interface Command {
  usage: string;
  summary: string;
  booleans?: string[];
  run(args: ParsedArgs, router: Router, io: CliIo): Promise<{ json: unknown; exitCode?: number }>;
}

const SESSION = 'cli';

/** A call through the Router, typed by the contract; a refusal becomes the command's error (exit 1). */
async function call<K extends BackendChannel>(router: Router, channel: K, input: In<K>): Promise<Out<K>> {
  try {
    return await router.call(SESSION, channel, input);
  } catch (e) {
    if (isAppError(e)) throw new CliError(e.message, 1, e.code);
    throw e;
  }
}

/**
 * Open a workspace in the command line's session for the length of `work`, as the app's window
 * would, and close it after: `readOnly` for commands that only read it (search, a dry run, the draft
 * written out), so they neither lock nor change the file. The warning a close may give (the changes
 * are safe in the journal, but the file could not be rewritten: a full disk) is returned beside the result.
 */
async function withWorkspace<T>(
  router: Router,
  path: string,
  readOnly: boolean,
  work: () => Promise<T>,
): Promise<{ result: T; warning: string | null }> {
  await call(router, 'workspace.open', { path, ...(readOnly ? { readOnly } : {}) });
  let result: T;
  try {
    result = await work();
  } catch (e) {
    await router.call(SESSION, 'workspace.close', {}).catch(() => undefined);
    throw e;
  }
  const closed = await call(router, 'workspace.close', {});
  return { result, warning: closed.warning ?? null };
}

/** A flag whose value must be a whole number from 0 to max, or a clear usage error; `fallback` when absent. */
function wholeNumber(args: ParsedArgs, name: string, fallback: number, max: number): number {
  const v = flag(args, name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > max)
    throw new CliError(`--${name} must be a whole number from 0 to ${max}.`, 2);
  return n;
}

/** A flag whose value must be one of a list: typed as that list's member, or a clear usage error. */
function oneOf<T extends string>(
  args: ParsedArgs,
  name: string,
  values: readonly T[],
  what = values.join(', '),
): T | undefined {
  const v = flag(args, name);
  if (v === undefined) return undefined;
  if (!(values as readonly string[]).includes(v)) throw new CliError(`--${name} must be ${what}.`, 2);
  return v as T;
}

function need(args: ParsedArgs, index: number, what: string, usage: string): string {
  const v = args.positionals[index];
  if (!v) throw new CliError(`Missing ${what}.\nUsage: npx workbench ${usage}`, 2);
  return v;
}

function flag(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  if (v === true) throw new CliError(`--${name} needs a value.`, 2);
  return v;
}

export const COMMANDS: Record<string, Command> = {
  new: {
    usage: 'new <file> --title <title> [--from <draft.json>] [--template standard|example|blank]',
    summary: 'Create a workspace: from the standard template (default), the example, blank, or a draft JSON file.',
    async run(args, router) {
      const file = need(args, 0, 'the workspace file', this.usage);
      const fromJson = flag(args, 'from');
      const template = oneOf(args, 'template', ['standard', 'example', 'blank'] as const, 'standard, example or blank');
      if (fromJson && template) throw new CliError('Use either --from or --template, not both.', 2);
      // With --from the title may come from the draft file itself.
      let title = flag(args, 'title');
      if (!title && fromJson) {
        title = (await call(router, 'draft.readJson', { path: fromJson })).metadata.title;
      }
      if (!title) throw new CliError(`Missing --title.\nUsage: npx workbench ${this.usage}`, 2);
      const from = fromJson
        ? { kind: 'json' as const, path: fromJson }
        : { kind: 'template' as const, template: template ?? 'standard' };
      const summary = await call(router, 'workspace.create', { path: file, title, from });
      await call(router, 'workspace.close', {});
      return { json: summary };
    },
  },
  info: {
    usage: 'info <file>',
    summary: 'Print a JSON summary of a workspace (without changing it).',
    async run(args, router) {
      const file = need(args, 0, 'the workspace file', this.usage);
      return { json: await call(router, 'workspace.inspect', { path: file }) };
    },
  },
  'draft-export': {
    usage: 'draft-export <file> <out.json>',
    summary: 'Write the consultation draft as JSON (the documented draft format).',
    async run(args, router) {
      const file = need(args, 0, 'the workspace file', this.usage);
      const out = need(args, 1, 'the output JSON file', this.usage);
      const { result } = await withWorkspace(router, file, true, () => call(router, 'draft.exportJson', { path: out }));
      return { json: result };
    },
  },
  check: {
    usage: 'check <file>',
    summary: 'Check the draft against the consultation standard. Prints the findings; exit 1 while an error remains.',
    async run(args, router) {
      const file = need(args, 0, 'the workspace file', this.usage);
      const draft = await call(router, 'draft.inspect', { path: file });
      // Loaded here, not at start-up: the 70 rules are most of what `check` reads, and only it needs them.
      const { checkDraft, openErrors } = await import('#shared/checker/index');
      const findings = checkDraft(draft);
      const open = findings.filter((f) => !f.dismissed);
      const errors = openErrors(findings).length;
      return {
        json: {
          summary: {
            errors,
            warnings: open.filter((f) => f.severity === 'warning').length,
            advice: open.filter((f) => f.severity === 'advice').length,
            dismissed: findings.length - open.length,
          },
          findings,
        },
        exitCode: errors > 0 ? 1 : 0,
      };
    },
  },
  export: {
    usage: `export <file> <kind> <out> [--redaction none|redacted] [--allow-unfinished]`,
    summary:
      `Write an output document. Kinds: ${EXPORT_KINDS.join(', ')}. For publication the documents after the ` +
      'consultation pass the publication check first (exit 1 on a problem; --allow-unfinished exports them ' +
      'anyway, the Word and Excel ones marked "Draft").',
    booleans: ['allow-unfinished'],
    async run(args, router, io) {
      const file = need(args, 0, 'the workspace file', this.usage);
      const kind = need(args, 1, 'the kind of output', this.usage);
      const out = need(args, 2, 'the output file', this.usage);
      const known = EXPORT_KINDS.find((k) => k === kind);
      if (!known) throw new CliError(`Unknown kind "${kind}". Kinds: ${EXPORT_KINDS.join(', ')}.`, 2);
      const redaction = oneOf(args, 'redaction', ['none', 'redacted'] as const, 'none or redacted');
      // The export is logged in the workspace, so it is opened for editing.
      const exported = await withWorkspace(router, file, false, () =>
        call(router, 'outputs.export', {
          kind: known,
          path: out,
          exportAnyway: true,
          ...(args.flags.get('allow-unfinished') === true ? { allowUnfinished: true } : {}),
          ...(redaction ? { redaction } : {}),
        }),
      );
      const result = exported.warning ? { ...exported.result, warning: exported.warning } : exported.result;
      if (result.checkerErrors)
        io.err(
          `workbench export: warning: the standard checker reports ${result.checkerErrors} error(s) in the ` +
            `draft (npx workbench check ${file}).`,
        );
      if (result.warning) io.err(`workbench export: warning: ${result.warning}`);
      for (const f of result.publicationCheck ?? [])
        io.err(`workbench export: publication check: ${f.severity}: ${f.message} (${f.ruleId})`);
      if (result.publicationCheck?.some((f) => f.severity === 'error'))
        io.err(
          canMarkDraft(known)
            ? 'workbench export: published over the problems above: every page says "Draft".'
            : 'workbench export: exported over the problems above; a CSV cannot be marked "Draft", so do not ' +
                'publish it until they are resolved.',
        );
      return { json: result };
    },
  },
  import: {
    usage:
      'import <file> <source...> [--mapping <json>|auto] [--dry-run] [--create-questions] [--channel <channel>] ' +
      '[--no-detect] [--sheet <name>] [--header-rows <n>]',
    summary:
      'Import responses: survey exports (CSV, XLSX, XLS, ODS), returned response forms (.xlsx, .docx; a folder ' +
      'of them), emails (.eml, .msg). Then find duplicates and campaigns.',
    booleans: ['dry-run', 'create-questions', 'no-detect'],
    async run(args, router) {
      const file = need(args, 0, 'the workspace file', this.usage);
      const sources = args.positionals.slice(1);
      if (!sources.length) throw new CliError(`Missing the file(s) to import.\nUsage: npx workbench ${this.usage}`, 2);
      const mappingArg = flag(args, 'mapping') ?? 'auto';
      let mapping: unknown = 'auto';
      if (mappingArg !== 'auto') {
        try {
          mapping = JSON.parse(readFileSync(mappingArg, 'utf8')) as unknown;
        } catch (e) {
          throw new CliError(`Could not read the mapping file ${mappingArg}: ${(e as Error).message}`, 2);
        }
      }
      const channel = oneOf(args, 'channel', INTAKE_CHANNELS, `one of ${INTAKE_CHANNELS.join(', ')}`);
      // A workbook with several sheets: which one holds the responses (the first, unless told).
      const sheet = flag(args, 'sheet');
      const headerRowsArg = flag(args, 'header-rows');
      const headerRows = headerRowsArg === undefined ? undefined : Number(headerRowsArg);
      if (headerRows !== undefined && !(Number.isInteger(headerRows) && headerRows >= 1 && headerRows <= 10))
        throw new CliError('--header-rows must be a whole number from 1 to 10.', 2);
      const dryRun = args.flags.get('dry-run') === true;
      const imported = await withWorkspace(router, file, dryRun, () =>
        call(router, 'responses.import', {
          paths: sources,
          // The file's JSON as read: the Router checks it against the contract like any input.
          mapping: mapping as In<'responses.import'>['mapping'],
          dryRun,
          createQuestions: args.flags.get('create-questions') === true,
          detect: args.flags.get('no-detect') !== true,
          ...(channel ? { channel } : {}),
          ...(sheet ? { sheet } : {}),
          ...(headerRows ? { headerRows } : {}),
        }),
      );
      // A close that could not rewrite the file (a full disk) kept the import in the journal: it stands, with a warning
      // saying where.
      const o = imported.warning
        ? { ...imported.result, warnings: [...imported.result.warnings, imported.warning] }
        : imported.result;
      return {
        json: {
          batchId: o.batchId,
          imported: o.imported,
          rejected: o.rejected.map((r) => ({ row: r.row, reason: r.reason, file: r.file })),
          duplicates: o.detection?.duplicateGroups ?? null,
          campaigns: (o.detection?.campaigns ?? []).map((c) => ({
            id: c.id,
            size: c.size,
            questionId: c.questionId,
            status: c.status,
          })),
          dryRun: o.dryRun,
          batches: o.batches,
          skipped: o.skipped,
          blankRows: o.blankRows,
          unmatchedValues: o.unmatchedValues,
          createdQuestions: o.createdQuestions,
          duplicateResponses: o.detection?.duplicateResponses ?? null,
          warnings: o.warnings,
          // Every column of the (first) survey export and what it became: {index, header, role, questionId?, field?}.
          columns: o.columns,
        },
      };
    },
  },
  search: {
    usage:
      'search <file> <query> [--limit <n>] [--offset <n>] [--question <id>] [--channel <channel>] [--scope ' +
      'all|answers|respondents|additions]',
    summary:
      'Full-text search over the answers and respondents (words, "a phrase", word*, OR, -word). Prints the ' +
      'matches with snippets.',
    async run(args, router) {
      const file = need(args, 0, 'the workspace file', this.usage);
      const query = args.positionals.slice(1).join(' ').trim();
      if (!query) throw new CliError(`Missing the words to search for.\nUsage: npx workbench ${this.usage}`, 2);
      const num = (name: string, fallback: number, max: number) => wholeNumber(args, name, fallback, max);
      const channel = oneOf(args, 'channel', INTAKE_CHANNELS, `one of ${INTAKE_CHANNELS.join(', ')}`);
      const scope = oneOf(
        args,
        'scope',
        ['all', 'answers', 'respondents', 'additions'] as const,
        'all, answers, respondents or additions',
      );
      const question = flag(args, 'question');
      const limit = num('limit', 50, 500);
      const { result: r } = await withWorkspace(router, file, true, () =>
        call(router, 'responses.search', {
          query,
          limit: Math.max(1, limit),
          offset: num('offset', 0, 10_000_000),
          ...(scope ? { scope } : {}),
          filters: { ...(channel ? { channel } : {}), ...(question ? { questionId: question } : {}) },
        }),
      );
      return {
        json: {
          total: r.total,
          responses: r.responses,
          offset: r.offset,
          results: r.results.map((h) => ({
            responseId: h.responseId,
            questionId: h.questionId,
            snippet: h.snippet,
            field: h.field,
            highlights: h.highlights,
          })),
        },
      };
    },
  },
  propose: {
    usage: 'propose <file> --question <id>',
    summary:
      "Assisted coding: learn from the analysts' codes for an open question and propose themes for its uncoded " +
      'answers (kept in the workspace; nothing is coded). Prints the proposals by theme, their confidence level and ' +
      "the model's agreement with the analysts. Accept them in the app, after reading them.",
    async run(args, router) {
      const file = need(args, 0, 'the workspace file', this.usage);
      const questionId = flag(args, 'question');
      if (!questionId) throw new CliError(`Missing --question.\nUsage: npx workbench ${this.usage}`, 2);
      const { result, warning } = await withWorkspace(router, file, false, () =>
        call(router, 'analysis.propose', { questionId }),
      );
      return { json: { ...result, ...(warning ? { warning } : {}) } };
    },
  },
  'publication-check': {
    usage: 'publication-check <file>',
    summary:
      'The publication check (R-PUB6, R-PUB7) without exporting: each finding with its rule and where to fix it. ' +
      'Exit 1 if one would block publication.',
    async run(args, router) {
      const file = need(args, 0, 'the workspace file', this.usage);
      const { result } = await withWorkspace(router, file, true, () => call(router, 'outputs.publicationCheck', {}));
      const blocking = result.findings.filter((f) => f.severity === 'error').length;
      return { json: { ...result, blocking }, exitCode: blocking ? 1 : 0 };
    },
  },
  'personal-data': {
    usage:
      'personal-data <file> [--status unreviewed|remove|release|all] [--kind <kind>] [--limit <n>] [--offset <n>] ' +
      '[--confirm-removals]',
    summary:
      'The personal data found in answers that would be published (names, emails, phones, postcodes…), with ' +
      'what was decided. --confirm-removals confirms the removal of every finding not yet reviewed (of --kind).',
    booleans: ['confirm-removals'],
    async run(args, router) {
      const file = need(args, 0, 'the workspace file', this.usage);
      const status = oneOf(args, 'status', ['unreviewed', 'remove', 'release', 'all'] as const);
      const kind = oneOf(args, 'kind', PERSONAL_DATA_KINDS);
      const num = (name: string, fallback: number, max: number) => wholeNumber(args, name, fallback, max);
      const limit = Math.max(1, num('limit', 100, 500));
      const offset = num('offset', 0, 10_000_000);
      const confirm = args.flags.get('confirm-removals') === true;
      const { result } = await withWorkspace(router, file, !confirm, async () => {
        const confirmed = confirm
          ? (
              await call(router, 'responses.decidePersonalData', {
                decision: 'remove',
                allUnreviewed: kind ? { kind } : {},
              })
            ).changed
          : undefined;
        const review = await call(router, 'responses.personalData', {
          ...(status ? { status } : {}),
          ...(kind ? { kind } : {}),
          limit,
          offset,
        });
        return { ...review, ...(confirmed !== undefined ? { removalsConfirmed: confirmed } : {}) };
      });
      return { json: result };
    },
  },
  team: {
    usage:
      'team init <postgres-url> --from <file> [--schema <name>] | ' +
      'team join <postgres-url> <file> [--schema <name>] [--question <id>[,<id>…]] | ' +
      'team sync|status|conflicts <file> | team resolve <file> <conflict> --keep <version>',
    summary:
      'A team on one consultation through the department’s PostgreSQL: publish a workspace, join as a working ' +
      'copy, sync, list and settle conflicts. Credentials come from PGPASSWORD, ~/.pgpass or a service file.',
    async run(args, router) {
      const [verb] = args.positionals;
      const rest: ParsedArgs = { positionals: args.positionals.slice(1), flags: args.flags };
      const schema = flag(args, 'schema');
      const usage = (v: string) => this.usage.split(' | ').find((u) => u.includes(` ${v}`)) ?? this.usage;
      switch (verb) {
        case 'init': {
          const server = need(rest, 0, 'the team server (postgres://host/database)', usage('init'));
          const file = flag(args, 'from');
          if (!file) throw new CliError(`Missing --from <file>.\nUsage: npx workbench ${usage('init')}`, 2);
          const { result } = await withWorkspace(router, file, false, () =>
            call(router, 'team.init', { server, ...(schema ? { schema } : {}) }),
          );
          return { json: result };
        }
        case 'join': {
          const server = need(rest, 0, 'the team server (postgres://host/database)', usage('join'));
          const file = need(rest, 1, 'the file for your working copy', usage('join'));
          const questions = flag(args, 'question')
            ?.split(',')
            .map((q) => q.trim())
            .filter(Boolean);
          const joined = await call(router, 'team.join', {
            server,
            path: file,
            ...(schema ? { schema } : {}),
            ...(questions?.length ? { questionIds: questions } : {}),
          });
          await call(router, 'workspace.close', {});
          return { json: joined };
        }
        case 'sync':
        case 'status':
        case 'conflicts': {
          const file = need(rest, 0, 'the workspace file', usage(verb));
          const { result } = await withWorkspace(router, file, verb !== 'sync', async () =>
            verb === 'sync'
              ? call(router, 'team.sync', {})
              : verb === 'status'
                ? call(router, 'team.status', {})
                : call(router, 'team.conflicts', {}),
          );
          return { json: result };
        }
        case 'resolve': {
          const file = need(rest, 0, 'the workspace file', usage('resolve'));
          const id = Number(need(rest, 1, 'the conflict number (from team conflicts)', usage('resolve')));
          const keep = wholeNumber(args, 'keep', 0, 100);
          if (!Number.isInteger(id) || id < 1) throw new CliError('The conflict number must be a whole number.', 2);
          if (keep < 1) throw new CliError('Give --keep the version to keep, from 1.', 2);
          const { result } = await withWorkspace(router, file, false, () =>
            call(router, 'team.resolveConflict', { id, keep: keep - 1 }),
          );
          return { json: result };
        }
        default:
          throw new CliError(
            `Say what to do: init, join, sync, status, conflicts or resolve.\nUsage: npx workbench ${this.usage}`,
            2,
          );
      }
    },
  },
  verify: {
    usage: 'verify <file>',
    summary: 'Check a workspace: integrity, schema, journal, lock, backup. Exit 1 if it has problems.',
    async run(args, router) {
      const file = need(args, 0, 'the workspace file', this.usage);
      const report = await call(router, 'workspace.verify', { path: file });
      return { json: report, exitCode: report.ok ? 0 : 1 };
    },
  },
};

function helpText(): string {
  const lines = [
    'Consultation Workbench command line',
    '',
    'Usage: npx workbench <command> [arguments]',
    '',
    'Commands:',
  ];
  for (const c of Object.values(COMMANDS)) lines.push(`  ${c.usage.padEnd(44)} ${c.summary}`);
  lines.push('', 'Output is JSON on stdout. Errors go to stderr with exit code 1 (or 2 for a wrong command line).');
  return lines.join('\n');
}

export function cliRouter(): Router {
  const pkgVersion = (() => {
    try {
      return (
        (JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as { version?: string }).version ??
        '0.0.0'
      );
    } catch {
      return '0.0.0';
    }
  })();
  let actor = 'unknown';
  try {
    actor = userInfo().username;
  } catch {
    // keep 'unknown'
  }
  const taskWorker = taskWorkerBesideCli();
  // The CLI does not touch the app's recent list: its settings live in a throwaway folder.
  return new Router({
    settings: new SettingsStore(join(tmpdir(), `workbench-cli-${process.pid}`)),
    clock: () => new Date(),
    actor: `${actor} (cli)`,
    env: {
      version: pkgVersion,
      shell: 'cli',
      nativeDialogs: false,
      platform: platform(),
      defaultFolder: defaultWorkspaceFolder(),
    },
    ...(taskWorker ? { taskWorker: { file: taskWorker } } : {}),
  });
}

/** The task worker bundled beside the CLI (dist/node), or none when the CLI runs from source. */
const taskWorkerBesideCli = (): string | undefined => taskWorkerIn(dirname(fileURLToPath(import.meta.url)), '.mjs');

export async function runCli(argv: string[], io: CliIo, router: Router = cliRouter()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(helpText());
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`Unknown command "${name}".\n\n${helpText()}`);
    return 2;
  }
  try {
    const args = parseArgs(rest, new Set(command.booleans ?? []));
    const { json, exitCode } = await command.run(args, router, io);
    io.out(JSON.stringify(json, null, 2));
    return exitCode ?? 0;
  } catch (e) {
    if (e instanceof CliError) {
      io.err(`workbench ${name}: ${e.message}`);
      return e.exitCode;
    }
    io.err(`workbench ${name}: unexpected error: ${(e as Error)?.stack ?? String(e)}`);
    return 1;
  } finally {
    await router.shutdown();
  }
}
