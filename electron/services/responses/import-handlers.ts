import type { ResponseImportChannel } from '#shared/ipc/channels';
import type { HandlerContext, HandlerTable } from '../core/session';
import { AppError } from '#shared/core/errors';
import type { Draft } from '#shared/domain/draft/model';
import type { DetectionOutcome } from '#shared/domain/responses/store';
import { findDuplicates } from '#shared/analysis/duplicates';
import { requireOwnResponses, requireWorkspace } from '../core/require-workspace';
import * as drafts from '../draft/draft-service';
import { expandPaths, inspected, readSource } from './source-files';
import { previewSurvey } from '../survey-import/preview-survey';
import { addPlannedQuestions, importFiles, planQuestions, type ImportEnv } from './import-files';
import { readSurvey } from '../survey-import/read-survey';
import { addLetter, importEmail, readEmailFile } from './emails-letters';
import { campaignQuestions, detectCampaignGroups, runDetection } from './detection';
import type { IncomingResponse } from './write-batch';
import { responseEnv } from './response-env';
import { draftHistoryOf } from '../draft/session-history';

/**
 * The Responses calls that read what people send: survey exports and spreadsheets (previewed,
 * mapped, imported), returned forms, emails and typed letters. Loaded on first use (responses.ts).
 */

/** Questions created from an export's columns, added through the draft service within the import's own transaction. */
function addQuestionsVia(ctx: HandlerContext): NonNullable<ImportEnv['addQuestions']> {
  return (db, sectionId, newSectionTitle, questions) =>
    drafts.addQuestionsWithin(
      db,
      { history: draftHistoryOf(ctx.session), actor: ctx.services.actor, now: ctx.services.clock() },
      { sectionId, newSectionTitle, questions },
    );
}

/** What a dry run would find: campaigns and duplicates among the file's own responses. */
async function dryRunDetection(
  responses: IncomingResponse[],
  draft: Draft,
  threshold: number,
  ctx: HandlerContext,
): Promise<DetectionOutcome> {
  const started = performance.now();
  const qs = campaignQuestions(draft);
  const docs = new Map<string, { id: string; text: string }[]>(qs.map((q) => [q.id, []]));
  responses.forEach((r, i) => {
    for (const a of r.answers) if (a.text) docs.get(a.questionId)?.push({ id: String(i + 1), text: a.text });
  });
  const found = await detectCampaignGroups(
    docs,
    new Map(qs.map((q) => [q.id, q.text])),
    { threshold },
    { signal: ctx.signal },
  );
  const groups = findDuplicates(
    responses.map((r, i) => ({
      id: String(i + 1),
      name: r.respondent.name ?? null,
      email: r.respondent.email ?? null,
      postcode: r.respondent.postcode ?? null,
      receivedAt: r.submittedAt ?? null,
      channel: r.channel,
      answers: Object.fromEntries(r.answers.map((a) => [a.questionId, a.optionIds.length ? a.optionIds : a.text])),
    })),
  );
  return {
    campaigns: found
      .flatMap((f) =>
        f.groups.map((g, k) => ({ id: k + 1, size: g.size, questionId: f.questionId, status: 'proposed' as const })),
      )
      .map((c, i) => ({ ...c, id: i + 1 })),
    duplicateGroups: groups.length,
    duplicateResponses: new Set(groups.flatMap((g) => g.memberIds)).size,
    threshold,
    seconds: Math.round((performance.now() - started) / 10) / 100,
  };
}

export const importHandlers: HandlerTable<ResponseImportChannel> = {
  'responses.inspectFiles': ({ paths }, ctx) => {
    const db = requireWorkspace(ctx).db;
    return { files: expandPaths(paths).map((p) => inspected(readSource(p, db))) };
  },

  'responses.preview': async ({ path, mapping, headerRows, sheet, delimiter }, ctx) => {
    const db = requireWorkspace(ctx).db;
    return previewSurvey(db, drafts.loadDraft(db), { path, mapping, headerRows, sheet, delimiter }, responseEnv(ctx));
  },

  'responses.createQuestions': ({ path, headerRows, sheet, delimiter }, ctx) => {
    const file = requireWorkspace(ctx);
    const st = readSurvey(readSource(path, file.db), { headerRows, sheet, delimiter });
    const plan = planQuestions(st, drafts.loadDraft(file.db));
    if (!plan.created.length)
      throw new AppError(
        'invalid-input',
        'Every column that holds answers already matches a question, so there are no questions to create.',
      );
    file.mutate((db) => addPlannedQuestions(db, plan, { addQuestions: addQuestionsVia(ctx) }))();
    return { created: plan.created.map((q) => q.id) };
  },

  'responses.import': async (
    { paths, mapping, channel, dryRun, createQuestions, saveMapping, detect, threshold, headerRows, sheet, delimiter },
    ctx,
  ) => {
    const req = { paths, mapping, channel, dryRun, createQuestions, saveMapping, headerRows, sheet, delimiter };
    const file = requireWorkspace(ctx);
    if (dryRun) {
      // A dry run never changes the workspace (the command line opens it to read only).
      let collected: { responses: IncomingResponse[]; draft: Draft } | null = null;
      const outcome = await importFiles(null, file.db, file.consultationId, req, {
        ...responseEnv(ctx),
        collect: (responses, draft) => (collected = { responses, draft }),
      });
      if (!detect || !collected) return outcome;
      const c = collected as { responses: IncomingResponse[]; draft: Draft };
      return { ...outcome, detection: await dryRunDetection(c.responses, c.draft, threshold ?? 0.5, ctx) };
    }
    requireOwnResponses(ctx);
    const outcome = await importFiles(file, file.db, file.consultationId, req, {
      ...responseEnv(ctx),
      addQuestions: addQuestionsVia(ctx),
    });
    return !detect || outcome.imported === 0
      ? outcome
      : { ...outcome, detection: await runDetection(file, drafts.loadDraft(file.db), { threshold }, responseEnv(ctx)) };
  },

  'responses.readEmail': ({ path }, ctx) => readEmailFile(requireWorkspace(ctx).db, path),

  'responses.importEmail': ({ path, assignments, respondent }, ctx) => {
    const file = requireOwnResponses(ctx);
    return importEmail(
      file,
      drafts.loadDraft(file.db),
      { path, assignments, respondent },
      ctx.services.clock(),
      ctx.services.actor,
    );
  },

  'responses.addLetter': ({ respondent, receivedAt, text, assignments, reference }, ctx) => {
    const file = requireOwnResponses(ctx);
    return addLetter(
      file,
      drafts.loadDraft(file.db),
      { respondent, receivedAt, text, assignments, reference },
      ctx.services.clock(),
      ctx.services.actor,
    );
  },
};
