import { z } from 'zod';
import { call } from '../spec';
import { RESPONDENT_FIELD_KEYS } from '../../domain/draft/model';
import { INTAKE_CHANNELS, columnMappingSchema } from '../../domain/survey-import/types';
import {
  EXTRA_RESPONDENT_FIELDS,
  responseFiltersSchema,
  type BatchSummary,
  type CampaignMemberView,
  type CampaignView,
  type DetectionOutcome,
  type DuplicateGroupView,
  type ImportOutcome,
  type InspectedFile,
  type OrganisationMergeView,
  type OrganisationSuggestion,
  type RejectedRowView,
  type ResponseDetail,
  type ResponseList,
  type ResponsesSummary,
  type SearchResults,
  type SurveyPreview,
} from '../../domain/responses/store';
import type { EmailMessage } from '../../domain/responses/email';
import type { PersonalDataReview } from '../../analysis/personal-data/index';
import { PERSONAL_DATA_KINDS } from '../../analysis/personal-data/kinds';

const path = z.string().min(1, 'Enter the path of a file').max(4096, 'The path is too long');
const id = z.number().int().positive();
const shortText = (max: number) => z.string().max(max);
const personalDataKind = z.enum(PERSONAL_DATA_KINDS);
const surveyOptions = {
  /** The official's correction of the number of header rows. */
  headerRows: z.number().int().min(1).max(10).optional(),
  sheet: shortText(200).optional(),
  delimiter: z.enum([',', ';', '\t', '|']).optional(),
};
const respondentDetails = z.partialRecord(
  z.enum([...RESPONDENT_FIELD_KEYS, ...EXTRA_RESPONDENT_FIELDS]),
  shortText(4000),
);
const assignments = z
  .array(z.strictObject({ questionId: z.string().min(1).max(100), text: shortText(200_000) }))
  .max(500);

export const responsesContract = {
  'responses.summary': call<ResponsesSummary>()(z.strictObject({ withCounts: z.boolean().optional() }), 'query'),

  /** What each picked file (or the files in a picked folder) is, and whether it was imported before. */
  'responses.inspectFiles': call<{ files: InspectedFile[] }>()(
    z.strictObject({ paths: z.array(path).min(1).max(5000) }),
    'query',
  ),

  /** A survey export read through a mapping (proposed, saved or given) without saving anything. */
  'responses.preview': call<SurveyPreview>()(
    z.strictObject({ path, mapping: columnMappingSchema.optional(), ...surveyOptions }),
    'job',
  ),

  /** Add questions to the consultation from the columns that match none (or all, when it has none). */
  'responses.createQuestions': call<{ created: string[] }>()(z.strictObject({ path, ...surveyOptions }), 'mutation'),

  /**
   * Import files: survey exports (mapping as given, else saved for the source, else proposed),
   * returned forms and emails; many at once. `detect` runs campaign and duplicate detection after.
   */
  'responses.import': call<ImportOutcome & { detection?: DetectionOutcome }>()(
    z.strictObject({
      paths: z.array(path).min(1).max(5000),
      mapping: z
        .union([z.literal('auto'), columnMappingSchema], {
          error:
            'The mapping is not valid: it must be "auto" or a list with one entry per column, each such as ' +
            '{"kind":"ignore"} or {"kind":"question","questionId":"…","part":"answer"}.',
        })
        .optional(),
      channel: z.enum(INTAKE_CHANNELS).optional(),
      dryRun: z.boolean().optional(),
      createQuestions: z.boolean().optional(),
      saveMapping: z.boolean().optional(),
      detect: z.boolean().optional(),
      threshold: z.number().min(0.2).max(1).optional(),
      ...surveyOptions,
    }),
    'job',
  ),

  'responses.readEmail': call<{ file: InspectedFile; message: EmailMessage; generalCommentsQuestionId: string }>()(
    z.strictObject({ path }),
    'query',
  ),
  'responses.importEmail': call<ImportOutcome>()(
    z.strictObject({ path, assignments, respondent: respondentDetails.optional() }),
    'mutation',
  ),
  'responses.addLetter': call<ImportOutcome>()(
    z.strictObject({
      respondent: respondentDetails,
      receivedAt: z.union([z.iso.date(), z.iso.datetime({ offset: true })]).optional(),
      text: z.string().min(1, 'Type or paste the letter').max(1_000_000),
      assignments,
      reference: shortText(200).optional(),
    }),
    'mutation',
  ),

  'responses.batches': call<BatchSummary[]>()(z.strictObject({}), 'query'),
  'responses.undoBatch': call<{ removed: number }>()(z.strictObject({ batchId: id }), 'job'),

  'responses.rejected': call<{ total: number; rows: RejectedRowView[] }>()(
    z.strictObject({
      batchId: id.optional(),
      status: z.enum(['open', 'accepted', 'discarded', 'all']).optional(),
      offset: z.number().int().min(0).optional(),
      limit: z.number().int().min(1).max(500).optional(),
    }),
    'query',
  ),
  'responses.acceptRejected': call<{ responseId: number }>()(
    z.strictObject({ id, values: z.array(z.tuple([shortText(2000), shortText(200_000)])).max(20_000) }),
    'mutation',
  ),
  'responses.discardRejected': call<{ discarded: true }>()(
    z.strictObject({ id, reason: z.string().trim().min(1, 'Give a reason for discarding the row').max(2000) }),
    'mutation',
  ),

  'responses.list': call<ResponseList>()(
    z.strictObject({
      filters: responseFiltersSchema.optional(),
      offset: z.number().int().min(0),
      limit: z.number().int().min(1).max(1000),
      order: z.enum(['asc', 'desc']).optional(),
    }),
    'query',
  ),
  'responses.search': call<SearchResults>()(
    z.strictObject({
      query: z.string().trim().min(1, 'Enter a word to search for').max(1000),
      filters: responseFiltersSchema.optional(),
      scope: z.enum(['all', 'answers', 'respondents', 'additions']).optional(),
      offset: z.number().int().min(0).optional(),
      limit: z.number().int().min(1).max(500).optional(),
    }),
    'query',
  ),
  'responses.get': call<ResponseDetail>()(z.strictObject({ id }), 'query'),
  'responses.correct': call<ResponseDetail>()(
    z.discriminatedUnion('target', [
      z.strictObject({
        target: z.literal('answer'),
        responseId: id,
        questionId: z.string().min(1).max(100),
        field: z.enum(['text', 'otherText', 'explanation', 'optionIds']),
        value: z.union([shortText(200_000), z.array(z.string().min(1).max(100)).max(200)]),
        reason: shortText(2000).optional(),
      }),
      z.strictObject({
        target: z.literal('respondent'),
        responseId: id,
        field: z.enum([...RESPONDENT_FIELD_KEYS, ...EXTRA_RESPONDENT_FIELDS]),
        value: shortText(4000),
        reason: shortText(2000).optional(),
      }),
      z.strictObject({
        target: z.literal('response'),
        responseId: id,
        field: z.enum(['channel', 'submittedAt', 'externalId']),
        value: shortText(500),
        reason: shortText(2000).optional(),
      }),
    ]),
    'mutation',
  ),

  /** Campaign and duplicate detection over the whole workspace. */
  'responses.detect': call<DetectionOutcome>()(
    z.strictObject({
      threshold: z.number().min(0.2).max(1).optional(),
      minSize: z.number().int().min(2).max(10_000).optional(),
      campaigns: z.boolean().optional(),
      duplicates: z.boolean().optional(),
    }),
    'job',
  ),
  'responses.campaigns': call<CampaignView[]>()(z.strictObject({}), 'query'),
  'responses.campaignMembers': call<{ total: number; members: CampaignMemberView[] }>()(
    z.strictObject({
      id,
      offset: z.number().int().min(0),
      limit: z.number().int().min(1).max(500),
      withAdditionsOnly: z.boolean().optional(),
    }),
    'query',
  ),
  'responses.decideCampaign': call<CampaignView[]>()(
    z.strictObject({ id, decision: z.enum(['confirm', 'reject', 'reopen']), label: shortText(300).optional() }),
    'mutation',
  ),
  'responses.splitCampaign': call<{ changed: number }>()(
    z.strictObject({ id, responseIds: z.array(id).min(1).max(100_000), restore: z.boolean().optional() }),
    'mutation',
  ),

  'responses.duplicates': call<DuplicateGroupView[]>()(
    z.strictObject({ status: z.enum(['open', 'resolved', 'dismissed', 'all']).optional() }),
    'query',
  ),
  'responses.resolveDuplicates': call<DuplicateGroupView[]>()(
    z.strictObject({
      groupId: id,
      action: z.discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('keep'), responseId: id }),
        z.strictObject({ kind: z.literal('dismiss') }),
        z.strictObject({ kind: z.literal('reopen') }),
      ]),
    }),
    'mutation',
  ),

  'responses.organisations': call<{ suggestions: OrganisationSuggestion[]; merges: OrganisationMergeView[] }>()(
    z.strictObject({}),
    'query',
  ),
  'responses.mergeOrganisations': call<{ merged: number }>()(
    z.strictObject({
      canonicalName: z.string().trim().min(1, 'Enter the name to use').max(500),
      variants: z.array(shortText(500)).min(1).max(1000),
    }),
    'mutation',
  ),
  'responses.revertMerge': call<{ reverted: true }>()(z.strictObject({ id }), 'mutation'),

  /** The review list of personal data in answers that would be published (Responses → Personal data). */
  'responses.personalData': call<PersonalDataReview>()(
    z.strictObject({
      status: z.enum(['unreviewed', 'remove', 'release', 'all']).optional(),
      kind: personalDataKind.optional(),
      questionId: z.string().min(1).max(100).optional(),
      offset: z.number().int().min(0).optional(),
      limit: z.number().int().min(1).max(500).optional(),
    }),
    'query',
  ),
  /**
   * Decide about findings: 'remove' confirms removal, 'release' lets them be published as written (a
   * reason is required), 'undo' returns them to the list unreviewed. Either the findings named, or every
   * finding not yet reviewed that matches a filter (removal only: nothing is released unread).
   */
  'responses.decidePersonalData': call<{ changed: number }>()(
    z.strictObject({
      decision: z.enum(['remove', 'release', 'undo']),
      reason: shortText(2000).optional(),
      findings: z
        .array(
          z.strictObject({
            responseId: id,
            questionId: z.string().min(1).max(100),
            kind: personalDataKind,
            text: z.string().min(1).max(2000),
          }),
        )
        .max(1000)
        .optional(),
      allUnreviewed: z
        .strictObject({ kind: personalDataKind.optional(), questionId: z.string().min(1).max(100).optional() })
        .optional(),
    }),
    'mutation',
  ),
} as const;
