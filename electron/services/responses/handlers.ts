import type { Handler, HandlerContext, HandlerTable } from '../core/session';
import { responseEnv } from './response-env';
import type { importHandlers } from './import-handlers';
import type { ResponseChannel } from '#shared/ipc/channels';
import type { Draft } from '#shared/domain/draft/model';
import { requireOwnResponses, requireWorkspace } from '../core/require-workspace';
import * as drafts from '../draft/draft-service';
import { listBatches, undoBatch } from './batches';
import { acceptRejected, discardRejected, listRejected } from './rejected';
import { listResponses, responseDetail } from './browse';
import { searchResponses } from './search';
import { completeSearchIndex } from './search-backlog';
import { correctResponse } from './corrections';
import { runDetection } from './detection';
import { campaignMembers, decideCampaign, listCampaigns, splitCampaign } from './campaigns';
import { listDuplicateGroups, resolveDuplicateGroup } from './duplicates';
import { listMerges, mergeOrganisations, organisationSuggestions, revertMerge } from './organisations';
import { responsesSummary } from './summary';
import { decidePersonalData, personalDataReview } from './personal-data-review';

/**
 * The Responses page's calls (and the CLI's `import` and `search`): thin wrappers that find the
 * workspace, pass the clock, the actor, the job's signal and progress, and return what the
 * services return.
 */

function draftOf(ctx: HandlerContext): Draft {
  return drafts.loadDraft(requireWorkspace(ctx).db);
}

/**
 * The calls that read files people send (survey exports, spreadsheets, emails, letters) live in
 * responses-import.ts with the readers they need (SheetJS, ExcelJS, the email parsers), loaded on
 * the first such call, so searching or browsing responses (and `workbench search`) never loads them.
 */
type ImportChannel = keyof typeof importHandlers;
const lazily =
  <C extends ImportChannel>(channel: C): Handler<C> =>
  async (input, ctx) => {
    const { importHandlers } = await import('./import-handlers');
    return (importHandlers[channel] as Handler<C>)(input, ctx);
  };

export const responseHandlers: HandlerTable<ResponseChannel> = {
  'responses.inspectFiles': lazily('responses.inspectFiles'),
  'responses.preview': lazily('responses.preview'),
  'responses.createQuestions': lazily('responses.createQuestions'),
  'responses.import': lazily('responses.import'),
  'responses.readEmail': lazily('responses.readEmail'),
  'responses.importEmail': lazily('responses.importEmail'),
  'responses.addLetter': lazily('responses.addLetter'),

  'responses.summary': ({ withCounts }, ctx) =>
    responsesSummary(requireWorkspace(ctx).db, draftOf(ctx), { withCounts }),

  'responses.batches': (_i, ctx) => listBatches(requireWorkspace(ctx).db),

  'responses.undoBatch': ({ batchId }, ctx) =>
    undoBatch(requireOwnResponses(ctx), batchId, ctx.services.clock(), ctx.services.actor),

  'responses.rejected': (q, ctx) => listRejected(requireWorkspace(ctx).db, q),

  'responses.acceptRejected': ({ id, values }, ctx) =>
    acceptRejected(requireOwnResponses(ctx), id, values, ctx.services.clock(), ctx.services.actor),

  'responses.discardRejected': ({ id, reason }, ctx) => {
    discardRejected(requireWorkspace(ctx), id, reason, ctx.services.clock(), ctx.services.actor);
    return { discarded: true as const };
  },

  'responses.list': ({ filters, offset, limit, order }, ctx) =>
    listResponses(requireWorkspace(ctx).db, { filters, offset, limit, order }),

  'responses.search': ({ query, filters, scope, offset, limit }, ctx) => {
    const file = requireWorkspace(ctx);
    completeSearchIndex(file);
    return searchResponses(file.db, { query, filters, scope, offset, limit });
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
    return runDetection(
      file,
      drafts.loadDraft(file.db),
      { threshold, minSize, campaigns, duplicates },
      responseEnv(ctx),
    );
  },

  'responses.campaigns': (_i, ctx) => listCampaigns(requireWorkspace(ctx).db, draftOf(ctx)),

  'responses.campaignMembers': ({ id, offset, limit, withAdditionsOnly }, ctx) =>
    campaignMembers(requireWorkspace(ctx).db, id, { offset, limit, withAdditionsOnly }),

  'responses.decideCampaign': ({ id, decision, label }, ctx) => {
    const file = requireWorkspace(ctx);
    decideCampaign(file, id, decision, label, ctx.services.clock(), ctx.services.actor);
    return listCampaigns(file.db, drafts.loadDraft(file.db));
  },

  'responses.splitCampaign': ({ id, responseIds, restore }, ctx) =>
    splitCampaign(requireWorkspace(ctx), id, responseIds, !!restore, ctx.services.clock(), ctx.services.actor),

  'responses.duplicates': ({ status }, ctx) => listDuplicateGroups(requireWorkspace(ctx).db, status),

  'responses.resolveDuplicates': ({ groupId, action }, ctx) => {
    const file = requireWorkspace(ctx);
    resolveDuplicateGroup(
      file,
      groupId,
      action.kind === 'keep'
        ? { keep: action.responseId }
        : action.kind === 'dismiss'
          ? { dismiss: true }
          : { reopen: true },
      ctx.services.clock(),
      ctx.services.actor,
    );
    return listDuplicateGroups(file.db, 'all');
  },

  'responses.organisations': (_i, ctx) => {
    const db = requireWorkspace(ctx).db;
    return { suggestions: organisationSuggestions(db), merges: listMerges(db) };
  },

  'responses.mergeOrganisations': ({ canonicalName, variants }, ctx) =>
    mergeOrganisations(requireWorkspace(ctx), canonicalName, variants, ctx.services.clock(), ctx.services.actor),

  'responses.revertMerge': ({ id }, ctx) => {
    revertMerge(requireWorkspace(ctx), id, ctx.services.clock(), ctx.services.actor);
    return { reverted: true as const };
  },

  'responses.personalData': (q, ctx) => personalDataReview(requireWorkspace(ctx).db, draftOf(ctx), q),

  'responses.decidePersonalData': (input, ctx) =>
    decidePersonalData(requireWorkspace(ctx), draftOf(ctx), input, ctx.services.clock(), ctx.services.actor),
};
