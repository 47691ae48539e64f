import { resolve as resolvePath } from 'node:path';
import type { HandlerContext, HandlerTable } from '../context';
import type { ResponseChannel } from '../../../../shared/ipc/channels';
import { AppError } from '../../../../shared/ipc/result';
import type { Draft } from '../../../../shared/domain/draft/model';
import type { DetectionOutcome } from '../../../../shared/domain/responses/store';
import { findDuplicates } from '../../../../shared/analysis/duplicates';
import { requireWorkspace } from '../require-workspace';
import { openReadOnly, WorkspaceFile } from '../../db/workspace-file';
import * as drafts from '../../draft/draft-service';
import { expandPaths, inspected, readSource } from '../../responses/source-files';
import { previewSurvey } from '../../responses/preview';
import { createQuestionsFor, importFiles, type ImportEnv } from '../../responses/import-files';
import { readSurvey } from '../../responses/survey';
import { addLetter, importEmail, readEmailFile } from '../../responses/emails-letters';
import { listBatches, undoBatch } from '../../responses/batches';
import { acceptRejected, discardRejected, listRejected } from '../../responses/rejected';
import { listResponses, responseDetail } from '../../responses/browse';
import { searchResponses } from '../../responses/search';
import { completeSearchIndex, finishBacklog } from '../../responses/search-backlog';
import { correctResponse } from '../../responses/corrections';
import { campaignQuestions, detectCampaignGroups, runDetection } from '../../responses/detection';
import { campaignMembers, decideCampaign, listCampaigns, splitCampaign } from '../../responses/campaigns';
import { listDuplicateGroups, resolveDuplicateGroup } from '../../responses/duplicates';
import { listMerges, mergeOrganisations, organisationSuggestions, revertMerge } from '../../responses/organisations';
import { responsesSummary } from '../../responses/summary';
import type { IncomingResponse } from '../../responses/write-batch';

/**
 * The Responses page's calls (and the CLI's `import` and `search`): thin wrappers that find the
 * workspace, pass the clock, the actor, the job's signal and progress, and return what the
 * services return.
 */
function env(ctx: HandlerContext) {
  return { now: ctx.services.clock(), actor: ctx.services.actor, signal: ctx.signal, progress: (d: number, t: number, m: string) => ctx.progress(d, t, m), deferSearchIndex: !!ctx.services.background, worker: ctx.services.taskWorker };
}

function draftOf(ctx: HandlerContext): Draft {
  return drafts.loadDraft(requireWorkspace(ctx).db);
}

function addQuestionsVia(ctx: HandlerContext, file: WorkspaceFile): ImportEnv['addQuestions'] {
  return (sectionId, newSectionTitle, questions) =>
    drafts.addQuestions({ file, history: ctx.session.draftHistory, actor: ctx.services.actor, now: ctx.services.clock() }, { sectionId, ...(newSectionTitle ? { newSectionTitle } : {}), questions });
}

/** What a dry run would find: campaigns and duplicates among the file's own responses. */
async function dryRunDetection(responses: IncomingResponse[], draft: Draft, threshold: number, ctx: HandlerContext): Promise<DetectionOutcome> {
  const started = performance.now();
  const qs = campaignQuestions(draft);
  const docs = new Map<string, { id: string; text: string }[]>(qs.map((q) => [q.id, []]));
  responses.forEach((r, i) => {
    for (const a of r.answers) if (a.text) docs.get(a.questionId)?.push({ id: String(i + 1), text: a.text });
  });
  const found = await detectCampaignGroups(docs, new Map(qs.map((q) => [q.id, q.text])), { threshold }, { signal: ctx.signal });
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
    campaigns: found.flatMap((f) => f.groups.map((g, k) => ({ id: k + 1, size: g.size, questionId: f.questionId, status: 'proposed' as const }))).map((c, i) => ({ ...c, id: i + 1 })),
    duplicateGroups: groups.length,
    duplicateResponses: new Set(groups.flatMap((g) => g.memberIds)).size,
    threshold,
    seconds: Math.round((performance.now() - started) / 10) / 100,
  };
}

export const responseHandlers: HandlerTable<ResponseChannel> = {
  'responses.summary': ({ withCounts }, ctx) => responsesSummary(requireWorkspace(ctx).db, draftOf(ctx), { withCounts }),

  'responses.inspectFiles': ({ paths }, ctx) => {
    const db = requireWorkspace(ctx).db;
    return { files: expandPaths(paths).map((p) => inspected(readSource(p, db))) };
  },

  'responses.preview': async ({ path, mapping, headerRows, sheet, delimiter }, ctx) => {
    const db = requireWorkspace(ctx).db;
    return previewSurvey(db, drafts.loadDraft(db), { path, mapping, headerRows, sheet, delimiter }, env(ctx));
  },

  'responses.createQuestions': ({ path, headerRows, sheet, delimiter }, ctx) => {
    const file = requireWorkspace(ctx);
    const st = readSurvey(readSource(path, file.db), { headerRows, sheet, delimiter });
    const { created } = createQuestionsFor(st, drafts.loadDraft(file.db), { ...env(ctx), addQuestions: addQuestionsVia(ctx, file) }, false);
    if (!created.length) throw new AppError('invalid-input', 'Every column that holds answers already matches a question, so there are no questions to create.');
    return { created: created.map((q) => q.id) };
  },

  'responses.import': async ({ paths, mapping, channel, dryRun, createQuestions, saveMapping, detect, threshold, workspace, headerRows, sheet, delimiter }, ctx) => {
    const req = { paths, mapping, channel, dryRun, createQuestions, saveMapping, headerRows, sheet, delimiter };
    if (dryRun) {
      // Read-only: a dry run never changes (or locks) the workspace.
      const ro = workspace ? await openReadOnly(resolvePath(workspace), { integrityCheck: false }) : null;
      const db = ro?.db ?? requireWorkspace(ctx).db;
      const consultationId = ro?.meta.consultationId ?? requireWorkspace(ctx).consultationId;
      try {
        let collected: { responses: IncomingResponse[]; draft: Draft } | null = null;
        const outcome = await importFiles(null, db, consultationId, req, { ...env(ctx), collect: (responses, draft) => (collected = { responses, draft }) });
        if (!detect || !collected) return outcome;
        const c = collected as { responses: IncomingResponse[]; draft: Draft };
        return { ...outcome, detection: await dryRunDetection(c.responses, c.draft, threshold ?? 0.5, ctx) };
      } finally {
        ro?.db.close();
      }
    }
    const own = workspace ? await WorkspaceFile.open(resolvePath(workspace), ctx.services.workspaceOptions) : null;
    const file = own ?? requireWorkspace(ctx);
    try {
      const outcome = await importFiles(file, file.db, file.consultationId, req, { ...env(ctx), addQuestions: addQuestionsVia(ctx, file) });
      if (!detect || outcome.imported === 0) return outcome;
      return { ...outcome, detection: await runDetection(file, drafts.loadDraft(file.db), { threshold }, env(ctx)) };
    } finally {
      own?.close();
    }
  },

  'responses.readEmail': ({ path }, ctx) => readEmailFile(requireWorkspace(ctx).db, path),

  'responses.importEmail': ({ path, assignments, respondent }, ctx) => {
    const file = requireWorkspace(ctx);
    return importEmail(file, drafts.loadDraft(file.db), { path, assignments, respondent }, ctx.services.clock(), ctx.services.actor);
  },

  'responses.addLetter': ({ respondent, receivedAt, text, assignments, reference }, ctx) => {
    const file = requireWorkspace(ctx);
    return addLetter(file, drafts.loadDraft(file.db), { respondent, receivedAt, text, assignments, reference }, ctx.services.clock(), ctx.services.actor);
  },

  'responses.batches': (_i, ctx) => listBatches(requireWorkspace(ctx).db),

  'responses.undoBatch': ({ batchId }, ctx) => undoBatch(requireWorkspace(ctx), batchId, ctx.services.clock(), ctx.services.actor),

  'responses.rejected': (q, ctx) => listRejected(requireWorkspace(ctx).db, q),

  'responses.acceptRejected': ({ id, values }, ctx) => acceptRejected(requireWorkspace(ctx), id, values, ctx.services.clock(), ctx.services.actor),

  'responses.discardRejected': ({ id, reason }, ctx) => {
    discardRejected(requireWorkspace(ctx), id, reason, ctx.services.clock(), ctx.services.actor);
    return { discarded: true as const };
  },

  'responses.list': ({ filters, offset, limit, order }, ctx) => listResponses(requireWorkspace(ctx).db, { filters, offset, limit, order }),

  'responses.search': async ({ query, filters, scope, offset, limit, workspace }, ctx) => {
    if (!workspace) {
      const file = requireWorkspace(ctx);
      completeSearchIndex(file);
      return searchResponses(file.db, { query, filters, scope, offset, limit });
    }
    const ro = await openReadOnly(resolvePath(workspace), { integrityCheck: false });
    try {
      // A read-only copy: what a crash left in the backlog is indexed in this copy only.
      finishBacklog(ro.db);
      return searchResponses(ro.db, { query, filters, scope, offset, limit });
    } finally {
      ro.db.close();
    }
  },

  'responses.get': ({ id }, ctx) => {
    const db = requireWorkspace(ctx).db;
    return responseDetail(db, id, drafts.loadDraft(db));
  },

  'responses.correct': (input, ctx) => {
    const file = requireWorkspace(ctx);
    const draft = drafts.loadDraft(file.db);
    correctResponse(file, input, draft, ctx.services.clock(), ctx.services.actor);
    return responseDetail(file.db, input.responseId, draft);
  },

  'responses.detect': ({ threshold, minSize, campaigns, duplicates }, ctx) => {
    const file = requireWorkspace(ctx);
    return runDetection(file, drafts.loadDraft(file.db), { threshold, minSize, campaigns, duplicates }, env(ctx));
  },

  'responses.campaigns': (_i, ctx) => listCampaigns(requireWorkspace(ctx).db, draftOf(ctx)),

  'responses.campaignMembers': ({ id, offset, limit, withAdditionsOnly }, ctx) => campaignMembers(requireWorkspace(ctx).db, id, { offset, limit, withAdditionsOnly }),

  'responses.decideCampaign': ({ id, decision, label }, ctx) => {
    const file = requireWorkspace(ctx);
    decideCampaign(file, id, decision, label, ctx.services.clock(), ctx.services.actor);
    return listCampaigns(file.db, drafts.loadDraft(file.db));
  },

  'responses.splitCampaign': ({ id, responseIds, restore }, ctx) => splitCampaign(requireWorkspace(ctx), id, responseIds, !!restore, ctx.services.clock(), ctx.services.actor),

  'responses.duplicates': ({ status }, ctx) => listDuplicateGroups(requireWorkspace(ctx).db, status),

  'responses.resolveDuplicates': ({ groupId, action }, ctx) => {
    const file = requireWorkspace(ctx);
    resolveDuplicateGroup(file, groupId, action.kind === 'keep' ? { keep: action.responseId } : action.kind === 'dismiss' ? { dismiss: true } : { reopen: true }, ctx.services.clock(), ctx.services.actor);
    return listDuplicateGroups(file.db, 'all');
  },

  'responses.organisations': (_i, ctx) => {
    const db = requireWorkspace(ctx).db;
    return { suggestions: organisationSuggestions(db), merges: listMerges(db) };
  },

  'responses.mergeOrganisations': ({ canonicalName, variants }, ctx) => mergeOrganisations(requireWorkspace(ctx), canonicalName, variants, ctx.services.clock(), ctx.services.actor),

  'responses.revertMerge': ({ id }, ctx) => {
    revertMerge(requireWorkspace(ctx), id, ctx.services.clock(), ctx.services.actor);
    return { reverted: true as const };
  },
};
