import type { HandlerContext, HandlerTable } from '../core/session';
import type { AnalysisChannel } from '#shared/ipc/channels';
import type { Draft } from '#shared/domain/draft/model';
import { requireWorkspace } from '../core/require-workspace';
import { loadDraft } from '../draft/draft-service';
import { analysisOverview } from './overview';
import { updateSettings } from './settings';
import { computeTallies } from './tallies';
import { annotate, answerList, code, codingsOf, queue, removeCoding, themeCounts } from './coding';
import { archiveTheme, exportCodebook, importCodebook, listThemes, saveTheme } from './codebook';
import { bulkCode, listOperations, undoOperation } from './bulk';
import { latestRun, reviewSuggestions, runSuggestions } from './suggestions';
import { acceptProposal, proposalView, proposedAnswers, runProposals } from './proposals';
import { listQuotes, markQuote, removeQuote, updateQuote } from './quotes';
import { readTexts, saveText } from './texts';
import { agreementFor, exportPackage, listConflicts, listPackages, mergePackage, resolveConflicts } from './packages';
import { MAIN_CODER_SET } from '#shared/coding/types';

/**
 * The Analysis page's calls: thin wrappers that find the workspace and its draft, pass the clock,
 * the actor, and for long jobs the signal and progress, and return what the analysis services
 * return.
 */
function draftOf(ctx: HandlerContext): Draft {
  return loadDraft(requireWorkspace(ctx).db);
}

function env(ctx: HandlerContext) {
  return {
    now: ctx.services.clock(),
    actor: ctx.services.actor,
    signal: ctx.signal,
    progress: (d: number, t: number, m: string) => ctx.progress(d, t, m),
    workspaceOptions: ctx.services.workspaceOptions,
  };
}

export const analysisHandlers: HandlerTable<AnalysisChannel> = {
  'analysis.overview': (_i, ctx) => analysisOverview(requireWorkspace(ctx).db, draftOf(ctx)),
  'analysis.settings': (patch, ctx) =>
    updateSettings(requireWorkspace(ctx), patch, ctx.services.clock(), ctx.services.actor),

  'analysis.tallies': ({ questionIds, campaigns, crossBy }, ctx) =>
    computeTallies(requireWorkspace(ctx).db, draftOf(ctx), { questionIds, campaigns, crossBy }),
  'analysis.themeCounts': ({ questionId, campaigns }, ctx) =>
    themeCounts(requireWorkspace(ctx).db, draftOf(ctx), questionId, campaigns),

  'analysis.codebook': (_i, ctx) => listThemes(requireWorkspace(ctx).db),
  'analysis.saveTheme': (input, ctx) =>
    saveTheme(requireWorkspace(ctx), draftOf(ctx), input, ctx.services.clock(), ctx.services.actor),
  'analysis.archiveTheme': ({ id, archived }, ctx) =>
    archiveTheme(requireWorkspace(ctx), id, archived, ctx.services.clock(), ctx.services.actor),
  'analysis.importCodebook': ({ path }, ctx) =>
    importCodebook(requireWorkspace(ctx), draftOf(ctx), path, ctx.services.clock(), ctx.services.actor),
  'analysis.exportCodebook': ({ path, format }, ctx) =>
    exportCodebook(requireWorkspace(ctx), draftOf(ctx), path, format, ctx.services.clock(), ctx.services.actor),

  'analysis.queue': ({ questionId, responseId, move }, ctx) =>
    queue(requireWorkspace(ctx).db, draftOf(ctx), { questionId, responseId, move }),
  'analysis.answers': (input, ctx) => answerList(requireWorkspace(ctx).db, draftOf(ctx), input),
  'analysis.code': (input, ctx) =>
    code(requireWorkspace(ctx), draftOf(ctx), input, ctx.services.clock(), ctx.services.actor),
  'analysis.removeCoding': ({ codingId }, ctx) => {
    const file = requireWorkspace(ctx);
    const { responseId, questionId } = removeCoding(file, codingId, ctx.services.clock(), ctx.services.actor);
    return codingsOf(file.db, MAIN_CODER_SET, responseId, questionId);
  },
  'analysis.annotate': (input, ctx) =>
    annotate(requireWorkspace(ctx), draftOf(ctx), input, ctx.services.clock(), ctx.services.actor),

  'analysis.bulkCode': ({ questionId, themeId, target, dryRun }, ctx) =>
    bulkCode(requireWorkspace(ctx), draftOf(ctx), { questionId, themeId, target, dryRun }, env(ctx)),
  'analysis.operations': (_i, ctx) => listOperations(requireWorkspace(ctx).db),
  'analysis.undoOperation': ({ opId }, ctx) =>
    undoOperation(requireWorkspace(ctx), opId, ctx.services.clock(), ctx.services.actor),

  'analysis.suggestThemes': ({ questionId, k }, ctx) =>
    runSuggestions(requireWorkspace(ctx), draftOf(ctx), { questionId, k }, env(ctx)),
  'analysis.suggestions': ({ questionId }, ctx) => latestRun(requireWorkspace(ctx).db, questionId),
  'analysis.reviewSuggestions': ({ runId, decisions, applyToMembers }, ctx) =>
    reviewSuggestions(
      requireWorkspace(ctx),
      draftOf(ctx),
      { runId, decisions, applyToMembers },
      ctx.services.clock(),
      ctx.services.actor,
    ),

  'analysis.propose': ({ questionId }, ctx) =>
    runProposals(requireWorkspace(ctx), draftOf(ctx), { questionId }, env(ctx)),
  'analysis.proposals': ({ questionId }, ctx) => proposalView(requireWorkspace(ctx).db, draftOf(ctx), questionId),
  'analysis.proposedAnswers': (input, ctx) => proposedAnswers(requireWorkspace(ctx).db, draftOf(ctx), input),
  'analysis.acceptProposal': (input, ctx) =>
    acceptProposal(requireWorkspace(ctx), draftOf(ctx), input, ctx.services.clock(), ctx.services.actor),

  'analysis.quotes': ({ questionId, includeRemoved }, ctx) =>
    listQuotes(requireWorkspace(ctx).db, draftOf(ctx), { questionId, includeRemoved }),
  'analysis.markQuote': (input, ctx) =>
    markQuote(requireWorkspace(ctx), draftOf(ctx), input, ctx.services.clock(), ctx.services.actor),
  'analysis.updateQuote': ({ id, note, themeIds }, ctx) => {
    const file = requireWorkspace(ctx);
    updateQuote(file, id, { note, themeIds }, ctx.services.clock(), ctx.services.actor);
    return listQuotes(file.db, draftOf(ctx), { includeRemoved: true });
  },
  'analysis.removeQuote': ({ id, restore }, ctx) => {
    const file = requireWorkspace(ctx);
    removeQuote(file, id, !!restore, ctx.services.clock(), ctx.services.actor);
    return listQuotes(file.db, draftOf(ctx), { includeRemoved: true });
  },

  'analysis.texts': (_i, ctx) => readTexts(requireWorkspace(ctx).db),
  'analysis.saveText': (input, ctx) =>
    saveText(
      requireWorkspace(ctx),
      draftOf(ctx),
      input.kind === 'question'
        ? { kind: 'question', questionId: input.questionId, part: input.part }
        : { kind: 'section', section: input.section },
      input.text,
      ctx.services.clock(),
      ctx.services.actor,
    ),

  'analysis.exportPackage': (input, ctx) => exportPackage(requireWorkspace(ctx), draftOf(ctx), input, env(ctx)),
  'analysis.mergePackage': ({ path }, ctx) => mergePackage(requireWorkspace(ctx), draftOf(ctx), { path }, env(ctx)),
  'analysis.packages': (_i, ctx) => listPackages(requireWorkspace(ctx).db, draftOf(ctx)),
  'analysis.agreement': ({ packageId }, ctx) => agreementFor(requireWorkspace(ctx).db, draftOf(ctx), packageId),
  'analysis.conflicts': ({ packageId, includeResolved }, ctx) =>
    listConflicts(requireWorkspace(ctx).db, draftOf(ctx), packageId, { includeResolved }),
  'analysis.resolveConflicts': (input, ctx) =>
    resolveConflicts(requireWorkspace(ctx), draftOf(ctx), input, ctx.services.clock(), ctx.services.actor),
};
