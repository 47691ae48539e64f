import { saveError } from '../core/files/disk-errors';
import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import type { WorkspaceFile } from '../core/db/workspace-file';
import { AppError } from '#shared/core/errors';
import { EXPORT_INFO, type ExportResult } from '#shared/domain/exports';
import { QuoteConsentError, ReportInputError, quoteProblemText, type ReportExportKind } from '#shared/report/index';
import { loadDraft } from '../draft/draft-service';
import { fsyncDir, safeUnlink, tempNameFor, writeFileAtomicSync } from '../core/files/atomic-write';
import type { ReportContext } from './reports/index';
import { DOCUMENT_BUILDERS } from './builders';
import { assembleReport } from './reports/assemble-report';
import { readSettings } from '../analysis/settings';
import { checkOutputPath } from '../core/output-path';
import { logExport } from '../core/export-log';
import { audit } from '../core/audit';
import type { ExportEnv, ExportRequest } from './export-request';
import {
  blocking,
  checkPublication,
  DRAFT_EXPORT_NOTE,
  type PublicationFinding,
} from '#shared/report/publication-check';
import { publicationFacts } from './publication-facts';

/**
 * The four documents after the consultation — government response, analysis workbook, ministerial
 * briefing, responses CSV — made from the workspace's responses and analysis at the redaction
 * level chosen (default: redacted, for publication), with the small-number threshold from the
 * analysis settings. The report is assembled from the database (rows streamed in chunks) and
 * prepared by prepareReport, which refuses a publishable export with a quote that may not be
 * published: that refusal comes back as a 'conflict' naming each quote, and nothing is written.
 * The Word documents are built in memory and written atomically; the workbook and the CSV stream
 * to a temporary file beside the target that is renamed into place once complete. Every export is
 * logged with its level and SHA-256.
 */
export async function runReportExport(
  file: WorkspaceFile,
  req: ExportRequest & { kind: ReportExportKind },
  env: ExportEnv,
): Promise<ExportResult> {
  const info = EXPORT_INFO[req.kind];
  const target = checkOutputPath(req.path, info.extension, file.path);
  const db = file.db;
  const counted = db.scalar<number>("SELECT count(*) FROM response WHERE status = 'active'") ?? 0;
  if (counted === 0)
    throw new AppError(
      'conflict',
      'There are no responses in this workspace yet, so there is nothing to report. Import the responses first.',
    );
  const redaction = req.redaction ?? 'redacted';
  const settings = readSettings(db);
  const draft = loadDraft(db);
  const builder = DOCUMENT_BUILDERS[req.kind];
  if (builder.from === 'draft') throw new Error(`${req.kind} is made from the draft, not the responses.`);
  const streamed = builder.from === 'report-streamed';
  // Progress: 0–10 counting, 10–95 writing (the workbook reads the rows twice), 95–100 saving.
  const passes = req.kind === 'analysis-xlsx' ? 2 : 1;
  // Publication: the publication check first (R-PUB6, R-PUB7), so an unfinished response is refused
  // before anything is made; published over its errors only when the team says so, marked "Draft".
  const findings =
    redaction === 'redacted' ? checkPublication(publicationFacts(db, draft, env.now, settings.minCodedShare)) : [];
  const errors = blocking(findings);
  if (errors.length && !req.allowUnfinished)
    throw new AppError('conflict', refusalText(errors), {
      publicationCheck: findings,
      problems: problemLines(errors),
    });
  env.progress(0, 100, 'Counting the responses and themes');
  const report = assembleReport(db, draft, {
    signal: env.signal,
    onRows: (done, total, pass) =>
      env.progress(
        10 + Math.floor((85 * ((pass - 1) * total + done)) / Math.max(1, passes * total)),
        100,
        `Writing the responses (${done.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')})`,
      ),
  });
  if (env.signal.aborted) throw new AppError('cancelled', 'Cancelled. Nothing was saved.');
  env.progress(10, 100, 'Making the document');
  const ctx: ReportContext = {
    now: env.now,
    redaction,
    threshold: settings.threshold,
    consultationId: file.consultationId,
    worker: env.worker,
    ...(errors.length ? { draftBanner: true } : {}),
  };
  let bytes = 0;
  let sha256 = '';
  try {
    if (!streamed) {
      const out = await builder.build(report, ctx);
      if (env.signal.aborted) throw new AppError('cancelled', 'Cancelled. Nothing was saved.');
      env.progress(95, 100, 'Saving the file');
      writeOut(() => writeFileAtomicSync(target, out), target);
      bytes = out.length;
      sha256 = createHash('sha256').update(out).digest('hex');
    } else {
      const tmp = tempNameFor(target);
      try {
        const r = await builder.write(report, ctx, tmp);
        if (env.signal.aborted) throw new AppError('cancelled', 'Cancelled. Nothing was saved.');
        env.progress(95, 100, 'Saving the file');
        writeOut(() => {
          const fd = openSync(tmp, 'r+');
          try {
            fsyncSync(fd);
          } finally {
            closeSync(fd);
          }
          renameSync(tmp, target);
          fsyncDir(dirname(target));
        }, target);
        bytes = r.bytes;
        sha256 = r.sha256;
      } finally {
        safeUnlink(tmp);
      }
    }
  } catch (e) {
    if (e instanceof QuoteConsentError) {
      throw new AppError('conflict', `${e.message}\nNothing was saved.`, {
        quoteProblems: e.problems,
        problems: e.problems.map(quoteProblemText),
      });
    }
    if (e instanceof ReportInputError)
      throw new AppError('internal', `The figures could not be put together (${e.message}). Nothing was saved.`);
    throw e;
  }
  const level = redaction;
  const campaigns = report.respondents.campaignsCountedSeparately
    ? 'campaign responses counted separately'
    : 'campaign responses included';
  const suppression =
    level === 'redacted' ? `; numbers under ${settings.threshold} suppressed` : '; not for publication';
  const note = `${campaigns}${suppression}${errors.length ? `; ${DRAFT_EXPORT_NOTE}` : ''}`;
  file.mutate((wdb) => {
    logExport(wdb, {
      at: env.now.toISOString(),
      actor: env.actor,
      kind: req.kind,
      path: target,
      redaction: level,
      sha256,
      bytes,
      note,
    });
    audit(wdb, env.now, env.actor, 'export', req.kind, { path: target, redaction: level, sha256 });
  });
  env.progress(100, 100, 'Done');
  return {
    kind: req.kind,
    path: target,
    bytes,
    sha256,
    redaction: level,
    checkerErrors: 0,
    ...(redaction === 'redacted' ? { publicationCheck: findings } : {}),
  };
}

/**
 * The problems to show, one line each with its rule id: the questions still without a response on
 * one line, and five of any other kind at most, then how many more.
 */
function problemLines(errors: readonly PublicationFinding[]): string[] {
  const groups = new Map<string, PublicationFinding[]>();
  for (const f of errors) groups.set(f.ruleId, [...(groups.get(f.ruleId) ?? []), f]);
  const lines: string[] = [];
  for (const [ruleId, fs] of groups) {
    if (ruleId === 'R-PUB6-placeholder' && fs.length > 1) {
      const numbers = fs.map((f) => f.questionNumber ?? '?');
      lines.push(`Questions ${numbers.join(', ')}: the government’s response is not written yet (${ruleId})`);
      continue;
    }
    for (const f of fs.slice(0, 5)) lines.push(`${f.message} (${ruleId})`);
    if (fs.length > 5) lines.push(`And ${fs.length - 5} more like these (${ruleId})`);
  }
  return lines;
}

/** The refusal: its problems, and the two ways on. */
function refusalText(errors: readonly PublicationFinding[]): string {
  return (
    `The publication check found ${errors.length === 1 ? '1 problem' : `${errors.length} problems`} to resolve ` +
    `before this is published:\n${problemLines(errors)
      .map((l) => `- ${l}`)
      .join('\n')}\nResolve them, or export it anyway marked “Draft” on every page (allow unfinished). ` +
    'Nothing was saved.'
  );
}

function writeOut(fn: () => void, target: string): void {
  try {
    fn();
  } catch (e) {
    throw saveError(e, target);
  }
}
