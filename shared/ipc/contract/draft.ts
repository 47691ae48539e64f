import { z } from 'zod';
import { call } from '../spec';
import {
  SECTION_KINDS,
  QUESTION_TYPES,
  aboutYouFieldSchema,
  checkerSettingsSchema,
  metadataSchema,
  privacyNoticeSchema,
  questionSchema,
  type Draft,
  type DraftMetadata,
  type Question,
} from '../../domain/draft/model';
import { richDocSchema } from '../../domain/draft/rich-text';
import { patchSchema } from '../../domain/draft/patch';
import type { DraftComparison } from '../../domain/draft/compare';

const id = z.string().min(1).max(100);

export interface DraftWithHistory {
  draft: Draft;
  canUndo: boolean;
  canRedo: boolean;
}

export interface VersionSummary {
  id: number;
  label: string;
  createdAt: string;
  createdBy: string;
  sections: number;
  questions: number;
}

const questionPatch = patchSchema(
  questionSchema.omit({ id: true, sectionId: true }).extend({
    options: z.array(z.strictObject({ id: z.string().max(100).optional(), label: z.string().max(500) })).max(200),
  }),
);

/** Drafting calls. Structural changes return the whole draft; text edits return a small acknowledgement. */
export const draftContract = {
  'draft.get': call<DraftWithHistory>()(z.strictObject({}), 'query'),
  'draft.updateMetadata': call<{ metadata: DraftMetadata; canUndo: boolean }>()(
    z.strictObject({ patch: patchSchema(metadataSchema) }),
    'mutation',
  ),
  'draft.updateSection': call<{ canUndo: boolean }>()(
    z.strictObject({
      id,
      title: z.string().max(300).optional(),
      body: richDocSchema.optional(),
      kind: z.enum(SECTION_KINDS).optional(),
    }),
    'mutation',
  ),
  'draft.addSection': call<DraftWithHistory & { id: string }>()(
    z.strictObject({
      kind: z.enum(SECTION_KINDS),
      title: z.string().trim().min(1, 'Enter a title for the section').max(300),
      afterId: id.optional(),
    }),
    'mutation',
  ),
  'draft.deleteSection': call<DraftWithHistory>()(z.strictObject({ id }), 'mutation'),
  'draft.moveSection': call<DraftWithHistory>()(
    z.strictObject({ id, toIndex: z.number().int().min(0).max(10_000) }),
    'mutation',
  ),
  'draft.addQuestion': call<DraftWithHistory & { id: string }>()(
    z.strictObject({ sectionId: id, type: z.enum(QUESTION_TYPES), afterId: id.optional() }),
    'mutation',
  ),
  'draft.updateQuestion': call<{ question: Question; canUndo: boolean }>()(
    z.strictObject({ id, patch: questionPatch }),
    'mutation',
  ),
  'draft.deleteQuestion': call<DraftWithHistory>()(z.strictObject({ id }), 'mutation'),
  'draft.moveQuestion': call<DraftWithHistory>()(
    z.strictObject({ id, sectionId: id, toIndex: z.number().int().min(0).max(10_000) }),
    'mutation',
  ),
  'draft.updateAboutYou': call<DraftWithHistory>()(
    z.strictObject({ fields: z.array(aboutYouFieldSchema).max(50) }),
    'mutation',
  ),
  'draft.updatePrivacy': call<{ canUndo: boolean }>()(
    z.strictObject({ patch: patchSchema(privacyNoticeSchema) }),
    'mutation',
  ),
  'draft.updateChecker': call<DraftWithHistory>()(
    z.strictObject({ patch: patchSchema(checkerSettingsSchema) }),
    'mutation',
  ),
  'draft.dismissFinding': call<DraftWithHistory>()(
    z.strictObject({
      key: z.string().min(1).max(1000),
      reason: z.string().trim().min(1, 'Give a reason for dismissing this finding').max(2000),
    }),
    'mutation',
  ),
  'draft.restoreFinding': call<DraftWithHistory>()(z.strictObject({ key: z.string().min(1).max(1000) }), 'mutation'),
  'draft.undo': call<DraftWithHistory & { changed: boolean }>()(z.strictObject({}), 'mutation'),
  'draft.redo': call<DraftWithHistory & { changed: boolean }>()(z.strictObject({}), 'mutation'),
  'draft.saveVersion': call<VersionSummary>()(
    z.strictObject({ label: z.string().trim().min(1, 'Give the version a label').max(200) }),
    'mutation',
  ),
  'draft.listVersions': call<VersionSummary[]>()(z.strictObject({}), 'query'),
  'draft.getVersion': call<{ summary: VersionSummary; draft: Draft }>()(
    z.strictObject({ id: z.number().int().min(1) }),
    'query',
  ),
  'draft.compare': call<DraftComparison>()(
    z.strictObject({
      from: z.union([z.number().int().min(1), z.literal('current')]),
      to: z.union([z.number().int().min(1), z.literal('current')]),
    }),
    'query',
  ),
  /** Write the open workspace's draft as JSON. */
  'draft.exportJson': call<{ path: string; bytes: number; sections: number; questions: number }>()(
    z.strictObject({ path: z.string().min(1).max(4096) }),
    'query',
  ),
  /** Read and validate a draft JSON file. */
  'draft.readJson': call<Draft>()(z.strictObject({ path: z.string().min(1).max(4096) }), 'query'),
  'draft.inspect': call<Draft>()(z.strictObject({ path: z.string().min(1).max(4096) }), 'query'),
} as const;
