import { z } from 'zod';
import { call } from '../spec';
import { SENTIMENTS } from '../../coding/sentiment';
import { CROSS_TAB_FIELDS } from '../../coding/fields';
import { sampleDefinitionSchema } from '../../coding/package-meta';
import {
  RESPONSE_TEXT_SECTIONS,
  type AgreementView,
  type AnalysisOverview,
  type AnalysisSettings,
  type AnnotationView,
  type AnswerListRow,
  type CodingView,
  type ConflictView,
  type MergeOutcome,
  type OperationView,
  type PackageView,
  type ProposalRunView,
  type ProposedAnswer,
  type QueueView,
  type QuoteView,
  type ResponseTexts,
  type SuggestionRunView,
  type TalliesResult,
  type ThemeCountsResult,
  type ThemeView,
} from '../../coding/types';

/**
 * The Analysis page's calls (and the CLI's): tallies, the codebook, coding with the keyboard
 * queue, bulk coding, theme suggestions, quotes, the government response text, and coding
 * packages for a second coder with their agreement. Answers are named by response id and
 * question id.
 */
const questionId = z.string().min(1).max(100);
const responseId = z.number().int().positive();
const themeId = z.string().min(1).max(200);
const path = z.string().min(1, 'Enter the path of a file').max(4096, 'The path is too long');
const passage = z.strictObject({ start: z.number().int().min(0), end: z.number().int().min(1) });
const campaigns = z.enum(['included', 'excluded']);

const themeInput = z.strictObject({
  id: themeId.optional(),
  name: z.string().trim().min(1, 'Enter a name for the theme').max(200, 'The name must be 200 characters or fewer'),
  description: z.string().max(4000).optional(),
  parentId: themeId.nullable().optional(),
  questionIds: z.array(questionId).max(500).optional(),
  codable: z.boolean().optional(),
  colour: z.string().max(7).nullable().optional(),
  order: z.number().int().min(0).max(1_000_000).optional(),
});

const decision = z.discriminatedUnion('action', [
  z.strictObject({
    suggestionId: z.string().min(1).max(100),
    action: z.literal('accept'),
    name: z.string().trim().min(1).max(200).optional(),
    description: z.string().max(4000).optional(),
  }),
  z.strictObject({ suggestionId: z.string().min(1).max(100), action: z.literal('reject') }),
  z.strictObject({
    suggestionId: z.string().min(1).max(100),
    action: z.literal('merge'),
    intoId: z.string().min(1).max(100),
  }),
]);

const bulkTarget = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('search'), query: z.string().trim().min(1, 'Enter words to search for').max(1000) }),
  z.strictObject({ kind: z.literal('campaign'), campaignId: z.number().int().positive() }),
  z.strictObject({ kind: z.literal('responses'), responseIds: z.array(responseId).min(1).max(200_000) }),
  z.strictObject({
    kind: z.literal('proposals'),
    runId: z.number().int().positive(),
    minConfidence: z.number().min(0.5, 'Choose a confidence of 50% or more').max(1),
    excludeIds: z.array(responseId).max(200_000).optional(),
  }),
]);

export const analysisContract = {
  'analysis.overview': call<AnalysisOverview>()(z.strictObject({}), 'query'),
  'analysis.settings': call<AnalysisSettings>()(
    z.strictObject({
      campaigns: campaigns.optional(),
      threshold: z.number().int().min(1).max(1000).optional(),
      minCodedShare: z.number().min(0).max(1).optional(),
    }),
    'mutation',
  ),

  /**
   * Counts for closed questions (and answered / not answered for open ones), optionally split by a respondent field.
   */
  'analysis.tallies': call<TalliesResult>()(
    z.strictObject({
      questionIds: z.array(questionId).max(1000).optional(),
      campaigns: campaigns.optional(),
      crossBy: z.enum(CROSS_TAB_FIELDS).optional(),
    }),
    'query',
  ),
  'analysis.themeCounts': call<ThemeCountsResult>()(
    z.strictObject({ questionId, campaigns: campaigns.optional() }),
    'query',
  ),

  'analysis.codebook': call<ThemeView[]>()(z.strictObject({}), 'query'),
  'analysis.saveTheme': call<ThemeView>()(themeInput, 'mutation'),
  /** Delete a theme (archived: true) or restore it (false). */
  'analysis.archiveTheme': call<{ changed: string[]; codings: number }>()(
    z.strictObject({ id: themeId, archived: z.boolean() }),
    'mutation',
  ),
  'analysis.importCodebook': call<{ added: number; updated: number; warnings: string[]; themes: ThemeView[] }>()(
    z.strictObject({ path }),
    'mutation',
  ),
  'analysis.exportCodebook': call<{ path: string; bytes: number; sha256: string }>()(
    z.strictObject({ path, format: z.enum(['csv', 'qdc']) }),
    'mutation',
  ),

  /** The coding queue: an answer with its codings, the numbered themes and progress. */
  'analysis.queue': call<QueueView>()(
    z.strictObject({
      questionId,
      responseId: responseId.optional(),
      /** next-informative: the uncoded answer the model would learn most from (the latest proposals' order). */
      move: z.enum(['current', 'first', 'next', 'previous', 'next-uncoded', 'previous-uncoded', 'next-informative']),
    }),
    'query',
  ),
  'analysis.answers': call<{ total: number; rows: AnswerListRow[] }>()(
    z.strictObject({
      questionId,
      offset: z.number().int().min(0),
      limit: z.number().int().min(1).max(500),
      filter: z.enum(['all', 'coded', 'uncoded']).optional(),
      themeId: themeId.optional(),
    }),
    'query',
  ),
  'analysis.code': call<CodingView[]>()(
    z.strictObject({
      responseId,
      questionId,
      themeId,
      action: z.enum(['toggle', 'add', 'remove']).optional(),
      passage: passage.optional(),
    }),
    'mutation',
  ),
  'analysis.removeCoding': call<CodingView[]>()(z.strictObject({ codingId: z.number().int().positive() }), 'mutation'),
  'analysis.annotate': call<AnnotationView>()(
    z.strictObject({
      responseId,
      questionId,
      sentiment: z.enum(SENTIMENTS).nullable().optional(),
      memo: z.string().max(20_000).optional(),
      complete: z.boolean().optional(),
    }),
    'mutation',
  ),

  /** Code every answer a search finds, a campaign's members, or a list of responses; dryRun counts only. */
  /**
   * With dryRun, nothing changes: the answers that would be coded (responseIds) and the first of them with
   * their text (preview), to read and untick before coding the rest as target 'responses'.
   */
  'analysis.bulkCode': call<{
    opId: number | null;
    applied: number;
    alreadyCoded: number;
    skipped: number;
    responseIds?: number[];
    preview?: Array<{ responseId: number; text: string; confidence?: number }>;
  }>()(z.strictObject({ questionId, themeId, target: bulkTarget, dryRun: z.boolean().optional() }), 'job'),
  'analysis.operations': call<OperationView[]>()(z.strictObject({}), 'query'),
  'analysis.undoOperation': call<{ removed: number; restored: number }>()(
    z.strictObject({ opId: z.number().int().positive() }),
    'mutation',
  ),

  'analysis.suggestThemes': call<SuggestionRunView>()(
    z.strictObject({ questionId, k: z.number().int().min(2).max(60).optional() }),
    'job',
  ),
  'analysis.suggestions': call<SuggestionRunView | null>()(z.strictObject({ questionId }), 'query'),
  /**
   * Accept (optionally renamed), merge or reject suggestions; applyToMembers codes the suggested answers (after the
   * analyst confirmed).
   */
  'analysis.reviewSuggestions': call<{
    created: ThemeView[];
    applied: number;
    opIds: number[];
    problems: string[];
    /** Without applyToMembers: each new theme's suggested answers, for the analyst to check and code. */
    suggested?: Array<{ themeId: string; responseIds: number[] }>;
  }>()(
    z.strictObject({
      runId: z.number().int().positive(),
      decisions: z.array(decision).min(1).max(200),
      applyToMembers: z.boolean(),
    }),
    'mutation',
  ),

  /**
   * Assisted coding: train on the analysts' codes for a question and propose themes for its uncoded answers (a job,
   * on this computer). Proposals are never codes until accepted: one answer at a time (acceptProposal, correcting as
   * needed) or a theme's proposals above a confidence (bulkCode with target 'proposals', checked first).
   */
  'analysis.propose': call<ProposalRunView>()(z.strictObject({ questionId }), 'job'),
  'analysis.proposals': call<ProposalRunView | null>()(z.strictObject({ questionId }), 'query'),
  'analysis.proposedAnswers': call<{ total: number; rows: ProposedAnswer[] }>()(
    z.strictObject({
      questionId,
      runId: z.number().int().positive(),
      themeId: themeId.optional(),
      order: z.enum(['least-confident', 'most-confident']),
      offset: z.number().int().min(0),
      limit: z.number().int().min(1).max(200),
    }),
    'query',
  ),
  /** One answer: the themes the analyst kept or chose (proposed ones coded as 'proposal'); none marks it complete. */
  'analysis.acceptProposal': call<{ coded: number; proposal: number }>()(
    z.strictObject({
      runId: z.number().int().positive(),
      questionId,
      responseId,
      themeIds: z.array(themeId).max(100),
    }),
    'mutation',
  ),

  'analysis.quotes': call<QuoteView[]>()(
    z.strictObject({ questionId: questionId.optional(), includeRemoved: z.boolean().optional() }),
    'query',
  ),
  'analysis.markQuote': call<QuoteView>()(
    z.strictObject({
      responseId,
      questionId,
      passage: passage.optional(),
      note: z.string().max(4000).optional(),
      themeIds: z.array(themeId).max(100).optional(),
    }),
    'mutation',
  ),
  'analysis.updateQuote': call<QuoteView[]>()(
    z.strictObject({
      id: z.number().int().positive(),
      note: z.string().max(4000).optional(),
      themeIds: z.array(themeId).max(100).optional(),
    }),
    'mutation',
  ),
  /** Remove a quote, or restore it (undo). */
  'analysis.removeQuote': call<QuoteView[]>()(
    z.strictObject({ id: z.number().int().positive(), restore: z.boolean().optional() }),
    'mutation',
  ),

  'analysis.texts': call<ResponseTexts>()(z.strictObject({}), 'query'),
  'analysis.saveText': call<{ savedAt: string }>()(
    z.discriminatedUnion('kind', [
      z.strictObject({
        kind: z.literal('question'),
        questionId,
        part: z.enum(['response', 'next-steps']),
        text: z.string().max(200_000),
      }),
      z.strictObject({
        kind: z.literal('section'),
        section: z.enum(RESPONSE_TEXT_SECTIONS),
        text: z.string().max(200_000),
      }),
    ]),
    'mutation',
  ),

  /**
   * Make a coding package for a second coder: a workspace file with a seeded sample of answers, no respondent details.
   */
  'analysis.exportPackage': call<PackageView>()(
    z.strictObject({
      path,
      questionIds: z.array(questionId).min(1, 'Choose at least one question').max(500),
      sample: sampleDefinitionSchema,
      coder: z.string().trim().max(200),
    }),
    'job',
  ),
  /** Merge a colleague's coded package (read without opening it for editing). */
  'analysis.mergePackage': call<MergeOutcome>()(z.strictObject({ path }), 'job'),
  'analysis.packages': call<PackageView[]>()(z.strictObject({}), 'query'),
  'analysis.agreement': call<AgreementView | null>()(
    z.strictObject({ packageId: z.string().min(1).max(100) }),
    'query',
  ),
  'analysis.conflicts': call<ConflictView[]>()(
    z.strictObject({ packageId: z.string().min(1).max(100), includeResolved: z.boolean().optional() }),
    'query',
  ),
  'analysis.resolveConflicts': call<{ resolved: number; opId: number | null }>()(
    z.strictObject({
      packageId: z.string().min(1).max(100),
      take: z.enum(['mine', 'theirs', 'both']),
      items: z.array(z.strictObject({ responseId, questionId })).max(100_000).optional(),
    }),
    'mutation',
  ),
} as const;
